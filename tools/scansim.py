"""Scan simulator: the pages of a PDF as a scanner, a fax machine or a phone camera would see them.

    python tools/scansim.py CONDITION OUT_DIR [PDF ...] [--seed N]

Writes OUT_DIR/<stem>.<CONDITION>.tif, one multi-page TIFF per PDF (1-bit CCITT G4 for fax,
8-bit gray JPEG for photo, 8-bit gray deflate otherwise), and copies <stem>.expected.json beside
it, so that ``benchmarks/run.py OUT_DIR`` scores the scans under CONDITION. Without PDFs:
sample_pdfs/*.pdf.

Every condition is data (``CONDITIONS``); ``simulate`` applies one to every page in a fixed
order: rasterise, rotate, blur, uneven light, noise, white point, then threshold and specks (fax)
or a JPEG round trip (photo). The result depends only on the PDF, its file name, the condition
and the seed: each sample gets its own skew, and a rerun gives the same images.
"""
from __future__ import annotations

import argparse
import io
import shutil
import sys
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractor.images import render_pdf_page  # noqa: E402

SAMPLES_DIR = REPO / "sample_pdfs"
WHITE = 255
MID_GREY = 128
# A lamp or window to one side: the light falls off along a direction this close to horizontal.
LIGHT_DIRECTION_SPREAD_DEGREES = 30.0


@dataclass(frozen=True)
class Condition:
    """How one kind of scan degrades a page; angles counterclockwise, lengths in pixels."""
    dpi: int
    turn_degrees: int = 0  # exact quarter turns: a page fed in sideways or upside down
    skew_degrees: tuple[float, float] = (0.0, 0.0)  # range of the magnitude; the sign is random
    blur_radius: float = 0.0  # gaussian: scanner optics, camera focus
    lighting_floor: float = 1.0  # brightness at the darkest edge; 1.0 is even light
    noise_sigma: float = 0.0  # gaussian, in grey levels; before a threshold it makes edges ragged
    white_point: float = WHITE  # levels from here up come out white, as from a calibrated scanner
    bilevel: bool = False  # thresholded to black and white, as a fax
    threshold_jitter: float = 0.0  # the page's threshold is mid-grey plus up to this either way
    speck_density: float = 0.0  # share of pixels hit by a black 2x2 speck, and as many white ones
    jpeg_quality: int | None = None

    @property
    def tiff_options(self) -> dict[str, str | int]:
        """How the CLI stores the pages: a fax as CCITT G4, a photo as JPEG at its own quality
        (re-encoding a decoded JPEG at the quality it had changes next to nothing), others
        losslessly."""
        if self.bilevel:
            return {"compression": "group4"}
        if self.jpeg_quality is not None:
            return {"compression": "jpeg", "quality": self.jpeg_quality}
        return {"compression": "tiff_deflate"}


CLEAN300 = Condition(dpi=300, noise_sigma=1.5, white_point=250.0)
CONDITIONS: dict[str, Condition] = {
    "clean300": CLEAN300,
    "fax200": Condition(dpi=200, skew_degrees=(0.0, 2.5), blur_radius=0.6, noise_sigma=12.0,
                        bilevel=True, threshold_jitter=20.0, speck_density=0.0003),
    "photo150": Condition(dpi=150, skew_degrees=(0.0, 1.5), blur_radius=0.7, lighting_floor=0.6,
                          noise_sigma=5.0, jpeg_quality=70),
    "rotated90": replace(CLEAN300, turn_degrees=90),
    "rotated180": replace(CLEAN300, turn_degrees=180),
    "skew5": replace(CLEAN300, skew_degrees=(5.0, 5.0)),
}


def simulate(pdf_path: Path, condition: str, seed: int) -> list[Image.Image]:
    """One image per page of the PDF as scanned under ``condition``; image.info holds "dpi" and
    "rotation_degrees" (the rotation applied, counterclockwise)."""
    spec = CONDITIONS[condition]
    rng = np.random.default_rng([seed, zlib.crc32(pdf_path.name.encode())])
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [scan_page(render_pdf_page(page, spec.dpi), spec, rng) for page in pdf]
    finally:
        pdf.close()


