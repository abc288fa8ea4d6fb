"""Reading printed lines back into text as the page means it."""
import pytest
from hypothesis import given, strategies as st

from extractor.pages import Word
from extractor.read import _footnote_number, _without_lines_of_marks, join_lines


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


@pytest.mark.parametrize("text, fuzzy, number, rest", [
    ("2.", False, 2, ""), ("(12)", False, 12, ""), ("2,", False, None, ""), ("Z.", False, None, ""),
    ("2,", True, 2, ""), ("Z.", True, 2, ""), ("l.", True, 1, ""), ("1O.", True, 10, ""), ("The", True, None, ""),
    ("2", True, 2, ""), ("2", False, None, ""), ("S", True, None, ""), ("1.N/A", True, 1, "N/A"), ("1.N/A", False, None, ""), ("1.5%", True, None, ""),
])
def test_a_footnote_number_as_ocr_may_read_it(text, fuzzy, number, rest):
    assert _footnote_number(text, fuzzy) == (number, rest)


def test_a_line_of_marks_in_a_box_is_no_text_of_it():
    """cao's photo: what is left of the rule under the city ("-", a point high) is no line of it."""
    words = [Word("PHOENIX", 39.6, 217.4, 75.1, 223.7, 6.24), Word("-", 38.4, 233.0, 40.3, 234.0, 0.96),
             Word("Fund,", 39.6, 240.0, 60.0, 246.0, 6.0), Word("-", 62.0, 242.0, 65.0, 243.0, 6.0),
             Word("&", 39.6, 252.0, 44.0, 258.0, 6.0)]  # air's officer title: "CAO" / "&" / "Secretary"
    assert [w.text for w in _without_lines_of_marks(words)] == ["PHOENIX", "Fund,", "-", "&"]
