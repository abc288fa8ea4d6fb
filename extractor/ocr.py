"""Stage 1b, read a page image with Tesseract: the words of a scanned page, as ``Page`` words;
and the reader that stage 4b uses for single cells cut out of it (``cell_image``, ``read_cells``).

The page has been cleaned (upright, deskewed, binarised) by ``cleanup``; its ruling lines and ink
come along so that later stages find table rows and check marks the same way as on a text layer.
"""
from __future__ import annotations

import dataclasses
import os
import statistics
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import pytesseract
import regex
from PIL import Image
from scipy import ndimage

from .cleanup import ink_of_flat
from .images import PageImage
from .likeness import MIN_LEAD, marker_by_likeness, run_of_markers_by_likeness
from .pages import Page, Rule, Word, mark_superscripts

# Tesseract's OpenMP threads fight each other on small machines (a 300-dpi page takes 14 s instead
# of 2 s on two cores); pages are read in parallel processes instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# Sparse text: a form is words in boxes, not paragraphs (measured: 97 % of the text layer's words
# read right at 300 dpi, against 95 % with automatic page segmentation).
TESSERACT_CONFIG = "--oem 1 --psm 11 -c tessedit_do_invert=0"
# A block of running text, the notes of a coarse scan, is read better as one (see reread).
TEXT_BLOCK_CONFIG = "--oem 1 --psm 6 -c tessedit_do_invert=0"
# Tesseract's confidences (0-100): punctuation read with less than JUNK_CONFIDENCE is a speck or a
# stroke, not print; anything read with less than NOISE_CONFIDENCE is noise. (A JUNK_CONFIDENCE of
# 50 drops the unsure dashes of faxed labels, "Table II - Derivative": 3 points of fax accuracy.)
JUNK_CONFIDENCE = 1
NOISE_CONFIDENCE = 15
# A word no taller than this (but a dash) is a rule's edge or an underline read as print.
FLAT_WORD_INCHES = 0.015
DASHES = {"-", "\u2013", "\u2014"}
# What Tesseract reads a piece of a vertical rule as; such strokes, this thin (of their height),
# standing within RULE_STROKE_ALIGNMENT points of one another on other lines, are a rule's remains.
RULE_STROKE = regex.compile(r"[|Il1i!:;{}\[\]()j']{1,2}")
RULE_STROKE_SHARE = 0.25
RULE_STROKE_ALIGNMENT = 1.0
# A word whose middle is this close to an underline is the underline read as print.
UNDERLINE_BAND_INCHES = 0.02
# White pixels between crops stacked on one strip for Tesseract, and the strip's most pixels
# (Tesseract refuses images over 32767 pixels a side).
STRIP_GAP = 40
STRIP_MAX_HEIGHT = 30000
# A line of footnote markers alone is as sure as its digits' reading lets it be; Tesseract rates
# tiny crops low.
MARKER_CONFIDENCE = 0.9
# More ink than this share of a line's height squared is print (a glyph), not specks; so is a glyph
# this many pixels high as inked for its own height (a 7-point capital at 200 dpi is about 14).
GLYPH_INK_SHARE = 0.2
LEFT_GLYPH_PIXELS = 12
# Raised print in a cell (in heights of the line's full-size letters): a marker's digits stand at
# least RAISED_HIGH above the baseline and are SUPERSCRIPT_HEIGHTS tall; its brackets reach down to
# RAISED_LOW; glyphs of one marker are at most GROUP_GAP apart. The baseline is where at least
# BASELINE_SHARE of the glyphs (those at least GLYPH_MIN_SHARE of the line's height, not dots and
# commas) end, within BASELINE_TOLERANCE of the line's height.
RAISED_HIGH = 0.35
RAISED_LOW = 0.15
SUPERSCRIPT_HEIGHTS = (0.3, 1.2)  # of a lower-case line, a marker is taller than its x-height
GROUP_GAP = 0.45
GLYPH_MIN_SHARE = 0.3
BASELINE_SHARE = 0.25
FULL_SIZE_SHARE = 0.75  # of the tallest glyph of a line: a marker's brackets are about 0.7
BASELINE_TOLERANCE = 0.08
DIGITS = "0123456789"
STRAY_MARK = regex.compile(r"[^\p{L}\p{N}$()\[\]]+")
STRAY_QUOTES = regex.compile(r"(?<=^[^'\"\u2018\u201c`]*[\p{L}\p{N}.])['\"\u2019\u201d`!]+$")
MARKER_PAD = 4  # white pixels around a marker read alone
# Pixels high a marker's digits are brought to: Tesseract misreads them smaller ("11" as "1") and
# larger ("5" as "3"); seen right at 26-30 on pages where 22 and 36 fail.
MARKER_DIGIT_HEIGHT = 28
# Ink at least this long and this many times longer than thick is a piece of a ruling line, but
# for a word underlined (EDGAR underlines the names it links: "MARCHEX INC" and its underline are
# one glyph 8 times longer than high), as high as a line of print and as filled as letters (a
# rule's piece with a letter on it is mostly paper).
RULE_REMAINS_INCH = 0.25
RULE_REMAINS_ASPECT = 8
UNDERLINED_WORD_INCH = 0.08
UNDERLINED_WORD_FILL = 0.4
UNDERLINE_COVER = 0.8  # of an underlined word's width: a row of its ink so long is its underline
RULE_PIECE_INCH = 0.015  # as thin as a ruling line, lying along a cell's edge
SPECK_PIXELS = 4
# A footnote marker's bracket is at least BRACKET_HEIGHT of the tallest glyph of its group and at
# most BRACKET_WIDTH as wide as it is tall; its digits are at least DIGIT_MIN_HEIGHT of it.
BRACKET_HEIGHT = 0.85
DIGIT_MIN_HEIGHT = 0.4
MARKER_MAX_SCALE = 4.0
BRACKET_WIDTH = 0.5
MAX_MARKERS_IN_A_ROW = 12
MARKER_SHAPES = regex.compile(r"(?:\(1{1,2}\()+")
# Raised print whose glyphs are all of one height is read whole, brackets and all, brought to this
# height (its brackets are about a third taller than its digits), and taken where it reads "(n)".
MARKER_RUN_HEIGHT = 36
MARKER_RUN = regex.compile(r"(?:\(\d{1,2}\))+")
MARKER_DIGITS = regex.compile(r"\d{1,2}")
LIKENESS_MARGIN = 3  # pixels of paper around raised print compared with drawn markers
LIKENESS_MAX_HEIGHT = 0.75  # of its line's height: raised print that may be a marker
RUN_MIN_WIDTH = 2.0  # of its height: raised print that may be a run of markers ("(1)(2)")
BRACKET_READ = regex.compile(r"[()]")
# A line of markers alone (in its cell, or a run on a line of its own) is at most MARKER_LINE_HEIGHT
# of the height of the capitals and figures of lines read surely (at least FULL_SIZE_CONFIDENCE,
# nothing but FULL_SIZE_READING).
MARKER_LINE_HEIGHT = 0.9
# A marker alone in its cell has its value's place to itself: no print beside it to be taken for
# one. Told by likeness, it need lead other numbers by less than raised print (likeness.MIN_LEAD):
# the markers alone of eb's photo lead by 0.017 to 0.066 (at 0.02 rather than 0.04, eb's and hbb's
# photos have 15 more of them right, one wrong).
MARKER_LINE_MIN_LEAD = 0.02
FULL_SIZE_CONFIDENCE = 0.8
FULL_SIZE_READING = regex.compile(r"[0-9A-Z]+")
LONE_MARKER_WIDTH = 3.0  # of its height: a cell's print no wider may be a marker alone, "(4)", "(12)"
# Images read side by side are set this many of their heights apart, in rows at most this wide.
SIDE_BY_SIDE_GAP = 3
SIDE_BY_SIDE_WIDTH = 6000
LINE_PAD = 4  # white pixels around a line read alone
LONE_GLYPHS_WIDTH = 1.0  # of a line's height: a line of print no wider is read side by side
THIN_LINE_SHARE = 0.5  # a run of inked rows thinner than this share of the tallest is not a line
SPECK_LINE_SHARE = 0.2  # thinner still, and far from any line, it is a speck or a rule's remains
MARKER_LINE_SHARE = 0.85  # a line this much smaller than the cell's tallest may be markers alone
# A row of a line of print holds at least LINE_INK_SHARE of the ink of a well-inked row (the
# 90th percentile) and LINE_MIN_PIXELS; a run of such rows thinner than LINE_PIECE_SHARE of the
# lines' median height, or as near the line above, is part of it.
LINE_INK_SHARE = 0.1
LINE_MIN_PIXELS = 3
LINE_PIECE_SHARE = 0.3
LINE_GAP_SHARE = 2.0  # words stand less than a line's height apart
# Straight ink at least this long is a printed line, not part of a mark.
STRAIGHT_LINE_INCH = 0.05
# Ink that is print, not specks: a lone "I" in 7-point type is about 0.0007 square inches.
PRINT_INK_SQUARE_INCHES = 0.0005
# Ink left in a check box after its printed lines are taken out that makes it marked.
MARK_INK_SQUARE_INCHES = 0.001
MARK_PIECE_SQUARE_INCHES = 0.0005  # a typed "X" is one piece of about 0.002
POINTS_PER_INCH = 72.0
# A serif "III" (cor's "Carlyle Realty III") reads "HI", "II", "Il", "IIT" ("IT" and "IIT" are no
# word of the corpus); the I's are counted from ink in a band across the word's middle (of its
# box's height), below the serifs and taking in an "H"'s bar (which makes it no numeral), each a
# stroke no wider than STROKE_WIDTH of the word's height.
ROMAN_CONFUSION = regex.compile(r"^(?:[IlH|\]]{1,4}|[IlH|\]]{1,3}T)([,.]?)$")
ROMAN_BAND = (0.3, 0.55)
STROKE_WIDTH = 0.25
# Tesseract doubles a lone capital it cannot tell from its small form: "Xx", "Vv", "Ss".
# Two capitals are a word of their own ("II" of "SVF II").
DOUBLED_LETTER = regex.compile(r"^([A-Z])(?=[a-z]$)(?i:\1)$")
# The symbol Tesseract makes of a small raised footnote marker at a word's end, with what is
# left of the marker's closing bracket: "LLC®", "LP®)".
RAISED_MARKER = regex.compile("[\u00ae\u00a9\u00b0\u2122]+\\)?$")
# What it makes of one on a coarse scan: two marks or more, a "*", "?" or "!" among them, after a
# word's last letter ("Trust'*?", "Trust!??", "Trust'?)"); no value in the corpus ends so. Question
# marks alone are an apostrophe the filer's software garbled ("Issuer???s" wraps after
# "Issuer???", "child?s" after "child?").
RAISED_MARKER_MARKS = regex.compile(r"(?<=[\w.])(?=\?*['\"`*!^~])(?=['\"`*?!^~]{2})['\"`]*[*?!^~][*?!^~'\"`]*\)?$")
# Words Tesseract makes of others, also before a comma or period. "U.S." reads "US." (LSTM drops
# the inner period), a serif "LLC" "LLG", the "/s/" of a signature "(s/" or "|s/" (or "{s/", a
# brace being read as a bracket, see TYPED_GLYPHS): in the corpus's
# 377 ownership documents "U.S." stands 285 times, "LLC" 570 and "/s/" 429; the others never.
OCR_CONFUSIONS = {"|": "I", "Il": "II", "lI": "II", "ll": "II", "I]": "II", "Ill": "III", "IIl": "III", "lll": "III",
                  "US.": "U.S.", "LLG": "LLC", "|s/": "/s/", "(s/": "/s/"}
