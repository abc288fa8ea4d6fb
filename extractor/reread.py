"""Stage 4b, read cells again: on a scanned page, every table cell, and every box and signature
date Tesseract was unsure of, is read once more from its own print cut out of the page, allowing only the characters
its field type can hold, with its footnote markers read apart. For a table cell the new reading
wins where it parses as the field's type (it saw the whole cell); for a box, where it parses and
the old one does not, or it is surer. On a coarse scan the notes are read again too, as a block of
running text.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator, Optional

import regex

from .images import PageImage
from .layouts import FieldSpec, Layout
from .locate import Box, Sheet
from .mend import mend_words
from .normalise import FIELD_TYPES, split_footnote_markers
from .ocr import (POINTS_PER_INCH, TEXT_BLOCK_CONFIG, CellImage, Glyphs, InkMap, cell_image, read_cells, read_words,
                  with_stops_in_doubt)
from .pages import Page
from .read import LOST_WORDS_CONFIDENCE, Cell, ReportCells, join_lines, read_notes
from .record import NOTE_ALONE_FIELDS
from .vocabulary import TRANSACTION_CODES

# Cells read with less confidence than this are read again.
REREAD_BELOW = 0.9
# A reading this sure of its least sure word read no speck: a second reading that only leaves
# words of it out is no better.
SURE_OF_EVERY_WORD = 0.6
# The most a second reading is trusted where the page's reading of the cell said otherwise.
DISAGREEING_CONFIDENCE = 0.8
# Points of page kept around a cell's print. Cells are read at the page's resolution: enlarged
# twice, one-letter codes were read worse and nothing was read better.
CROP_MARGIN = 2.0
# The characters each field type may hold, in groups that are read together: every group costs
# one Tesseract run, so figures share one set and the one-letter codes another.
FIGURES = "0123456789,.$()-/"
CODES = "".join(sorted(TRANSACTION_CODES | {"A", "D", "I", "E", "L"}))
FIGURE_TYPES = {"number", "share_count", "price", "date"}
ALLOWED_CHARACTERS = {
    "number": FIGURES, "share_count": FIGURES, "price": FIGURES, "date": FIGURES,
    "code": CODES, "acquired_disposed": CODES, "direct_indirect": CODES, "timeliness": CODES,
    "text": None,
}

# Below this resolution a comma's tail is often lost, and Tesseract reads "452,334" as "452.334".
# A count of shares read so is taken for the thousands it most likely is (of the corpus's share
# counts, 0.4 % are under a thousand with three decimals), as a guess: with at most GUESS_CONFIDENCE.
COMMA_TAIL_DPI = 300
GROUPED_BY_PERIODS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
GUESS_CONFIDENCE = 0.8
# A date whose separators the scan lost or Tesseract misread ("11202020", "11-20:2020"): its eight
# figures are month, day and year as the forms print them; taken so as a guess.
DATE_FIGURES = regex.compile(r"(\d\d)(\d\d)((?:19|20)\d\d)")


@dataclass
class Rereading:
    """A cell to read again, where it is kept, and its print cut out of the page."""
    holder: dict
    key: object
    cell: Cell
    field_type: str
    image: CellImage
    whole_cell: bool  # cut out of the cell's full box, not just around the words read in it
    scanned_dpi: float  # of the page it is cut from
    note_alone: bool = False  # its field may print a footnote marker with no value (NOTE_ALONE_FIELDS)


def reread_cells(cells: ReportCells, sheet: Sheet) -> ReportCells:
    cutter = _CellCutter(sheet)
    cuts = [c for c in _to_reread(cells, cutter) if c is not None]
    # A fax's small markers lose their shape to its threshold: drawn markers find likeness in specks.
    numbers = [] if all(page.bilevel for page in sheet.pages) else _note_numbers(cells)
    readings = read_cells([(c.image, ALLOWED_CHARACTERS[c.field_type]) for c in cuts], numbers,
                          [c.note_alone for c in cuts])
    for cut, (lines, confidence) in zip(cuts, readings):
        text = join_lines(lines) if cut.field_type == "text" else " ".join(lines)
        old = _without_noise(cut.cell.text, cut.field_type)
        new = _spaced_as(_without_noise(text, cut.field_type), old)
        if _better(cut, new, confidence):
            cut.holder[cut.key] = replace(cut.cell, text=_with_markers_of(old, new),
                                          confidence=_taken_reading_confidence(cut, old, new, confidence))
        elif old != cut.cell.text:
            cut.holder[cut.key] = replace(cut.cell, text=old)
        if cut.key not in cut.holder:
            continue
        if cut.field_type == "share_count" and cut.scanned_dpi < COMMA_TAIL_DPI:
            cut.holder[cut.key] = _thousands_of_periods(cut.holder[cut.key])
        elif cut.field_type == "date":
            cut.holder[cut.key] = _date_of_figures(cut.holder[cut.key])
    if cells.notes_box is not None:
        _read_notes_as_a_block(cells, sheet, cells.notes_box)
    return cells


def _read_notes_as_a_block(cells: ReportCells, sheet: Sheet, box: Box) -> None:
    """On a coarse scan, the notes read again from their section's print as one block of text:
    Tesseract's sparse reading of the page passes over words of running text and boxes others
    wrongly ("provided" lost, "Biggar" boxed over the words after it). Each page is read from the
    section's top to its foot, mended as a page of its own is (see mend), and its words in the
    section are kept: with the print below (remarks, signature) Tesseract finds the block's lines
    better. On 11 samples' photos, 53 of 118 notes came out right so, against 44, none lost (with
    the section alone, 47: 7 gained, 4 lost). Where the block's reading tells fewer notes apart
    than the page's, it lost their numbers and is not taken (kar's photo: 6 of 10 notes right
    with the page's, 3 with the block's)."""
    parts = [(page, offset, shift, max(box.top - offset, 0.0))
             for page, offset, shift in zip(sheet.pages, sheet.offsets, sheet.shifts)
             if max(box.top - offset, 0.0) < min(box.bottom - offset, page.height)]
    if not all(page.coarse and page.image is not None and page.ink is not None for page, *_ in parts):
        return  # a fine scan's notes are read well by the page's reading
    words = []
    for page, offset, shift, top in parts:
        scale = page.image.dpi / POINTS_PER_INCH
        rows = (round(top * scale), page.image.image.height)
        image = page.image.image.crop((0, rows[0], page.image.image.width, rows[1]))
        part = Page(page.number, page.width, image.height / scale,
                    read_words(image, page.image.dpi, page.number, TEXT_BLOCK_CONFIG), method="ocr",
                    ink=InkMap(page.ink.ink[rows[0]:rows[1]], page.ink.points_per_pixel),
                    image=PageImage(page.number, image, page.image.dpi))
        below = offset + rows[0] / scale
        words += [replace(w, x0=w.x0 + shift, x1=w.x1 + shift, top=w.top + below, bottom=w.bottom + below)
                  for w in with_stops_in_doubt(mend_words(part, coarse=True).words)]
    notes, confidence = read_notes([w for w in words if box.contains_mid(w)], sheet, box)
    if len(notes) >= len(cells.footnotes):  # else the block's reading lost notes' numbers
        cells.footnotes, cells.section_confidence["footnotes"] = notes, confidence


def _note_numbers(cells: ReportCells) -> list[str]:
    """The numbers a marker of the report may have: notes are numbered 1, 2, 3 ..., up to the
    highest OCR read (it may have lost notes in between)."""
    numbers = [int(note_id[1:]) for note_id, _ in cells.footnotes if note_id[1:].isdigit()]
    return [str(n) for n in range(1, max(numbers) + 1)] if numbers else []


def _thousands_of_periods(cell: Cell) -> Cell:
    """A count of shares read "452.334" from a page too coarse to show a comma's tail, as 452,334."""
    value, markers = split_footnote_markers(cell.text)
    if not GROUPED_BY_PERIODS.fullmatch(value.strip()):
        return cell
    text = " ".join([value.strip().replace(".", ","), *_printed(markers)])
    return replace(cell, text=text, confidence=min(cell.confidence, GUESS_CONFIDENCE))


