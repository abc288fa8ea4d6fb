"""Reading one scanned cell: its own print cut out of the page, its lines, and its small raised
footnote markers read apart from the value (stage 4b). The cells are cut from scans of sample
pages (tools/scansim.py, clean 300 dpi unless named otherwise) and stored in tests/data/cells."""
from __future__ import annotations

import dataclasses

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, strategies as st
from PIL import Image

from extractor.cleanup import INK_SHARE_OF_PAPER
from extractor.locate import Box, Sheet, _columns, _in_the_header
from extractor.images import PageImage
from extractor.mend import (_read_already, _spaces_inside, as_separate_words, mend_words, with_line_end_periods,
                            with_roman_numerals_counted)
from extractor.ocr import (MARKER_CONFIDENCE, CellImage, Glyphs, InkMap, _without_stray_marks, cell_image, cell_lines,
                           raised_groups, read_cells)
from extractor.pages import Page, Rule, Word
from extractor.read import LOST_WORDS_CONFIDENCE, Cell
from extractor.reread import (ALLOWED_CHARACTERS, GUESS_CONFIDENCE, Rereading, _better, _CellCutter, _date_of_figures,
                              _differ, _rereading, _spaced_as, _taken_reading_confidence)

CELLS = Path(__file__).parent / "data" / "cells"


def cell(name: str) -> CellImage:
    """A cell's print (its ink told by the clean-up's threshold) and, where stored, its pixels as scanned."""
    gray = np.asarray(Image.open(CELLS / f"{name}.png").convert("L"))
    scanned = CELLS / f"{name}.scanned.png"
    return CellImage(gray, gray < round(255 * INK_SHARE_OF_PAPER),
                     np.asarray(Image.open(scanned).convert("L")) if scanned.exists() else None)


@pytest.mark.parametrize("name, field_type, lines", [
    ("price-with-marker", "number", ["$159.94 (2)"]),
    ("title-with-marker", "text", ["Common Stock (1)"]),
    ("code-s", "code", ["S"]),
    ("code-c-alone", "code", ["C"]),  # a lone glyph: Tesseract reads it only beside others
    ("code-with-two-digit-marker", "code", ["P (10)"]),  # the marker's glyphs outnumber the letter's
    ("marker-after-lower-case-letters", "text", ["Held by", "Spouse (2)"]),  # the brackets are as tall as "S"
    ("direct-indirect-i-alone", "direct_indirect", ["I"]),
    ("marker-taller-than-x-height", "text", ["See", "footnote (2)", "(3)"]),
    ("marker-alone", "number", ["(1)"]),
    # the last line has no descenders, so it is as small as a line of markers alone (hbb)
    ("marker-after-a-line-without-descenders", "text",
     ["Minor child?", "s trust?s", "proportionate", "LP interests", "in shares", "held by", "Rankin",
      "Associates II,", "L.P. (2)"]),
    ("five-markers-in-a-row", "text", ["See Footnotes (1) (2) (3) (4) (5)"]),
    ("markers-on-lines-of-their-own", "text", ["See", "Footnotes (4)", "(5) (6) (7) (9) (10)", "(11) (12) (13)"]),
    # aapl's 150-dpi photo, enlarged: a marker's brackets blur to its digits' height, its glyphs stand apart
    ("photo-price-with-marker-as-tall-as-its-digits", "number", ["$160.82 (3)"]),
    ("photo-title-with-marker-glyphs-set-apart", "text", ["Common Stock (1)"]),
    # eb's photo: a marker alone whose brackets blur to its digit's height and width, told by place
    ("photo-marker-alone-blurred-to-one-height", "number", ["(4)"]),
])
def test_a_cell_is_read_line_by_line_with_its_markers_apart(name, field_type, lines):
    [(read, confidence)] = read_cells([(cell(name), ALLOWED_CHARACTERS[field_type])])
    assert read == lines
    assert 0.0 < confidence <= 1.0


def test_a_word_underlined_is_kept_as_print_not_taken_for_a_piece_of_a_rule():
    """mchx's photo: EDGAR underlines the issuer's name it links; "MARCHEX INC" and its underline
    are one glyph eight times longer than high, as a piece of a rule is, and the cell cut out of
    box 2 kept only "[ MCHX ]"."""
    gray = np.asarray(Image.open(CELLS / "photo-underlined-issuer-name-region.png").convert("L"))
    ink = gray < round(255 * INK_SHARE_OF_PAPER)
    cut = cell_image(Image.fromarray(gray), Glyphs.of(ink), (77, 50, 553, 124), margin=8, dpi=300)
    [(read, _)] = read_cells([(cut, None)])
    assert len(read) == 1 and read[0].startswith("MARCHEX INC [")


