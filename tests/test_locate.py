"""Finding a layout's labels among the words of a page (stage 3)."""
from __future__ import annotations

import pytest

from extractor.layouts import AnchorSpec, load_layouts
from extractor.locate import Anchors, Box, Sheet, TableSegment, locate_table, split_rows
from extractor.pages import Page, Rule, Word

# Box 6 of nrix's Form 4 as Tesseract read it from a 300-dpi scan (text, x0, top, x1, bottom).
BOX_6 = [
    ("Form", 468.5, 282.7, 484.6, 288.2), ("filed", 487.2, 282.5, 500.4, 288.2), ("by", 503.5, 282.5, 510.7, 289.4),
    ("One", 513.4, 282.7, 526.8, 288.2), ("Reporting", 529.9, 282.5, 561.4, 289.4),
    ("Person", 468.5, 291.1, 491.0, 296.6),
    ("xX", 451.9, 301.4, 459.6, 313.0),
    ("Form", 468.5, 302.4, 484.6, 307.9), ("filed", 487.2, 302.2, 500.4, 307.9), ("by", 503.5, 302.2, 510.7, 309.1),
    ("More", 513.8, 302.4, 529.9, 307.9), ("than", 532.3, 302.2, 546.2, 307.9), ("One", 549.4, 302.4, 562.8, 307.9),
    ("Reporting", 468.5, 310.3, 499.7, 317.3), ("Person", 503.0, 310.6, 525.6, 316.1),
]


def _ocr_sheet(words: list[tuple[str, float, float, float, float]]) -> Sheet:
    page = Page(1, 612.0, 792.0, [Word(t, x0, top, x1, bottom, 5.76, confidence=0.96) for t, x0, top, x1, bottom in words],
                method="ocr")
    return Sheet.stack([page])


def _read_sheet(words: list[tuple[str, float, float, float, float, float]], size: float | None = None,
                h_rules: list[Rule] = ()) -> Sheet:
    """An OCR sheet of words as Tesseract read them, each with its confidence; a word's size is
    its height unless given."""
    page = Page(1, 612.0, 792.0, [Word(t, x0, top, x1, bottom, size or bottom - top, confidence=c)
                                  for t, x0, top, x1, bottom, c in words], h_rules=list(h_rules), method="ocr")
    return Sheet.stack([page])


def test_a_label_is_not_taken_for_a_label_it_only_resembles():
    """Less two words, "Form filed by More than One Reporting Person" reads as box 6's first
    label, and "Form filed by One Reporting Person" less one word as the wrapped second label:
    each label is where it reads best."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    anchors = Anchors(_ocr_sheet(BOX_6), form4)
    one_person = anchors.first("one_person")
    [more_persons] = anchors.all("more_persons")
    assert (one_person.top, one_person.bottom) == (282.5, 296.6)
    assert (more_persons.top, more_persons.bottom) == (302.2, 317.3)


def test_a_label_printed_below_another_is_not_found_above_it():
    """tsvt's box 5 gives the officer title as "See Remarks"; on a scan, fuzzy "Remarks:" matches
    that "Remarks" too. The heading is the one under the footnotes."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    words = [("See", 420.0, 235.7, 440.0, 243.1), ("Remarks", 444.0, 235.7, 480.0, 243.1),
             ("Explanation", 35.0, 565.9, 80.0, 572.2), ("of", 82.0, 565.9, 90.0, 572.2),
             ("Responses:", 92.0, 565.9, 140.0, 572.2),
             ("Remarks:", 35.0, 610.1, 75.0, 616.3)]
    anchors = Anchors(_ocr_sheet(words), form4)
    [remarks] = anchors.all("remarks")
    assert (remarks.x0, remarks.top) == (35.0, 610.1)


