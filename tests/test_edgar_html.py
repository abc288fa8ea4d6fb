"""tools/edgar_html.py prints a record the way EDGAR's own page does (no browser needed)."""
from __future__ import annotations

import copy
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extractor.edgar_xml import read_ownership_xml
from tools.edgar_html import Unprintable, format_date, format_number, render_html

DATA = Path(__file__).resolve().parent / "data"
SEED_TRUTH = DATA / "seed" / "sonus-dillon-2013-03-11.truth.json"
SAMPLES = Path(__file__).resolve().parents[1] / "sample_pdfs"
# Corpus filings whose real EDGAR page and XML are both present.
PAIRED = ("scwo_2025-04-30_hae8d35122e", "snow_2020-09-15_h3d7f611304",
          "snow_2022-01-31_haf25677f28")


class _Words(HTMLParser):
    """Visible words of a page, with each link's href as a word of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title", "noscript"):
            self._hidden += 1
        if tag == "a":
            self.words.append(f"href={dict(attrs).get('href')}")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "noscript"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.words.extend(data.split())


def words(html: str) -> list[str]:
    parser = _Words()
    parser.feed(html)
    return parser.words


def sample_record(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("value, text", [
    (757756, "757,756"), (5381.2, "5,381.2"), (134018.0, "134,018"), (0, "0"),
    (0.33, "0.33"), (102.0764, "102.0764"), (1e16, "10,000,000,000,000,000"), (1e-06, "0.000001"),
])
def test_numbers_keep_exactly_the_record_decimals(value, text):
    assert format_number(value) == text


def test_dates_are_month_day_year():
    assert format_date("2013-03-11") == "03/11/2013"
    assert format_date("1999-04") == "04/1999"


@pytest.mark.parametrize("name", PAIRED)
def test_page_reads_like_edgars_own(name):
    edgar = (DATA / "edgar_html" / f"{name}.html").read_text(encoding="utf-8")
    ours = render_html(read_ownership_xml(DATA / "edgar_xml" / f"{name}.xml").to_dict())
    # EDGAR prints "Remarks:" for an empty <remarks/>, which the record holds as null.
    def without_remarks_label(html: str) -> list[str]:
        return [w for w in words(html) if w != "Remarks:"]

    assert without_remarks_label(edgar) == without_remarks_label(ours)


def test_older_rendering_has_neither_box_6_nor_the_10b5_1_box():
    text = " ".join(words(render_html(sample_record("seed-sonus-dillon-2013-03-11"))))
    assert "Individual or Joint/Group Filing" not in text
    assert "Rule 10b5-1(c)" not in text
    assert "Remarks:" in text
    assert "Common Stock 03/11/2013 S 22,000 D $ 2.35 180,706 D" in text


def test_joint_filing_lists_every_owner_after_the_tables():
    record = sample_record("work_2020-01-13_0000899243-20-001255")
    text = words(render_html(record))
    links = [w for w in text if w.startswith("href=")]
    owners = [f"href=/cgi-bin/browse-edgar?action=getcompany&CIK={o['cik']}"
              for o in record["reporting_owners"]]
    assert links == [owners[0], links[1]] + owners  # box 1, the issuer, then the list


def test_footnote_marks_follow_the_value_of_their_cell():
    record = sample_record("scwo_2025-04-30_hae8d35122e")
    html = render_html(record)
    assert ('<span class="FormData">757,756</span><span class="FootnoteData"><sup>(1)</sup></span>'
            in html)


def test_a_value_the_page_cannot_show_is_refused():
    form5 = sample_record("snow_2022-01-31_haf25677f28")
    form5["non_derivative_transactions"][0]["transaction_timeliness"] = "E"  # Form 5 has no V
    with pytest.raises(Unprintable):
        render_html(form5)
    form4 = sample_record("scwo_2025-04-30_hae8d35122e")
    hidden = copy.deepcopy(form4)
    hidden["derivative_transactions"][0]["acquired_disposed"] = None  # (A) or (D) column?
    with pytest.raises(Unprintable):
        render_html(hidden)
