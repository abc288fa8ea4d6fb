"""Stage 4, read cells: collect the printed text of every box, table cell and section of a report.

The result, ``ReportCells``, is still text: normalising it into typed values is the next stage.
Superscript footnote markers are written as "(n)" so that the next stage sees one form of marker.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Optional, Union

from .layouts import FieldSpec, Layout, TableSpec
from .locate import Anchors, Box, Column, RowBand, Sheet, TableSegment, group_lines, locate_table, split_rows
from .pages import Word

# How far left of its label (in label heights) a signature may begin: the label's first word,
# "**", may be missing from an OCR reading.
SIGNATURE_INDENT = 2.0
# How far left of its label (in label line heights) a check box's mark may stand.
MARK_REACH = 5.0
MARK_BOUND_CONFIDENCE = 0.8
MARK_TEXTS = {"x", "\u2713", "\u2714", "\u2612", "\u25a0", "[x]", "(x)"}
CIK_IN_LINK = re.compile(r"CIK=(\d+)", re.IGNORECASE)
# What OCR makes of a rule's remains or of specks: a line of a box of these alone is no text.
RULE_MARKS = set("-\u2013\u2014_.,:;'\"`|~=!")
FOOTNOTE_START = re.compile(r"^\(?(\d+)[.)]$")
# A note's number as OCR may read it: a comma for the full stop, letters for digits.
OCR_FOOTNOTE_START = re.compile(r"^\(?([\dOILlSZ]{1,2})[.,)]$")
OCR_DIGITS = str.maketrans("OILlSZ", "011152")
OCR_FOOTNOTE_JOINED = re.compile(r"^(\d{1,2})[.)](?=[A-Za-z])")
OCR_FOOTNOTE_BARE = re.compile(r"^(\d{1,2})$")  # the period lost
# A note's number as a fax may garble it past reading ("L", "G.", "4A.", "»"): a glyph to three,
# no word ("a", "of", "The") and no amount ("$1").
NUMBER_MISREAD = re.compile(r"^(?![aAI]$|[a-z]{2,3}$|[A-Z][a-z]{1,2}$)[^\s$%]{1,3}$")
# Points kept clear of a cell's edges when looking for print in it: what is left of its rules.
RULE_CLEARANCE = 1.5
# A table row read by OCR with fewer letters and figures than this in all its cells is specks.
ROW_MIN_CHARACTERS = 2
# A note's text starts this many of its letter heights right of the notes' left edge when the
# note's number stands before it.
NUMBER_INDENT = 0.6
# At most this many type sizes: a number of three figures, its period and a space.
NUMBER_MAX_INDENT = 3.0
# Of the notes' type size (the median size of the words read surely, at SURE_WORD or more), a
# note's first word is this big at least.
NOTE_TYPE_SHARE = 0.7
SURE_WORD = 0.8
# Paragraphs of notes stand apart: the step from a paragraph's last line to the next one's is
# PARAGRAPH_STEP times a line's (EDGAR's notes: 10.1 points against 7.4; two lines' steps are a
# line lost). A note OCR found starts the paragraph of its number where their first
# NOTE_START_COMPARED letters agree.
PARAGRAPH_STEP = (1.15, 1.75)
NOTE_START_COMPARED = 20
# A line ending this many line steps short of the print's right edge (its lines' 90th percentile)
# ends its paragraph; a longer one runs on, over a page break too.
RAGGED_RIGHT = 5.0
NOTES_BY_PARAGRAPH_CONFIDENCE = 0.5
SURE_LINE_WORDS = 3  # a line of so many words read surely (SURE_WORD) is no specks
# A Date label in line (within ALIGNED points) with the signature's Date label marks a signature
# label whose words OCR garbled, among the labels found or this many label lines from them.
SIGNATURE_LABEL_REACH = 12
ALIGNED = 2.0
# Room (in line heights) between a box's edge and where its text may run: the cell's padding.
WRAP_MARGIN = 0.5
# A field with print beside its words that OCR read no word from may have lost a word, and so may
# one read from a region placed by estimate.
LOST_WORDS_CONFIDENCE = 0.7


@dataclass
class Cell:
    text: str
    box: Optional[Box] = None  # in sheet coordinates
    pages: tuple[int, ...] = ()
    confidence: float = 1.0  # the reader's, of its least sure word
    # print level with its lines in its area was read as no word, or the area is an estimate
    words_may_be_lost: bool = False

    @classmethod
    def of(cls, words: list[Word]) -> "Cell":
        if not words:
            return cls("")
        text = join_lines([" ".join(_word_text(w) for w in line) for line in group_lines(words)])
        return cls(text, Box.around(words), tuple(sorted({w.page for w in words})),
                   min(w.confidence for w in words))


def join_lines(lines: list[str]) -> str:
    """Printed lines as one text. Inside a word a browser breaks a line only after a hyphen
    ("Attorney-in-" / "fact") or after "?" and "!" (which stand for apostrophes in much EDGAR
    text: "Issuer?" / "s"), so such a line goes on without a space."""
    text = ""
    for line in lines:
        text = f"{text}{line}" if not text or _broken_inside_word(text, line) else f"{text} {line}"
    return text


def _broken_inside_word(before: str, after: str) -> bool:
    return before.endswith("-") or (before.endswith(("?", "!")) and after[:1].islower())


def _word_text(word: Word) -> str:
    if word.superscript and word.text.isdigit():
        return f"({word.text})"
    return word.text


FieldValue = Union[Cell, bool, None, str, list[Cell]]


@dataclass
class TableRow:
    cells: dict[int, Cell]  # layout column index -> cell
    areas: dict[int, Box] = field(default_factory=dict)  # layout column index -> the cell's box, blank or not
    guessed: frozenset[int] = frozenset()  # columns placed without their label (see locate.Column)


@dataclass
class ReportCells:
    layout: Layout
    values: dict[str, FieldValue] = field(default_factory=dict)
    owners: list[dict[str, FieldValue]] = field(default_factory=list)
    relationship: dict[str, FieldValue] = field(default_factory=dict)
    tables: dict[str, list[TableRow]] = field(default_factory=dict)
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    remarks: Optional[str] = None
    signatures: list[dict[str, Cell]] = field(default_factory=list)  # each: its "name" and "date"
    pages: list[int] = field(default_factory=list)
    page_origins: dict[int, tuple[float, float]] = field(default_factory=dict)  # page number -> where it lies on the sheet (x, y)
    methods: list[str] = field(default_factory=list)  # how each page was read
    section_confidence: dict[str, float] = field(default_factory=dict)  # footnotes, remarks
    notes_box: Optional[Box] = None  # the notes' section on the sheet, where its label was found
    warnings: list[str] = field(default_factory=list)


def read_report(sheet: Sheet, layout: Layout) -> ReportCells:
    anchors = Anchors(sheet, layout)
    cells = ReportCells(layout, pages=[p.number for p in sheet.pages],
                        page_origins={p.number: (shift, top) for p, top, shift in zip(sheet.pages, sheet.offsets, sheet.shifts)},
                        methods=[p.method for p in sheet.pages])
    for spec in layout.fields:
        _read_field(anchors, spec, None, cells.values)
    cells.owners = _read_owners(anchors, layout)
    for spec in layout.relationship_fields:
        _read_field(anchors, spec, None, cells.relationship)
    for table in layout.tables:
        cells.tables[table.name] = _read_table(anchors, table, cells.warnings)
    signature_block, cells.signatures = _read_signatures(anchors, layout)
    anchors.computed["signature_block"] = signature_block
    cells.notes_box = _section_box(anchors, layout.footnotes.start, layout.footnotes.end)
    note_words = anchors.sheet.words_in(cells.notes_box) if cells.notes_box else []
    cells.footnotes, notes_confidence = read_notes(note_words, anchors.sheet, cells.notes_box)
    remarks_lines = _section_lines(anchors, layout.remarks.start, layout.remarks.end)
    cells.remarks = join_lines([" ".join(w.text for w in line) for line in remarks_lines]) or None
    cells.section_confidence = {"footnotes": notes_confidence, "remarks": _least_sure(remarks_lines)}
    return cells


def read_notes(words: list[Word], sheet: Sheet, box: Optional[Box]) -> tuple[list[tuple[str, str]], float]:
    """The notes (id, text) the words of the notes' section ``box`` make, and their confidence."""
    lines = group_lines(words)
    numbered = _read_footnotes(lines, sheet)
    notes = _notes_by_paragraph(lines, sheet, box, numbered) if box and sheet.fuzzy else numbered
    return notes, _notes_confidence(lines, by_paragraph=notes != numbered)


