"""Footnote markers too small for Tesseract, told by their likeness to markers drawn in the typefaces
of the forms (stage 4b, reading cells again).

A photo at 150 dpi prints a raised "(2)" about eight pixels high, and binarising it breaks its
strokes apart ("$159.94(2)" reads "$159.94")"); Tesseract misreads such print even enlarged. But a
report's markers can only be the numbers of its notes: each is drawn as "(n)" in the typefaces of
EDGAR's renderings (Liberation Serif and Sans, the metrics of Times and Arial), at the print's
height and blurred as a scan blurs, and the one most like the print, clearly more so than any
other number, is taken. A run of markers that the scan blurred into one ("(6)(7)") is told marker
by marker from its left end.
"""
from __future__ import annotations

import warnings
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")  # Debian's fonts-liberation
MARKER_FONTS = ("LiberationSerif-Regular.ttf", "LiberationSans-Regular.ttf")
# A drawn bracket this many times the height of the print's (its ink as binarised is thinner than
# the grey print), and blurred by these radii (pixels of the 300-dpi page).
HEIGHTS = (1.0, 1.15, 1.3, 1.45)
BLURS = (1.0, 1.8)
# Print this many times wider than high is more than a marker or two: a word's end raised with it
# ("use(2)"), a line of small print.
MAX_WIDTH = 3.0
# A drawing's ink (darker than INK_LEVEL before its blur) is this wide of the print's at least and
# at most (a faint bracket may be lost from the print's ink).
WIDTH_RATIO = (0.8, 1.3)
INK_LEVEL = 160
MIN_HEIGHT = 6  # pixels: less is a speck or a broken stroke
SUPERSAMPLE = 4  # markers are drawn this many times larger, then brought down: smooth edges
SLACK = 3  # pixels the drawing may lie off the middle of the print, each way
# How like the print (normalised cross-correlation) the best drawing is at least, and by how much
# more than the best drawing of another number: on aapl's and mchx's photos the markers told right
# led by 0.05 to 0.12, one told wrong by 0.02.
MIN_LIKENESS = 0.65
MIN_LEAD = 0.04
# A run of markers is at most MAX_RUN of them, no wider than MAX_RUN_WIDTH of their height; print
# narrower than RUN_END_SHARE of it left at its right end is a speck, not another marker.
MAX_RUN = 12
MAX_RUN_WIDTH = 24.0
RUN_END_SHARE = 0.5
PAPER_PERCENTILE = 95  # of a print's pixels, as light as paper or darker
# A marker within a run is compared with its neighbours' brackets beside it: it need only be
# RUN_PIECE_MIN_LIKENESS alike, the run MIN_LIKENESS on average; and the run drawn so in
# RUN_MIN_STYLES styles at least (of the typefaces, HEIGHTS and BLURS); and RUN_WIDTH_LEAD ahead of
# any number of another count of figures ("(10)" drawn at the start of "(8)(14)" is about as alike
# as "(8)"). Of 300 runs of 2 to 4 markers drawn and blurred as a scan blurs them, 193 are told
# right and 3 wrong ("(15)" and "(11)" blurred differ in half a figure; without the width lead, 198
# and 7; with one style enough, more of both).
RUN_PIECE_MIN_LIKENESS = 0.5
RUN_MIN_STYLES = 2
RUN_WIDTH_LEAD = 0.08
NEXT_REACH = 1.3  # of a marker's drawn width: how far along the next may start