def test_an_underlined_words_underline_is_left_out():
    """alxn's photo: with its underline, "BAKER BROS. ADVISORS LP" read "BAKER ADVISORS BROS. LP"
    at 0.91."""
    gray = np.asarray(Image.open(CELLS / "photo-underlined-owner-name-region.png").convert("L"))
    ink = gray < round(255 * INK_SHARE_OF_PAPER)
    cut = cell_image(Image.fromarray(gray), Glyphs.of(ink), (25, 47, 637, 126), margin=8, dpi=300)
    assert read_cells([(cut, None)])[0][0] == ["BAKER BROS. ADVISORS LP"]


def test_a_marker_tesseract_cannot_read_is_told_by_its_likeness_to_the_reports_markers_drawn():
    """aapl's photo: the "(6)" of "$163.94(6)" is eight pixels high at 150 dpi; its binarised strokes
    break apart, and Tesseract reads it as a bracket. Drawn as "(1)" to "(8)", the numbers of the
    report's notes, it is most like "(6)". Without the notes' numbers it is not read at all."""
    price = cell("photo-price-with-marker-broken-apart")
    [(read, _)] = read_cells([(price, ALLOWED_CHARACTERS["number"])], [str(n) for n in range(1, 9)])
    assert read == ["$163.94 (6)"]
    [(read, confidence)] = read_cells([(price, ALLOWED_CHARACTERS["number"])])
    assert read == ["$163.94)"] and confidence == 0.0


def test_a_two_figure_marker_read_as_one_figure_is_told_by_likeness_among_the_notes_that_hold_it():
    """tsla's photo: the "1" of "(12)" and "(14)" blurs into its bracket, and Tesseract reads "(2)"
    and "(4)"; the report has 30 notes. Drawn, "(12)" and "(14)" are clearly likest; the "(4)" of
    "$876.42(4)" stays "(4)". Where the report has no note of two figures, the reading is kept."""
    cells = [(cell(f"photo-price-with-marker-{name}"), ALLOWED_CHARACTERS["number"])
             for name in ("4", "12-read-2", "14-read-4")]
    read = [lines for lines, _ in read_cells(cells, [str(n) for n in range(1, 31)])]
    assert read == [["$876.42 (4)"], ["$885.03 (12)"], ["$886.8 (14)"]]
    read = [lines for lines, _ in read_cells(cells, [str(n) for n in range(1, 10)])]
    assert read == [["$876.42 (4)"], ["$885.03 (2)"], ["$886.8 (4)"]]


@pytest.mark.parametrize("name, notes, last_line_ends", [
    # eb's photo: "L.P.(6)(7)", the two markers blurred into one; Tesseract read "LP. (07)"
    ("photo-nature-with-a-run-of-markers", 8, "(6) (7)"),
    # abnb's photo: "See Footnotes(1)(2)(3)(4)(5)", read "See Footnotes! '2)3)4%5)"
    ("photo-five-markers-in-a-row", 15, "See Footnotes (1) (2) (3) (4) (5)"),
])
def test_a_run_of_markers_tesseract_cannot_read_is_told_marker_by_marker_by_likeness(name, notes, last_line_ends):
    [(read, _)] = read_cells([(cell(name), None)], [str(n) for n in range(1, notes + 1)])
    assert read[-1].endswith(last_line_ends)
    [(read, _)] = read_cells([(cell(name), None)])
    assert not read[-1].endswith(last_line_ends)


def test_a_run_of_markers_on_a_line_of_its_own_read_as_figures_is_told_by_likeness_where_smaller_than_print():
    """abnb's photo: "See Footnotes(2)" over "(3)(4)(5)(7)", read "(34507)"; the run is 22 pixels
    high, the "I" beside it, read surely, 29. Without print read surely to measure it by, the run
    is left as read."""
    run = (cell("photo-run-of-markers-on-a-line-of-its-own"), None)
    beside = (cell("photo-direct-indirect-i"), ALLOWED_CHARACTERS["direct_indirect"])
    notes = [str(n) for n in range(1, 16)]
    [(read, confidence), _] = read_cells([run, beside], notes)
    assert read == ["See Footnotes (2)", "(3) (4) (5) (7)"] and confidence == MARKER_CONFIDENCE
    [(read, _)] = read_cells([run], notes)
    assert read[-1] != "(3) (4) (5) (7)"


