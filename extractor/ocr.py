"""Stage 1b, read a page image with Tesseract: the words of a scanned page, as ``Page`` words.

The page has been cleaned (upright, deskewed, binarised) by ``cleanup``; its ruling lines and ink
come along so that later stages find table rows and check marks the same way as on a text layer.
"""
from __future__ import annotations

import dataclasses
import os
import statistics
from dataclasses import dataclass
from typing import Optional

import numpy as np
import pytesseract
import regex
from PIL import Image

from .pages import Page, Rule, Word, mark_superscripts

# Tesseract's OpenMP threads fight each other on small machines (a 300-dpi page takes 14 s instead
# of 2 s on two cores); pages are read in parallel processes instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# Sparse text: a form is words in boxes, not paragraphs (measured: 97 % of the text layer's words
# read right at 300 dpi, against 95 % with automatic page segmentation).
TESSERACT_CONFIG = "--oem 1 --psm 11"
# Punctuation read with less confidence than this is a speck or a stroke, not print.
JUNK_CONFIDENCE = 0.5
# Straight ink at least this long is a printed line, not part of a mark.
STRAIGHT_LINE_INCH = 0.05
# Ink left in a check box after its printed lines are taken out that makes it marked.
MARK_INK_SQUARE_INCHES = 0.001
POINTS_PER_INCH = 72.0
# Tesseract doubles a lone capital it cannot tell from its small form: "Xx", "Vv", "Ss".
DOUBLED_LETTER = regex.compile(r"^([A-Z])(?i:\1)$")
OCR_CONFUSIONS = {"|": "I", "Il": "II", "lI": "II", "ll": "II"}


@dataclass(frozen=True)
class InkMap:
    """Where the page is inked: a boolean pixel array and its scale to page points."""
    ink: np.ndarray
    points_per_pixel: float

    def marked(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        """Whether a hand or typed mark stands in the box: ink that is not a straight line (the
        edges of a printed check box, a table rule) and more than a speck."""
        scale = 1.0 / self.points_per_pixel
        patch = self.ink[max(0, int(top * scale)):max(0, int(bottom * scale)),
                         max(0, int(x0 * scale)):max(0, int(x1 * scale))]
        if patch.size == 0:
            return False
        line = max(3, int(STRAIGHT_LINE_INCH * POINTS_PER_INCH * scale))
        strokes = patch & ~_runs(patch, line) & ~_runs(patch.T, line).T
        inches_per_pixel = self.points_per_pixel / POINTS_PER_INCH
        return float(strokes.sum()) * inches_per_pixel ** 2 >= MARK_INK_SQUARE_INCHES


def _runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels on a horizontal run of ink at least ``length`` long."""
    if ink.shape[1] < length:
        return np.zeros_like(ink)
    sums = np.cumsum(np.pad(ink.astype(np.int32), ((0, 0), (1, 0))), axis=1)
    full = (sums[:, length:] - sums[:, :-length]) == length  # window starting here is all ink
    starts = np.cumsum(np.pad(full.astype(np.int32), ((0, 0), (1, 0))), axis=1)
    columns = np.arange(ink.shape[1])
    hi = np.minimum(columns + 1, full.shape[1])  # a pixel is covered by windows starting in
    lo = np.minimum(np.maximum(columns - length + 1, 0), hi)  # [column - length + 1, column]
    return (starts[:, hi] - starts[:, lo]) > 0


def tidy(text: str) -> str:
    """Undo Tesseract's usual confusions on form labels and marks."""
    text = OCR_CONFUSIONS.get(text, text)
    match = DOUBLED_LETTER.match(text)
    return match.group(1) if match else text


def read_words(image: Image.Image, dpi: float, page: int) -> list[Word]:
    """Every word Tesseract finds, in page points, with its confidence (0..1)."""
    data = pytesseract.image_to_data(image, config=TESSERACT_CONFIG, output_type=pytesseract.Output.DICT)
    scale = POINTS_PER_INCH / dpi
    words, lines = [], []
    for i, text in enumerate(data["text"]):
        text = tidy(text.strip())
        confidence = float(data["conf"][i])
        if not text or confidence < 0 or (confidence < JUNK_CONFIDENCE and not any(c.isalnum() for c in text)):
            continue  # nothing, or a speck or stroke read as punctuation
        left, top, width, height = (data[k][i] * scale for k in ("left", "top", "width", "height"))
        words.append(Word(text, left, top, left + width, top + height, round(height, 2), page=page,
                          confidence=confidence / 100.0))
        lines.append((data["block_num"][i], data["par_num"][i], data["line_num"][i]))
    # A word's own box says whether it is raised and small (a superscript); its size for spacing
    # is that of its line, since a dash or a comma is far smaller than the type it is set in.
    heights: dict[tuple[int, int, int], list[float]] = {}
    for word, line in zip(words, lines):
        heights.setdefault(line, []).append(word.size)
    return [w if w.superscript else dataclasses.replace(w, size=statistics.median(heights[line]))
            for w, line in zip(mark_superscripts(words), lines)]


def ocr_page(image: Image.Image, dpi: float, number: int, h_rules: list[tuple[float, float, float, float]],
             v_rules: list[tuple[float, float, float, float]], ink: Optional[np.ndarray]) -> Page:
    """A cleaned page image as a Page: OCR words, ruling lines and ink, all in points."""
    scale = POINTS_PER_INCH / dpi
    width, height = image.size
    return Page(
        number=number, width=width * scale, height=height * scale,
        words=read_words(image, dpi, number),
        h_rules=[Rule(*(v * scale for v in box), page=number) for box in h_rules],
        v_rules=[Rule(*(v * scale for v in box), page=number) for box in v_rules],
        method="ocr",
        ink=InkMap(ink, scale) if ink is not None else None,
    )