def marker_by_likeness(gray: np.ndarray, print_size: tuple[int, int], numbers: Sequence[str],
                       min_lead: float = MIN_LEAD) -> Optional[str]:
    """The number of the marker printed in ``gray`` (its raised print with a few pixels of paper
    around), among ``numbers``; None where no number is the likest by ``min_lead`` at least.
    ``print_size`` is the height and width of the print's ink in pixels: a drawing much wider or
    narrower is of another number of figures."""
    height, width = print_size
    fonts = _fonts()
    if not numbers or not fonts or height < MIN_HEIGHT or width > MAX_WIDTH * height:
        return None
    region = gray.astype(np.float32)
    likeness = {number: max((_likeness(region, drawing) for font in fonts for scale in HEIGHTS for blur in BLURS
                             for drawing, drawn_width in [_drawn(f"({number})", str(font), round(height * scale), blur)]
                             if WIDTH_RATIO[0] * width <= drawn_width <= WIDTH_RATIO[1] * width),
                            default=-1.0)
                for number in dict.fromkeys(numbers)}
    ranked = sorted(likeness.items(), key=lambda item: item[1], reverse=True)
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else -1.0
    return best if score >= MIN_LIKENESS and score - runner_up >= min_lead else None


def run_of_markers_by_likeness(gray: np.ndarray, print_size: tuple[int, int],
                               numbers: Sequence[str]) -> Optional[list[str]]:
    """The numbers of a run of markers printed side by side in ``gray`` ("(6)(7)", which a coarse
    scan blurs into one), told one by one from the left in one typeface, size and blur (a run is
    printed in one): the likest drawing at the run's left end, clearly more so than any other
    number's, then the likest where that one ends, and so on to the run's right end. The numbers
    most styles so draw to the end are taken; None where no numbers are drawn by more styles than
    any others."""
    height, width = print_size
    fonts = _fonts()
    if not numbers or not fonts or height < MIN_HEIGHT or width > MAX_RUN_WIDTH * height:
        return None
    region = gray.astype(np.float32)
    # print of a photo is grey: its ends are the columns darker than halfway from its darkest to paper
    darkness = (np.percentile(region, PAPER_PERCENTILE) - region).clip(min=0)
    columns = np.flatnonzero((darkness > darkness.max() / 2).any(axis=0))
    if not len(columns):
        return None
    readings = [_run_in_style(region, int(columns[0]), int(columns[-1]) + 1, numbers,
                              (str(font), round(height * scale), blur), height)
                for font in fonts for scale in HEIGHTS for blur in BLURS]
    votes = Counter(tuple(reading) for reading in readings if reading is not None).most_common(2)
    if not votes or votes[0][1] < RUN_MIN_STYLES or (len(votes) > 1 and votes[1][1] == votes[0][1]):
        return None
    return list(votes[0][0])


def _run_in_style(region: np.ndarray, left: int, right: int, numbers: Sequence[str], style: tuple[str, int, float],
                  height: int) -> Optional[list[str]]:
    """The run's numbers drawn in one style (see ``run_of_markers_by_likeness``), alike at least
    MIN_LIKENESS on average. Each marker after the first has a higher number (so do all 93 runs of
    the samples' reports), and is looked for from where the one before it ends as drawn to
    NEXT_REACH of its width on: a scan's print may be wider than the drawings (its glyphs set apart)."""
    found: list[str] = []
    scores: list[float] = []
    starts = [left]
    while len(found) < MAX_RUN:
        likeness: dict[str, tuple[float, int, int]] = {}
        for number in dict.fromkeys(n for n in numbers if not found or int(n) > int(found[-1])):
            drawing, drawn_width = _drawn(f"({number})", *style)
            for start in starts:
                window = region[:, max(0, start - SLACK):start + drawn_width + SLACK]
                if window.shape[1] >= drawn_width:
                    score = _likeness(window, drawing)
                    if score > likeness.get(number, (-1.0,))[0]:
                        likeness[number] = (score, drawn_width, start)
        ranked = sorted(likeness.items(), key=lambda item: item[1][0], reverse=True)
        if not ranked or ranked[0][1][0] < RUN_PIECE_MIN_LIKENESS or (
                len(ranked) > 1 and ranked[0][1][0] - ranked[1][1][0] < MIN_LEAD):
            return None
        best, (score, drawn_width, start) = ranked[0]
        other_counts_of_figures = [other[0] for number, other in ranked[1:] if len(number) != len(best)]
        if other_counts_of_figures and score - other_counts_of_figures[0] < RUN_WIDTH_LEAD:
            return None
        found.append(best)
        scores.append(score)
        if start + drawn_width - right > RUN_END_SHARE * height:
            return None  # the drawings run on past the print: one was wider than its marker
        if right - (start + drawn_width) <= RUN_END_SHARE * height:
            return found if np.mean(scores) >= MIN_LIKENESS else None
        starts = list(range(start + drawn_width - SLACK, start + round(NEXT_REACH * drawn_width) + 1, 2 * SLACK + 1))
    return None