# Table I of nrix's Form 3 as Tesseract read it from a 150-dpi photo: "3.Ownership" run together
# hides column 3's label, whose last line "(I) (Instr. 5)" - read "(1) (instr. 5)" - stands
# below every label that was found.
TABLE_1_PHOTO = [
    ("Table", 185.0, 340.3, 209.5, 347.8), ("I", 212.4, 340.6, 214.3, 347.5), ("-", 217.4, 344.2, 220.3, 345.8),
    ("Non-Derivative", 223.9, 340.3, 292.1, 348.0), ("Securities", 295.2, 340.3, 341.5, 348.0),
    ("Beneficially", 344.9, 340.3, 398.4, 349.7), ("Owned", 401.3, 340.3, 433.4, 347.8),
    ("1.", 42.2, 358.3, 47.8, 364.1), ("Title", 49.9, 358.1, 65.3, 364.1), ("of", 67.7, 358.3, 74.9, 364.1),
    ("Security", 76.8, 358.1, 106.1, 365.5), ("(Instr.", 108.5, 358.3, 128.9, 365.5), ("4)", 130.6, 358.3, 137.5, 365.5),
    ("2.", 280.6, 358.3, 286.8, 364.1), ("Amount", 289.0, 358.6, 317.3, 364.1), ("of", 319.2, 358.3, 326.4, 364.1),
    ("Securities", 328.3, 358.3, 364.3, 364.3), ("3.Ownership", 384.0, 358.3, 431.0, 365.5),
    ("4.", 443.8, 358.6, 449.5, 364.1), ("Nature", 451.7, 358.6, 475.2, 364.3), ("of", 477.6, 358.3, 484.8, 364.3),
    ("Indirect", 486.7, 358.1, 513.8, 364.1), ("Beneficial", 516.0, 358.3, 551.3, 364.3),
    ("Beneficially", 280.8, 366.5, 322.1, 373.7), ("Owned", 324.2, 366.5, 349.2, 372.2),
    ("(instr.", 351.8, 366.5, 371.5, 373.7), ("Form:", 384.0, 366.5, 404.4, 372.2), ("Direct", 407.5, 366.5, 428.4, 372.2),
    ("Ownership", 444.0, 366.5, 481.7, 373.7), ("(instr.", 484.8, 366.5, 504.5, 373.7), ("5)", 506.9, 366.5, 513.4, 373.7),
    ("4)", 280.6, 374.6, 287.0, 381.8), ("(D)", 384.0, 374.6, 394.3, 381.8), ("or", 396.5, 375.8, 403.9, 380.4),
    ("Indirect", 406.1, 374.6, 432.7, 380.4),
    ("(1)", 384.0, 383.3, 391.0, 390.5), ("(instr.", 393.1, 383.3, 413.3, 390.5), ("5)", 415.7, 383.3, 422.2, 390.5),
    ("Common", 42.2, 399.8, 77.8, 406.8), ("Stock", 80.9, 399.6, 102.5, 406.8), ("83,333)", 312.0, 399.1, 345.4, 407.5),
    ("D", 403.4, 399.4, 416.9, 406.8),
    ("Explanation", 43.7, 459.0, 126.0, 465.5), ("of", 82.3, 458.1, 88.8, 466.7),
]


def test_the_last_line_of_a_label_ocr_did_not_match_is_header_not_a_row():
    form3 = next(layout for layout in load_layouts() if layout.name.endswith("form3"))
    anchors = Anchors(_ocr_sheet(TABLE_1_PHOTO), form3)
    [segment] = locate_table(anchors, form3.tables[0], [])
    [row] = split_rows(anchors.sheet, segment)
    assert segment.top > 390.5
    assert [w.text for w in row.words] == ["Common", "Stock", "83,333)", "D"]


def test_the_explanation_heading_is_found_when_ocr_runs_its_last_word_into_the_others():
    """Tesseract gave "Explanation" a box that reaches over "of Responses:" and read no third word:
    Table II would otherwise run on into the footnotes."""
    form3 = next(layout for layout in load_layouts() if layout.name.endswith("form3"))
    anchors = Anchors(_ocr_sheet(TABLE_1_PHOTO), form3)
    assert anchors.first("explanation").top == 458.1


