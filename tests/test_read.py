"""Reading printed lines back into text as the page means it."""
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, strategies as st
from PIL import Image

from extractor.layouts import load_layouts
from extractor.locate import Anchors, Box, Sheet, group_lines
from extractor.ocr import InkMap
from extractor.pages import Page, Word
from extractor.read import (LOST_WORDS_CONFIDENCE, NOTES_BY_PARAGRAPH_CONFIDENCE, _footnote_number, _notes_by_paragraph, _notes_confidence,
                            _paragraphs_of_print, _read_footnotes, _read_owners, _read_signatures,
                            _without_lines_of_marks, join_lines)


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
    ("LL.", True, 11, ""),  # tsla's photo
])
def test_a_footnote_number_as_ocr_may_read_it(text, fuzzy, number, rest):
    assert _footnote_number(text, fuzzy) == (number, rest)


def test_a_line_of_marks_in_a_box_is_no_text_of_it():
    """cao's photo: what is left of the rule under the city ("-", a point high) is no line of it."""
    words = [Word("PHOENIX", 39.6, 217.4, 75.1, 223.7, 6.24), Word("-", 38.4, 233.0, 40.3, 234.0, 0.96),
             Word("Fund,", 39.6, 240.0, 60.0, 246.0, 6.0), Word("-", 62.0, 242.0, 65.0, 243.0, 6.0),
             Word("&", 39.6, 252.0, 44.0, 258.0, 6.0)]  # air's officer title: "CAO" / "&" / "Secretary"
    assert [w.text for w in _without_lines_of_marks(words)] == ["PHOENIX", "Fund,", "-", "&"]



# The last three signatures of betr's Form 4 as Tesseract read them from a 150-dpi photo (text,
# x0, top, x1, bottom, confidence): the middle one's label was read "oF eee neon".
BETR_SIGNATURES_PHOTO = [
    ('Yuko', 368.9, 208.8, 386.4, 219.8, 0.96),
    ('Yamamoto,', 391.0, 208.8, 426.0, 219.8, 0.94),
    ('Head', 429.6, 208.8, 444.5, 219.8, 0.94),
    ('of', 447.8, 208.8, 456.5, 219.8, 0.96),
    ('03/07/2025', 479.3, 210.0, 517.2, 217.4, 0.95),
    ('Corporate', 369.8, 219.8, 464.4, 228.0, 0.96),
    ('Legal', 405.6, 218.9, 423.4, 229.9, 0.96),
    ('Department', 426.7, 219.8, 464.4, 228.0, 0.96),
    ('"*', 370.3, 231.8, 374.9, 234.2, 0.69),
    ('Signature', 377.0, 231.8, 403.2, 238.1, 0.96),
    ('of', 405.1, 231.6, 410.4, 236.6, 0.96),
    ('Reporting', 412.6, 231.6, 439.2, 237.8, 0.96),
    ('Person', 441.4, 231.8, 461.3, 236.6, 0.96),
    ('Date', 479.8, 231.8, 493.0, 236.6, 0.95),
    ('SB', 368.9, 241.0, 378.2, 253.2, 0.93),
    ('Global', 382.1, 241.0, 403.7, 253.2, 0.93),
    ('Advisers', 369.8, 241.9, 476.9, 249.8, 0.96),
    ('Limited,', 438.2, 241.0, 464.9, 253.2, 0.95),
    ('By,', 467.8, 241.0, 477.1, 253.2, 0.89),
    ('ts/', 368.6, 251.0, 382.6, 262.1, 0.41),
    ('Stephen', 384.2, 251.0, 410.2, 262.1, 0.68),
    ('Lam,', 413.5, 251.0, 428.6, 262.1, 0.96),
    ('General', 432.0, 251.0, 457.9, 262.1, 0.96),
    ('03/07/2025', 479.3, 252.2, 517.2, 259.7, 0.95),
    ('Date', 479.8, 274.1, 493.2, 278.9, 0.96),
    ('oF', 406.3, 272.9, 409.9, 286.1, 0.24),
    ('eee', 413.0, 272.9, 438.5, 286.1, 0.19),
    ('neon', 445.9, 272.9, 461.5, 286.1, 0.29),
    ('SoftBank', 369.8, 283.7, 474.0, 291.6, 0.91),
    ('Vision', 403.4, 282.7, 424.1, 295.0, 0.96),
    ('Fund', 427.9, 282.7, 441.4, 295.0, 0.96),
    ('11-2', 444.2, 282.7, 457.7, 295.0, 0.40),
    ('L.P,', 460.6, 282.7, 475.0, 295.0, 0.81),
    ('By', 369.8, 293.8, 395.9, 301.9, 0.21),
    (':/s/', 408.9, 293.8, 461.0, 301.9, 0.21),
    ('SB', 397.2, 292.8, 404.9, 303.8, 0.96),
    ('Global', 408.2, 292.8, 429.6, 303.8, 0.96),
    ('Advisers', 433.2, 293.8, 461.0, 301.9, 0.96),
    ('03/07/2025', 479.3, 299.3, 517.2, 306.7, 0.71),
    ('Limited,', 369.8, 303.8, 466.8, 312.0, 0.95),
    ('its', 400.1, 302.9, 409.4, 313.9, 0.96),
    ('Manager,', 413.0, 303.8, 441.6, 312.0, 0.92),
    ('By', 444.2, 302.9, 450.9, 313.9, 0.46),
    (':/s/', 454.2, 302.9, 467.5, 313.9, 0.46),
    ('Stephen', 369.8, 313.9, 472.6, 322.1, 0.96),
    ('Lam,', 399.1, 312.7, 415.0, 323.8, 0.17),
    ('General', 417.6, 313.9, 443.5, 322.1, 0.17),
    ('Counsel', 446.9, 312.7, 473.0, 323.8, 0.95),
    ('"*', 370.3, 326.6, 374.6, 328.8, 0.41),
    ('Signature', 376.8, 326.2, 403.4, 332.6, 0.96),
    ('of', 405.1, 326.2, 410.2, 331.2, 0.96),
    ('Reporting', 412.6, 326.2, 439.2, 332.4, 0.95),
    ('Person', 441.4, 326.4, 461.3, 331.4, 0.96),
    ('Date', 479.5, 326.4, 493.2, 331.2, 0.96),
    ('Counsel', 369.8, 262.3, 397.2, 269.3, 0.96),
]


