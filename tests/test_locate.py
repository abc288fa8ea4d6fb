"""Finding a layout's labels among the words of a page (stage 3)."""
from __future__ import annotations

from extractor.layouts import load_layouts
from extractor.locate import Anchors, Sheet
from extractor.pages import Page, Word

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