STOPS = ",.;:"
# A comma or period after a letter or figure that ends a word (see with_stops_in_doubt).
STOP_AT_END = regex.compile(r"[\p{L}\d][,.]$")
STOP_IN_DOUBT = 0.85
# An apostrophe before a capital that no quote closes ("/s/ 'Travis"): a speck or the end of a
# signature's slash; the corpus quotes with double quotes (one single-quoted phrase in 377).
STRAY_OPENING_QUOTE = regex.compile(r"^'(?=[A-Z][^']*$)")
# A comma or period read twice at a word's end ("Johnson,,", "L.P.,,", "Gasque,.", "E.."), a quote
# read twice ('(""RSU'): never so in the corpus.
DOUBLED_STOP = regex.compile(r"(?<=[\w.])(,)[,.]$|(?<=\w)(\.)\.$")
DOUBLED_QUOTE = regex.compile(r'""')
# A one-letter word run into the next ("Class ACommon Stock"): no word of the corpus is a capital
# followed by a capitalised word. A short rest may be a ticker in small capitals ("SCwo").
JOINED_LETTER = regex.compile(r"^([A-Z])([A-Z][a-z]{4,})$")
# What is left of an underline a word stood on, which Tesseract joins to the word ("_by",
# "attorney_for") or reads alone ("="); no field of a Form 4 has an underscore of its own.
UNDERLINE_REMNANT = regex.compile(r"_+|^[=~]+$")
# "rn" read as "m" in the word signatures use most ("Attomey-in-Fact"; the corpus's XML:
# 356 times "attorney", never "attomey").
ATTORNEY_MISREAD = regex.compile(r"(?<=\b[Aa]tt)om(?=ey)")
# Tesseract reads a straight quote as a typographic one, and a bracket as a brace where a coarse
# scan blurred it; filings type straight quotes and no braces (none in the corpus's XML).
TYPED_GLYPHS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "{": "(", "}": ")"})


