"""Stage 1c, mend a scanned page's words from its ink: what Tesseract's reading of the whole page
passed over or got wrong in ways the print itself shows. Print no word covers is read on its own
(a date standing alone); a period ending a line that was left off is put back; a serif Roman
numeral ("III" read "HI") is spelt by its strokes; words run together over a space the print shows
are read apart.
"""
from __future__ import annotations

import dataclasses
import statistics
from typing import Optional

import numpy as np
from PIL import Image
from scipy import ndimage

from .cleanup import INK_SHARE_OF_PAPER
from .ocr import LINE_PAD, POINTS_PER_INCH, PRINT_INK_SQUARE_INCHES, read_crop_words, roman_numeral, true_runs
from .pages import Page, Word
from .vocabulary import known_words

# Print that the page's reading left without a word: Tesseract's page segmentation passes over a
# figure standing alone (an underlined signature date). Pieces of print are found by joining ink
# nearer than a word space; a piece whose words are read with less confidence (the median word's)
# is a rule's remnant or a speck. Each word keeps its own confidence.
WORD_SPACE_INCHES = 0.04
PIECE_HEIGHTS_INCHES = (0.04, 0.3)
PIECE_MIN_WIDTH_INCHES = 0.03
UNREAD_SHARE = 0.2  # a piece is unread when words read cover less of its box than this
GLYPH_CLOSING = 3  # pixels (at 300 dpi): print this near other print is of one glyph
MISSED_WORD_CONFIDENCE = 0.5
# A row of a line of print inked across this share of it is a rule under it, never type (a line
# of bold capitals inks 0.55 of its rows at most).
UNDERLINE_SHARE = 0.8
# Tesseract runs two words into one where the space between them is narrow; the print shows it.
SPACE_SIZE = 0.28
SPACE_OVER_LETTER_GAP = 4
WHITE_PAPER = 252  # a crop's paper this light or lighter is white (a clean scan's)
# Tesseract's sparse reading may leave off the period that ends a line. A period is a dot this
# size (of its word's height: the word's box reaches from its capitals to its descenders), in the
# lower part of the word's box, within reach of its end.
PERIOD_SIZES = (0.1, 0.3)
PERIOD_LOWEST_TOP = 0.5
PERIOD_REACH = 0.4


def mend_words(page: Page, coarse: bool = False) -> Page:
    """The page with its words mended from its ink and image (a page read by OCR). Print read
    again (missed, or parted at a space) is read in one Tesseract run for the page. On a page
    scanned coarser than 300 dpi (``coarse``) Tesseract's reading passes over more: there print
    beside words read is looked for too, and print read as nothing is read again without its
    underline (on a fine scan such print is mostly what is left of a rule, and reading it again
    costs time and adds noise: "/s/ Sc Josh Samples")."""
    if page.ink is None or page.image is None:
        return page
    ink, dpi, image = page.ink.ink, page.image.dpi, page.image.image
    words = as_separate_words(with_roman_numerals_counted(with_line_end_periods(page.words, ink, dpi), ink, dpi))
    pieces = _unread_pieces(ink, words, dpi, beside_words=coarse)
    spaced = _spaces_inside(words, ink, dpi)
    boxes = pieces + [box for halves in spaced.values() for box in halves]
    readings = _read_cut_out(image, boxes, without_underline=coarse)
    missed = [w for box, read in zip(pieces, readings) for w in _read_words(read, box, dpi, page.number)
              if not _read_already(w, words)]
    return dataclasses.replace(page, words=_parted_at_spaces(words, spaced, readings[len(pieces):], dpi) + missed)


def _read_already(word: Word, words: list[Word]) -> bool:
    """Whether print no word covered was a word the page's reading has with its box too narrow
    or beside it: the same word on the same line within a letter's height (Tesseract boxed a
    fax's "B" 2 points wide, and the rest of it read "B" again: "Class B B"; on pltr's photo it
    boxed the "C" of "Common" as the "A" before it, and the "A" read alone made "Class A A")."""
    reach = word.bottom - word.top
    return any(w.text == word.text and max(word.x0, w.x0) - min(word.x1, w.x1) < reach
               and min(word.bottom, w.bottom) - max(word.top, w.top) > 0.5 * reach for w in words)


def _read_cut_out(image: Image.Image, boxes: list[tuple[int, int, int, int]],
                  without_underline: bool) -> list[list[tuple[str, float]]]:
    """The words read in each box of the page (pixels), in one run for all. A crop read as
    nothing is read again, cleared (see ``_cleared``) of the photo's paper, then (where asked)
    also of its underline, each in a run of its own; only such crops, since a cleared crop may
    read worse (a comma's tail that touched the underline is lost with it: "Szotek." for "Szotek,")."""
    crops = [image.crop((x0 - LINE_PAD, top - LINE_PAD, x1 + LINE_PAD, bottom + LINE_PAD)) for x0, top, x1, bottom in boxes]
    readings = read_crop_words(crops, None) if crops else []
    for without_underline in (False, True)[:1 + without_underline]:
        cleared = {k: _cleared(crops[k], without_underline) for k, read in enumerate(readings) if not read}
        again = {k: crop for k, crop in cleared.items() if crop is not None}
        for k, read in zip(again, read_crop_words(list(again.values()), None) if again else []):
            readings[k] = read
    return readings


