"""Stage 1, load pages: turn an input file into pages of positioned words, rules and links.

Every later stage works on ``Page`` alone, so a page read from a text layer and one read by OCR
look the same to them. Coordinates are PDF points from the page's top-left corner.
"""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

if TYPE_CHECKING:
    from .ocr import InkMap
    from .images import PageImage

import ctypes

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfparser import PDFSyntaxError

PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}

# Characters further apart than this share of the font size are two words. A space is about a
# quarter of it; text that overflows its table cell runs into the next cell with about that gap.
WORD_GAP_RATIO = 0.1
# A word printed this much smaller than the line it sits on, and raised, is a superscript.
SUPERSCRIPT_SIZE_RATIO = 0.85


class InputError(Exception):
    """An input that cannot be read at all; the message is the one-line reason."""


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    superscript: bool = False
    page: int = 1
    confidence: float = 1.0  # how sure the reader is of the text (1 for a text layer)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def x_mid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Rule:
    """A printed line: horizontal when ``x1 - x0`` is large, vertical when ``bottom - top`` is."""
    x0: float
    top: float
    x1: float
    bottom: float
    page: int = 1


@dataclass(frozen=True)
class Link:
    uri: str
    x0: float
    top: float
    x1: float
    bottom: float
    page: int = 1


@dataclass
class Page:
    number: int  # 1-based, in the input file
    width: float
    height: float
    words: list[Word]
    h_rules: list[Rule] = field(default_factory=list)
    v_rules: list[Rule] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    method: str = "text"  # or "ocr"
    ink: Optional["InkMap"] = None  # where the page image is inked, for OCR pages
    image: Optional["PageImage"] = None  # the cleaned image OCR read, for reading cells again
    scanned_dpi: Optional[float] = None  # the resolution the page was scanned at (OCR may read it enlarged)
    bilevel: bool = False  # scanned in black and white (a fax): its print has no grey levels

    @property
    def coarse(self) -> bool:
        """Scanned coarser than COARSE_SCAN_DPI: a fax or a photo."""
        return self.scanned_dpi is not None and self.scanned_dpi < COARSE_SCAN_DPI


TEXT_ENGINES = ("pdfium", "pdfplumber")
# Under this resolution a scan's small print is a few pixels high (a fax, a photo): its readings
# are spelt and doubted where a finer scan's are not (they would only "correct" filers' own words).
COARSE_SCAN_DPI = 300.0