def _date_of_figures(cell: Cell) -> Cell:
    """A date that does not parse but is eight figures and marks between them ("11-20:2020"), as
    the date they spell."""
    value, markers = split_footnote_markers(cell.text)
    match = DATE_FIGURES.fullmatch("".join(c for c in value if c.isdigit()))
    if _parses(value, "date") or not match or any(c.isalpha() for c in value):
        return cell
    text = "/".join(match.groups())
    if not _parses(text, "date"):
        return cell
    return replace(cell, text=" ".join([text, *_printed(markers)]), confidence=min(cell.confidence, GUESS_CONFIDENCE))


class _CellCutter:
    """Cuts cells out of the sheet's page images; the glyphs of a band of a page (a table row's)
    are found once for all its cells."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self._glyphs: dict[tuple[int, int, int], Glyphs] = {}

    def same_page(self, box: Box) -> bool:
        return self.sheet.page_at(box.top)[0] is self.sheet.page_at(box.bottom)[0]

    def scanned_dpi(self, box: Box) -> float:
        page = self.sheet.page_at(box.top)[0]
        return page.scanned_dpi or page.image.dpi

    def cut(self, box: Box) -> Optional[CellImage]:
        page, box = self.sheet.on_page(box)
        if page.image is None or page.ink is None:
            return None
        scale = page.image.dpi / POINTS_PER_INCH
        margin = round(CROP_MARGIN * scale)
        area = tuple(round(v * scale) for v in (box.x0 - CROP_MARGIN, box.top - CROP_MARGIN,
                                               box.x1 + CROP_MARGIN, box.bottom + CROP_MARGIN))
        band = Glyphs.band(area, margin, page.ink.ink.shape[0])
        if (page.number, *band) not in self._glyphs:
            self._glyphs[(page.number, *band)] = Glyphs.of(page.ink.ink[band[0]:band[1]], band[0])
        return cell_image(page.image.image, self._glyphs[(page.number, *band)], area, margin, page.image.dpi)


def _to_reread(cells: ReportCells, cutter: _CellCutter) -> Iterator[Optional[Rereading]]:
    """Boxes read with less than REREAD_BELOW confidence, and every table cell: a table's
    one-letter codes and small raised markers are what a page's reading misses most."""
    layout: Layout = cells.layout
    yield from _doubtful_fields(cells.values, layout.fields, cutter)
    yield from _doubtful_fields(cells.relationship, layout.relationship_fields, cutter)
    for block in cells.owners:
        yield from _doubtful_fields(block, layout.owner_fields, cutter)
    for signature in cells.signatures:
        date = signature["date"]
        if date.box is not None and date.confidence < REREAD_BELOW:
            yield _rereading(signature, "date", date, "date", cutter, None)
    for table in layout.tables:
        for row in cells.tables.get(table.name, []):
            for index, area in row.areas.items():
                cell = row.cells.get(index, Cell("", area, (), 0.0))
                column = table.columns[index]
                yield _rereading(row.cells, index, cell, column.type, cutter, area,
                                 column.field in NOTE_ALONE_FIELDS)