def test_a_short_piece_of_rule_inside_a_row_does_not_cut_it():
    """mchx's Table II from a 150-dpi photo: the blurred tops of "Common" in the row made a 23-pt
    "rule" level with the row's second line; the row's own rules run across the table."""
    words = [("Call", 41.0, 225.1, 56.0, 229.7), ("Option(Right", 41.0, 231.8, 84.0, 238.1),
             ("$4.5", 120.0, 231.8, 134.0, 236.9), ("to", 41.0, 240.0, 48.0, 243.8), ("Buy)", 50.0, 239.0, 64.0, 245.0),
             ("Common", 379.0, 227.0, 404.0, 232.0), ("Stock", 382.0, 234.0, 400.0, 239.0)]
    rules = [Rule(36.5, 220.1, 588.0, 221.8), Rule(377.0, 229.8, 400.3, 232.7), Rule(36.5, 247.0, 588.0, 249.1)]
    page = Page(1, 612.0, 792.0, [Word(t, x0, top, x1, bottom, 5.76, confidence=0.96) for t, x0, top, x1, bottom in words],
                h_rules=rules, method="ocr")
    sheet = Sheet.stack([page])
    [row] = split_rows(sheet, TableSegment(210.0, 260.0, []))
    assert [w.text for w in row.words] == ["Call", "Option(Right", "$4.5", "to", "Buy)", "Common", "Stock"]


def test_a_row_edge_printed_cell_by_cell_cuts_rows():
    """A browser prints a row's edge as one piece of rule per cell."""
    words = [("Common", 41.0, 200.0, 70.0, 206.0), ("Stock", 41.0, 230.0, 60.0, 236.0)]
    pieces = [Rule(x, 220.0, x + 50.0, 220.5) for x in range(36, 586, 50)]
    page = Page(1, 612.0, 792.0, [Word(t, x0, top, x1, bottom, 6.0) for t, x0, top, x1, bottom in words], h_rules=pieces)
    rows = split_rows(Sheet.stack([page]), TableSegment(195.0, 240.0, []))
    assert [[w.text for w in row.words] for row in rows] == [["Common"], ["Stock"]]


