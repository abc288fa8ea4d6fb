"""Stage 1, load pages: page images from image files and image-only PDF pages, as 8-bit gray.

Every page comes out in mode "L" with the resolution it was scanned at, so OCR sees one kind of
image whether the input was a fax TIFF, a phone photo or a PDF page without a text layer.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError
from PIL import JpegImagePlugin, PngImagePlugin, TiffImagePlugin  # noqa: F401 (registers them)

from .pages import InputError

# Scanners and fax software usually store their resolution; when a file has none (or a placeholder
# such as TIFF's 1x1 without unit), 200 dpi is the common resolution of fax and office scans.
DEFAULT_DPI = 200.0
PLAUSIBLE_DPI = (50.0, 1200.0)
MAX_PAGE_INCHES = 17.0  # the long side of a ledger sheet; forms are on Letter, Legal or A4
LETTER_LONG_SIDE_INCHES = 11.0
ACCEPTED_FORMATS = ("PNG", "JPEG", "TIFF")
# Only TIFF holds several pages; extra frames of a JPEG (MPO previews, depth maps) or an animated
# PNG are not pages.
MULTI_PAGE_FORMATS = {"TIFF"}
SIXTEEN_BIT_MODES = {"I;16", "I;16B", "I;16L", "I;16N", "I"}
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PageImage:
    """One page as an image: its 1-based number in the input, the gray image and its resolution."""
    number: int
    image: Image.Image
    dpi: float


def load_images(path: Path) -> Iterator[tuple[Image.Image, float]]:
    """(gray page image, dpi) for each page of a PNG, JPEG or (multi-page) TIFF."""
    try:
        yield from _pages(path)
    except UnidentifiedImageError as exc:
        raise InputError("not a readable image (unknown format or damaged file)") from exc
    except Image.DecompressionBombError as exc:
        raise InputError(f"not a readable image (too many pixels: {exc})") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # strerror leaves out the path, which the caller already names.
        reason = getattr(exc, "strerror", None) or " ".join(str(exc).split()) or exc.__class__.__name__
        raise InputError(f"not a readable image ({reason})") from exc


def render_pdf_page(page: pdfium.PdfPage, dpi: float) -> Image.Image:
    """The page rasterised in gray at ``dpi``, exactly round(points * dpi / 72) pixels a side."""
    scale = dpi / POINTS_PER_INCH
    width, height = (round(side * scale) for side in page.get_size())
    # PDFium rounds the bitmap up, so 792 pt at 300 dpi would come out 3301 rows instead of 3300.
    image = page.render(scale=scale, grayscale=True).to_pil().crop((0, 0, width, height))
    image.info["dpi"] = (dpi, dpi)
    return image


def _pages(path: Path) -> Iterator[tuple[Image.Image, float]]:
    with Image.open(path, formats=ACCEPTED_FORMATS) as image:
        frames: Iterable[Image.Image] = (
            ImageSequence.Iterator(image) if image.format in MULTI_PAGE_FORMATS else [image])
        for frame in frames:
            yield _page(frame)


def _page(frame: Image.Image) -> tuple[Image.Image, float]:
    """The frame upright (as its EXIF orientation says, for photos), gray, with square pixels."""
    x_dpi, y_dpi = _dpi(frame.info.get("dpi"))
    gray = _square_pixels(_to_gray(ImageOps.exif_transpose(frame)), x_dpi, y_dpi)
    return gray, _page_sized(gray.size, x_dpi)


def _page_sized(size: tuple[int, int], dpi: float) -> float:
    """The resolution, unless it makes the image larger than any paper a form is printed on: a
    phone's photo says 72 dpi, which makes a 4032-pixel page 56 inches long. Then the image is
    taken for a Letter page, photographed whole."""
    if max(size) / dpi <= MAX_PAGE_INCHES:
        return dpi
    return max(size) / LETTER_LONG_SIDE_INCHES


def _dpi(stored: Sequence[float] | None) -> tuple[float, float]:
    """The file's (horizontal, vertical) resolution, or the default for both when either is
    missing or implausible."""
    if stored is None or len(stored) != 2:
        return DEFAULT_DPI, DEFAULT_DPI
    x_dpi, y_dpi = float(stored[0]), float(stored[1])
    low, high = PLAUSIBLE_DPI
    if all(math.isfinite(d) and low <= d <= high for d in (x_dpi, y_dpi)):
        return x_dpi, y_dpi
    return DEFAULT_DPI, DEFAULT_DPI


def _to_gray(frame: Image.Image) -> Image.Image:
    if frame.mode in SIXTEEN_BIT_MODES:
        # Pillow clips 16-bit values to 255 instead of scaling them.
        return Image.fromarray((np.asarray(frame, dtype=np.uint32) >> 8).clip(0, 255).astype(np.uint8))
    if frame.has_transparency_data:
        # Transparent parts are paper, not the black that dropping the alpha channel would leave.
        paper = Image.new("RGBA", frame.size, "white")
        return Image.alpha_composite(paper, frame.convert("RGBA")).convert("L")
    return frame.convert("L")


def _square_pixels(image: Image.Image, x_dpi: float, y_dpi: float) -> Image.Image:
    """Resampled vertically to the horizontal resolution: a fax sent at standard resolution is
    204 x 98 dpi."""
    if math.isclose(x_dpi, y_dpi, rel_tol=0.02):
        return image
    height = max(1, round(image.height * x_dpi / y_dpi))
    return image.resize((image.width, height), Image.Resampling.BILINEAR)
