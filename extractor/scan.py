"""Stage 1b, scanned pages: clean a page image up and read it with OCR into a ``Page``.

Each page is cleaned (orientation, skew, light, specks; ruling lines found), read by one
Tesseract pass, and its words mended from its ink (``mend``). Pages are independent, so several
are read at once, one process per core.
"""
from __future__ import annotations

import dataclasses
import math
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Optional

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from .cleanup import clean_page, detect_orientation, remove_rules, rule_pixels, underlines
from .images import POINTS_PER_INCH, PageImage, load_images, render_pdf_page
from .mend import mend_words
from .ocr import ocr_page, with_stops_in_doubt
from .pages import COARSE_SCAN_DPI, InputError, Page

# Resolution at which a PDF page without a usable text layer is rasterised for OCR; a page that is
# a coarser scan, at the scan's own resolution.
PDF_OCR_DPI = 300.0
SCAN_COVERS_PAGE = 0.8  # of the page's area, that the image of a scan saved as a PDF covers
MIN_SCAN_DPI = 100  # a coarser image under a page is a backdrop, not a scan to read
# Images scanned coarser than this are enlarged to it: Tesseract wants letters 20 or more
# pixels high, and small form print at 150 dpi is about half that.
MIN_OCR_DPI = COARSE_SCAN_DPI
# Read the right way up, most words of three letters or more are read surely (seen: 70 % and
# more, also on faxes); upside down, Tesseract is sure of few (seen: 13 %).
UPRIGHT_WORD_CONFIDENCE = 0.8
UPRIGHT_SURE_SHARE = 0.4


def image_pages(path: Path) -> list[PageImage]:
    return [PageImage(i, image, dpi) for i, (image, dpi) in enumerate(load_images(path), start=1)]


def pdf_page_images(path: Path, numbers: Iterable[int]) -> list[PageImage]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(f"not a readable PDF ({exc})") from exc
    try:
        pages = []
        for n in numbers:
            page = pdf[n - 1]
            dpi = min(PDF_OCR_DPI, embedded_scan_dpi(page) or PDF_OCR_DPI)
            pages.append(PageImage(n, render_pdf_page(page, dpi), dpi))
        return pages
    finally:
        pdf.close()


def embedded_scan_dpi(page: pdfium.PdfPage) -> Optional[float]:
    """The resolution of the image that covers the page, where the page is a scan saved as a
    PDF: a 200-dpi fax is rendered at its own 200 dpi, and read as the coarse scan it is."""
    width, height = page.get_size()
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        x0, y0, x1, y1 = image.get_bounds()
        area = (x1 - x0) * (y1 - y0)
        if area >= SCAN_COVERS_PAGE * width * height:
            pixels_wide, pixels_high = image.get_px_size()
            dpi = float(round(math.sqrt(pixels_wide * pixels_high / area) * POINTS_PER_INCH))
            return dpi if dpi >= MIN_SCAN_DPI else None
    return None


def scan_page(page: PageImage) -> Page:
    return dataclasses.replace(_read_upright(page), scanned_dpi=page.dpi, bilevel=black_and_white(page.image))


def black_and_white(image: Image.Image) -> bool:
    """Whether a page image has no grey levels: a fax."""
    return image.getcolors(2) is not None


def _read_upright(page: PageImage) -> Page:
    image, dpi = page.image, page.dpi
    coarse = dpi < MIN_OCR_DPI
    if coarse:
        factor = MIN_OCR_DPI / dpi
        image = image.resize((round(image.width * factor), round(image.height * factor)), Image.LANCZOS)
        dpi = MIN_OCR_DPI
    # Most pages come the right way up: read them so first, and only when Tesseract is unsure
    # of what it read ask which way up the page is (that costs about a third of a reading).
    guess = 0 if image.height >= image.width else 90
    scanned = _clean_and_read(image, dpi, page.number, guess, coarse)
    if _reads_well(scanned):
        return scanned
    rotation = detect_orientation(np.asarray(image.convert("L")))
    return scanned if rotation == guess else _clean_and_read(image, dpi, page.number, rotation, coarse)


def _clean_and_read(image: Image.Image, dpi: float, number: int, rotation: int, coarse: bool) -> Page:
    clean = clean_page(image, dpi, rotation, coarse)
    # Tesseract reads underlined words better than words whose underline was taken away (the
    # tail of a comma ends on the underline; without it the comma reads as a period), but only
    # from a fine scan: in a coarse one the underline has run into the letters' feet.
    kept = [] if coarse else underlines(clean.ink, clean.h_rules, clean.v_rules)
    painted = [r for r in clean.h_rules if r not in kept]
    page = mend_words(ocr_page(_without_rules(clean.image, clean.ink, painted, clean.v_rules), clean.dpi, number,
                               clean.h_rules, clean.v_rules, remove_rules(clean.ink, clean.h_rules, clean.v_rules),
                               kept), coarse)
    return dataclasses.replace(page, words=with_stops_in_doubt(page.words)) if coarse else page


def _reads_well(page: Page) -> bool:
    words = [w for w in page.words if len(w.text) > 2]
    sure = [w for w in words if w.confidence >= UPRIGHT_WORD_CONFIDENCE]
    return len(sure) >= UPRIGHT_SURE_SHARE * len(words)


def _without_rules(image: Image.Image, ink: np.ndarray, h_rules: list, v_rules: list) -> Image.Image:
    """The page with its ruling lines painted over: Tesseract reads a table's rules as "I" and "|".
    A pixel's margin round each rule takes its anti-aliased fringe too."""
    pixels = np.array(image)
    pixels[rule_pixels(ink, h_rules, v_rules, margin=1)] = 255
    return Image.fromarray(pixels)


def scan_pages(pages: list[PageImage], workers: Optional[int] = None) -> list[Page]:
    """The pages read by OCR, in order; with more than one page and core, in parallel."""
    workers = min(workers or os.cpu_count() or 1, len(pages))
    if workers <= 1:
        return [scan_page(page) for page in pages]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(scan_page, pages))
