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

from .images import PageImage
from .pages import Page, Rule, Word, mark_superscripts

# Tesseract's OpenMP threads fight each other on small machines (a 300-dpi page takes 14 s instead
# of 2 s on two cores); pages are read in parallel processes instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# Sparse text: a form is words in boxes, not paragraphs (measured: 97 % of the text layer's words
# read right at 300 dpi, against 95 % with automatic page segmentation).
TESSERACT_CONFIG = "--oem 1 --psm 11"
# Punctuation read with less confidence than this is a speck or a stroke, not print; anything
# read with less than NOISE_CONFIDENCE is noise.
JUNK_CONFIDENCE = 0.5
NOISE_CONFIDENCE = 15
# White pixels between crops stacked on one strip for Tesseract, and the strip's most pixels
# (Tesseract refuses images over 32767 pixels a side).
STRIP_GAP = 40
STRIP_MAX_HEIGHT = 30000
# A raised spot after a word with this much ink (square inches) may be a footnote marker; it is
# read enlarged this many times.
SUPERSCRIPT_MIN_INK = 0.0004
SUPERSCRIPT_ENLARGE = 3
SUPERSCRIPT_WIDTH = 1.1  # a marker's width, in heights of the word it follows
SUPERSCRIPT_GAP = 0.4  # and how far after the word it may begin
SUPERSCRIPT_MIN_WIDTH = 0.7  # "(1)"; narrower raised ink is the arm of a "Y" or a "7"
# A marker found this way is sure enough in its shape; Tesseract rates tiny crops low.
MARKER_CONFIDENCE = 0.9
# What Tesseract keeps of a marker it swallowed into a word ("Stock)", "Stock”)", "LLC®"):
# quotes and symbols it takes small raised print for, and a ")" that no "(" in the word opened.
MARKER_REMAINS = regex.compile(r"(?<=^[^(]*[A-Za-z0-9])[\u201d\u2019\"'`]*\)?$|[\u201d\u2019\"'`\u00ae\u00a9\u00b0\u2122*]+\)?$")
FOOTNOTE_MARK = regex.compile(r"\(?(\d{1,2})\)?")
# Straight ink at least this long is a printed line, not part of a mark.
STRAIGHT_LINE_INCH = 0.05
# Ink left in a check box after its printed lines are taken out that makes it marked.
MARK_INK_SQUARE_INCHES = 0.001
POINTS_PER_INCH = 72.0
# Tesseract doubles a lone capital it cannot tell from its small form: "Xx", "Vv", "Ss".
DOUBLED_LETTER = regex.compile(r"^([A-Z])(?i:\1)$")
RAISED_MARKER_SYMBOLS = "\u00ae\u00a9\u00b0\u2122"
OCR_CONFUSIONS = {"|": "I", "Il": "II", "lI": "II", "ll": "II"}


