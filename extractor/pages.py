"""Stage 1, load pages: turn an input file into pages of positioned words, rules and links.

Every later stage works on ``Page`` alone, so a page read from a text layer and one read by OCR
look the same to them. Coordinates are PDF points from the page's top-left corner.
"""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}

# Characters further apart than this share of the font size are two words. A space is about a
# quarter of it; text that overflows its table cell runs into the next cell with about that gap.
WORD_GAP_RATIO = 0.15
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
    method: str = "text"


def load_pages(path: Path) -> Iterator[Page]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError("no such file")
    if path.is_dir():
        raise InputError("is a folder, not a file")
    if suffix in IMAGE_SUFFIXES:
        raise InputError("image input needs OCR, which this version does not have yet")
    if suffix not in PDF_SUFFIXES and not _looks_like_pdf(path):
        raise InputError(f"unsupported file type '{suffix or 'none'}' (expected PDF, image or EDGAR XML)")
    yield from _load_pdf(path)


def _looks_like_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"%PDF-"


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
    words = _mark_superscripts([
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
    h_rules, v_rules = [], []
    for obj in [*pdf_page.rects, *pdf_page.lines, *pdf_page.curves]:
        width, height = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        rule = Rule(obj["x0"], obj["top"], obj["x1"], obj["bottom"], pdf_page.page_number)
        if height <= 2.5 and width > 3:
            h_rules.append(rule)
        elif width <= 2.5 and height > 3:
            v_rules.append(rule)
    return h_rules, v_rules


def _mark_superscripts(words: list[Word]) -> list[Word]:
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