def test_a_price_at_the_foot_of_a_tall_cell_is_a_line_of_its_own_not_one_with_a_rules_remains():
    """hbb's photo: "$0(1)" at the foot of a cell three lines tall, with what is left of a rule at its
    top; taken together as one line, its marker was not raised above it, and it read ")"."""
    price = cell("photo-price-with-marker-in-a-tall-cell-with-specks")
    assert read_cells([(price, ALLOWED_CHARACTERS["number"])], ["1", "2"])[0][0] == ["$0 (1)"]


def test_a_marker_read_as_a_number_no_note_of_the_report_has_is_told_by_likeness_among_those_it_has():
    """hbb's photo: the "(2)" after "Rankin Associates II, L.P." reads "(4)"; hbb's notes are 1 and 2."""
    nature = cell("photo-marker-read-as-a-number-no-note-has")
    [(read, _)] = read_cells([(nature, ALLOWED_CHARACTERS["text"])], ["1", "2"])
    assert read[-1] == "L.P. (2)"
    [(read, _)] = read_cells([(nature, ALLOWED_CHARACTERS["text"])])
    assert read[-1] == "L.P. (4)"


def test_a_marker_alone_tesseract_reads_as_nothing_is_told_by_likeness_where_it_is_smaller_than_print_read_surely():
    """eb's photo: a "(5)" alone under Date Exercisable, 16 pixels high, blurred so that Tesseract
    reads nothing; the codes "A" and "D" beside it, read surely, are 18. Drawn as "(1)" to "(8)" it
    is most like "(5)". With no print read surely to measure it by, it is left unread: a "$0" or
    an "A" alone is as narrow as a marker."""
    marker = (cell("photo-marker-alone-unread"), ALLOWED_CHARACTERS["number"])
    codes = [(cell(name), ALLOWED_CHARACTERS["code"]) for name in ("photo-code-a", "photo-code-d")]
    notes = [str(n) for n in range(1, 9)]
    readings = read_cells([marker, *codes], notes)
    assert [read for read, _ in readings] == [["(5)"], ["A"], ["D"]]
    assert readings[0][1] == MARKER_CONFIDENCE
    assert read_cells([marker], notes) == [([], 0.0)]
    assert read_cells([marker, *codes])[0] == ([], 0.0)


def test_only_a_field_a_note_may_stand_for_is_read_as_a_marker_alone():
    """hbb's photo: a count of 111 shares, blurred, is no taller than the capitals read surely
    beside it make a marker, and as like "(1)" as one; a count is never a note alone (EDGAR's
    schema lets a footnote stand for prices and dates only), so it is no marker there. In a price
    cell the same print is taken for the marker it looks like."""
    count = cell("photo-count-111-as-small-as-a-marker")
    beside = [(cell("photo-code-a"), ALLOWED_CHARACTERS["code"]), (cell("photo-code-d"), ALLOWED_CHARACTERS["code"]),
              (cell("photo-direct-indirect-i"), ALLOWED_CHARACTERS["direct_indirect"])]
    as_count = read_cells([(count, ALLOWED_CHARACTERS["share_count"]), *beside], ["1", "2"], [False] * 4)
    assert as_count[0][0] != ["(1)"] and [read for read, _ in as_count[1:]] == [["A"], ["D"], ["I"]]
    as_price = read_cells([(count, ALLOWED_CHARACTERS["number"]), *beside], ["1", "2"], [True, False, False, False])
    assert as_price[0] == (["(1)"], MARKER_CONFIDENCE)


def test_a_marker_read_where_the_print_beside_it_was_read_as_nothing_is_no_surer_than_nothing():
    """wina's fax: an exercise date "06/01/2014(1)" too faint to read but for its marker was
    reported as a marker alone (no date) at 0.9; a marker alone in its cell keeps that."""
    [(read, confidence)] = read_cells([(cell("fax-date-lost-beside-its-marker"), ALLOWED_CHARACTERS["date"])])
    assert read == ["(1)"] and confidence == 0.0
    [(read, confidence)] = read_cells([(cell("marker-alone"), ALLOWED_CHARACTERS["number"])])
    assert read == ["(1)"] and confidence == MARKER_CONFIDENCE


def test_narrow_figures_alone_in_a_cell_are_no_marker():
    """hbb's photo: "111" alone, a narrow glyph first and last as a marker's brackets are."""
    [(read, _)] = read_cells([(cell("photo-count-of-narrow-figures"), ALLOWED_CHARACTERS["share_count"])])
    assert not any("(" in line for line in read)