def _least_sure(lines: list[list[Word]]) -> float:
    return min((w.confidence for line in lines for w in line), default=1.0)


def _notes_confidence(lines: list[list[Word]], by_paragraph: bool) -> float:
    """The notes' confidence: their least sure word's; for notes told by paragraph, no more than
    NOTES_BY_PARAGRAPH_CONFIDENCE, and none where no word was read in them."""
    if not by_paragraph:
        return _least_sure(lines)
    return min(_least_sure(lines), NOTES_BY_PARAGRAPH_CONFIDENCE) if lines else 0.0


def _read_field(anchors: Anchors, spec: FieldSpec, scope: Optional[tuple[float, float]],
                out: dict[str, FieldValue]) -> None:
    if spec.type == "mark":
        out[spec.target] = _read_mark(anchors, spec.mark_left_of, scope)
        return
    if spec.type == "choice":
        marked = [value for value, label in spec.choices.items() if _read_mark(anchors, label, scope)]
        out[spec.target] = marked[0] if len(marked) == 1 else None
        return
    box = anchors.region(spec.region, scope) if spec.region else None
    estimated = box is not None and anchors.estimated(spec.region, scope)
    words = anchors.sheet.words_in(box) if box else []
    if anchors.sheet.fuzzy:
        words = _without_lines_of_marks(words)
    if spec.type == "paragraphs":
        paragraphs = [_cell_in(anchors.sheet, box, lines, estimated)
                      for lines in _paragraphs(words, box.x1)] if box else []
        for i, target in enumerate(spec.target):
            out[target] = paragraphs[i] if i < len(paragraphs) else Cell("")
        if len(paragraphs) > len(spec.target):
            out[spec.target[-1]] = Cell(join_lines([c.text for c in paragraphs[len(spec.target) - 1:]]), box)
    else:
        out[spec.target] = _cell_in(anchors.sheet, box, words, estimated) if box else None
    if spec.link_cik:
        out[spec.link_cik] = _cik_from_links(anchors.sheet, box) if box else None


