"""Reading printed lines back into text as the page means it."""
import pytest
from hypothesis import given, strategies as st

from extractor.read import join_lines


@pytest.mark.parametrize("lines, text", [
    (["Keith R. Dolliver, Attorney-in-", "fact for Teri L. List-Stoll"],
     "Keith R. Dolliver, Attorney-in-fact for Teri L. List-Stoll"),
    (["into the Issuer?", "s Class A Common Stock"], "into the Issuer?s Class A Common Stock"),
    (["Is it vested?", "No."], "Is it vested? No."),
    (["By: /s/", "James R. Todd"], "By: /s/ James R. Todd"),
    (["SAN", "MATEO"], "SAN MATEO"),
    ([], ""),
])
def test_lines_join_as_the_browser_broke_them(lines, text):
    assert join_lines(lines) == text


@given(st.lists(st.text(alphabet="abcXYZ 123.,", min_size=1).map(str.strip).filter(bool), max_size=6))
def test_lines_without_breaks_inside_words_join_with_one_space(lines):
    assert join_lines(lines) == " ".join(lines)