def test_a_bracketed_label_that_lost_a_bracket_is_found_but_not_the_bare_word():
    """cao's photo: "(City)" read "City)"; a bare "STREET" of an address is no "(Street)"."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    words = [("PHOENIX", 39.6, 217.4, 75.1, 223.7), ("City)", 39.4, 242.6, 54.2, 248.9),
             ("(State)", 100.3, 242.6, 119.0, 248.9), ("100", 39.4, 180.0, 50.0, 186.0),
             ("STREET", 52.0, 180.0, 80.0, 186.0)]
    anchors = Anchors(_ocr_sheet(words), form4)
    assert anchors.first("city").x0 == 39.4
    assert anchors.first("street") is None


# The top of ntra's Table I as Tesseract read it from a 200-dpi fax (text, x0, top, x1, bottom,
# confidence), with the rules between its title and its header and under the header's first part.
TABLE_1_FAX = [
    ("Securities", 253.9, 272.2, 294.0, 278.6, 0.96), ("Disposed", 338.2, 272.2, 375.1, 279.8, 0.96),
    ("2.", 208.1, 288.0, 211.7, 292.1, 0.95), ("Transaction", 214.3, 287.8, 246.7, 292.1, 0.95),
    ("2A.", 262.3, 287.8, 270.0, 291.8, 0.82), ("Deemed", 272.9, 287.5, 295.2, 292.1, 0.95),
    ("3.", 313.0, 284.2, 320.4, 293.3, 0.48), ("Date", 207.8, 294.5, 220.3, 298.6, 0.96),
    ("Execution", 262.3, 294.2, 289.0, 298.6, 0.94), ("Date,", 291.4, 294.5, 305.5, 299.0, 0.92),
    ("Transaction", 316.3, 294.5, 348.7, 298.6, 0.84), ("{MonthiDay?/", 207.8, 300.7, 240.7, 306.2, 0.35),
    ("Year)", 241.7, 300.7, 255.1, 306.0, 0.96), ("it", 262.6, 300.7, 265.4, 304.8, 0.93),
    ("any", 267.1, 301.4, 277.2, 306.0, 0.95), (":", 313.0, 300.0, 313.4, 306.2, 0.86),
    ("Code", 316.3, 300.7, 330.2, 305.0, 0.95), ("(Month/Day/Year)", 261.6, 306.0, 309.4, 313.7, 0.95),
    ("8)", 316.1, 307.0, 320.9, 312.5, 0.96), ("(A)", 397.9, 320.2, 405.6, 325.2, 0.9),
    ("or", 407.8, 321.1, 413.0, 325.2, 0.9), ("Code", 316.3, 323.3, 330.7, 327.8, 0.95),
    ("v", 341.8, 323.5, 345.6, 327.6, 0.82), ("(0)", 398.2, 326.6, 404.6, 331.5, 0.9),
]
TABLE_1_FAX_RULES = [Rule(46.3, 267.1, 590.9, 267.8), Rule(46.3, 283.2, 591.4, 283.9),
                     Rule(313.2, 316.1, 451.4, 316.6), Rule(46.3, 335.5, 590.9, 336.2)]


@pytest.mark.parametrize("label, where", [
    # its last word read in two pieces, neither like it: the pieces are the label's last line
    ("2. Transaction Date (Month/Day/Year)", Box(207.8, 287.8, 255.1, 306.2)),
    # a broken rule's dashes read ":" before "Code"; the title above is ruled off
    ("3. Transaction Code (Instr. 8)", Box(313.0, 284.2, 348.7, 312.5)),
    ("(A) or (D)", Box(397.9, 320.2, 413.0, 331.5)),  # "(D)" read "(0)"
])
def test_labels_of_a_fax_header_are_found_whole_through_its_misreadings(label, where):
    found = _read_sheet(TABLE_1_FAX, h_rules=TABLE_1_FAX_RULES).find_all(
        AnchorSpec(name="label", text=label, whole_cell=True))
    assert [box for box, _ in found] == [where]


def test_a_fax_heading_and_table_title_are_found_through_a_speck_and_a_misread_dash():
    """guts' fax: a speck right after "FORM 4" was read as a colon of the "4"; the title's
    "- Non-Derivative" was read '"Om' (before, no report was found on the fax at all)."""
    words = [("FORM", 86.2, 60.5, 118.1, 68.9, 0.95), ("4:", 122.2, 61.0, 130.6, 68.9, 0.62),
             ("Table", 165.6, 310.8, 186.2, 324.0, 0.95), ("I", 189.4, 315.8, 190.6, 321.8, 0.55),
             ('"Om', 193.2, 316.1, 213.6, 328.3, 0.34), ("Securities", 258.0, 313.4, 297.1, 322.1, 0.96),
             ("Acc", 300.2, 315.8, 313.2, 321.8, 0.88), ("uired,", 315.4, 315.8, 336.7, 323.0, 0.92)]
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    anchors = Anchors(_read_sheet(words, size=7.92), form4)  # the line's type size
    assert (anchors.first("form_name").x0, anchors.first("form_name").x1) == (86.2, 130.6)
    assert (anchors.first("table1").x0, anchors.first("table1").x1) == (165.6, 297.1)


def test_a_label_is_found_where_ocr_misread_its_first_word_also_where_it_read_it_elsewhere():
    """betr's photo: of eight "** Signature of Reporting Person" labels, OCR read the "**" of one
    right; the others' '"*' and '*' do not stop them from being found."""
    words = [('"*', 370.3, 231.8, 374.9, 234.2), ("Signature", 377.0, 231.8, 403.2, 238.1),
             ("of", 405.1, 231.6, 410.4, 236.6), ("Reporting", 412.6, 231.6, 439.2, 237.8),
             ("Person", 441.4, 231.8, 461.3, 236.6),
             ("**", 370.3, 400.3, 374.9, 402.7), ("Signature", 377.0, 400.1, 403.2, 406.6),
             ("of", 405.1, 400.1, 410.4, 405.1), ("Reporting", 412.6, 400.1, 439.2, 406.3),
             ("Person", 441.4, 400.3, 461.3, 405.1)]
    found = _ocr_sheet(words).find_all(AnchorSpec(name="signature", text="** Signature of Reporting Person"))
    assert [(box.x0, box.top, skipped) for box, skipped in found] == [(377.0, 231.6, 1), (370.3, 400.1, 0)]