def _cell_in(sheet: Sheet, area: Box, words: list[Word], estimated: bool = False) -> Cell:
    """The cell of the words read in an area; no surer than LOST_WORDS_CONFIDENCE where print
    in the area level with its lines was read as no word (OCR lost a word before, between or
    after them), or where the area is an estimate (a wrapped line may lie outside it)."""
    cell = Cell.of(words)
    if words and sheet.fuzzy and (estimated or sheet.print_unread(area, words)):
        cell.confidence = min(cell.confidence, LOST_WORDS_CONFIDENCE)
        cell.words_may_be_lost = True
    return cell


def _without_lines_of_marks(words: list[Word]) -> list[Word]:
    """The words but for lines of dashes, dots and strokes alone: on a scan, what is left of a
    rule ("-", "- —") or specks. (An "&" alone on a line is a word: "CAO" / "&" / "Secretary".)"""
    return [w for line in group_lines(words) if not all(c in RULE_MARKS for w in line for c in w.text)
            for w in line]


def _paragraphs(words: list[Word], right_edge: float) -> list[list[Word]]:
    """Lines grouped into paragraphs (separate rows of a box, each maybe wrapped over lines).
    A line wraps on into the next only when the next line's first word would not have fitted
    at its end, before the right edge of the box; otherwise the next line is a new paragraph."""
    paragraphs: list[list[Word]] = []
    previous: Optional[list[Word]] = None
    for line in group_lines(words):
        if previous is None or not _no_room(previous, line[0], right_edge):
            paragraphs.append([])
        paragraphs[-1].extend(line)
        previous = line
    return paragraphs


def _no_room(line: list[Word], next_word: Word, right_edge: float) -> bool:
    space = 0.25 * next_word.height
    return line[-1].x1 + space + (next_word.x1 - next_word.x0) > right_edge - WRAP_MARGIN * next_word.height