@lru_cache(maxsize=1)
def _fonts() -> list[Path]:
    fonts = [FONT_DIR / name for name in MARKER_FONTS if (FONT_DIR / name).exists()]
    if not fonts:
        warnings.warn(f"no typeface of {MARKER_FONTS} in {FONT_DIR} (fonts-liberation, which setup.sh installs): "
                      "small footnote markers Tesseract cannot read are left unread", stacklevel=3)
    return fonts


@lru_cache(maxsize=4096)
def _drawn(text: str, font_path: str, bracket_height: int, blur: float) -> tuple[np.ndarray, int]:
    """``text`` drawn black on white, its brackets ``bracket_height`` pixels high, blurred; and
    the width of its ink before the blur."""
    probe = ImageFont.truetype(font_path, 100)
    left, top, right, bottom = probe.getbbox("(")
    font = ImageFont.truetype(font_path, max(1, round(100 * bracket_height * SUPERSAMPLE / (bottom - top))))
    left, top, right, bottom = font.getbbox(text)
    margin = 2 * SUPERSAMPLE
    image = Image.new("L", (right - left + 2 * margin, bottom - top + 2 * margin), 255)
    ImageDraw.Draw(image).text((margin - left, margin - top), text, font=font, fill=0)
    image = image.resize((max(1, round(image.width / SUPERSAMPLE)), max(1, round(image.height / SUPERSAMPLE))),
                         Image.Resampling.LANCZOS)
    columns = np.flatnonzero((np.asarray(image) < INK_LEVEL).any(axis=0))
    width = int(columns[-1] - columns[0] + 1) if len(columns) else 0
    return np.asarray(image.filter(ImageFilter.GaussianBlur(blur)), dtype=np.float32), width


def _likeness(region: np.ndarray, drawing: np.ndarray) -> float:
    """The best normalised cross-correlation of the region with the drawing set on paper of the
    region's size, centred on it or up to SLACK pixels off: print of the region the drawing does
    not cover (a second figure) makes it less alike."""
    height, width = region.shape
    canvas = np.full((height + 2 * SLACK + drawing.shape[0], width + 2 * SLACK + drawing.shape[1]), 255.0,
                     dtype=np.float32)
    top = (canvas.shape[0] - drawing.shape[0]) // 2
    left = (canvas.shape[1] - drawing.shape[1]) // 2
    canvas[top:top + drawing.shape[0], left:left + drawing.shape[1]] = drawing
    # windows of the region's size over the canvas: the drawing centred on the region, or off it
    first_y, first_x = (canvas.shape[0] - height) // 2 - SLACK, (canvas.shape[1] - width) // 2 - SLACK
    windows = sliding_window_view(canvas[first_y:first_y + height + 2 * SLACK, first_x:first_x + width + 2 * SLACK],
                                  region.shape)
    centred = windows - windows.mean(axis=(2, 3), keepdims=True)
    target = region - region.mean()
    products = np.einsum("yxhw,hw->yx", centred, target)
    norms = np.sqrt(np.einsum("yxhw,yxhw->yx", centred, centred) * float((target * target).sum()))
    return float(np.max(np.where(norms > 0, products / np.maximum(norms, 1e-6), 0.0)))