def scan_page(page: Image.Image, spec: Condition, rng: np.random.Generator) -> Image.Image:
    """A gray page image as ``spec`` scans it."""
    rotation = spec.turn_degrees + _skew(spec.skew_degrees, rng)
    image = page.rotate(rotation, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=WHITE)
    if spec.blur_radius:
        image = image.filter(ImageFilter.GaussianBlur(spec.blur_radius))
    grey = np.asarray(image, dtype=np.float32)  # a copy, changed in place below to save time
    if spec.lighting_floor < 1.0:
        grey *= _illumination(grey.shape, spec.lighting_floor, rng)
    if spec.noise_sigma:
        noise = rng.standard_normal(grey.shape, dtype=np.float32)
        noise *= spec.noise_sigma
        grey += noise
    if spec.white_point < WHITE:
        grey *= WHITE / spec.white_point
    scanned = Image.fromarray(_fax(grey, spec, rng) if spec.bilevel else _grey_levels(grey))
    if spec.jpeg_quality is not None:
        scanned = _jpeg_round_trip(scanned, spec.jpeg_quality)
    scanned.info.update(dpi=(spec.dpi, spec.dpi), rotation_degrees=rotation)
    return scanned


def write_tiff(images: list[Image.Image], path: Path, spec: Condition) -> None:
    images[0].save(path, format="TIFF", save_all=True, append_images=images[1:],
                   dpi=(spec.dpi, spec.dpi), **spec.tiff_options)


def _skew(magnitude: tuple[float, float], rng: np.random.Generator) -> float:
    return float(rng.uniform(*magnitude) * rng.choice((-1.0, 1.0)))


def _illumination(shape: tuple[int, ...], floor: float, rng: np.random.Generator) -> np.ndarray:
    """Brightness 1.0 on the lit side falling linearly to ``floor`` on the far side, along a
    direction near horizontal from a random side."""
    spread = np.radians(LIGHT_DIRECTION_SPREAD_DEGREES)
    direction = rng.uniform(-spread, spread) + rng.choice((0.0, np.pi))
    height, width = shape
    rows = np.arange(height, dtype=np.float32)[:, None] * np.float32(np.sin(direction))
    cols = np.arange(width, dtype=np.float32)[None, :] * np.float32(np.cos(direction))
    distance = rows + cols
    distance -= distance.min()
    return 1.0 - (1.0 - floor) * distance / distance.max()


def _grey_levels(grey: np.ndarray) -> np.ndarray:
    grey += 0.5
    return np.clip(grey, 0, WHITE, out=grey).astype(np.uint8)


def _fax(grey: np.ndarray, spec: Condition, rng: np.random.Generator) -> np.ndarray:
    """Black and white (True is white) with the page's threshold and salt-and-pepper specks."""
    threshold = MID_GREY + rng.uniform(-spec.threshold_jitter, spec.threshold_jitter)
    white = grey > threshold
    white[_specks(white.shape, spec.speck_density, rng)] = False
    white[_specks(white.shape, spec.speck_density, rng)] = True
    return white


def _specks(shape: tuple[int, ...], density: float,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of random 2x2 specks covering about ``density`` of the page."""
    height, width = shape
    count = round(density * height * width / 4)
    top = rng.integers(0, height - 1, count)
    left = rng.integers(0, width - 1, count)
    return (np.concatenate([top, top, top + 1, top + 1]),
            np.concatenate([left, left + 1, left, left + 1]))


def _jpeg_round_trip(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    with Image.open(buffer) as decoded:
        return decoded.convert("L")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("condition", choices=CONDITIONS)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    pdfs = args.pdfs or sorted(SAMPLES_DIR.glob("*.pdf"))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    spec = CONDITIONS[args.condition]
    for pdf in pdfs:
        scans = simulate(pdf, args.condition, args.seed)
        write_tiff(scans, args.out_dir / f"{pdf.stem}.{args.condition}.tif", spec)
        expected = pdf.with_name(f"{pdf.stem}.expected.json")
        if expected.exists():
            shutil.copyfile(expected, args.out_dir / expected.name)
    print(f"{len(pdfs)} PDFs scanned as {args.condition} into {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