def _read_mark(anchors: Anchors, label_name: str, scope: Optional[tuple[float, float]]) -> Optional[bool]:
    """True for a mark printed just left of the label and level with it, False for none, None
    where the form has no such label. On a scanned page the mark is looked for as ink."""
    label = anchors.first(label_name, scope)
    if label is None:
        return None
    label_words = anchors.sheet.words_in(label)
    line_height = label_words[0].height if label_words else 8.0
    left = label.x0 - MARK_REACH * line_height
    beside = [w for w in anchors.sheet.words if w.x1 <= label.x0 and w.x1 > left
              and label.top <= w.y_mid <= label.bottom]
    marks = [w for w in beside if w.text.casefold() in MARK_TEXTS]
    # OCR may read a mark as a letter or two ("><", "K"), or a mark in its box as an unsure word
    # ("bol"): only longer words read surely bound the mark's area.
    inked = anchors.sheet.marked(Box(max([left] + [w.x1 for w in beside if len(w.text) > 2
                                                   and w.confidence >= MARK_BOUND_CONFIDENCE]),
                                     label.top, label.x0 - 0.5, label.bottom))
    return bool(marks) if inked is None else inked


def _cik_from_links(sheet: Sheet, box: Box) -> Optional[str]:
    for link in sheet.links:
        if link.x0 < box.x1 and link.x1 > box.x0 and link.top < box.bottom and link.bottom > box.top:
            match = CIK_IN_LINK.search(link.uri)
            if match:
                return match.group(1)
    return None


def _read_owners(anchors: Anchors, layout: Layout) -> list[dict[str, FieldValue]]:
    starts = anchors.all(layout.owner_start)
    blocks = []
    for i, start in enumerate(starts):
        scope = (start.top, starts[i + 1].top if i + 1 < len(starts) else anchors.sheet.height)
        block: dict[str, FieldValue] = {}
        for spec in layout.owner_fields:
            _read_field(anchors, spec, scope, block)
        blocks.append(block)
    if layout.owners_listed_after_tables and len(blocks) > 1:
        return blocks[1:]
    return blocks


def _read_table(anchors: Anchors, table: TableSpec, warnings: list[str]) -> list[TableRow]:
    rows: list[tuple[RowBand, list[Column]]] = []  # each with the columns of its page's part of the table
    for number, segment in enumerate(locate_table(anchors, table, warnings)):
        for position, row in enumerate(split_rows(anchors.sheet, segment)):
            if number > 0 and position == 0 and rows and not _has_keys(row, segment, table, anchors.sheet):
                # a row the page break cut in two goes on here; its band is only its words'
                words = rows[-1][0].words + row.words
                rows[-1] = (RowBand(words, min(w.top for w in words), max(w.bottom for w in words)), rows[-1][1])
            else:
                rows.append((row, segment.columns))
    table_rows = []
    for row, columns in rows:
        cells, areas = {}, {}
        for column in columns:
            words = [w for w in row.words if column.x0 <= w.x_mid < column.x1]
            if words:
                cells[column.index] = Cell.of(words)
            areas[column.index] = Box(max(column.x0, 0.0), row.top, min(column.x1, anchors.sheet.width), row.bottom)
        if anchors.sheet.fuzzy and cells and _specks_only(cells):
            warnings.append(f"table {table.name}: a row of specks only left out "
                            f"({' '.join(repr(c.text) for c in cells.values())})")
        elif cells:
            table_rows.append(TableRow(cells, areas, frozenset(c.index for c in columns if c.guessed)))
    return table_rows


def _specks_only(cells: dict[int, Cell]) -> bool:
    """Whether a row read by OCR holds less than two letters or figures in all: specks and a
    rule's remnants ("i", ":") between the rows of a fax, not a row the form prints."""
    return sum(ch.isalnum() for cell in cells.values() for ch in cell.text) < ROW_MIN_CHARACTERS