def test_a_signature_label_ocr_garbled_is_where_its_date_label_stands():
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    page = Page(1, 612.0, 792.0, [Word(t, x0, top, x1, bottom, bottom - top, confidence=c)
                                  for t, x0, top, x1, bottom, c in BETR_SIGNATURES_PHOTO], method="ocr")
    _, signatures = _read_signatures(Anchors(Sheet.stack([page]), form4), form4)
    assert [s["date"].text for s in signatures] == ["03/07/2025"] * 3
    assert [s["name"].text.split()[0] for s in signatures] == ["Yuko", "SB", "SoftBank"]


# An owner block of mchx's fax after its tables (text, x0, top, x1, bottom, confidence): its "(Zip)" read "(2p)".
MCHX_OWNER_FAX = [
    ("1.", 68.2, 101.7, 72.0, 106.0, 0.8), ("Name", 74.4, 100.5, 90.5, 106.2, 0.95), ("and", 93.1, 101.7, 103.2, 106.0, 0.96),
    ("Address", 104.9, 101.4, 127.7, 106.2, 0.96), ("of", 130.1, 101.4, 135.1, 106.2, 0.96),
    ("Reporting", 137.0, 101.4, 163.9, 107.4, 0.95), ("Person'", 166.6, 100.0, 188.4, 106.2, 0.94),
    ("EDENBROOK", 69.4, 111.3, 123.7, 119.7, 0.91), ("LONG", 129.8, 111.3, 154.0, 119.7, 0.94),
    ("ONLY", 160.0, 111.3, 184.2, 119.7, 0.94), ("VALUE", 190.2, 111.3, 220.4, 119.7, 0.96),
    ("FUND,", 226.5, 111.3, 256.7, 119.7, 0.85), ("(Last)", 69.6, 137.2, 85.2, 143.0, 0.96),
    ("(First)", 139.7, 137.0, 155.5, 143.0, 0.59), ("(Middle)", 209.5, 137.0, 231.8, 143.0, 0.96),
    ("116", 70.3, 148.7, 80.9, 154.5, 0.86), ("RADIO", 83.5, 147.0, 109.0, 154.5, 0.95),
    ("CIRCLE", 111.6, 148.5, 140.6, 154.5, 0.95), ("SUITE", 70.1, 161.2, 92.4, 167.7, 0.95),
    ("202", 95.3, 161.2, 106.6, 167.0, 0.95), ("(Street)", 67.9, 184.0, 88.6, 190.0, 0.96),
    ("MOUNT", 69.8, 193.6, 99.4, 199.6, 0.92), ("K1SCO", 101.5, 193.6, 125.8, 199.4, 0.54),
    ("NY", 139.7, 193.8, 150.7, 199.4, 0.95), ("10549", 209.8, 193.6, 229.4, 199.6, 0.96),
    ("(City)", 69.8, 217.1, 84.2, 227.9, 0.95), ("(State)", 139.7, 218.1, 157.9, 224.1, 0.96),
    ("(2p)", 209.5, 218.1, 222.0, 224.1, 0.18),
]


