"""The pipeline: load pages -> find layout -> locate -> read cells -> normalise -> spell -> validate.

``extract(path)`` runs it for one input file and returns one record per report found.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional, Sequence

from .assemble import assemble
from .layouts import Layout, load_layouts
from .locate import Anchors, Sheet
from .pages import IMAGE_SUFFIXES, InputError, Page, load_pages
from .read import read_report
from .reread import reread_cells
from .spelling import spell
from .scan import image_pages, pdf_page_images, scan_pages
from .record import Record
from .validate import validate

XML_SUFFIXES = {".xml"}
OCR_MODES = ("auto", "always", "never")
# Share of a text layer's characters that must be letters, digits or common punctuation for it
# to count as text rather than garbage (a PDF whose fonts map glyphs to nonsense).
READABLE_SHARE = 0.8
READABLE_PUNCTUATION = set(".,;:()[]/$%&*-'\"#@!?+")


def extract(path: str | Path, layouts: Optional[Sequence[Layout]] = None, ocr: str = "auto",
            workers: Optional[int] = None) -> list[Record]:
    """Every ownership report in the file, in order. Raises InputError with a one-line reason.

    ``ocr``: "auto" reads a page by OCR when its text layer is missing, garbled or shows none of
    the layouts' labels; "always" reads every page by OCR; "never" only reads text layers.
    ``workers``: processes for OCR (default: one per core)."""
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {OCR_MODES}, not {ocr!r}")
    path = Path(path)
    if path.suffix.lower() in XML_SUFFIXES:
        return [_from_xml(path)]
    layouts = layouts if layouts is not None else _default_layouts()
    digest = _sha256(path)
    pages = _read_pages(path, layouts, ocr, workers)
    reports = split_reports(pages, layouts)
    if not reports:
        raise InputError("no Form 3, 4 or 5 found on any page (not an ownership report, or an unknown layout)")
    records = []
    for layout, report_pages in reports:
        sheet = Sheet.stack(report_pages)
        cells = read_report(sheet, layout)
        if sheet.fuzzy:
            cells = reread_cells(cells, sheet)
        record = assemble(cells, source=str(path))
        if any(page.coarse for page in report_pages):
            record = spell(record)
        record.extraction.sha256 = digest
        records.append(validate(record))
    return records


def _read_pages(path: Path, layouts: Sequence[Layout], ocr: str, workers: Optional[int]) -> list[Page]:
    """Text layer where it serves, OCR where it does not (or where asked to). A text layer
    serves when it is readable and shows a layout's label, or continues a page that did."""
    if path.suffix.lower() in IMAGE_SUFFIXES:
        if ocr == "never":
            raise InputError("an image has no text layer, and OCR is off (--ocr never)")
        return scan_pages(image_pages(path), workers)
    pages = list(load_pages(path))
    to_scan = []
    previous_usable = False
    for page in pages:
        usable = readable_text(page) and (previous_usable or shows_a_label(page, layouts))
        if ocr == "always" or (ocr == "auto" and not usable):
            to_scan.append(page.number)
        previous_usable = usable
    if ocr == "never" and not any(page.words for page in pages):
        raise InputError("no text layer on any page, and OCR is off (--ocr never)")
    if not to_scan:
        return pages
    scanned = {p.number: p for p in scan_pages(pdf_page_images(path, to_scan), workers)}
    return [scanned.get(page.number, page) for page in pages]


def readable_text(page: Page) -> bool:
    """Whether a page has a text layer that is text, not garbage (fonts that map glyphs to
    nonsense)."""
    text = "".join(w.text for w in page.words)
    readable = sum(ch.isalnum() or ch in READABLE_PUNCTUATION for ch in text)
    return bool(text) and readable >= READABLE_SHARE * len(text)


def shows_a_label(page: Page, layouts: Sequence[Layout]) -> bool:
    """Whether a printed label of some layout is among the page's words: a page that continues
    a report may show none, but a report's first page always does."""
    sheet = Sheet.stack([page])
    return any(Anchors(sheet, layout).first(name) is not None
               for layout in layouts for name in _landmarks(layout))


def _landmarks(layout: Layout) -> list[str]:
    """Labels that any page of a report shows: its heading, its table titles, its closing parts."""
    names = [name for names in layout.identify for name in _alternatives(names)]
    return names + [t.title for t in layout.tables] + [layout.footnotes.start, layout.signature_label]


def split_reports(pages: list[Page], layouts: Sequence[Layout]) -> list[tuple[Layout, list[Page]]]:
    """A report starts on a page that shows all of a layout's identifying labels; the pages
    after it, up to the next such page, continue it."""
    reports: list[tuple[Layout, list[Page]]] = []
    for page in pages:
        layout = identify(page, layouts)
        if layout is not None:
            reports.append((layout, [page]))
        elif reports:
            reports[-1][1].append(page)
    return reports


def identify(page: Page, layouts: Sequence[Layout]) -> Optional[Layout]:
    """The layout whose identifying labels the page shows: all of them on a text layer; on a
    scan, where OCR may garble one, all but one, the layout showing the most (and, between
    equals, the longest: "ANNUAL STATEMENT OF CHANGES" over "STATEMENT OF CHANGES") wins."""
    sheet = Sheet.stack([page])
    best, best_score = None, (0, 0)
    for layout in layouts:
        anchors = Anchors(sheet, layout)
        shown = [next((layout.anchors[name] for name in _alternatives(names) if anchors.first(name)), None)
                 for names in layout.identify]
        found = [spec for spec in shown if spec is not None]
        needed = len(layout.identify) - (1 if sheet.fuzzy else 0)
        score = (len(found), sum(len(spec.text.split()) for spec in found))
        if len(found) >= needed and score > best_score:
            best, best_score = layout, score
    return best


def _alternatives(names: str | list[str]) -> list[str]:
    return [names] if isinstance(names, str) else names


_LAYOUTS: Optional[list[Layout]] = None


def _default_layouts() -> list[Layout]:
    global _LAYOUTS
    if _LAYOUTS is None:
        _LAYOUTS = load_layouts()
    return _LAYOUTS


def _sha256(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})") from exc
    if not data:
        raise InputError("the file is empty")
    return hashlib.sha256(data).hexdigest()


def _from_xml(path: Path) -> Record:
    from .edgar_xml import read_ownership_xml
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})") from exc
    try:
        return validate(read_ownership_xml(data, source_name=str(path)))
    except ValueError as exc:
        raise InputError(str(exc)) from exc