def load_pages(path: Path, text_engine: str = "pdfium") -> Iterator[Page]:
    """The pages of a PDF with their text layer. PDFium (via pypdfium2) reads it about ten times
    faster than pdfplumber's pdfminer; pdfplumber is kept as a second reader to check it against."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError("no such file")
    if path.is_dir():
        raise InputError("is a folder, not a file")
    if suffix not in PDF_SUFFIXES and not _looks_like_pdf(path):
        raise InputError(f"unsupported file type '{suffix or 'none'}' (expected PDF, image or EDGAR XML)")
    if text_engine not in TEXT_ENGINES:
        raise ValueError(f"text_engine must be one of {TEXT_ENGINES}, not {text_engine!r}")
    yield from (_load_pdf_pdfium(path) if text_engine == "pdfium" else _load_pdf(path))


def _looks_like_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"%PDF-"


def _load_pdf_pdfium(path: Path) -> Iterator[Page]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(f"not a readable PDF ({exc})") from exc
    try:
        if len(pdf) == 0:
            raise InputError("the PDF has no pages")
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                yield _page_from_pdfium(pdf, page, index + 1)
            finally:
                page.close()
    finally:
        pdf.close()


def _page_from_pdfium(pdf: "pdfium.PdfDocument", page: "pdfium.PdfPage", number: int) -> Page:
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        chars = []
        # PDFium reports a hyphen that ends a line as U+FFFE; it is the hyphen printed there.
        for i, char in enumerate(text[:count].replace("\ufffe", "-")):
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            chars.append((char, left, height - top, right, height - bottom))
    finally:
        textpage.close()
    words = mark_superscripts(_words_from_chars(chars, number))
    h_rules, v_rules = [], []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        _add_rule(Rule(left, height - top, right, height - bottom, number), h_rules, v_rules)
    return Page(number, page.get_width(), height, words, h_rules, v_rules,
                _pdfium_links(pdf, page, height, number), method="text")


def _words_from_chars(chars: list[tuple[str, float, float, float, float]], page: int) -> list[Word]:
    """Join characters into words: a word ends at white space, at a gap wider than
    WORD_GAP_RATIO of the font size, at a change of line, or at a change of font size."""
    words: list[Word] = []
    current: list[tuple[str, float, float, float, float]] = []

    def flush() -> None:
        if current:
            size = max(c[4] - c[2] for c in current)
            words.append(Word("".join(c[0] for c in current), current[0][1], min(c[2] for c in current),
                              current[-1][3], max(c[4] for c in current), round(size, 2), page=page))
            current.clear()

    for char in chars:
        text, left, top, right, bottom = char
        if bottom - top <= 0 or right - left <= 0:
            continue  # a space or line end PDFium made up; the geometry below decides
        if text.isspace():
            flush()
            continue
        if current:
            prev = current[-1]
            size, prev_size = bottom - top, prev[4] - prev[2]
            same_size = abs(size - prev_size) <= 0.05 * prev_size
            same_line = abs(bottom - prev[4]) <= 0.3 * prev_size
            close = -0.3 * prev_size <= left - prev[3] <= WORD_GAP_RATIO * prev_size
            if not (same_size and same_line and close):
                flush()
        current.append(char)
    flush()
    return _join_touching(words)


def _join_touching(words: list[Word]) -> list[Word]:
    """Join words that touch on one line: a browser may draw the end of a word that overflows
    its cell as a separate run, out of order in the content stream."""
    joined: list[Word] = []
    for word in sorted(words, key=lambda w: (round(w.bottom), w.x0)):
        prev = joined[-1] if joined else None
        if (prev is not None and abs(prev.bottom - word.bottom) <= 0.3 * prev.size
                and abs(prev.size - word.size) <= 0.05 * prev.size
                and -0.3 * prev.size <= word.x0 - prev.x1 <= WORD_GAP_RATIO * prev.size):
            joined[-1] = dataclasses.replace(prev, text=prev.text + word.text, x1=word.x1,
                                             top=min(prev.top, word.top), bottom=max(prev.bottom, word.bottom))
        else:
            joined.append(word)
    return joined


def _pdfium_links(pdf: "pdfium.PdfDocument", page: "pdfium.PdfPage", height: float, number: int) -> list[Link]:
    links = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_LINK:
                continue
            action = pdfium_c.FPDFLink_GetAction(pdfium_c.FPDFAnnot_GetLink(annot))
            length = pdfium_c.FPDFAction_GetURIPath(pdf.raw, action, None, 0) if action else 0
            if not length:
                continue
            buffer = ctypes.create_string_buffer(length)
            pdfium_c.FPDFAction_GetURIPath(pdf.raw, action, buffer, length)
            rect = pdfium_c.FS_RECTF()
            pdfium_c.FPDFAnnot_GetRect(annot, rect)
            links.append(Link(buffer.value.decode("latin-1"), rect.left, height - rect.top, rect.right,
                              height - rect.bottom, number))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return links


def _load_pdf(path: Path) -> Iterator[Page]:
    try:
        pdf = pdfplumber.open(path)
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        raise InputError(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
    with pdf:
        try:
            pdf_pages = pdf.pages
        except Exception as exc:  # pdfminer raises many unrelated types on broken files
            raise InputError(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
        if not pdf_pages:
            raise InputError("the PDF has no pages")
        for pdf_page in pdf_pages:
            yield _page_from_pdf(pdf_page)
            pdf_page.close()


def _page_from_pdf(pdf_page: "pdfplumber.page.Page") -> Page:
    raw_words = pdf_page.extract_words(extra_attrs=["size"], x_tolerance_ratio=WORD_GAP_RATIO)
    words = mark_superscripts([
        Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], round(w["size"], 2), page=pdf_page.page_number)
        for w in raw_words
    ])
    h_rules, v_rules = _rules(pdf_page)
    links = [
        Link(str(h.get("uri") or ""), h["x0"], h["top"], h["x1"], h["bottom"], pdf_page.page_number)
        for h in pdf_page.hyperlinks if h.get("uri")
    ]
    return Page(pdf_page.page_number, float(pdf_page.width), float(pdf_page.height), words,
                h_rules, v_rules, links, method="text")


def _rules(pdf_page: "pdfplumber.page.Page") -> tuple[list[Rule], list[Rule]]:
    """Thin rectangles, lines and curves become rules (browsers draw table borders as thin polygons)."""
    h_rules: list[Rule] = []
    v_rules: list[Rule] = []
    for obj in [*pdf_page.rects, *pdf_page.lines, *pdf_page.curves]:
        _add_rule(Rule(obj["x0"], obj["top"], obj["x1"], obj["bottom"], pdf_page.page_number), h_rules, v_rules)
    return h_rules, v_rules


def _add_rule(rule: Rule, h_rules: list[Rule], v_rules: list[Rule]) -> None:
    """Keep thin shapes as rules; boxes and other shapes are left out (their edges are rules)."""
    width, height = rule.x1 - rule.x0, rule.bottom - rule.top
    if height <= 2.5 and width > 3:
        h_rules.append(rule)
    elif width <= 2.5 and height > 3:
        v_rules.append(rule)


def mark_superscripts(words: list[Word]) -> list[Word]:
    """Flag words printed smaller than, and raised above, the word they touch on their left."""
    marked = []
    by_right_edge = sorted(words, key=lambda w: w.x1)
    right_edges = [w.x1 for w in by_right_edge]
    for word in words:
        lo = bisect.bisect_left(right_edges, word.x0 - 2.0)
        hi = bisect.bisect_right(right_edges, word.x0 + 1.0)
        raised = any(
            o.size * SUPERSCRIPT_SIZE_RATIO > word.size
            and o.top - 0.5 * o.height < word.top < o.top + 0.2 * o.height
            and word.bottom < o.bottom - 0.15 * o.height
            for o in by_right_edge[lo:hi]
        )
        marked.append(dataclasses.replace(word, superscript=raised))
    return marked