@dataclass(frozen=True)
class InkMap:
    """Where the page is inked: a boolean pixel array and its scale to page points."""
    ink: np.ndarray
    points_per_pixel: float

    def inked(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        """Whether anything is printed in the box: more ink than a speck."""
        return self._ink_area(self._patch(x0, top, x1, bottom)) >= PRINT_INK_SQUARE_INCHES

    def marked(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        """Whether a hand or typed mark stands in the box: ink that is not a straight line (the
        edges of a printed check box, a table rule), more than a speck, and in one piece at least
        MARK_PIECE_SQUARE_INCHES large (a fax breaks a box's edges into many small pieces)."""
        patch = self._patch(x0, top, x1, bottom)
        if patch.size == 0:
            return False
        line = max(3, int(STRAIGHT_LINE_INCH * POINTS_PER_INCH / self.points_per_pixel))
        rest = patch & ~_runs(patch, line) & ~_runs(patch.T, line).T
        if self._ink_area(rest) < MARK_INK_SQUARE_INCHES:
            return False
        return self._largest_piece_area(rest) >= MARK_PIECE_SQUARE_INCHES

    def print_beside(self, x0: float, top: float, x1: float, bottom: float,
                     read: list[tuple[float, float, float, float]], margin: float) -> bool:
        """Whether the box holds print no box read covers (each widened by ``margin`` points):
        a piece of ink at least a glyph's size that OCR read no word from."""
        patch = self._patch(x0, top, x1, bottom).copy()
        if patch.size == 0:
            return False
        scale = 1.0 / self.points_per_pixel
        for wx0, wtop, wx1, wbottom in read:
            patch[max(0, int((wtop - top - margin) * scale)):max(0, int((wbottom - top + margin) * scale)),
                  max(0, int((wx0 - x0 - margin) * scale)):max(0, int((wx1 - x0 + margin) * scale))] = False
        return (self._ink_area(patch) >= MARK_INK_SQUARE_INCHES
                and self._largest_piece_area(patch) >= MARK_PIECE_SQUARE_INCHES)

    def print_lines(self, x0: float, top: float, x1: float, bottom: float) -> list[tuple[float, float]]:
        """The lines of print in the box: where each ends below and right (points). A line is a
        run of rows holding more ink than specks do (LINE_INK_SHARE of a well-inked row's), where
        a run much thinner than the lines (LINE_PIECE_SHARE of their median height: a faint
        line's part, a speck's row) joins the line above it; its print ends at its last stretch
        of ink wider than it is high (a speck beyond is not print)."""
        patch = self._patch(x0, top, x1, bottom)
        rows = patch.sum(axis=1)
        if not rows.any():
            return []
        threshold = max(LINE_MIN_PIXELS, LINE_INK_SHARE * float(np.percentile(rows[rows > 0], 90)))
        runs = [list(run) for run in true_runs(rows >= threshold)]
        if not runs:
            return []
        height = float(np.median([end - start for start, end in runs]))
        lines: list[list[int]] = []
        for run in runs:
            piece = run[1] - run[0] < LINE_PIECE_SHARE * height
            if lines and (piece or run[0] - lines[-1][1] < LINE_PIECE_SHARE * height):
                lines[-1][1] = run[1]
            else:
                lines.append(run)
        start, left = max(0, int(top / self.points_per_pixel)), max(0, int(x0 / self.points_per_pixel))
        scale = self.points_per_pixel
        return [((start + end) * scale, (left + _print_end(patch[first:end], height)) * scale) for first, end in lines]

    def _patch(self, x0: float, top: float, x1: float, bottom: float) -> np.ndarray:
        scale = 1.0 / self.points_per_pixel
        return self.ink[max(0, int(top * scale)):max(0, int(bottom * scale)),
                        max(0, int(x0 * scale)):max(0, int(x1 * scale))]

    def _largest_piece_area(self, ink: np.ndarray) -> float:
        """Square inches of the largest connected piece of ink."""
        labels, _ = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
        return self._ink_area(labels == np.argmax(np.bincount(labels.ravel())[1:]) + 1)

    def _ink_area(self, ink: np.ndarray) -> float:
        """Square inches of ink."""
        return float(ink.sum()) * (self.points_per_pixel / POINTS_PER_INCH) ** 2


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


def with_stops_in_doubt(words: list[Word]) -> list[Word]:
    """The words of a page scanned coarser than 300 dpi, each that ends in a comma or a period
    no surer than STOP_IN_DOUBT: there the tail that tells one from the other is a pixel or two,
    and Tesseract reads "EVP, Chief" as "EVP. Chief" and "INC." as "INC," with 0.9 or more."""
    return [dataclasses.replace(w, confidence=min(w.confidence, STOP_IN_DOUBT))
            if STOP_AT_END.search(w.text) else w for w in words]


def tidy(text: str) -> str:
    """Undo Tesseract's usual confusions on form labels and marks, and drop the symbol it makes
    of a small raised footnote marker at a word's end ("LLC®")."""
    text = " ".join(UNDERLINE_REMNANT.sub(" ", text).split()).translate(TYPED_GLYPHS)
    core = text.rstrip(STOPS)
    if text in OCR_CONFUSIONS:
        text = OCR_CONFUSIONS[text]
    elif core in OCR_CONFUSIONS:
        text = OCR_CONFUSIONS[core] + text[len(core):]
    text = STRAY_OPENING_QUOTE.sub("", DOUBLED_QUOTE.sub('"', DOUBLED_STOP.sub(r"\1\2", text)))
    text = ATTORNEY_MISREAD.sub("orn", JOINED_LETTER.sub(r"\1 \2", text))
    if len(text) > 1:
        text = RAISED_MARKER_MARKS.sub("", RAISED_MARKER.sub("", text)) or text
    match = DOUBLED_LETTER.match(text)
    return match.group(1) if match else text


def tesseract_data(image: Image.Image, config: str) -> dict[str, list]:
    """Tesseract's words, boxes and confidences for the image. The image is handed over as an
    uncompressed BMP: pytesseract writes PNG otherwise, which costs a fifth of a second a page."""
    image = image.copy()
    image.format = "BMP"
    return pytesseract.image_to_data(image, config=config, output_type=pytesseract.Output.DICT)


def read_words(image: Image.Image, dpi: float, page: int, config: str = TESSERACT_CONFIG) -> list[Word]:
    """Every word Tesseract finds, in page points, with its confidence (0..1)."""
    data = tesseract_data(image, config)
    scale = POINTS_PER_INCH / dpi
    words, lines = [], []
    for i, text in enumerate(data["text"]):
        text = tidy(text.strip())
        confidence = float(data["conf"][i])
        if not text or confidence < NOISE_CONFIDENCE or (
                confidence < JUNK_CONFIDENCE and not any(c.isalnum() for c in text)):
            continue  # nothing, noise read as letters, or a speck or stroke read as punctuation
        if data["height"][i] < FLAT_WORD_INCHES * dpi and text not in DASHES:
            continue  # a rule's edge or an underline read as print ("ati")
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


def _without_rule_remnants(words: list[Word]) -> list[Word]:
    """The words but for what is left of a vertical rule that was not found whole (a fax breaks
    rules up): strokes read as "i", "I", ";" or "}" (a glyph or two no wider than RULE_STROKE_SHARE
    of their height), standing one above another at one place on several lines."""
    strokes = [w for w in words if RULE_STROKE.fullmatch(w.text) and w.x1 - w.x0 <= RULE_STROKE_SHARE * w.height]
    remnants = {id(w) for w in strokes
                if any(abs(o.x_mid - w.x_mid) <= RULE_STROKE_ALIGNMENT and abs(o.y_mid - w.y_mid) >= w.height
                       for o in strokes)}
    return [w for w in words if id(w) not in remnants]


def roman_numeral(text: str, ink: np.ndarray) -> str:
    """The text, or where it may be a misread numeral of I's, as many I's as ``ink`` (the word's
    box) shows strokes across its middle."""
    match = ROMAN_CONFUSION.match(text)
    if not match or not ink.size:
        return text
    height = ink.shape[0]
    band = ink[int(ROMAN_BAND[0] * height):max(int(ROMAN_BAND[0] * height) + 1, int(ROMAN_BAND[1] * height))]
    strokes = true_runs(band.any(axis=0))
    if not strokes or any(end - start > STROKE_WIDTH * height for start, end in strokes):
        return text
    return "I" * len(strokes) + match.group(1)


def read_crops(crops: list[Image.Image], allowed: Optional[str]) -> list[tuple[str, float]]:
    """Each crop's text and confidence in its least sure word (0 when nothing was read)."""
    return [(" ".join(text for text, _ in words), min((c for _, c in words), default=0.0))
            for words in read_crop_words(crops, allowed)]


def read_crop_words(crops: list[Image.Image], allowed: Optional[str]) -> list[list[tuple[str, float]]]:
    """Each crop's words in reading order, with their confidences, from Tesseract runs over them
    stacked on strips: a run costs far more to start than to read a line, but a strip must stay
    within the height Tesseract takes."""
    readings: list[list[tuple[str, float]]] = []
    batch: list[Image.Image] = []
    for crop in crops:
        if batch and sum(c.height + STRIP_GAP for c in batch) + crop.height + 2 * STRIP_GAP > STRIP_MAX_HEIGHT:
            readings += _read_strip(batch, allowed)
            batch = []
        batch.append(crop)
    return readings + (_read_strip(batch, allowed) if batch else [])


def _read_strip(crops: list[Image.Image], allowed: Optional[str]) -> list[list[tuple[str, float]]]:
    width = max(c.width for c in crops) + 2 * STRIP_GAP
    height = sum(c.height + STRIP_GAP for c in crops) + STRIP_GAP
    strip = Image.new("L", (width, height), 255)
    spans, y = [], STRIP_GAP
    for crop in crops:
        strip.paste(crop, (STRIP_GAP, y))
        spans.append((y, y + crop.height))
        y += crop.height + STRIP_GAP
    config = "--oem 1 --psm 6 --dpi 300 -c tessedit_do_invert=0" + (f" -c tessedit_char_whitelist={allowed}" if allowed else "")
    data = tesseract_data(strip, config)
    pixels = np.asarray(strip)
    readings: list[list[tuple[tuple[int, int, int, int], str, float]]] = [[] for _ in crops]
    for i, text in enumerate(data["text"]):
        left, top = data["left"][i], data["top"][i]
        text = roman_numeral(tidy(text.strip()),
                             ink_of_flat(pixels[top:top + data["height"][i], left:left + data["width"][i]]))
        confidence = float(data["conf"][i])
        if not text or confidence < 0:
            continue
        middle = data["top"][i] + data["height"][i] / 2
        order = (data["block_num"][i], data["par_num"][i], data["line_num"][i], data["left"][i])
        for k, (start, end) in enumerate(spans):
            if start <= middle < end:
                readings[k].append((order, text, confidence / 100.0))
    return [[(text, confidence) for _, text, confidence in sorted(words)] for words in readings]


def ocr_page(image: Image.Image, dpi: float, number: int, h_rules: list[tuple[float, float, float, float]],
             v_rules: list[tuple[float, float, float, float]], ink: Optional[np.ndarray],
             underlines: Sequence[tuple[float, float, float, float]] = ()) -> Page:
    """A cleaned page image as a Page: OCR words, ruling lines and ink, all in points. Small
    raised footnote markers, which a page's reading misses, are read with the cells they follow
    (``read_cells``). ``underlines``, left in the image, are rules that underline words: what
    Tesseract reads on them is the underline and the descenders crossing it ("=", "aS")."""
    scale = POINTS_PER_INCH / dpi
    width, height = image.size
    band = UNDERLINE_BAND_INCHES * dpi
    words = [w for w in _without_rule_remnants(read_words(image, dpi, number))
             if not any(x0 < w.x1 / scale and w.x0 / scale < x1
                        and top - band <= (w.top + w.bottom) / 2 / scale <= bottom + band
                        for x0, top, x1, bottom in underlines)]
    return Page(
        number=number, width=width * scale, height=height * scale,
        words=words,
        h_rules=[Rule(*(v * scale for v in box), page=number) for box in h_rules],
        v_rules=[Rule(*(v * scale for v in box), page=number) for box in v_rules],
        method="ocr",
        ink=InkMap(ink, scale) if ink is not None else None,
        image=PageImage(number, image, dpi),
    )


@dataclass(frozen=True)
class CellImage:
    """A cell cut out of a cleaned page: its gray pixels, with everything but the cell's own print
    made white, and that print's ink (True), both the same size; and its gray pixels as scanned,
    where faint strokes that the ink left out are still seen (None: as ``gray``)."""
    gray: np.ndarray
    ink: np.ndarray
    scanned: Optional[np.ndarray] = None


@dataclass(frozen=True)
class Glyphs:
    """The connected pieces of ink (8-connected) of a band of a page, rows ``top`` on: a label
    image and each piece's box in page pixels."""
    top: int
    labels: np.ndarray  # 0 = paper, n = piece n
    boxes: np.ndarray  # row n - 1: x0, top, x1, bottom of piece n (pixels, ends exclusive)
    sizes: np.ndarray  # ink pixels of each piece

    @classmethod
    def of(cls, ink: np.ndarray, top: int = 0) -> "Glyphs":
        labels, count = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
        boxes = np.array([(s[1].start, s[0].start + top, s[1].stop, s[0].stop + top)
                          for s in ndimage.find_objects(labels)], dtype=np.int64).reshape(-1, 4)
        sizes = np.bincount(labels.ravel(), minlength=count + 1)[1:]
        return cls(top, labels, boxes, sizes)

    @staticmethod
    def band(area: tuple[int, int, int, int], margin: int, height: int) -> tuple[int, int]:
        """The rows whose glyphs ``cell_image`` needs for an area: far enough around it to hold
        any glyph or word whose middle could lie in it."""
        reach = area[3] - area[1] + margin
        return max(0, area[1] - reach), min(height, area[3] + reach)


def cell_image(image: Image.Image, glyphs: Glyphs, area: tuple[int, int, int, int],
               margin: int, dpi: float) -> Optional[CellImage]:
    """The print whose middle lies in ``area`` (pixels: x0, top, x1, bottom), cut out with
    ``margin`` pixels of white around it; None where the area has no print. ``glyphs`` are those
    of ``Glyphs.band(area, margin, ...)`` or more of the page. Print of a
    neighbouring cell that reaches into the area is left out, and so are specks and what is left
    of the ruling lines around the cell; print of this cell that reaches out of it is kept whole."""
    x0, top, x1, bottom = area
    left, upper, right, lower = glyphs.boxes.T
    middle_x, middle_y = (left + right) / 2, (upper + lower) / 2
    width, height = right - left, lower - upper
    long_side, short_side = np.maximum(width, height), np.minimum(width, height)
    rule_shaped = (long_side >= RULE_REMAINS_INCH * dpi) & (short_side * RULE_REMAINS_ASPECT <= long_side)
    underlined_words = (rule_shaped & (short_side >= UNDERLINED_WORD_INCH * dpi)
                        & (glyphs.sizes >= UNDERLINED_WORD_FILL * width * height))
    rule_remains = rule_shaped & ~underlined_words
    # a piece of a broken rule along the cell's edge (a fax breaks rules up)
    at_edge = np.where(width > height,
                       np.minimum(abs(middle_y - top), abs(middle_y - bottom)) <= 2 * margin,
                       np.minimum(abs(middle_x - x0), abs(middle_x - x1)) <= 2 * margin)
    rule_piece = at_edge & (short_side <= RULE_PIECE_INCH * dpi) & (long_side >= 2 * short_side)
    chosen = np.flatnonzero((middle_x >= x0) & (middle_x < x1) & (middle_y >= top) & (middle_y < bottom)
                            & (glyphs.sizes >= SPECK_PIXELS) & ~rule_remains & ~rule_piece)
    if chosen.size == 0:
        return None
    box_x0, box_top = int(left[chosen].min()), int(upper[chosen].min())
    box_x1, box_bottom = int(right[chosen].max()), int(lower[chosen].max())
    labels = glyphs.labels[box_top - glyphs.top:box_bottom - glyphs.top, box_x0:box_x1]
    kept = np.isin(labels, chosen + 1)
    for index in chosen[underlined_words[chosen]]:
        # the underline's rows, which Tesseract reads into the letters ("BAKER ADVISORS BROS.")
        word = labels == index + 1
        kept[word & (word.sum(axis=1) >= UNDERLINE_COVER * width[index])[:, None]] = False
    scanned = np.asarray(image)[box_top:box_bottom, box_x0:box_x1]
    near = ndimage.binary_dilation(kept, iterations=1)  # the grey fringe of the kept strokes
    gray = np.where(near, scanned, 255).astype(np.uint8)
    return CellImage(np.pad(gray, margin, constant_values=255), np.pad(kept, margin),
                     np.pad(scanned, margin, constant_values=255))


def _print_end(line: np.ndarray, height: float) -> int:
    """The column where a line's print ends: the end of its last stretch of ink without a gap
    wider than LINE_GAP_SHARE of the line's height that is wider than the line is high (a speck
    is not)."""
    stretches: list[list[int]] = []
    for start, end in true_runs(line.any(axis=0)):
        if stretches and start - stretches[-1][1] <= LINE_GAP_SHARE * height:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    return next((end for start, end in reversed(stretches) if end - start > height), 0)


def true_runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a row of flags."""
    changes = np.flatnonzero(np.diff(np.concatenate([[False], flags, [False]]).astype(np.int8)))
    return list(zip(changes[::2].tolist(), changes[1::2].tolist()))


def cell_lines(ink: np.ndarray) -> list[tuple[int, int]]:
    """The printed lines of a cell, as (top, bottom) pixel rows: runs of rows with ink, where a
    run much thinner than the cell's tallest (the dot of an "i" standing clear, a stray mark) joins
    the run nearest to it; but one thinner than SPECK_LINE_SHARE of the tallest and further from
    any than the tallest is high is no print (a speck or what is left of a rule across a tall cell,
    which joined to the cell's one line made it a line as tall as the cell: hbb's photo, "$0(1)"
    read ")")."""
    bands = [list(band) for band in true_runs(ink.any(axis=1))]
    tallest = max((bottom - top for top, bottom in bands), default=0)
    merged = True
    while merged and len(bands) > 1:
        merged = False
        for k, (top, bottom) in enumerate(bands):
            if bottom - top < THIN_LINE_SHARE * tallest:
                gap_above = top - bands[k - 1][1] if k > 0 else float("inf")
                gap_below = bands[k + 1][0] - bottom if k + 1 < len(bands) else float("inf")
                other = k - 1 if gap_above <= gap_below else k + 1
                if min(gap_above, gap_below) <= tallest or bottom - top > SPECK_LINE_SHARE * tallest:
                    bands[other] = [min(top, bands[other][0]), max(bottom, bands[other][1])]
                del bands[k]
                merged = True
                break
    return [(top, bottom) for top, bottom in bands]


def raised_groups(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, top, x1, bottom) of print set small and raised above a line of print: footnote
    markers such as the "(2)" of "$159.94(2)". The line's baseline and letter height are those of
    its glyphs of letter size. A group starts at a glyph of digit size standing clear above the
    baseline (quotes and apostrophes are smaller) and takes in the raised glyphs next to it (the
    brackets, which reach lower)."""
    labels, _ = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
    glyphs = [(s[1].start, s[0].start, s[1].stop, s[0].stop) for s in ndimage.find_objects(labels)]
    sized = [g for g in glyphs if g[3] - g[1] >= GLYPH_MIN_SHARE * ink.shape[0]]
    if not sized:
        return []
    # The baseline is the lowest level that many glyphs stand on: few letters reach below it
    # (descenders). A marker's glyphs may outnumber the letters ("P(10)"): where nothing stands
    # raised above the level most glyphs stand on, the level of the tallest glyphs is tried.
    tallest = max(g[3] - g[1] for g in sized)
    full_size = [g for g in sized if g[3] - g[1] >= FULL_SIZE_SHARE * tallest]
    return (_raised_above(_baseline(sized, ink.shape[0]), glyphs, sized, ink.shape[0])
            or _raised_above(_baseline(full_size, ink.shape[0]), glyphs, sized, ink.shape[0]))


def _baseline(standing: list[tuple[int, int, int, int]], line_height: int) -> Optional[int]:
    """The lowest level that BASELINE_SHARE of the glyphs stand on; none where no level is shared
    so (specks of a fax, each at a height of its own)."""
    tolerance = BASELINE_TOLERANCE * line_height
    return next((b for b in sorted({g[3] for g in standing}, reverse=True)
                 if sum(abs(g[3] - b) <= tolerance for g in standing) >= BASELINE_SHARE * len(standing)), None)


def _raised_above(baseline: Optional[int], glyphs: list[tuple[int, int, int, int]],
                  sized: list[tuple[int, int, int, int]], line_height: int) -> list[tuple[int, int, int, int]]:
    if baseline is None:
        return []
    on_baseline = [g for g in sized if abs(g[3] - baseline) <= BASELINE_TOLERANCE * line_height]
    height = baseline - float(np.median([g[1] for g in on_baseline]))
    if height <= 0:
        return []
    raised = [g for g in glyphs if g[3] <= baseline - RAISED_LOW * height]
    groups: list[tuple[int, int, int, int]] = []
    for seed in raised:
        if not (seed[3] <= baseline - RAISED_HIGH * height
                and SUPERSCRIPT_HEIGHTS[0] * height <= seed[3] - seed[1] <= SUPERSCRIPT_HEIGHTS[1] * height):
            continue
        group = list(seed)
        grown = True
        while grown:
            grown = False
            for g in raised:
                inside = group[0] <= g[0] and g[2] <= group[2] and group[1] <= g[1] and g[3] <= group[3]
                if not inside and g[0] < group[2] + GROUP_GAP * height and g[2] > group[0] - GROUP_GAP * height:
                    group = [min(group[0], g[0]), min(group[1], g[1]), max(group[2], g[2]), max(group[3], g[3])]
                    grown = True
        if tuple(group) not in groups:
            groups.append(tuple(group))
    return sorted(groups)


def read_cells(cells: list[tuple[CellImage, Optional[str]]], marker_numbers: Sequence[str] = (),
               note_alone: Optional[Sequence[bool]] = None) -> list[tuple[list[str], float]]:
    """Each cell's printed lines and the reader's confidence in the least sure. A line's raised
    footnote markers are read apart (see ``_marker_digits``) and written "(n)" after the rest of
    the line, which is read with the cell's allowed characters (None: any) once they are taken
    out. One Tesseract run reads the markers of all cells, and one the lines of all cells that
    allow the same characters. Given ``marker_numbers`` (the report's notes), a marker is read as
    one of them only, and raised print Tesseract could not read so is told by its likeness to drawn
    ones. ``note_alone`` says of each cell whether its field may print a marker with no value
    (record.NOTE_ALONE_FIELDS; None: every cell may): elsewhere a cell's one line is never markers
    alone ("111", blurred, is as like "(1)" as a marker set small)."""
    lines, may_be_markers = [], []
    for (cell, allowed), alone in zip(cells, note_alone or [True] * len(cells)):
        bands = cell_lines(cell.ink)
        tallest = max((bottom - top for top, bottom in bands), default=0)
        lines.append([(cell, allowed, top, bottom, tallest) for top, bottom in bands])
        may_be_markers += [alone or len(bands) > 1] * len(bands)
    flat = [line for per_cell in lines for line in per_cell]
    spots = [[(*_marker_spot(cell.gray[top:bottom], cell.ink[top:bottom], box, strict), strict)
              for box, strict in _marker_boxes(cell.ink[top:bottom], tallest, markers_alone)]
             for (cell, _, top, bottom, tallest), markers_alone in zip(flat, may_be_markers)]
    digit_images = [image for line_spots in spots for _, images, _, _ in line_spots if images for image in images]
    digit_readings = iter(text for text, _ in (_read_side_by_side(digit_images, DIGITS) if digit_images else []))
    run_images = [image for line_spots in spots for _, _, image, _ in line_spots if image is not None]
    run_readings = iter(text for text, _ in (_read_side_by_side(run_images, DIGITS + "()") if run_images else []))
    bodies, short, markers, print_left = [], [], [], []
    for (cell, _, top, bottom, _), line_spots in zip(flat, spots):
        gray, ink, found = cell.gray[top:bottom].copy(), cell.ink[top:bottom].copy(), []
        scanned = (cell.gray if cell.scanned is None else cell.scanned)[top:bottom]
        for (x0, g_top, x1, g_bottom), images, run_image, strict in line_spots:
            numbers = [next(digit_readings) for _ in images] if images is not None else None
            reading = next(run_readings) if run_image is not None else None
            if reading is not None and MARKER_RUN.fullmatch(reading):
                numbers = MARKER_DIGITS.findall(reading)
            elif numbers is not None and reading is not None and not BRACKET_READ.search(reading):
                numbers = None  # digits told by place need a bracket read beside them: not "111"
            if numbers is not None and marker_numbers and not set(numbers) <= set(marker_numbers):
                numbers = None  # no note of the report has that number: "(0)", a "(17)" read "(71)"
            if not _are_marker_numbers(numbers) and not strict:
                # raised print as tall as the line has grown into its letters (a line of its own
                # is told after its reading: see _lines_of_markers_by_likeness)
                numbers = _markers_by_likeness(scanned, ink, (x0, g_top, x1, g_bottom), marker_numbers,
                                               LIKENESS_MAX_HEIGHT * (bottom - top))
            elif not strict and _are_marker_numbers(numbers) and len(numbers) == 1:
                numbers = _with_a_figure_lost_told(numbers[0], scanned, ink, (x0, g_top, x1, g_bottom),
                                                   marker_numbers, LIKENESS_MAX_HEIGHT * (bottom - top))
            if _are_marker_numbers(numbers):
                found += numbers
                gray[g_top:g_bottom, x0:x1] = 255
                ink[g_top:g_bottom, x0:x1] = False
        span = _glyph_or_two(ink)
        bodies.append(Image.fromarray(np.pad(gray[:, span[0]:span[1]] if span else gray, LINE_PAD, constant_values=255)))
        short.append(span is not None)
        markers.append(found)
        print_left.append(_print_left(ink, bottom - top))
    body_readings: list[tuple[str, float]] = [("", 0.0)] * len(flat)
    for allowed, alone in {(line[1], alone) for line, alone in zip(flat, short)}:
        chosen = [k for k, line in enumerate(flat) if line[1] == allowed and short[k] == alone]
        read = _read_side_by_side if alone else read_crops
        for k, reading in zip(chosen, read([bodies[k] for k in chosen], allowed)):
            body_readings[k] = reading
    for k, numbers in _lines_of_markers_by_likeness(flat, spots, body_readings, markers, marker_numbers).items():
        body_readings[k], markers[k], print_left[k] = ("", 0.0), numbers, False
    per_line = iter(zip(body_readings, markers, print_left))
    results = []
    for per_cell in lines:
        texts, confidence = [], 1.0
        for _ in per_cell:
            (text, line_confidence), found, unread = next(per_line)
            line = " ".join([_without_stray_marks(text), *(f"({m})" for m in found)]).strip()
            if line:
                texts.append(line)
                # markers alone, where print beside them was read as nothing, lost the value they follow
                confidence = min(confidence, line_confidence if text else 0.0 if unread else MARKER_CONFIDENCE)
        results.append((texts, confidence if texts else 0.0))
    return results


def _lines_of_markers_by_likeness(flat: list[tuple[CellImage, Optional[str], int, int, int]], spots: list[list[tuple]],
                                  body_readings: list[tuple[str, float]], markers: list[list[str]],
                                  marker_numbers: Sequence[str]) -> dict[int, list[str]]:
    """The marker numbers of each line (by its index in ``flat``) that is markers alone: a marker
    alone in its cell ("(5)" under Date Exercisable) or a run of them on a line of its own
    ("(3)(4)(5)(7)" under "See Footnotes(2)"), which Tesseract read as nothing, or unsurely as more
    figures and brackets than letters ("(3M 4X59)"); told by likeness where the print is smaller
    than the letters and figures of lines read surely (a marker is set small; "$0", "A", "111" and
    a line "Class B" are not), which a photo at 150 dpi blurs into marks Tesseract misreads."""
    full_size = [size[0] for (cell, _, top, bottom, _), (text, confidence) in zip(flat, body_readings)
                 if confidence >= FULL_SIZE_CONFIDENCE and FULL_SIZE_READING.fullmatch(text)
                 for size in [_print_size(cell.ink[top:bottom], (0, 0, cell.ink.shape[1], bottom - top))] if size]
    if not marker_numbers or not full_size:
        return {}
    most_height = MARKER_LINE_HEIGHT * statistics.median(full_size)
    found = {}
    for k, ((cell, _, top, bottom, _), line_spots) in enumerate(zip(flat, spots)):
        whole_line = len(line_spots) == 1 and line_spots[0][0] == (0, 0, cell.ink.shape[1], bottom - top)
        if not whole_line or markers[k] or not _read_as_markers_at_most(*body_readings[k]):
            continue
        scanned = (cell.gray if cell.scanned is None else cell.scanned)[top:bottom]
        numbers = _markers_by_likeness(scanned, cell.ink[top:bottom], line_spots[0][0], marker_numbers, most_height,
                                       MARKER_LINE_MIN_LEAD)
        if numbers:
            found[k] = numbers
    return found


def _with_a_figure_lost_told(number: str, gray: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int],
                             numbers: Sequence[str], most_height: float) -> list[str]:
    """A raised marker's number as read, or where the report has notes of one figure more that
    hold it, the one of them and it that the print is clearly likest (``likeness``): a coarse scan
    blurs the "1" of "(14)" or "(17)" into a bracket, and Tesseract reads "(4)" or "(1)" (photos
    of tsla, fb, pltr and mchx: 11 footnote references right that were not, none wrong that was)."""
    longer = [n for n in numbers if len(n) == len(number) + 1 and (n.endswith(number) or n.startswith(number))]
    told = _markers_by_likeness(gray, ink, box, [number, *longer], most_height) if longer else None
    return told if told and len(told) == 1 else [number]


def _read_as_markers_at_most(text: str, confidence: float) -> bool:
    """Whether a line's reading is nothing, or an unsure one of more figures and brackets than letters."""
    text = _without_stray_marks(text)
    figures = sum(c.isdigit() or c in "()" for c in text)
    return not text.strip("()") or (confidence < FULL_SIZE_CONFIDENCE and figures > sum(c.isalpha() for c in text))


def _print_left(ink: np.ndarray, line_height: int) -> bool:
    """Whether a line's ink, its markers taken out, holds print: more ink than GLYPH_INK_SHARE of
    the line's height squared, or a glyph of LEFT_GLYPH_PIXELS high at least as inked (a fax's
    "S(1)" under specks that make its line twice as high as the "S")."""
    if int(ink.sum()) > GLYPH_INK_SHARE * line_height ** 2:
        return True
    glyphs = Glyphs.of(ink)
    heights = glyphs.boxes[:, 3] - glyphs.boxes[:, 1]
    return bool(((heights >= LEFT_GLYPH_PIXELS) & (glyphs.sizes > GLYPH_INK_SHARE * heights ** 2)).any())


def _are_marker_numbers(numbers: Optional[list[str]]) -> bool:
    return bool(numbers) and all(number.isdigit() and len(number) <= 2 for number in numbers)


def _markers_by_likeness(gray: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int], numbers: Sequence[str],
                         most_height: float, min_lead: float = MIN_LEAD) -> Optional[list[str]]:
    """The numbers of the marker, or the run of markers, printed in ``box`` of a line, told by
    likeness (see ``likeness``; a marker alone the likest by ``min_lead``), where its print is at
    most ``most_height`` pixels high."""
    x0, top, x1, bottom = box
    size = _print_size(ink, box)
    if size is None or size[0] > most_height:
        return None
    margin = LIKENESS_MARGIN
    region = gray[max(0, top - margin):bottom + margin, max(0, x0 - margin):x1 + margin]
    number = marker_by_likeness(region, size, numbers, min_lead)
    if number:
        return [number]
    return run_of_markers_by_likeness(region, size, numbers) if size[1] > RUN_MIN_WIDTH * size[0] else None