def _owners_read(words: list[tuple[str, float, float, float, float, float]]) -> list[dict]:
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    page = Page(1, 612.0, 792.0, [Word(t, x0, top, x1, bottom, bottom - top, confidence=c)
                                  for t, x0, top, x1, bottom, c in words], method="ocr")
    return _read_owners(Anchors(Sheet.stack([page]), form4), form4)


def test_an_owners_state_and_zip_are_read_where_ocr_lost_the_zip_label():
    """mchx's fax read "(Zip)" as "(2p)": the state's region ended at that label and the zip's
    began there, and neither was read. The state under "(State)" is two letters, well clear of the
    zip; the line of "(City)" and "(State)" says where the address's last line ends."""
    [owner] = _owners_read(MCHX_OWNER_FAX)
    assert (owner["state"].text, owner["zip_code"].text) == ("NY", "10549")
    assert owner["city"].text == "MOUNT K1SCO"


# evbn's owner from a photo: its "(Street)" read as "secant", as tall as two lines.
EVBN_OWNER_PHOTO = [
    ("1.", 57.8, 144.5, 62.2, 149.5, 0.62), ("Name", 64.8, 144.5, 82.6, 149.5, 0.93), ("and", 84.7, 144.2, 96.0, 149.5, 0.96),
    ("Address", 97.7, 144.5, 121.7, 149.5, 0.95), ("of", 123.8, 144.2, 129.4, 149.5, 0.96),
    ("Reporting", 131.5, 144.2, 160.3, 150.7, 0.96), ('Person"', 162.7, 142.6, 186.0, 149.5, 0.66),
    ("SULLIVAN", 58.6, 153.8, 111.8, 168.0, 0.95), ("NORA", 117.4, 153.8, 143.8, 168.0, 0.78),
    ("B", 146.9, 153.8, 155.5, 168.0, 0.78), ("(Last)", 60.0, 182.2, 76.8, 188.9, 0.96),
    ("(First)", 120.5, 182.2, 137.8, 188.6, 0.95), ("(Middle)", 181.4, 182.2, 205.4, 188.6, 0.89),
    ("6460", 60.0, 194.4, 77.0, 201.1, 0.96), ("MAIN", 79.9, 194.6, 102.2, 200.9, 0.95),
    ("STREET", 105.1, 194.6, 136.8, 200.9, 0.96), ("secant", 56.6, 212.2, 79.7, 228.5, 0.21),
    ("WILLIAMSVILLE", 60.0, 231.6, 128.2, 237.8, 0.95), ("NY", 131.8, 231.6, 143.5, 237.8, 0.95),
    ("14221", 187.0, 231.6, 207.1, 237.8, 0.96), ("(City)", 60.0, 257.5, 75.4, 264.2, 0.92),
    ("(State)", 120.5, 257.5, 140.4, 264.0, 0.96), ("(Zip)", 181.4, 257.5, 194.6, 264.0, 0.96),
]
# guts's box 1 from a photo: "1. Name and" read "+ Nome ac".
GUTS_BOX1_PHOTO = [
    ("+", 46.3, 178.6, 50.6, 183.4, 0.53), ("Nome", 52.3, 176.2, 70.3, 190.6, 0.39), ("ac", 71.5, 178.6, 81.8, 189.6, 0.62),
    ("Address", 83.3, 178.6, 106.1, 183.6, 0.96), ("of", 108.2, 178.6, 113.3, 183.4, 0.96),
    ("Reporting", 115.7, 178.6, 142.3, 184.6, 0.96), ('Person"', 144.5, 177.1, 166.3, 183.4, 0.68),
    ("Mithril", 47.5, 187.9, 91.2, 196.8, 0.96), ("LP", 82.3, 187.0, 91.9, 200.9, 0.96),
    ("(Last)", 47.8, 214.1, 63.6, 220.1, 0.95), ("(First)", 109.0, 214.1, 125.0, 220.1, 0.96),
    ("(Middle)", 169.7, 214.1, 192.7, 220.1, 0.65), ("C/O", 48.0, 225.4, 61.2, 231.4, 0.92),
    ("MITHRIL", 64.1, 225.4, 97.2, 231.4, 0.92), ("CAPITAL", 99.8, 225.4, 133.0, 231.4, 0.95),
    ("MANAGEMENT", 135.6, 225.4, 194.4, 231.4, 0.96), ("LLC", 196.6, 225.4, 211.4, 231.4, 0.96),
    ("111", 48.7, 238.6, 58.8, 244.3, 0.95), ("CONGRESS", 61.9, 238.3, 103.9, 244.3, 0.95),
    ("AVENUE,", 106.1, 238.3, 140.2, 245.0, 0.85), ("SUITE", 143.0, 238.6, 165.4, 244.3, 0.95),
    ("500", 167.5, 238.3, 180.0, 244.3, 0.96), ("(Street)", 46.1, 260.6, 67.0, 266.4, 0.95),
]