def _cleared(crop: Image.Image, without_underline: bool) -> Optional[Image.Image]:
    """The crop as Tesseract may read it where it read nothing, or None where there is nothing to
    clear. Set on the white of Tesseract's strip, a photo's grainy paper may be taken for a
    picture ("251 247 244 ..."): its paper is made white. An underlined line cut out alone may
    read as nothing too (tsvt's photo: "/s/ Iya Kessler, Attorney-in-" over a signature's
    underline): the rows of the underline, inked across UNDERLINE_SHARE of the crop or more, are
    made paper."""
    pixels = np.asarray(crop, dtype=np.float32)
    paper = _paper(crop)
    underline = (pixels < INK_SHARE_OF_PAPER * paper).mean(axis=1) >= UNDERLINE_SHARE
    underline &= without_underline
    if paper >= WHITE_PAPER and not underline.any():
        return None
    pixels = pixels.copy()
    pixels[underline] = paper
    return Image.fromarray(np.clip(pixels * 255 / paper, 0, 255).astype(np.uint8))


def _paper(crop: Image.Image) -> float:
    """The crop's paper: the median of its pixels lighter than ink."""
    pixels = np.asarray(crop, dtype=np.float32)
    paper = pixels[pixels >= INK_SHARE_OF_PAPER * 255]
    return float(np.median(paper)) if paper.size else 255.0


def _read_words(read: list[tuple[str, float]], box: tuple[int, int, int, int], dpi: float,
                page: int) -> list[Word]:
    """The words read from print cut out of the page (a box in pixels), sharing its box by their
    lengths, each with its own confidence; none where the reading is noise."""
    text = " ".join(t for t, _ in read)
    if not read or statistics.median(c for _, c in read) < MISSED_WORD_CONFIDENCE or not any(
            c.isalnum() for c in text):
        return []
    x0, top, x1, bottom = (v * POINTS_PER_INCH / dpi for v in box)
    confidences = [confidence for text, confidence in read for _ in text.split()]
    return [dataclasses.replace(part, confidence=confidence) for part, confidence in zip(
        as_separate_words([Word(text, x0, top, x1, bottom, round(bottom - top, 2), page=page)]), confidences)]


def _spaces_inside(words: list[Word], ink: np.ndarray, dpi: float) -> dict[int, tuple[tuple[int, int, int, int], ...]]:
    """Words that Tesseract ran over a space ("RAII," for "RA II,", "By:/s/"), by their place in
    ``words``: the boxes (pixels) of their print left and right of the space. A space is a gap
    in the print at least SPACE_SIZE of the type size wide and SPACE_OVER_LETTER_GAP times the
    word's next widest gap (the gaps after an "F" or "r" are wide, but so are the others then).
    A word of English or of the forms is one word, its gap a fax's broken letter ("Co mmon")."""
    scale = dpi / POINTS_PER_INCH
    spaced = {}
    for index, word in enumerate(words):
        if word.superscript or len(word.text) < 2 or _a_word(word.text):
            continue
        x0, top, x1, bottom = int(word.x0 * scale), int(word.top * scale), int(word.x1 * scale) + 1, int(word.bottom * scale) + 1
        columns = ink[top:bottom, x0:x1].any(axis=0)
        gaps = true_runs(~columns)
        gaps = [(a, b) for a, b in gaps if a > 0 and b < len(columns)]  # inside the print
        if not gaps:
            continue
        widths = sorted((b - a for a, b in gaps), reverse=True)
        widest = next((a, b) for a, b in gaps if b - a == widths[0])
        if widths[0] < SPACE_SIZE * word.size * scale or (
                len(widths) > 1 and widths[0] < SPACE_OVER_LETTER_GAP * widths[1]):
            continue
        inked = np.flatnonzero(columns)
        spaced[index] = ((x0 + int(inked[0]), top, x0 + widest[0], bottom),
                         (x0 + widest[1], top, x0 + int(inked[-1]) + 1, bottom))
    return spaced


def _parted_at_spaces(words: list[Word], spaced: dict[int, tuple[tuple[int, int, int, int], ...]],
                      readings: list[list[tuple[str, float]]], dpi: float) -> list[Word]:
    """The words, each that Tesseract ran over a space replaced by what its two sides read alone,
    where both read surely enough."""
    halves = iter(readings)
    parted = []
    for index, word in enumerate(words):
        if index not in spaced:
            parted.append(word)
            continue
        sides = [_read_words(next(halves), box, dpi, word.page) for box in spaced[index]]
        if all(sides):
            parted += [dataclasses.replace(w, size=word.size, superscript=False) for side in sides for w in side]
        else:
            parted.append(word)
    return parted


def _a_word(text: str) -> bool:
    """Whether the text is a word of English or of the forms, whatever marks stand around it."""
    letters = text.strip(".,;:()'\"")
    return letters.isalpha() and letters.lower() in known_words()