def _has_keys(row: RowBand, segment: TableSegment, table: TableSpec, sheet: Sheet) -> bool:
    """Whether the row has text in every column of the table's row keys; on a scan, print
    there that OCR did not read counts (a lone "D" is often passed over)."""
    filled = {table.columns[c.index].field for c in segment.columns
              if any(c.x0 <= w.x_mid < c.x1 for w in row.words)
              or (sheet.fuzzy and sheet.inked(Box(max(c.x0, 0.0) + RULE_CLEARANCE, row.top + RULE_CLEARANCE,
                                                  min(c.x1, sheet.width) - RULE_CLEARANCE,
                                                  row.bottom - RULE_CLEARANCE)))}
    return all(key in filled for key in table.row_keys)


def _section_box(anchors: Anchors, start: str, end: list[str]) -> Optional[Box]:
    label = anchors.first(start)
    if label is None:
        return None
    return Box(float("-inf"), label.bottom, float("inf"), anchors.nearest(end, below=label.bottom))


def _section_lines(anchors: Anchors, start: str, end: list[str]) -> list[list[Word]]:
    box = _section_box(anchors, start, end)
    return group_lines(anchors.sheet.words_in(box)) if box else []


def _read_footnotes(lines: list[list[Word]], sheet: Sheet) -> list[tuple[str, str]]:
    """Numbered paragraphs "1. ...", "2. ...": a number only starts a note when it is the next one.
    On a scan OCR may misread the small number ("2," "Z.") or lose it: a line whose text stands
    indented from the notes' left edge with print in the gap (the number) starts the next note,
    and so does the number after the next, alone at the margin (the next one was lost), and a
    glyph or two at the margin before text where a note's text starts, after a paragraph's room
    (a number misread past telling: "L These shares", pltr's fax); print with no number found at
    all is the first note."""
    notes: list[tuple[str, list[str]]] = []
    margin = min((line[0].x0 for line in lines), default=0.0)
    size = statistics.median([w.size for line in lines for w in line if w.confidence >= SURE_WORD] or [0.0])
    after_room = _after_paragraph_room(lines)
    for line, roomy in zip(lines, after_room):
        first = line[0]
        number, rest = _footnote_number(first.text, sheet.fuzzy)
        at_margin = first.x0 - margin <= NUMBER_INDENT * first.size
        if number == len(notes) + 1 or (sheet.fuzzy and number == len(notes) + 2 and at_margin and rest == ""):
            notes.append((f"F{number}", [" ".join([rest, *(w.text for w in line[1:])]).strip()]))
        elif sheet.fuzzy and _after_a_lost_number(first, margin, size) and sheet.inked(
                Box(margin, first.top, first.x0 - 0.5, first.bottom)):
            notes.append((f"F{len(notes) + 1}", [" ".join(w.text for w in line)]))
        elif sheet.fuzzy and number is None and at_margin and roomy and len(line) > 1 \
                and NUMBER_MISREAD.match(first.text) and _after_a_lost_number(line[1], margin, size):
            notes.append((f"F{len(notes) + 1}", [" ".join(w.text for w in line[1:])]))
        elif notes:
            notes[-1][1].append(" ".join(w.text for w in line))
    if sheet.fuzzy and not notes and lines:
        # The section holds notes only: print there whose number OCR could not find is note 1.
        notes.append(("F1", [" ".join(w.text for w in line) for line in lines]))
    return [(note_id, join_lines(note_lines)) for note_id, note_lines in notes]