def test_an_owners_address_is_read_where_ocr_lost_the_street_label():
    """evbn's photo lost "(Street)", which ends the street's region and starts the city's: the
    address was not read at all. The line of "(City)" places it, by estimate: no surer than a
    guess (a city wrapped over two lines would reach above it)."""
    [owner] = _owners_read(EVBN_OWNER_PHOTO)
    assert owner["street1"].text == "6460 MAIN STREET"
    assert (owner["city"].text, owner["state"].text, owner["zip_code"].text) == ("WILLIAMSVILLE", "NY", "14221")
    assert owner["city"].confidence == LOST_WORDS_CONFIDENCE and owner["name"].confidence > LOST_WORDS_CONFIDENCE


def test_box_1_is_found_where_ocr_garbled_its_number_and_a_short_word():
    """guts's photo read "1. Name and" as "+ Nome ac": the first owner was lost, and every owner
    after it took the place of the one before."""
    [owner] = _owners_read(GUTS_BOX1_PHOTO)
    assert (owner["name"].text, owner["street1"].text) == ("Mithril LP", "C/O MITHRIL CAPITAL MANAGEMENT LLC")


def test_a_note_whose_number_ocr_lost_does_not_take_the_notes_after_it():
    """A photo's note 2 lost its number to OCR: note 3, its number alone at the notes' margin,
    still starts a note (before, every later note ran into note 1)."""
    lines = [[("1.", 41.5), ("The", 53.0), ("price.", 70.0)], [("The", 41.5), ("trust.", 60.0)],
             [("3.", 41.6), ("The", 53.0), ("price.", 70.0)], [("4,", 41.4), ("The", 53.0), ("range.", 70.0)]]
    words = [Word(text, x0, 100.0 + 10 * i, x0 + 10, 106.0 + 10 * i, 6.0, confidence=0.95)
             for i, line in enumerate(lines) for text, x0 in line]
    sheet = Sheet.stack([Page(1, 612.0, 792.0, words, method="ocr")])
    assert _read_footnotes(group_lines(words), sheet) == [("F1", "The price. The trust."), ("F3", "The price."),
                                                          ("F4", "The range.")]


def test_a_note_whose_number_a_fax_garbled_past_reading_starts_where_its_text_does():
    """pltr's fax read its notes' numbers "L", "»", ">", "G.": each before a word standing where a
    note's text starts after its number, after a paragraph's room (8 points a line, 11 to 13
    between notes). A line of the note going on starts at the margin, with a word ("of the ...");
    a line read as specks ("t hi") comes without the room."""
    lines = [(180, [("L", 45.0), ("These", 51.0), ("shares", 71.0)]), (188, [("of", 44.5), ("the", 55.0), ("issuer.", 65.0)]),
             (200, [("»", 46.0), ("These", 53.0), ("shares", 71.0)]), (208, [("t", 46.0), ("hi", 49.0), ("by", 60.0)]),
             (216, [("held", 44.5), ("by", 60.0)]), (229, [("4.", 44.8), ("These", 53.0), ("units", 71.0)])]
    words = [Word(text, x0, top, x0 + 3, top + 5, 5.0, confidence=0.9) for top, line in lines for text, x0 in line]
    sheet = Sheet.stack([Page(1, 612.0, 792.0, words, method="ocr")])
    assert _read_footnotes(group_lines(words), sheet) == [("F1", "These shares of the issuer."),
                                                          ("F2", "These shares t hi by held by"), ("F4", "These units")]