def as_separate_words(words: list[Word]) -> list[Word]:
    """The words, where one holds several (a piece read whole, "ACommon" that ``ocr.tidy`` parted),
    as as many words sharing its box by their lengths."""
    separate = []
    for word in words:
        parts = word.text.split()
        if len(parts) < 2:
            separate.append(word)
            continue
        per_character = (word.x1 - word.x0) / len(" ".join(parts))
        start = word.x0
        for part in parts:
            end = start + len(part) * per_character
            separate.append(dataclasses.replace(word, text=part, x0=start, x1=end))
            start = end + per_character
    return separate


def _unread_pieces(ink: np.ndarray, words: list[Word], dpi: float, beside_words: bool) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, top, x1, bottom, in pixels) of the lines of print that no word read covers.
    With ``beside_words``, print beside a word read ("/s/" before "Elon Musk") is a piece of its
    own, but not print of a glyph that a word's box covers in part (the rest of that word)."""
    covered = _covered_by(words, ink.shape, dpi)
    if beside_words:
        # glyphs, with the breaks a scan makes in thin strokes (an "A" whose apex is lost) closed
        glyphs, _ = ndimage.label(ndimage.binary_dilation(ink, np.ones((GLYPH_CLOSING, GLYPH_CLOSING), bool)))
        of_words = np.unique(glyphs[ink & covered])
    joined = ndimage.binary_dilation(ink & ~covered if beside_words else ink,
                                     np.ones((1, max(1, round(WORD_SPACE_INCHES * dpi))), bool))
    labels, _ = ndimage.label(joined)
    lowest, highest = (h * dpi for h in PIECE_HEIGHTS_INCHES)
    pieces = []
    for rows, columns in ndimage.find_objects(labels):
        if not lowest <= rows.stop - rows.start <= highest:
            continue
        inked = np.flatnonzero(ink[rows, columns].any(axis=0))  # the box without the joining
        x0, x1 = columns.start + int(inked[0]), columns.start + int(inked[-1]) + 1
        area = (rows, slice(x0, x1))
        # (as wide as the joining makes it: a lone "I" in the (D)/(I) column is a piece)
        if columns.stop - columns.start >= PIECE_MIN_WIDTH_INCHES * dpi and covered[area].mean() < UNREAD_SHARE \
                and ink[area].sum() >= PRINT_INK_SQUARE_INCHES * dpi * dpi \
                and not (beside_words and np.isin(glyphs[area][ink[area] & ~covered[area]], of_words).any()):
            pieces.append((x0, rows.start, x1, rows.stop))
    return pieces


def _covered_by(words: list[Word], shape: tuple[int, ...], dpi: float) -> np.ndarray:
    """The pixels inside the words' boxes."""
    scale = dpi / POINTS_PER_INCH
    covered = np.zeros(shape, bool)
    for word in words:
        covered[int(word.top * scale):int(word.bottom * scale) + 1, int(word.x0 * scale):int(word.x1 * scale) + 1] = True
    return covered


def with_line_end_periods(words: list[Word], ink: np.ndarray, dpi: float) -> list[Word]:
    """The words, each with the period printed right after it that Tesseract left off ("Funds"
    of "...of the Funds." ending a line): one dot of a period's size, standing on the word's
    baseline, outside every word read."""
    scale = dpi / POINTS_PER_INCH
    covered = _covered_by(words, ink.shape, dpi)
    mended = []
    for word in words:
        height = (word.bottom - word.top) * scale
        top, bottom = int(word.top * scale), int(word.bottom * scale) + 1
        x0 = int(word.x1 * scale) + 1
        area = (slice(top, bottom), slice(x0, x0 + max(1, round(PERIOD_REACH * height))))
        if (word.text[-1:].isalnum() or word.text.endswith(")")) and not word.superscript \
                and not covered[area].any() and _a_period(ink[area], height):
            word = dataclasses.replace(word, text=f"{word.text}.")
        mended.append(word)
    return mended


def with_roman_numerals_counted(words: list[Word], ink: np.ndarray, dpi: float) -> list[Word]:
    """The words, with a Roman numeral of I's that Tesseract misread ("HI", "II" or "I" for a serif
    "III") spelt by the strokes printed across its middle (``ocr.roman_numeral``)."""
    scale = dpi / POINTS_PER_INCH
    return [dataclasses.replace(word, text=roman_numeral(word.text, ink[
        int(word.top * scale):int(word.bottom * scale) + 1, int(word.x0 * scale):int(word.x1 * scale) + 1]))
        for word in words]


def _a_period(ink: np.ndarray, word_height: float) -> bool:
    labels, count = ndimage.label(ink)
    if count != 1:
        return False
    rows, columns = ndimage.find_objects(labels)[0]
    low, high = (share * word_height for share in PERIOD_SIZES)
    return (low <= rows.stop - rows.start <= high and low <= columns.stop - columns.start <= high
            and columns.stop < ink.shape[1] and rows.start >= PERIOD_LOWEST_TOP * ink.shape[0])