# Table titles of faxes as Tesseract read them: mchx's Table I lost its "Table I", its Table II's
# "II" ran into the dash ("il-"); kar's Table I reads "Tablet Non- Derivative".
MCHX_FAX_TITLES = [
    ("-", 207.6, 283.9, 210.5, 293.0), ("Non-Derivative", 213.4, 279.6, 271.0, 291.8),
    ("Securities", 273.8, 280.6, 312.5, 289.2), ("Acquired,", 315.6, 280.6, 352.3, 288.5),
    ("Table", 188.6, 503.5, 211.7, 518.6), ("il-", 214.6, 510.2, 223.2, 516.0), ("Derivative", 226.1, 503.5, 265.0, 518.6),
    ("Securities", 267.8, 503.5, 306.7, 518.9), ("Acquired,", 309.6, 503.5, 346.8, 518.6),
]
KAR_FAX_TITLE_I = [("Tablet", 60.0, 262.0, 80.0, 270.0), ("Non-", 90.0, 262.0, 104.0, 270.0),
                   ("Derivative", 106.0, 262.0, 140.0, 270.0), ("Seourities", 142.0, 262.0, 180.0, 270.0)]


def test_a_table_title_is_found_where_ocr_lost_its_first_words_or_ran_its_dash_into_one():
    """Both tables of mchx's fax were lost with their titles; each title is found where it is
    printed, and only there: "- Non-Derivative Securities" is no Table II, nor is "Non- Derivative"."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    anchors = Anchors(_ocr_sheet(MCHX_FAX_TITLES), form4)
    assert [(box.x0, box.top) for box in anchors.all("table1")] == [(207.6, 279.6)]
    assert [(box.x0, box.top) for box in anchors.all("table2")] == [(214.6, 503.5)]
    assert Anchors(_ocr_sheet(KAR_FAX_TITLE_I), form4).all("table2") == []


HPQ_PHOTO_NOT_SUBJECT = [
    ("Check", 60.7, 90.0, 75.8, 94.3), ("this", 77.3, 90.2, 85.7, 94.3), ("box", 88.1, 90.0, 96.2, 94.3),
    ("if", 98.2, 90.0, 100.8, 94.1), ("no", 102.5, 91.0, 108.2, 94.3), ("longer", 109.7, 90.2, 124.8, 95.3),
    ("subject", 126.2, 90.2, 144.0, 95.3), ("to", 145.4, 90.5, 150.0, 94.3),
    ("Section", 59.8, 95.3, 78.5, 102.7), ("16.", 80.6, 95.3, 88.3, 102.7), ("Form", 90.7, 95.3, 100.8, 102.7),
    ("4", 103.7, 96.5, 106.3, 100.3), ("or", 108.7, 95.3, 113.8, 102.7), ("Form", 116.2, 95.3, 127.4, 102.7),
    ("5", 129.6, 96.2, 132.2, 100.6), ("obligations", 60.2, 102.7, 86.6, 108.0), ("may", 88.6, 103.4, 98.4, 107.8),
    ("continue.", 99.8, 103.0, 122.2, 106.8), ("See", 123.8, 102.5, 133.7, 106.8),
    ("instruction", 60.7, 108.5, 85.4, 112.6), ("1(b).", 87.8, 108.2, 98.2, 113.5),
]


@pytest.mark.parametrize("box", [("O", 49.3, 94.6, 57.0, 108.7), ("U", 49.0, 94.0, 57.0, 109.1)])
def test_a_label_wrapped_beside_its_check_box_read_as_a_letter_is_found(box):
    """hpq's photo: the check box left of "Check this box if no longer subject to Section 16 ..."
    read "O" (elsewhere "U", "0"), as high as two lines of the label, right before its second line:
    the label did not go on there, and the box was not read at all."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    [label] = Anchors(_ocr_sheet([box, *HPQ_PHOTO_NOT_SUBJECT]), form4).all("not_subject")
    assert (label.x0, label.top, label.bottom) == (59.8, 90.0, 113.5)


