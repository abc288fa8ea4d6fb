"""The pipeline: load pages -> find layout -> locate -> read cells -> normalise -> validate.

``extract(path)`` runs it for one input file and returns one record per report found.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional, Sequence

from .assemble import assemble
from .layouts import Layout, load_layouts
from .locate import Anchors, Sheet
from .pages import InputError, Page, load_pages
from .read import read_report
from .record import Record
from .validate import validate

XML_SUFFIXES = {".xml"}


def extract(path: str | Path, layouts: Optional[Sequence[Layout]] = None) -> list[Record]:
    """Every ownership report in the file, in order. Raises InputError with a one-line reason."""
    path = Path(path)
    if path.suffix.lower() in XML_SUFFIXES:
        return [_from_xml(path)]
    layouts = layouts if layouts is not None else _default_layouts()
    digest = _sha256(path)
    pages = list(load_pages(path))
    if not any(page.words for page in pages):
        raise InputError("no text layer on any page (a scanned page needs OCR)")
    reports = split_reports(pages, layouts)
    if not reports:
        raise InputError("no Form 3, 4 or 5 found on any page (not an ownership report, or an unknown layout)")
    records = []
    for layout, pages in reports:
        record = assemble(read_report(Sheet.stack(pages), layout), source=str(path))
        record.extraction.sha256 = digest
        records.append(validate(record))
    return records


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
    sheet = Sheet.stack([page])
    for layout in layouts:
        anchors = Anchors(sheet, layout)
        if all(any(anchors.first(name) is not None for name in ([names] if isinstance(names, str) else names))
               for names in layout.identify):
            return layout
    return None


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