def mended(name: str, words: list[Word]) -> list[Word]:
    """The words of a page that is the cell's image, read so, mended from its print."""
    image = cell(name)
    page = Page(1, image.gray.shape[1] * 72 / 300, image.gray.shape[0] * 72 / 300, words, method="ocr",
                ink=InkMap(image.ink, 72 / 300), image=PageImage(1, Image.fromarray(image.gray), 300.0))
    return mend_words(page).words


def test_print_the_page_reading_passed_over_is_read_where_it_stands():
    """An underlined date alone at the right of a signature (photo of algm's page, 300 dpi after
    enlarging): Tesseract's page segmentation passes over it."""
    page = cell("date-standing-alone")
    found = mended("date-standing-alone", [])
    [date] = [w for w in found if w.text == "10/29/2020"]
    rows, columns = np.nonzero(page.ink[page.ink.shape[0] // 3:])  # below the name's last line
    assert date.x0 == pytest.approx(columns.min() * 72 / 300, abs=1)
    assert date.x1 == pytest.approx(columns.max() * 72 / 300, abs=1)
    assert date.page == 1 and date.confidence >= 0.5
    assert [w.text for w in mended("date-standing-alone", [date])].count("10/29/2020") == 1


def test_print_the_page_reading_passed_over_keeps_each_word_s_own_confidence():
    """afrm's signature on a 150-dpi photo (enlarged to 300 dpi): the page's reading passed over
    its underlined first line. Read alone, its "/s/" is unsure (Tesseract: "{s/", confidence 0)
    and the other words are sure: the line is kept, each word with its own confidence (the line's
    least sure word had made it all noise, leaving "Fact" alone as the signature)."""
    found = mended("signature-read-unsure-of-its-first-word", [])
    assert [w.text for w in found][:3] == ["/s/", "Josh", "Samples,"]
    assert found[0].confidence < 0.5 <= found[1].confidence
    assert found[-1].text == "Fact"


def test_print_cut_out_of_a_photo_is_read_on_white_paper():
    """sq's signature on a 150-dpi photo: the page's reading passed over "/s/ Susan Szotek,
    Attorney-in-"; cut out with the photo's grainy paper around it and set on a white strip,
    Tesseract took it for a picture and read nothing."""
    found = [w.text for w in mended("photo-signature-line-on-grainy-paper", [])]
    assert found[:3] == ["/s/", "Susan", "Szotek,"]


def test_the_period_ending_a_line_that_tesseract_left_off_is_put_back():
    """nrix's footnote: "...for the economic benefit of the Funds." read as "Funds"; "LP", ending
    the line above, has no period."""
    page = cell("line-ending-in-a-period")
    read = [("Ponoi", 2.2, 3.0, 19.3, 8.0), ("II", 21.7, 3.0, 26.2, 8.0), ("LP", 28.6, 3.0, 36.8, 8.0),
            ("of", 16.4, 11.1, 22.4, 16.4), ("the", 24.6, 11.4, 33.2, 16.4), ("Funds", 35.6, 11.4, 53.6, 16.4)]
    words = [Word(text, x0, top, x1, bottom, 5.0) for text, x0, top, x1, bottom in read]
    mended = with_line_end_periods(words, page.ink, 300.0)
    assert [w.text for w in mended] == ["Ponoi", "II", "LP", "of", "the", "Funds."]
    assert [(w.x0, w.x1) for w in mended] == [(w.x0, w.x1) for w in words]


def test_a_serif_roman_numeral_is_spelt_by_its_strokes():
    """cor's "Carlyle Realty III, L.P." (ink of the 300-dpi scan, underline taken out) read
    "Realty HI,"; an "H", whose bar joins its strokes, stays an "H"."""
    ink = np.asarray(Image.open(CELLS / "serif-roman-numeral-ink.png").convert("L")) < 128
    read = [("Carlyle", 3.1, 4.0, 32.2, 13.1), ("Realty", 35.5, 4.0, 61.9, 13.1), ("HI,", 65.0, 4.2, 76.6, 12.4),
            ("L.P.", 80.2, 4.2, 95.3, 11.2)]
    words = [Word(text, x0, top, x1, bottom, 8.6) for text, x0, top, x1, bottom in read]
    assert [w.text for w in with_roman_numerals_counted(words, ink, 300.0)] == ["Carlyle", "Realty", "III,", "L.P."]
    letter_h = np.zeros((30, 24), bool)
    letter_h[:, 2:5] = letter_h[:, 19:22] = letter_h[14:16, 2:22] = True  # two strokes, the bar halfway
    [word] = with_roman_numerals_counted([Word("HI", 0, 0, 24 * 72 / 300, 30 * 72 / 300, 7.2)], letter_h, 300.0)
    assert word.text == "HI"


def test_a_page_word_that_tidy_parted_becomes_two_words():
    """"Class ACommon Stock": the label finder and the cells see "A" and "Common" apart."""
    [letter, common] = as_separate_words([Word("A Common", 100.0, 50.0, 132.0, 58.0, 8.0)])
    assert (letter.text, common.text) == ("A", "Common")
    assert letter.x0 == 100.0 and common.x1 == 132.0 and letter.x1 < common.x0


def test_all_cells_are_read_together_in_order():
    names = ["price-with-marker", "code-s", "title-with-marker"]
    types = ["number", "code", "text"]
    readings = read_cells([(cell(n), ALLOWED_CHARACTERS[t]) for n, t in zip(names, types)])
    assert [lines for lines, _ in readings] == [["$159.94 (2)"], ["S"], ["Common Stock (1)"]]


def test_raised_markers_are_found_where_they_stand():
    price = cell("price-with-marker")
    [(top, bottom)] = cell_lines(price.ink)
    [(x0, _, x1, _)] = raised_groups(price.ink[top:bottom])
    digits_end = np.flatnonzero(price.ink[top:bottom].any(axis=0))
    assert x1 == digits_end[-1] + 1  # the marker closes the cell
    assert x0 > 0.7 * price.ink.shape[1]  # and stands after the figure
    assert raised_groups(cell("code-s").ink) == []


def test_a_line_of_specks_each_at_its_own_height_has_no_baseline_and_no_markers():
    """A faxed cell can be specks that share no level: nothing is raised above a baseline."""
    specks = np.zeros((100, 200), bool)
    for k in range(6):
        specks[5 + 10 * k:35 + 10 * k, 5 + 30 * k:15 + 30 * k] = True  # each one lower than the last
    assert raised_groups(specks) == []


def test_cell_lines_join_a_thin_run_to_its_line():
    ink = np.zeros((40, 30), dtype=bool)
    ink[2:3, 10:12] = True  # the dot of an i, standing clear
    ink[6:20, 5:25] = True
    ink[26:38, 5:25] = True
    assert cell_lines(ink) == [(2, 20), (26, 38)]


def test_cell_lines_leave_out_a_thin_run_far_from_any_line():
    ink = np.zeros((120, 30), dtype=bool)
    ink[0:2, 5:25] = True  # what is left of a rule across the top of a tall cell
    ink[90:110, 5:25] = True
    assert cell_lines(ink) == [(90, 110)]


def test_a_cell_keeps_its_own_print_and_leaves_out_its_neighbours_and_rules():
    gray = np.full((100, 200), 255, dtype=np.uint8)
    gray[40:60, 20:40] = 0  # the cell's glyph
    gray[40:60, 95:130] = 0  # a neighbour's word reaching into the area
    gray[10:12, 0:200] = 0  # what is left of a ruling line
    ink = gray < 128
    cut = cell_image(Image.fromarray(gray), Glyphs.of(ink), (10, 5, 110, 95), margin=4, dpi=300)
    assert cut.ink.shape == (20 + 8, 20 + 8)
    assert cut.ink.sum() == 20 * 20
    assert cell_image(Image.fromarray(gray), Glyphs.of(ink), (150, 70, 190, 95), margin=4, dpi=300) is None


def _sheet_with_rules(xs: list[float]) -> Sheet:
    rules = [Rule(x, 100.0, x + 0.5, 300.0) for x in xs]
    return Sheet(pages=[], width=612.0, height=792.0, words=[], h_rules=[], v_rules=rules, links=[])


def test_a_column_whose_label_was_not_read_gets_its_place_between_the_rules():
    sheet = _sheet_with_rules([30.0, 100.0, 200.0, 300.0, 400.0])
    labels = {0: Box(40, 110, 80, 120), 1: Box(110, 110, 180, 120), 3: Box(310, 110, 380, 120)}
    columns = _columns(sheet, labels, Box(0, 100, 612, 300), count=4)
    assert [(c.index, c.x0, c.x1) for c in columns] == [
        (0, float("-inf"), 100.0), (1, 100.0, 200.0), (2, 200.0, 300.0), (3, 300.0, float("inf"))]
    assert [c.index for c in columns if c.guessed] == [2]


def test_columns_missing_at_either_end_get_their_places_too():
    sheet = _sheet_with_rules([30.0, 100.0, 200.0, 300.0])
    labels = {1: Box(110, 110, 180, 120), 2: Box(210, 110, 280, 120)}
    columns = _columns(sheet, labels, Box(0, 100, 612, 300), count=4)
    assert [(c.index, c.x0, c.x1) for c in columns] == [
        (0, float("-inf"), 100.0), (1, 100.0, 200.0), (2, 200.0, 300.0), (3, 300.0, float("inf"))]


def test_without_rules_a_missing_column_goes_to_its_neighbour():
    labels = {0: Box(40, 110, 80, 120), 2: Box(210, 110, 280, 120)}
    columns = _columns(_sheet_with_rules([]), labels, Box(0, 100, 612, 300), count=3)
    assert [(c.index, c.x0, c.x1) for c in columns] == [(0, float("-inf"), 208.0), (2, 208.0, float("inf"))]
    assert [c.guessed for c in columns] == [True, False]  # column 0 holds column 1's text too


@pytest.mark.parametrize("line, kept", [
    (": Common Stock''' ,", "Common Stock"),
    ("Common Stock\u2019! .", "Common Stock"),
    ("By LLC .", "By LLC"),
    ('"Common Stock"', '"Common Stock"'),
    ("Holders' rights", "Holders' rights"),
    ("$1.00", "$1.00"),
    ("-", "-"),
    ("A - B", "A - B"),
])
def test_specks_and_broken_markers_at_a_lines_ends_are_dropped(line, kept):
    assert _without_stray_marks(line) == kept


@pytest.mark.parametrize("old, new, field_type, differ", [
    ("9,136", "9136", "number", False),
    ("$159.94", "$159.84", "number", True),
    ("", "S", "code", False),
    ("Common Stock (1)", "Common Stock", "text", False),
    ("Common Stock", "Comrnon Stock", "text", True),
    ("05/04/2022", "05/04/2O22", "date", True),
])
def test_two_readings_of_a_cell_disagree_only_on_their_values(old, new, field_type, differ):
    assert _differ(old, new, field_type) is differ


@pytest.mark.parametrize("print_unread, whole_cell, confidence", [
    (True, False, LOST_WORDS_CONFIDENCE), (False, False, 0.94), (True, True, 0.94)])
def test_a_box_read_again_round_its_words_stays_in_doubt_where_print_beside_them_was_unread(print_unread, whole_cell,
                                                                                           confidence):
    """msft's fax: OCR lost the "C/O" of "C/O MICROSOFT CORPORATION", which the print beside the
    words showed (0.7); read again from the print round "MICROSOFT CORPORATION" alone, at 0.94,
    the street was reported sure without its first word."""
    cell = Cell("MICROSOFT CORPORATION", Box(65.0, 181.9, 174.2, 188.2), (1,), LOST_WORDS_CONFIDENCE, print_unread)
    rereading = Rereading({}, "street1", cell, "text", None, whole_cell=whole_cell, scanned_dpi=200.0)
    assert _taken_reading_confidence(rereading, cell.text, "MICROSOFT CORPORATION", 0.94) == confidence


def test_a_cell_going_on_over_a_page_break_is_not_cut_out():
    """One crop would hold only the part on the first page (eb's "By Sequoia Capital U.S.
    Venture" / "2010 Fund, L.P."), and that reading would win by being surer."""
    gray = np.full((792, 612), 255, np.uint8)
    gray[720:760, 110:190] = 0  # the print at the foot of the first page
    pages = [Page(n, 612.0, 792.0, [], method="ocr", image=PageImage(n, Image.fromarray(gray), 72.0),
                  ink=InkMap(gray < 128, 1.0)) for n in (1, 2)]
    cutter = _CellCutter(Sheet.stack(pages))
    second_page = cutter.sheet.offsets[1]
    on_one_page = Cell("By Sequoia Capital", Box(100, 700, 200, 780), (1,), 0.3)
    over_the_break = Cell("By Sequoia Capital 2010 Fund", Box(100, 700, 200, second_page + 20), (1, 2), 0.3)
    assert _rereading({}, 0, on_one_page, "text", cutter, None) is not None
    assert _rereading({}, 0, over_the_break, "text", cutter, None) is None


@pytest.mark.parametrize("old, old_confidence, new, new_confidence, wins", [
    ("Associates II, L.P.O", 0.77, "Associates II, L.P. (2)", 0.75, True),  # it found the marker
    ("Associates II,", 0.92, "Associates II, L.P. (2)", 0.84, True),  # it found more words
    ("See Footnotes' i:", 0.16, "See Footnotes", 0.90, True),  # fewer words, but surer
    ("Associates II, L.P.", 0.92, "Associates II, LP.", 0.84, False),
])
def test_a_whole_text_cell_read_again_wins_where_it_read_more_or_surer(old, old_confidence, new, new_confidence, wins):
    rereading = Rereading({}, 0, Cell(old, None, (), old_confidence), "text", None, whole_cell=True, scanned_dpi=300.0)
    assert _better(rereading, new, new_confidence) is wins


@pytest.mark.parametrize("old, old_confidence, new, new_confidence, wins", [
    # cmn's address: the cut-out line's reading passes over the "&" the page's reading was sure of
    ("DORNBUSH SCHAEFFER STRONGIN & VENAGLIA", 0.89, "DORNBUSH SCHAEFFER STRONGIN VENAGLIA", 0.91, False),
    ("Common i Stock", 0.31, "Common Stock", 0.93, True),  # what it leaves out is a speck
    ("Class A A Common Stock", 0.94, "Class A Common Stock", 0.96, True),  # abnb: the page read "A" twice
    ("Smith John", 0.85, "Smith John A", 0.90, True),
])
def test_a_box_read_again_does_not_win_by_leaving_words_out(old, old_confidence, new, new_confidence, wins):
    rereading = Rereading({}, 0, Cell(old, None, (), old_confidence), "text", None, whole_cell=False, scanned_dpi=300.0)
    assert _better(rereading, new, new_confidence) is wins


@given(st.dates(), st.lists(st.sampled_from(["", "/", "-", ":", ".", "'", " ", "/ "]), min_size=2, max_size=2),
       st.floats(0, 1))
def test_a_date_whose_separators_a_scan_lost_is_a_guess_at_its_eight_figures(date, marks, confidence):
    """ntra's fax: "11/20/2020" read "11202020", "1120/2020", "11-20:2020"."""
    text = f"{date.month:02d}{marks[0]}{date.day:02d}{marks[1]}{date.year:04d} (3)"
    guessed = _date_of_figures(Cell(text, None, (), confidence))
    if date.year < 1900 or date.year >= 2100:
        assert guessed.text == text
    elif all(mark.strip() in {"/", "-", "."} for mark in marks):  # it parses as printed: kept as it was
        assert guessed.text == text and guessed.confidence == confidence
    else:
        assert guessed.text == f"{date.month:02d}/{date.day:02d}/{date.year:04d} (3)"
        assert guessed.confidence == min(confidence, GUESS_CONFIDENCE)


@pytest.mark.parametrize("text", ["1202020", "112020", "11/2O/2020", "13/45/2020 x", "Il 20 2020"])
def test_figures_that_are_no_date_of_eight_are_left_as_read(text):
    assert _date_of_figures(Cell(text, None, (), 0.5)).text == text


def test_a_label_matched_below_the_header_is_not_part_of_it():
    """lnkd's Table II on a scan: OCR passed over the header's "V", and the "V" of a row below
    matched it; the header ends where its other labels end."""
    labels = {0: Box(37, 499.2, 60, 523.7), 4: Box(217, 569.8, 230, 573.8), 5: Box(243, 617.8, 247, 622.1),
              6: Box(256, 569.8, 270, 575.0), 14: Box(468, 499.2, 500, 555.8)}
    texts = {0: "1. Title of Derivative Security (Instr. 3)", 4: "Code", 5: "V", 6: "(A)",
             14: "9. Number of derivative Securities ..."}
    assert _in_the_header(labels, texts) == {k: v for k, v in labels.items() if k != 5}
    assert _in_the_header({5: labels[5]}, texts) == {5: labels[5]}
    # the header's last row, of which OCR read only "(A)": it stays the header's
    assert _in_the_header({0: labels[0], 6: labels[6]}, texts) == {0: labels[0], 6: labels[6]}


@pytest.mark.parametrize("name, read, meant", [
    # hbb's "in RA II, L.P.": Tesseract ran "RA" and "II," together and lost an "I"
    ("words-run-over-a-narrow-space", ("RAI,", 12.0, 4.0, 32.4, 11.0, 6.24), ["RA", "II,"]),
    # betr's title: the gap after the "F" is wide, but so are the others of the word
    ("bold-title-with-wide-letter-gaps", ("FORM", 4.0, 4.0, 45.8, 12.2, 10.44), ["FORM"]),
])
def test_a_word_run_over_a_space_the_print_shows_is_read_as_two(name, read, meant):
    text, x0, top, x1, bottom, size = read
    words = mended(name, [Word(text, x0, top, x1, bottom, size, confidence=0.5)])
    assert [w.text for w in words][:len(meant)] == meant
    assert all(w.x0 >= x0 - 0.5 and w.x1 <= x1 + 0.5 for w in words[:len(meant)])


def test_a_cell_read_again_keeps_the_spaces_the_page_s_mended_reading_found():
    """hbb: the page's reading, mended from the print, has "RA II,"; the cut-out line is read as
    Tesseract read the page, "RAII,". Its markers are kept, and the space."""
    old = "Reflects proportionate LP interest in RA II, L.P. shares?)"
    assert _spaced_as("Reflects proportionate LP interest in RAII, L.P. shares (2)", old) == \
        "Reflects proportionate LP interest in RA II, L.P. shares (2)"
    assert _spaced_as("Class A Common Stock", "Class A Common Stock") == "Class A Common Stock"


def test_print_of_a_word_boxed_too_narrow_is_not_read_as_another_word():
    """abnb's fax: Tesseract boxed a "B" 1.2 points wide; the rest of its print, which no word
    covered, read "B" again and made "Class B B Common Stock". So with a box beside the word."""
    page_b = Word("B", 316.8, 708.24, 318.0, 714.72, 6.96, confidence=0.91)
    again = Word("B", 312.48, 708.24, 318.0, 714.96, 6.72, confidence=0.92)
    assert _read_already(again, [page_b])
    assert not _read_already(dataclasses.replace(again, text="8"), [page_b])
    # pltr's photo: Tesseract boxed the "C" of "Common" as the "A" before it; the "A" read alone
    # stands beside that box
    assert _read_already(dataclasses.replace(again, x0=318.5, x1=324.0), [page_b])
    assert not _read_already(dataclasses.replace(again, x0=330.0, x1=335.5), [page_b])  # a word further on


def test_a_word_of_english_or_of_the_forms_is_not_parted_at_a_gap_in_its_print():
    """pltr's fax: a broken "m" left a space-wide gap in "Common", and the word was read apart as
    "Co mmon" (sure of both halves). Two strokes with such a gap are parted when they read as no
    word ("RAII," is "RA II,")."""
    ink = np.zeros((40, 200), bool)
    ink[10:30, 10:60] = True
    ink[10:30, 90:190] = True  # a gap of 30 pixels between the two halves, none inside them
    words = [Word(text, 10 * 72 / 300, 10 * 72 / 300, 190 * 72 / 300, 30 * 72 / 300, 5.0) for text in ("Common", "RAII,")]
    assert list(_spaces_inside(words, ink, 300.0)) == [1]


def test_print_level_with_a_cells_words_that_no_word_was_read_from_is_found():
    """guts's fax: "C/O MITHRIL CAPITAL MANAGEMENT LLC" was read "CAPITAL MANAGEMENT LLC" at 0.91;
    the ink of the lost words stands left of the words read, on their line. On the second page
    of a sheet, in the region of the field; specks and print on other lines do not count. Only
    coarse scans are checked so."""
    gray = np.full((792, 612), 255, np.uint8)
    for x0, x1 in ((100, 130), (140, 200), (210, 300)):  # "C/O MITHRIL" | "CAPITAL" | "MANAGEMENT LLC"
        gray[402:410, x0:x1:2] = 0
    gray[420:428, 100:300:2] = 0  # the line below, outside the cell's lines
    gray[405, 320] = 0  # a speck
    pages = [Page(n, 612.0, 792.0, [], method="ocr", ink=InkMap(gray < 128, 1.0), scanned_dpi=200.0) for n in (1, 2)]
    sheet = Sheet.stack(pages)
    top = sheet.offsets[1]
    words = [Word("CAPITAL", 140, top + 401, 200, top + 411, 8, page=2, confidence=0.91),
             Word("MANAGEMENT LLC", 210, top + 401, 300, top + 411, 8, page=2, confidence=0.93)]
    region = Box(90, top + 395, 400, top + 415)
    assert sheet.print_unread(region, words)
    assert not sheet.print_unread(Box(135, top + 395, 400, top + 415), words)
    lost_first = [Word("C/O MITHRIL", 100, top + 401, 130, top + 411, 8, page=2), *words]
    assert not sheet.print_unread(region, lost_first)
    fine_scan = Sheet.stack([dataclasses.replace(page, scanned_dpi=300.0) for page in pages])
    assert not fine_scan.print_unread(region, words)