def _notes_by_paragraph(lines: list[list[Word]], sheet: Sheet, box: Box,
                        notes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """On a coarse scan, the notes as the paragraphs their print stands in, where OCR found fewer
    notes than there are paragraphs, each note it found (but the last) is in the paragraph of its
    number, and every other paragraph OCR read as specks or starting with a number (a faint page:
    OCR lost the notes' numbers)."""
    paragraphs = _paragraphs_of_print(sheet.print_lines(box))
    if paragraphs is None or len(paragraphs) <= len(notes):
        return notes
    texts: list[list[str]] = [[] for _ in paragraphs]
    first_lines: list[Optional[list[Word]]] = [None] * len(paragraphs)
    for line in lines:
        middle = statistics.median(w.y_mid for w in line)
        nearest = min(range(len(paragraphs)),
                      key=lambda i: max(paragraphs[i][0] - middle, middle - paragraphs[i][1], 0.0))
        texts[nearest].append(" ".join(w.text for w in line))
        first_lines[nearest] = first_lines[nearest] or line
    # the last note found may have started at a line of specks, and took in all the print after it
    if any(text[:NOTE_START_COMPARED] not in join_lines(paragraph) for (_, text), paragraph in zip(notes[:-1], texts)):
        return notes
    # a paragraph OCR read surely, with no number before it, is no note (a header the section took in)
    if any(line and len(line) >= SURE_LINE_WORDS and statistics.median(w.confidence for w in line) >= SURE_WORD
           and _footnote_number(line[0].text, fuzzy=True)[0] is None for line in first_lines[len(notes):]):
        return notes
    return [(f"F{number}", _without_number(join_lines(paragraph))) for number, paragraph in enumerate(texts, start=1)]


def _without_number(text: str) -> str:
    """A note's text without the number OCR read before it, if any."""
    first, _, rest = text.partition(" ")
    number, after = _footnote_number(first, fuzzy=True)
    return " ".join(filter(None, [after, rest])) if number is not None else text


def _paragraphs_of_print(lines: list[tuple[float, float, int]]) -> Optional[list[tuple[float, float]]]:
    """Paragraphs (top, bottom) of lines of print (where each ends below and right, and its
    page): a paragraph starts after a step from one line to the next that is a number of line
    steps and a paragraph's extra room (see PARAGRAPH_STEP) rather than of line
    steps alone (a faint line lost makes a step two), and on a new page unless the last line
    before runs to the print's right edge (the paragraph goes on). None where the steps show no
    paragraphs."""
    steps = [b[0] - a[0] for a, b in zip(lines, lines[1:]) if a[2] == b[2]]
    if len(steps) < 2:
        return None
    shortest = _shortest_steps(steps)
    line = statistics.fmean(step for step in steps if step < PARAGRAPH_STEP[0] * shortest)  # the quartile's at least
    wide = [step for step in steps if PARAGRAPH_STEP[0] * line <= step < PARAGRAPH_STEP[1] * line]
    if not wide:
        return None
    extra = statistics.median(wide) - line
    right_edge = {page: statistics.quantiles([x for _, x, p in lines if p == page] * 2, n=10)[-1]
                  for page in {p for _, _, p in lines}}
    paragraphs: list[list[float]] = []
    for k, (bottom, _, page) in enumerate(lines):
        if k == 0:
            starts = True
        elif lines[k - 1][2] != page:
            _, previous_right, previous_page = lines[k - 1]
            starts = previous_right < right_edge[previous_page] - RAGGED_RIGHT * line
        else:
            step = bottom - lines[k - 1][0]
            with_room = max(1, round((step - extra) / line)) * line + extra
            starts = abs(step - with_room) < abs(step - max(1, round(step / line)) * line)
        if starts:
            paragraphs.append([bottom - line, bottom])
        else:
            paragraphs[-1][1] = bottom
    return [(top, bottom) for top, bottom in paragraphs]


def _shortest_steps(steps: list[float]) -> float:
    """The lower quartile of the steps from line to line: a step within a paragraph."""
    return statistics.quantiles(steps, n=4, method="inclusive")[0]


def _after_paragraph_room(lines: list[list[Word]]) -> list[bool]:
    """Of each line, whether it may start a paragraph: first on its page, or a step below the line
    before of PARAGRAPH_STEP[0] line steps at least (the lower quartile of the steps)."""
    tops = [(min(w.top for w in line), line[0].page) for line in lines]
    steps = [b[0] - a[0] for a, b in zip(tops, tops[1:]) if a[1] == b[1]]
    if len(steps) < 2:
        return [True] * len(lines)
    line_step = _shortest_steps(steps)
    return [k == 0 or tops[k - 1][1] != page or top - tops[k - 1][0] >= PARAGRAPH_STEP[0] * line_step
            for k, (top, page) in enumerate(tops)]


def _after_a_lost_number(first: Word, margin: float, size: float) -> bool:
    """Whether a line's first word stands where a note's text starts after its number: a
    number's width right of the notes' left edge, and in the notes' type. Tesseract's reading of
    print too small or faint to read is words of all sizes at any place."""
    indent = first.x0 - margin
    return (NUMBER_INDENT * first.size < indent <= NUMBER_MAX_INDENT * size
            and first.size >= NOTE_TYPE_SHARE * size)


def _footnote_number(text: str, fuzzy: bool) -> tuple[Optional[int], str]:
    """The number a word starts a footnote with, and the rest of the word: OCR may join the
    number to the note's first word ("1.N/A")."""
    match = FOOTNOTE_START.match(text) or (
        (OCR_FOOTNOTE_START.match(text) or OCR_FOOTNOTE_JOINED.match(text) or OCR_FOOTNOTE_BARE.match(text))
        if fuzzy else None)
    if not match:
        return None, ""
    return int(match.group(1).translate(OCR_DIGITS)), text[match.end():]


def _read_signatures(anchors: Anchors, layout: Layout) -> tuple[Optional[Box], list[dict[str, Cell]]]:
    """Each signature stands right above a signature label (one label under every signature, or
    one under all of them); a date pairs with the name lines beside it."""
    labels = anchors.all(layout.signature_label)
    if not labels:
        return None, []
    date_label = anchors.first(layout.signature_date_label)
    if date_label is not None and anchors.sheet.fuzzy:
        labels = _with_labels_beside_dates(anchors, layout, labels, date_label)
    split_x = date_label.x0 - 2 if date_label else float("inf")
    signatures, block_words = [], []
    previous_bottom = float("-inf")
    for label in labels:
        words = _signature_lines(anchors.sheet, label, previous_bottom)
        names_area = Box(label.x0 - SIGNATURE_INDENT * (label.bottom - label.top), max(previous_bottom, 0.0),
                         split_x, label.top)
        previous_bottom = label.bottom
        if not words:
            continue
        block_words += words
        signatures += _pair_names_and_dates(anchors.sheet, [w for w in words if w.x_mid < split_x],
                                            [w for w in words if w.x_mid >= split_x], names_area)
    return (Box.around(block_words) if block_words else None), signatures


def _with_labels_beside_dates(anchors: Anchors, layout: Layout, labels: list[Box], date_label: Box) -> list[Box]:
    """The signature labels, and one on each line where OCR garbled the label but read the Date
    label beside it (in line with the first one's, among the labels or at most
    SIGNATURE_LABEL_REACH label lines from them)."""
    reach = SIGNATURE_LABEL_REACH * (date_label.bottom - date_label.top)
    dates = [box for box, _ in anchors.sheet.find_all(layout.anchors[layout.signature_date_label])
             if abs(box.x0 - date_label.x0) <= ALIGNED and labels[0].top - reach <= box.top <= labels[-1].bottom + reach]
    added = [Box(labels[0].x0, box.top, labels[0].x1, box.bottom) for box in dates
             if not any(label.top < box.bottom and box.top < label.bottom for label in labels)]
    return sorted(labels + added, key=lambda box: box.top)


def _signature_lines(sheet: Sheet, label: Box, above: float) -> list[Word]:
    """The lines right above a signature label that are printed in its column."""
    lines = group_lines(w for w in sheet.words if above <= w.top and w.bottom <= label.top + 0.5)
    block: list[list[Word]] = []
    for line in reversed(lines):
        if min(w.x0 for w in line) < label.x0 - SIGNATURE_INDENT * (label.bottom - label.top):
            break
        below = block[-1] if block else None
        # a line's type size, not its first word's height: OCR may read a speck as a word
        if below and below[0].page == line[0].page and \
                min(w.top for w in below) - max(w.bottom for w in line) > 3 * max(w.size for w in line):
            break
        block.append(line)
    return [w for line in block for w in line]


def _pair_names_and_dates(sheet: Sheet, names: list[Word], date_words: list[Word],
                          names_area: Box) -> list[dict[str, Cell]]:
    dates = group_lines(date_words)
    if not dates:
        return [{"name": _cell_in(sheet, names_area, names), "date": Cell("")}] if names else []
    groups: list[list[Word]] = [[] for _ in dates]
    for word in names:
        nearest = min(range(len(dates)), key=lambda i: abs(dates[i][0].y_mid - word.y_mid))
        groups[nearest].append(word)
    return [{"name": _cell_in(sheet, names_area, group), "date": Cell.of(date)} for group, date in zip(groups, dates)]