@dataclass(frozen=True)
class InkMap:
    """Where the page is inked: a boolean pixel array and its scale to page points."""
    ink: np.ndarray
    points_per_pixel: float

    def inked(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        """Whether anything is printed in the box: more ink than a speck."""
        return self._more_than_a_speck(self._patch(x0, top, x1, bottom))

    def marked(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        """Whether a hand or typed mark stands in the box: ink that is not a straight line (the
        edges of a printed check box, a table rule) and more than a speck."""
        patch = self._patch(x0, top, x1, bottom)
        if patch.size == 0:
            return False
        line = max(3, int(STRAIGHT_LINE_INCH * POINTS_PER_INCH / self.points_per_pixel))
        return self._more_than_a_speck(patch & ~_runs(patch, line) & ~_runs(patch.T, line).T)

    def _patch(self, x0: float, top: float, x1: float, bottom: float) -> np.ndarray:
        scale = 1.0 / self.points_per_pixel
        return self.ink[max(0, int(top * scale)):max(0, int(bottom * scale)),
                        max(0, int(x0 * scale)):max(0, int(x1 * scale))]

    def _more_than_a_speck(self, ink: np.ndarray) -> bool:
        inches_per_pixel = self.points_per_pixel / POINTS_PER_INCH
        return float(ink.sum()) * inches_per_pixel ** 2 >= MARK_INK_SQUARE_INCHES


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
    """Undo Tesseract's usual confusions on form labels and marks, and drop the symbol it makes
    of a small raised footnote marker at a word's end ("LLC®")."""
    text = OCR_CONFUSIONS.get(text, text)
    if len(text) > 1:
        text = text.rstrip(RAISED_MARKER_SYMBOLS) or text
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
        if not text or confidence < NOISE_CONFIDENCE or (
                confidence < JUNK_CONFIDENCE and not any(c.isalnum() for c in text)):
            continue  # nothing, noise read as letters, or a speck or stroke read as punctuation
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


def read_crops(crops: list[Image.Image], allowed: Optional[str]) -> list[tuple[str, float]]:
    """Each crop's text and confidence (0 when nothing was read), from Tesseract runs over them
    stacked on strips: a run costs far more to start than to read a line, but a strip must stay
    within the height Tesseract takes."""
    readings: list[tuple[str, float]] = []
    batch: list[Image.Image] = []
    for crop in crops:
        if batch and sum(c.height + STRIP_GAP for c in batch) + crop.height + 2 * STRIP_GAP > STRIP_MAX_HEIGHT:
            readings += _read_strip(batch, allowed)
            batch = []
        batch.append(crop)
    return readings + (_read_strip(batch, allowed) if batch else [])


def _read_strip(crops: list[Image.Image], allowed: Optional[str]) -> list[tuple[str, float]]:
    width = max(c.width for c in crops) + 2 * STRIP_GAP
    height = sum(c.height + STRIP_GAP for c in crops) + STRIP_GAP
    strip = Image.new("L", (width, height), 255)
    spans, y = [], STRIP_GAP
    for crop in crops:
        strip.paste(crop, (STRIP_GAP, y))
        spans.append((y, y + crop.height))
        y += crop.height + STRIP_GAP
    config = "--oem 1 --psm 6" + (f" -c tessedit_char_whitelist={allowed}" if allowed else "")
    data = pytesseract.image_to_data(strip, config=config, output_type=pytesseract.Output.DICT)
    readings: list[list[tuple[tuple[int, int, int, int], str, float]]] = [[] for _ in crops]
    for i, text in enumerate(data["text"]):
        text, confidence = tidy(text.strip()), float(data["conf"][i])
        if not text or confidence < 0:
            continue
        middle = data["top"][i] + data["height"][i] / 2
        order = (data["block_num"][i], data["par_num"][i], data["line_num"][i], data["left"][i])
        for k, (start, end) in enumerate(spans):
            if start <= middle < end:
                readings[k].append((order, text, confidence / 100.0))
    return [(" ".join(t for _, t, _ in sorted(words)), min((c for _, _, c in words), default=0.0))
            for words in readings]


def recover_superscripts(words: list[Word], image: Image.Image, ink: np.ndarray, dpi: float) -> list[Word]:
    """Footnote markers printed small and raised after a value ("757,756" with "(1)" above its
    end), which Tesseract drops as noise or reads as a stray ")": raised ink right after a word
    is read again, enlarged, as digits and brackets."""
    scale = dpi / POINTS_PER_INCH
    spots, owners = [], []
    for index, word in enumerate(words):
        if word.superscript:
            continue
        spot = _raised_spot(word, ink, scale)
        if spot is None or any(o is not word and o.x0 < spot[2] and o.x1 > spot[0] + 1
                               and o.top < spot[3] and o.bottom > spot[1] for o in words):
            continue
        spots.append(spot)
        owners.append(index)
    if not spots:
        return words
    crops = []
    for spot in spots:
        crop = image.crop(tuple(round(v * scale) for v in spot))
        crops.append(crop.resize((crop.width * SUPERSCRIPT_ENLARGE, crop.height * SUPERSCRIPT_ENLARGE),
                                 Image.Resampling.LANCZOS))
    recovered = list(words)
    for spot, index, (text, confidence) in zip(spots, owners, read_crops(crops, "()0123456789")):
        marker = FOOTNOTE_MARK.fullmatch(text.replace(" ", ""))
        if not marker:
            continue
        word = words[index]
        kept = MARKER_REMAINS.sub("", word.text) if spot[0] < word.x1 else word.text
        if kept != word.text and kept:
            recovered[index] = dataclasses.replace(word, text=kept, x1=spot[0])
        recovered.append(Word(f"({marker.group(1)})", spot[0], spot[1], spot[2], spot[3], word.size * 0.7,
                              superscript=True, page=word.page, confidence=max(confidence, MARKER_CONFIDENCE)))
    return recovered


def _raised_spot(word: Word, ink: np.ndarray, scale: float) -> Optional[tuple[float, ...]]:
    """The box of raised ink after a word's last letter, in points (Tesseract often stretches
    a word's box over the marker it drops); None where there is none. Ink that reaches down to
    the word's baseline belongs to letters of normal size, not to a superscript."""
    height = word.bottom - word.top
    start = word.x1 - SUPERSCRIPT_WIDTH * height
    x0, x1 = round(start * scale), round((start + 2 * SUPERSCRIPT_WIDTH * height) * scale)
    raised = ink[max(0, round((word.top - 0.45 * height) * scale)):round((word.top + 0.55 * height) * scale),
                 max(0, x0):max(0, x1)]
    low = ink[round((word.top + 0.8 * height) * scale):round((word.bottom - 0.05 * height) * scale),
              max(0, x0):max(0, x1)]
    if raised.size == 0 or low.size == 0:
        return None
    based = np.flatnonzero(low.any(axis=0))  # columns with ink down at the baseline
    first = int(based.max()) + 1 if based.size else 0
    columns = np.flatnonzero(raised[:, first:].any(axis=0))
    if (columns.size == 0 or columns.min() > SUPERSCRIPT_GAP * height * scale
            or raised[:, first:].sum() / scale ** 2 < SUPERSCRIPT_MIN_INK):
        return None

    left = (x0 + first + int(columns.min()) - 2) / scale
    right = (x0 + first + int(columns.max()) + 3) / scale
    if right - left < SUPERSCRIPT_MIN_WIDTH * height:
        return None
    return (left, word.top - 0.45 * height, right, word.top + 0.55 * height)


def ocr_page(image: Image.Image, dpi: float, number: int, h_rules: list[tuple[float, float, float, float]],
             v_rules: list[tuple[float, float, float, float]], ink: Optional[np.ndarray]) -> Page:
    """A cleaned page image as a Page: OCR words (with footnote markers found again), ruling
    lines and ink, all in points."""
    scale = POINTS_PER_INCH / dpi
    width, height = image.size
    words = read_words(image, dpi, number)
    return Page(
        number=number, width=width * scale, height=height * scale,
        words=recover_superscripts(words, image, ink, dpi) if ink is not None else words,
        h_rules=[Rule(*(v * scale for v in box), page=number) for box in h_rules],
        v_rules=[Rule(*(v * scale for v in box), page=number) for box in v_rules],
        method="ocr",
        ink=InkMap(ink, scale) if ink is not None else None,
        image=PageImage(number, image, dpi),
    )