def _print_size(ink: np.ndarray, box: tuple[int, int, int, int]) -> Optional[tuple[int, int]]:
    """The height and width in pixels of the ink in ``box``; None where it holds none."""
    x0, top, x1, bottom = box
    rows = np.flatnonzero(ink[top:bottom, x0:x1].any(axis=1))
    columns = np.flatnonzero(ink[top:bottom, x0:x1].any(axis=0))
    return (int(rows[-1] - rows[0] + 1), int(columns[-1] - columns[0] + 1)) if len(rows) else None


def _glyph_or_two(ink: np.ndarray) -> Optional[tuple[int, int]]:
    """The columns (x0, x1) of a line's print where it is no wider than LONE_GLYPHS_WIDTH of the
    line's height: a one-letter code, "I", "0", which Tesseract passes over on a line of its own."""
    xs = np.flatnonzero(ink.any(axis=0))
    if not len(xs) or xs[-1] - xs[0] + 1 > LONE_GLYPHS_WIDTH * ink.shape[0]:
        return None
    return int(xs[0]), int(xs[-1]) + 1


def _read_side_by_side(images: list[Image.Image], allowed: Optional[str]) -> list[tuple[str, float]]:
    """The text of each image and the confidence in its least sure word (0 for none), read by
    one Tesseract run with the images set side by side in rows, far apart: Tesseract passes over
    a lone glyph on a line of its own, but reads a row of them. Words are given back to the image
    whose span holds their middle."""
    height = max(image.height for image in images)
    gap = SIDE_BY_SIDE_GAP * height
    rows: list[list[tuple[int, Image.Image]]] = [[]]
    width = gap
    for index, image in enumerate(images):
        if rows[-1] and width + image.width + gap > SIDE_BY_SIDE_WIDTH:
            rows.append([])
            width = gap
        rows[-1].append((index, image))
        width += image.width + gap
    sheet_height = STRIP_GAP + len(rows) * (height + STRIP_GAP)
    if sheet_height > STRIP_MAX_HEIGHT and len(images) > 1:
        half = len(images) // 2
        return _read_side_by_side(images[:half], allowed) + _read_side_by_side(images[half:], allowed)
    sheet_width = max(gap + sum(image.width + gap for _, image in row) for row in rows)
    sheet = Image.new("L", (sheet_width, sheet_height), 255)
    spans: list[tuple[int, int, int, int]] = []  # index, row top, x0, x1
    for number, row in enumerate(rows):
        x, top = gap, STRIP_GAP + number * (height + STRIP_GAP)
        for index, image in row:
            sheet.paste(image, (x, top + (height - image.height) // 2))
            spans.append((index, top, x, x + image.width))
            x += image.width + gap
    config = "--oem 1 --psm 6 -c tessedit_do_invert=0" + (f" -c tessedit_char_whitelist={allowed}" if allowed else "")
    data = tesseract_data(sheet, config)
    words: list[list[tuple[int, str, float]]] = [[] for _ in images]
    for i, text in enumerate(data["text"]):
        if not text.strip() or float(data["conf"][i]) < 0:
            continue
        middle_x = data["left"][i] + data["width"][i] / 2
        middle_y = data["top"][i] + data["height"][i] / 2
        for index, top, x0, x1 in spans:
            if x0 - gap / 2 <= middle_x < x1 + gap / 2 and top - STRIP_GAP / 2 <= middle_y < top + height + STRIP_GAP / 2:
                words[index].append((data["left"][i], tidy(text.strip()), float(data["conf"][i]) / 100.0))
                break
    return [("".join(text for _, text, _ in sorted(found)), min((c for _, _, c in found), default=0.0))
            for found in words]


def _without_stray_marks(text: str) -> str:
    """A line without the words at its ends that are no more than punctuation (": Common Stock ,")
    and without quotes closing it that nothing opened ("Stock’!"): specks and broken markers that
    Tesseract reads as dots, commas and quotes."""
    words = text.split()
    if not any(STRAY_MARK.fullmatch(w) is None for w in words):
        return text
    while words and STRAY_MARK.fullmatch(words[0]):
        words.pop(0)
    while words and STRAY_MARK.fullmatch(words[-1]):
        words.pop()
    return STRAY_QUOTES.sub("", " ".join(words))


def _marker_spot(gray: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int], strict: bool) -> tuple[
        tuple[int, int, int, int], Optional[list[Image.Image]], Optional[Image.Image]]:
    """A place that may hold footnote markers: its box, the images of its markers' digits, and
    where brackets and digits cannot be told apart by size (a coarse scan blurs a marker's glyphs
    to one height), the image of the raised print whole, to be read with its brackets. A marker
    alone so blurred has both: its digits told by place, and its print whole, in which a bracket
    must be read for the digits to be taken."""
    digits = _marker_digits(gray, ink, box, strict)
    if digits is None and _narrow(ink, box):
        bracketed = _bracketed_digits(gray, ink, box)
        if bracketed is not None:
            return box, bracketed, _print_image(gray, ink, box)
    if digits is not None or strict:
        return box, digits, None
    return box, None, _marker_run_image(gray, ink, box)


def _narrow(ink: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the print of ``box`` is no wider than a marker or two alone ("(4)", "(12)")."""
    size = _print_size(ink, box)
    return size is not None and size[1] <= LONE_MARKER_WIDTH * size[0]


def _marker_run_image(gray: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int]) -> Optional[Image.Image]:
    """The raised print of ``box`` alone, brought to MARKER_RUN_HEIGHT, where it is glyphs of one
    height at least three ("(1)"); None otherwise."""
    x0, top, x1, bottom = box
    labels, count = ndimage.label(ink[top:bottom, x0:x1], structure=np.ones((3, 3), dtype=bool))
    heights = [s[0].stop - s[0].start for s in ndimage.find_objects(labels)]
    if count < 3 or min(heights) < BRACKET_HEIGHT * max(heights):
        return None
    return _print_image(gray, ink, box)


def _print_image(gray: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int]) -> Image.Image:
    """The print of ``box`` alone, brought to MARKER_RUN_HEIGHT."""
    x0, top, x1, bottom = box
    region = np.where(ink[top:bottom, x0:x1], gray[top:bottom, x0:x1], 255).astype(np.uint8)
    image = Image.fromarray(np.pad(region, MARKER_PAD, constant_values=255))
    scale = min(MARKER_MAX_SCALE, MARKER_RUN_HEIGHT / (bottom - top))
    return image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.BICUBIC)


def _marker_digits(gray: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int],
                   strict: bool) -> Optional[list[Image.Image]]:
    """The digits of each footnote marker in ``box`` ("(1)(12)" gives images of "1" and "12");
    None where the print there is not markers, or, ``strict``, not brackets around one or two
    digits and nothing else ("$0" and "(1,000)" are not markers). Tesseract misreads small runs of brackets and
    digits ("(1)(2)(3)(4)(5)" as "4)") but reads the digits alone surely. A bracket is a glyph as
    tall as the tallest of the group; the digits are shorter."""
    x0, top, x1, bottom = box
    labels, _ = ndimage.label(ink[top:bottom, x0:x1], structure=np.ones((3, 3), dtype=bool))
    glyphs = sorted((s[1].start, s[0].start, s[1].stop, s[0].stop, number)
                    for number, s in enumerate(ndimage.find_objects(labels), start=1))
    if not glyphs:
        return None
    tallest = max(g[3] - g[1] for g in glyphs)
    markers: list[list[tuple]] = [[]]
    shapes = ""  # "(" for a bracket, "1" for a digit
    for glyph in glyphs:
        if glyph[3] - glyph[1] >= BRACKET_HEIGHT * tallest:
            if glyph[2] - glyph[0] > BRACKET_WIDTH * (glyph[3] - glyph[1]):
                return None  # a bracket run into a digit, or not markers at all
            if markers[-1]:
                markers.append([])
            shapes += "("
        elif glyph[3] - glyph[1] >= DIGIT_MIN_HEIGHT * tallest:  # (shorter: a speck)
            markers[-1].append(glyph)
            shapes += "1"
    if strict and not MARKER_SHAPES.fullmatch(shapes):
        return None
    markers = [m for m in markers if m]
    if not markers or len(markers) > MAX_MARKERS_IN_A_ROW:
        return None
    return _digit_images(gray[top:bottom, x0:x1], labels, markers)


def _bracketed_digits(gray: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int]) -> Optional[list[Image.Image]]:
    """The digits of one marker alone whose glyphs a coarse scan blurred to one height ("(4)" at
    150 dpi), told by place: a narrow glyph first and last (the brackets) and one or two between
    (its digits); None where the print is not so."""
    x0, top, x1, bottom = box
    labels, _ = ndimage.label(ink[top:bottom, x0:x1], structure=np.ones((3, 3), dtype=bool))
    glyphs = sorted((s[1].start, s[0].start, s[1].stop, s[0].stop, number)
                    for number, s in enumerate(ndimage.find_objects(labels), start=1))
    tallest = max((g[3] - g[1] for g in glyphs), default=0)
    glyphs = [g for g in glyphs if g[3] - g[1] >= DIGIT_MIN_HEIGHT * tallest]  # not specks
    if not 3 <= len(glyphs) <= 4:
        return None
    if any(g[2] - g[0] > BRACKET_WIDTH * (g[3] - g[1]) for g in (glyphs[0], glyphs[-1])):
        return None
    return _digit_images(gray[top:bottom, x0:x1], labels, [glyphs[1:-1]])


def _digit_images(region: np.ndarray, labels: np.ndarray, markers: list[list[tuple]]) -> list[Image.Image]:
    """An image of each marker's digit glyphs (x0, top, x1, bottom, label) alone, brought to
    MARKER_DIGIT_HEIGHT."""
    digits_only = np.where(np.isin(labels, [g[4] for m in markers for g in m]), region, 255)
    spans = [(min(g[0] for g in m), max(g[2] for g in m)) for m in markers]
    digit_height = max(g[3] - g[1] for m in markers for g in m)
    scale = min(MARKER_MAX_SCALE, MARKER_DIGIT_HEIGHT / digit_height)
    images = []
    for a, b in spans:
        image = Image.fromarray(np.pad(digits_only[:, a:b], MARKER_PAD, constant_values=255))
        images.append(image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.BICUBIC))
    return images


def _marker_boxes(line: np.ndarray, tallest: int,
                  markers_alone: bool) -> list[tuple[tuple[int, int, int, int], bool]]:
    """Where a line of a cell (its ink) may hold footnote markers, and whether only brackets around
    digits may stand there: its raised print; where nothing in it is raised, the whole line, as
    markers that wrapped onto a line of their own when it is printed small under a taller one of
    the cell (``tallest`` rows high), else, where ``markers_alone`` may be, as a cell holding a
    marker and no value (whose brackets and digits alone then make it markers). A line without
    descenders is as small as that, so its raised print is looked for first ("L.P.(2)")."""
    whole = (0, 0, line.shape[1], line.shape[0])
    raised = [(box, False) for box in raised_groups(line)]
    if raised:
        return raised
    wrapped = line.shape[0] < MARKER_LINE_SHARE * tallest
    return [(whole, not wrapped)] if wrapped or markers_alone else []