def test_notes_none_of_whose_numbers_ocr_found_are_note_1():
    """aci's light fax: the one note's "1." was too faint to read or see, and the record had no
    note at all (its id and every reference to it wrong). The section holds notes only, so its
    print is note 1; from a text layer, print without a number is no note."""
    lines = [[("t", 76.3), ("4", 80.0), ("V's", 85.0), ("SE", 95.0)], [("Abe", 68.6), ("as", 80.0), ("Is", 90.0)]]
    for method, notes in (("ocr", [("F1", "t 4 V's SE Abe as Is")]), ("text", [])):
        words = [Word(text, x0, 607.0 + 9 * i, x0 + 8, 612.0 + 9 * i, 4.8, confidence=0.3)
                 for i, line in enumerate(lines) for text, x0 in line]
        sheet = Sheet.stack([Page(1, 612.0, 792.0, words, method=method)])
        assert _read_footnotes(group_lines(words), sheet) == notes


@given(st.lists(st.integers(min_value=2, max_value=5), min_size=2, max_size=25), st.floats(6.0, 9.0),
       st.floats(0.33, 0.5), st.data())
def test_paragraphs_are_told_by_the_room_between_them(lines_per_paragraph, step, extra_share, data):
    """Lines of print (where each ends below and right) of paragraphs a line step apart within,
    and a step and a third of one or more between (EDGAR's notes: 2.7 points more than 7.4); a
    faint line inside a long paragraph may be lost, and where each line ends below wavers."""
    lines, bottom = [], 100.0
    for count in lines_per_paragraph:
        lost = data.draw(st.integers(1, count - 2)) if count >= 4 and data.draw(st.booleans()) else None
        for k in range(count):
            if k != lost:
                jitter = data.draw(st.floats(-0.3, 0.3))
                lines.append((bottom + jitter, 300.0 if k == count - 1 else 560.0, 1))
            bottom += step
        bottom += extra_share * step
    paragraphs = _paragraphs_of_print(lines)
    assert paragraphs is not None and len(paragraphs) == len(lines_per_paragraph)


@given(st.lists(st.floats(0.5, 40.0), min_size=2, max_size=30))
def test_any_steps_between_lines_give_paragraphs_or_none(steps):
    """A test page's header, read as lines of a notes section: steps of any size."""
    bottoms = [100.0 + sum(steps[:k]) for k in range(len(steps) + 1)]
    paragraphs = _paragraphs_of_print([(bottom, 500.0, 1) for bottom in bottoms])
    assert paragraphs is None or 1 <= len(paragraphs) <= len(bottoms)


def test_a_paragraph_runs_on_over_a_page_break_where_its_last_line_runs_to_the_right_edge():
    """Notes A and B on page 1, C and D on page 2: C goes on with B where B's last line is full."""
    for last_right, count in ((560.0, 3), (200.0, 4)):
        page_1 = [(100.0, 560.0, 1), (107.4, 300.0, 1), (117.5, 560.0, 1), (124.9, last_right, 1)]
        page_2 = [(900.0, 560.0, 2), (907.4, 200.0, 2), (917.5, 560.0, 2), (924.9, 200.0, 2)]
        assert len(_paragraphs_of_print(page_1 + page_2)) == count


FAINT_NOTES = Path(__file__).parent / "data" / "cells" / "fax-faint-notes.png"  # tsla's fax at 300 dpi


def faint_notes_lines() -> tuple[InkMap, list[tuple[float, float]], float, float]:
    """The ink of tsla's faint notes (cut from its fax, enlarged to 300 dpi), its lines of print,
    and its width and height in points."""
    ink = InkMap(np.asarray(Image.open(FAINT_NOTES).convert("L")) < 128, 72 / 300)
    width, height = ink.ink.shape[1] * ink.points_per_pixel, ink.ink.shape[0] * ink.points_per_pixel
    return ink, ink.print_lines(0.0, 0.0, width, height), width, height