def _doubtful_fields(holder: dict, specs: list[FieldSpec], cutter: _CellCutter) -> Iterator[Optional[Rereading]]:
    for spec in specs:
        targets = [spec.target] if isinstance(spec.target, str) else spec.target
        field_type = spec.type if spec.type in ALLOWED_CHARACTERS else "text"
        for target in targets:
            cell = holder.get(target)
            if isinstance(cell, Cell) and cell.confidence < REREAD_BELOW:
                yield _rereading(holder, target, cell, field_type, cutter, None)


def _rereading(holder: dict, key: object, cell: Cell, field_type: str, cutter: _CellCutter,
               area: Optional[Box], note_alone: bool = False) -> Optional[Rereading]:
    """The cell cut out of its full box ``area`` where that lies on one page, else out of the box
    around its words; none where those go on over a page break (one crop would hold only part)."""
    whole = area is not None and cutter.same_page(area)
    box = area if whole else cell.box
    if box is None or not cutter.same_page(box):
        return None
    image = cutter.cut(box)
    if image is None:
        return None
    return Rereading(holder, key, cell, field_type, image, whole, cutter.scanned_dpi(box), note_alone)


def _without_noise(text: str, field_type: str) -> str:
    """A figure read with specks beside it ("03/11/2013 iia"): where the text does not parse as
    its type but exactly one of its words does, that word (and the text's markers)."""
    if field_type not in FIGURE_TYPES or _parses(text, field_type):
        return text
    value, markers = split_footnote_markers(text)
    parsing = [word for word in value.split() if _parses(word, field_type)]
    if len(parsing) != 1:
        return text
    return " ".join([parsing[0], *_printed(markers)])


def _with_markers_of(old: str, new: str) -> str:
    """The new reading, keeping the footnote markers found in the old one (a marker printed
    small and raised is found on the page, not in a reading of the cell)."""
    _, new_markers = split_footnote_markers(new)
    _, old_markers = split_footnote_markers(old)
    missing = _printed([m for m in old_markers if m not in new_markers])
    return " ".join([new, *missing])