# The top of tsla's photo (2022) as Tesseract read it: the form's name, and box 1(b)'s small print,
# whose "of" (for "or") it boxed as high as a line and a half.
TSLA_PHOTO_HEADER = [
    ("FORM", 74.2, 53.5, 108.7, 62.9), ("4", 112.6, 53.8, 119.5, 62.6), ("UNITED", 158.2, 53.8, 197.3, 61.9),
    ("STATES", 201.1, 53.5, 241.4, 61.9), ("STATEMENT", 170.9, 84.7, 234.5, 92.9), ("OF", 237.6, 84.7, 252.5, 93.1),
    ("Check", 54.5, 88.1, 69.1, 96.5), ("this", 71.5, 88.1, 82.3, 96.5), ("box", 84.2, 88.1, 92.2, 96.5),
    ("if", 94.8, 89.0, 98.9, 93.6), ("no", 101.8, 88.1, 106.8, 96.5), ("longer", 109.4, 88.1, 125.0, 96.5),
    ("subject", 127.7, 88.1, 147.4, 96.5), ("to", 53.5, 94.8, 59.3, 102.7), ("Section", 61.4, 95.8, 90.7, 100.6),
    ("16.", 83.8, 94.8, 91.9, 102.7), ("Form", 94.3, 94.8, 105.8, 102.7), ("4", 109.0, 96.0, 111.6, 100.3),
    ("of", 114.2, 94.8, 120.2, 102.7), ("Form", 121.0, 95.8, 139.9, 100.6), ("5", 137.3, 94.8, 140.6, 102.7),
    ("obligations", 54.5, 102.5, 83.5, 108.5), ("may", 85.0, 103.4, 96.5, 108.2), ("See", 124.8, 102.5, 135.1, 107.3),
]


def test_the_forms_named_in_box_1b_are_not_taken_for_the_form_name():
    """tsla's photo read as a Form 5: box 1(b)'s "Form 4 or Form 5" ended in a "Form 5" that
    seemed to stand alone, OCR having boxed the "or" before it as tall as a check box."""
    form4, form5 = (next(layout for layout in load_layouts() if layout.name.endswith(name)) for name in ("form4", "form5"))
    sheet = _ocr_sheet(TSLA_PHOTO_HEADER)
    assert Anchors(sheet, form5).all("form_name") == []
    [name] = Anchors(sheet, form4).all("form_name")
    assert (name.x0, name.top) == (74.2, 53.5)


def test_the_form_name_under_the_page_heading_is_no_part_of_a_line_naming_both_forms():
    """lnkd's fax (2012): "SEC Form 4" above "-FORM 4" read, fuzzily, as one "Form 4 or Form 5"
    over two lines, which held the form's name: the page read as a Form 5."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    header = [("SEC", 56.6, 52.6, 74.9, 59.8), ("Form", 78.0, 52.6, 99.6, 59.8), ("4", 102.5, 52.8, 107.8, 59.5),
              ("-FORM", 90.2, 66.7, 125.8, 75.4), ("4", 129.8, 67.0, 136.1, 75.1), ("UNITED", 182.9, 66.5, 220.3, 74.2)]
    [name] = Anchors(_ocr_sheet(header), form4).all("form_name")
    assert (name.x0, name.top) == (90.2, 66.7)


def test_a_value_under_its_label_is_not_taken_for_a_label_word_ocr_lost():
    """cmn's box 3 from a clean scan, less its "(Month/Day/Year)" (as if OCR had lost it): the
    date printed under the label does not read like the lost word, so it stays out of the label."""
    words = [("3.", 227.8, 163.4, 232.1, 168.0), ("Date", 235.0, 163.4, 248.2, 168.0), ("of", 250.3, 163.2, 255.6, 168.0),
             ("Earliest", 258.0, 163.2, 279.1, 168.0), ("Transaction", 281.5, 163.2, 314.4, 168.0),
             ("10/18/2006", 228.2, 171.4, 266.2, 177.4)]
    [(box, skipped)] = _ocr_sheet(words).find_all(
        AnchorSpec(name="box3", text="3. Date of Earliest Transaction (Month/Day/Year)"))
    assert (box.top, box.bottom, skipped) == (163.2, 168.0, 1)


def _page_of_lines(number: int, left: float, method: str = "ocr") -> Page:
    """A page of 30 short lines whose print begins ``left`` points in."""
    words = [Word(text, left + 40 * k, 100 + 12 * line, left + 40 * k + 30, 108 + 12 * line, 8.0, page=number)
             for line in range(30) for k, text in enumerate(("Class", "Common", "Stock"))]
    return Page(number, 612.0, 792.0, words, method=method)


def test_scanned_pages_of_one_report_are_set_in_line_with_the_first():
    """A fax's pages lie up to half an inch apart sideways (hbb's fax: 10 to 34 points from its
    first page), so a table's columns found on one page would miss the cells of the next."""
    sheet = Sheet.stack([_page_of_lines(1, 50.0), _page_of_lines(2, 30.0), _page_of_lines(3, 50.0, method="text")])
    assert sheet.shifts == [0.0, 20.0, 0.0]  # a text layer's page is where its PDF puts it
    second = [w for w in sheet.words if w.page == 2]
    assert min(w.x0 for w in second) == 50.0 and min(w.top for w in second) == sheet.offsets[1] + 100
    page, box = sheet.on_page(Box(50.0, sheet.offsets[1] + 100, 80.0, sheet.offsets[1] + 108))
    assert page.number == 2 and (box.x0, box.top, box.x1, box.bottom) == (30.0, 100.0, 60.0, 108.0)