def faint_notes_page(words: list[tuple[str, int]], scanned_dpi: float) -> tuple[Sheet, list[tuple[float, float]]]:
    """The faint notes as a page of its own, with OCR words (text, paragraph: each set at the left
    of its paragraph's first line), and the paragraphs of its print."""
    ink, lines, width, height = faint_notes_lines()
    paragraphs = _paragraphs_of_print([(bottom, right, 1) for bottom, right in lines])
    placed = [Word(text, 60.0 + 40 * k, paragraphs[p][0] + 1, 95.0 + 40 * k, paragraphs[p][0] + 6, 5.0, confidence=0.9)
              for k, (text, p) in enumerate(words)]
    page = Page(1, width, height, placed, method="ocr", ink=ink, scanned_dpi=scanned_dpi)
    return Sheet.stack([page]), paragraphs


def test_notes_ocr_lost_on_a_faint_page_are_its_paragraphs():
    """OCR read notes 1 and 2 and specks after them ("ii", "a"): the notes are the page's 8
    paragraphs, each with the words read in it. Where a note OCR found is not in the paragraph of
    its number, or the page was scanned fine, the notes stay as OCR found them."""
    read = [("1.", 0), ("The", 0), ("price.", 0), ("2.", 1), ("The", 1), ("trust.", 1), ("ii", 4), ("a", 6)]
    sheet, paragraphs = faint_notes_page(read, scanned_dpi=200.0)
    box = Box(0.0, 0.0, sheet.width, sheet.height)
    lines = group_lines(sheet.words)
    notes = _read_footnotes(lines, sheet)
    assert notes == [("F1", "The price."), ("F2", "The trust. ii a")]
    assert _notes_by_paragraph(lines, sheet, box, notes) == [
        ("F1", "The price."), ("F2", "The trust."), ("F3", ""), ("F4", ""), ("F5", "ii"), ("F6", ""), ("F7", "a"),
        ("F8", "")]
    misplaced = [("1.", 0), ("The", 0), ("2.", 2), ("The", 2), ("3.", 3), ("The", 3)]
    sheet, _ = faint_notes_page(misplaced, scanned_dpi=200.0)
    notes = _read_footnotes(group_lines(sheet.words), sheet)
    assert _notes_by_paragraph(group_lines(sheet.words), sheet, box, notes) == notes
    sheet, _ = faint_notes_page(read, scanned_dpi=300.0)
    notes = _read_footnotes(group_lines(sheet.words), sheet)
    assert _notes_by_paragraph(group_lines(sheet.words), sheet, box, notes) == notes
    # aasp's photo: the section took in the table's header, read surely and with no number
    header = [("1.", 0), ("The", 0), ("Exercisable", 2), ("Date", 2), ("Title", 2)]
    sheet, _ = faint_notes_page(header, scanned_dpi=150.0)
    notes = _read_footnotes(group_lines(sheet.words), sheet)
    assert _notes_by_paragraph(group_lines(sheet.words), sheet, box, notes) == notes


def test_notes_told_by_paragraph_are_no_surer_than_a_guess():
    """hpq's fax: OCR read no word of the notes, whose 4 paragraphs made 4 notes with no text:
    they were reported sure (1.0, the least sure of no words)."""
    sure_line = [[Word("The", 10, 10, 20, 15, 5.0, confidence=0.96)]]
    assert _notes_confidence([], by_paragraph=True) == 0.0
    assert _notes_confidence(sure_line, by_paragraph=True) == NOTES_BY_PARAGRAPH_CONFIDENCE
    assert _notes_confidence(sure_line, by_paragraph=False) == 0.96


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_specks_alone_are_no_lines_of_print():
    """fele's fax: a notes section with specks in it and no print."""
    specks = np.zeros((200, 400), dtype=bool)
    specks[50:52, 100:102] = specks[120:122, 300:302] = True
    assert InkMap(specks, 72 / 300).print_lines(0.0, 0.0, 96.0, 48.0) == []


def test_a_faint_fax_pages_notes_are_its_paragraphs_of_print():
    """tsla's fax: a page of 28 notes so faint OCR read them as specks, and found 3 notes of 30.
    Here its notes 3 to 10, three lines each, some lost to the fax."""
    _, lines, _, _ = faint_notes_lines()
    assert len(lines) >= 20
    assert len(_paragraphs_of_print([(bottom, right, 1) for bottom, right in lines])) == 8