def _differ(old: str, new: str, field_type: str) -> bool:
    """Whether the page's reading of a cell and its second reading say different things: both
    read something, and their values (markers aside) do not normalise to the same."""
    (old_value, _), (new_value, _) = split_footnote_markers(old), split_footnote_markers(new)
    if not old_value.strip() or not new_value.strip():
        return False
    parse = FIELD_TYPES.get(field_type, FIELD_TYPES["text"])
    try:
        return parse(old_value) != parse(new_value)
    except ValueError:
        return True


def _taken_reading_confidence(rereading: Rereading, old: str, new: str, confidence: float) -> float:
    """How sure the second reading taken is: no surer than DISAGREEING_CONFIDENCE where the page's
    reading said otherwise, nor than LOST_WORDS_CONFIDENCE where the cell's area shows print no
    word was read from and the cell was cut out round its words (which leaves that print out too:
    msft's fax lost the "C/O" of "C/O MICROSOFT CORPORATION" and read the rest again surely)."""
    if _differ(old, new, rereading.field_type):
        confidence = min(confidence, DISAGREEING_CONFIDENCE)
    if rereading.cell.words_may_be_lost and not rereading.whole_cell:
        confidence = min(confidence, LOST_WORDS_CONFIDENCE)
    return confidence


def _better(rereading: Rereading, text: str, confidence: float) -> bool:
    """The new reading wins when it parses as the field's type and the old one does not, or
    when both do and it is surer, or it was read from the whole of a table cell (which the page's
    reading may have cut short or run into its neighbour) and is no shorter."""
    if not text:
        return False
    old = rereading.cell.text
    if not old:
        return _parses(text, rereading.field_type)
    if rereading.cell.confidence >= SURE_OF_EVERY_WORD and _leaves_out_words(old, text):
        return False
    surer = confidence > rereading.cell.confidence
    if rereading.whole_cell and rereading.field_type == "text":
        # Any text parses: the whole cell's reading wins if surer, or if it found more words, or
        # as many and more markers (which it reads apart, where the page's reading may have made
        # a word's end of them: "L.P.O").
        new_words, old_words = len(_value(text).split()), len(_value(old).split())
        more_markers = len(_markers(text)) > len(_markers(old))
        return surer or new_words > old_words or (new_words == old_words and more_markers)
    new_ok, old_ok = _parses(text, rereading.field_type), _parses(old, rereading.field_type)
    if rereading.whole_cell:
        # The page's reading may have cut the value short; Tesseract may also read a cell's
        # "111" as "1": a shorter value has to be surer.
        return new_ok and (not old_ok or surer or len(_value(text)) >= len(_value(old)))
    return new_ok and (not old_ok or surer)


def _spaced_as(new: str, old: str) -> str:
    """The new reading, with a word of it that is two consecutive words of the old one run
    together parted as there ("RAII," where the page's reading, mended from the print, has "RA II,":
    a cut-out line is read as Tesseract read the page, before the mending)."""
    old_words = old.split()
    pairs = {a + b: f"{a} {b}" for a, b in zip(old_words, old_words[1:])}
    return " ".join(pairs.get(word, word) for word in new.split())


def _leaves_out_words(old: str, new: str) -> bool:
    """Whether the new reading is the old one less some of its words ("STRONGIN VENAGLIA" of
    "STRONGIN & VENAGLIA": Tesseract reading a cut-out line passes over an "&"). A word the old
    reading has twice in a row ("Class A A Common") was read twice, not left out."""
    old_words, new_words = old.split(), new.split()
    if any(a == b for a, b in zip(old_words, old_words[1:])):
        return False
    remaining = iter(old_words)
    return len(new_words) < len(old_words) and all(word in remaining for word in new_words)


def _value(text: str) -> str:
    return split_footnote_markers(text)[0]


def _printed(markers: list[str]) -> list[str]:
    """Footnote ids as a cell prints them: "F2" -> "(2)"."""
    return [f"({m[1:]})" for m in markers]


def _markers(text: str) -> list[str]:
    return split_footnote_markers(text)[1]


def _parses(text: str, field_type: str) -> bool:
    value, _ = split_footnote_markers(text)
    try:
        FIELD_TYPES.get(field_type, FIELD_TYPES["text"])(value)
    except ValueError:
        return False
    return True