def test_a_page_with_too_little_print_to_tell_its_edge_stays_where_it_lies():
    sparse = Page(2, 612.0, 792.0, [Word("Signature", 300.0, 700.0, 340.0, 708.0, 8.0, page=2)], method="ocr")
    assert Sheet.stack([_page_of_lines(1, 50.0), sparse]).shifts == [0.0, 0.0]


def _two_page_table(second_page: list[tuple[str, float, float, float, float]]) -> Sheet:
    """TABLE_1_PHOTO's page without its footnotes, and a second page of the same table; the
    explanation heading ends the table on the second page."""
    first = [w for w in TABLE_1_PHOTO if w[2] < 450]
    end = [("Explanation", 43.7, 300.0, 126.0, 306.5), ("of", 128.0, 300.0, 134.5, 306.5),
           ("Responses:", 136.6, 300.0, 180.0, 306.5)]
    pages = [Page(number, 612.0, 792.0, [Word(t, x0, top, x1, bottom, 5.76, confidence=0.96, page=number)
                                         for t, x0, top, x1, bottom in words], method="ocr")
             for number, words in ((1, first), (2, second_page + end))]
    return Sheet.stack(pages)


HEADER_ROWS = [w for w in TABLE_1_PHOTO if 350 < w[2] < 395]
TITLE = [w for w in TABLE_1_PHOTO if w[2] < 350]
ROW = [("Common", 42.2, 200.0, 77.8, 207.0), ("Stock", 80.9, 200.0, 102.5, 207.0), ("1,000", 312.0, 200.0, 340.0, 207.0),
       ("I", 403.4, 200.0, 408.0, 207.0)]


def _shifted(words, dy):
    return [(t, x0, top + dy, x1, bottom + dy) for t, x0, top, x1, bottom in words]


def test_a_repeated_header_under_a_title_ocr_lost_starts_a_segment_of_its_own():
    """tsla's 2022 fax lost words of Table I's title on page 2 ("Table [I -] Non-Derivative"): the
    title line and the labels under it were read as rows. The labels at the page's top stand for
    the title."""
    form3 = next(layout for layout in load_layouts() if layout.name.endswith("form3"))
    title_lost = [w for w in _shifted(TITLE, -290) if w[0] not in ("Table", "I", "-")]
    sheet = _two_page_table(title_lost + _shifted(HEADER_ROWS, -290) + ROW)
    segments = locate_table(Anchors(sheet, form3), form3.tables[0], [])
    assert len(segments) == 2
    [row] = split_rows(sheet, segments[1])
    assert [w.text for w in row.words] == ["Common", "Stock", "1,000", "I"]


def test_the_rows_under_a_repeated_header_ocr_could_not_read_are_read_in_the_columns_before():
    form3 = next(layout for layout in load_layouts() if layout.name.endswith("form3"))
    garbled = [(("" if len(t) > 3 else t) + "~" * len(t), x0, top, x1, bottom) for t, x0, top, x1, bottom in HEADER_ROWS]
    sheet = _two_page_table(_shifted(TITLE, -290) + _shifted(garbled, -290) + ROW)
    first, second = locate_table(Anchors(sheet, form3), form3.tables[0], [])
    assert second.columns == first.columns
    [row] = split_rows(sheet, second)
    assert [w.text for w in row.words] == ["Common", "Stock", "1,000", "I"]
