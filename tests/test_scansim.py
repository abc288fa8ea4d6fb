"""The scan simulator (tools/scansim.py) on a one-page sample with long horizontal table rules."""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractor.images import load_images, render_pdf_page
from tools.scansim import CONDITIONS, main, scan_page, simulate

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_PDF = REPO_ROOT / "sample_pdfs" / "seed-sonus-dillon-2013-03-11.pdf"  # one Letter page
LETTER_POINTS = (612, 792)


@lru_cache(maxsize=None)
def scanned(condition: str, seed: int = 0) -> Image.Image:
    [page] = simulate(SEED_PDF, condition, seed)
    return page


def small_page(dpi: float = 20) -> Image.Image:
    pdf = pdfium.PdfDocument(str(SEED_PDF))
    try:
        return render_pdf_page(pdf[0], dpi)
    finally:
        pdf.close()


def rotated_size(size: tuple[float, float], degrees: float) -> tuple[float, float]:
    cos, sin = abs(math.cos(math.radians(degrees))), abs(math.sin(math.radians(degrees)))
    width, height = size
    return width * cos + height * sin, width * sin + height * cos


def longest_line_angle(image: Image.Image, limit: float = 7.0) -> float:
    """Counterclockwise angle of the page's dominant horizontal lines: the angle at which the dark
    pixels, projected across that direction, pile up highest in one row."""
    rows, cols = np.nonzero(np.asarray(image.convert("L")) < 100)

    def peak(degrees: float) -> int:
        # Rotating a page counterclockwise raises a line's right end: row falls as column grows.
        offsets = rows + cols * math.tan(math.radians(degrees))
        return int(np.bincount(np.round(offsets - offsets.min()).astype(np.int64)).max())

    coarse = max(np.arange(-limit, limit, 0.25), key=peak)
    return float(max(np.arange(coarse - 0.3, coarse + 0.3, 0.02), key=peak))


def test_the_same_seed_gives_the_same_scan_and_another_seed_another() -> None:
    again = simulate(SEED_PDF, "fax200", 0)[0]
    other = simulate(SEED_PDF, "fax200", 1)[0]

    assert again.tobytes() == scanned("fax200").tobytes()
    assert again.info["rotation_degrees"] == scanned("fax200").info["rotation_degrees"]
    assert other.info["rotation_degrees"] != again.info["rotation_degrees"]


@pytest.mark.parametrize(("condition", "mode", "dpi"), [
    ("clean300", "L", 300), ("fax200", "1", 200), ("photo150", "L", 150),
    ("rotated90", "L", 300), ("rotated180", "L", 300), ("skew5", "L", 300),
])
def test_resolution_size_and_mode_per_condition(condition: str, mode: str, dpi: int) -> None:
    image = scanned(condition)
    page_size = tuple(points * dpi / 72 for points in LETTER_POINTS)

    assert image.mode == mode and image.info["dpi"] == (dpi, dpi)
    width, height = rotated_size(page_size, image.info["rotation_degrees"])
    assert abs(image.width - width) <= 2 and abs(image.height - height) <= 2


def test_clean_scan_is_the_page_on_white_paper() -> None:
    pixels = np.asarray(scanned("clean300"))
    assert np.mean(pixels == 255) > 0.85  # the scanner's white point swallows paper noise
    assert 0 < np.mean(pixels < 128) < 0.1


def test_quarter_and_half_turns_are_the_clean_page_turned_counterclockwise() -> None:
    clean = np.asarray(scanned("clean300"), dtype=np.int16)
    turned = {c: np.asarray(scanned(c), dtype=np.int16) for c in ("rotated90", "rotated180")}

    assert scanned("rotated90").info["rotation_degrees"] == 90
    assert np.abs(np.rot90(turned["rotated90"], k=-1) - clean).mean() < 1
    assert np.abs(np.rot90(turned["rotated180"], k=2) - clean).mean() < 1


def test_fax_is_black_and_white_with_specks() -> None:
    fax = scanned("fax200")
    pixels = np.asarray(fax.convert("L"))

    assert fax.mode == "1" and set(np.unique(pixels)) == {0, 255}
    blank_paper = pixels[-300:]  # below the print, yet not spotless
    density = CONDITIONS["fax200"].speck_density
    assert 0.5 * density < np.mean(blank_paper == 0) < 2 * density


@pytest.mark.parametrize(("condition", "low", "high"), [
    ("fax200", 0.0, 2.5), ("photo150", 0.0, 1.5), ("skew5", 5.0, 5.0), ("clean300", 0.0, 0.0),
])
def test_skew_stays_within_its_bounds_and_takes_both_signs(condition: str, low: float, high: float) -> None:
    page = small_page()
    skews = [scan_page(page, CONDITIONS[condition], np.random.default_rng(seed)).info["rotation_degrees"]
             for seed in range(40)]

    assert all(low <= abs(skew) <= high for skew in skews)
    if high:
        assert min(skews) < 0 < max(skews)


@pytest.mark.parametrize("condition", ["fax200", "skew5", "photo150"])
def test_the_page_is_turned_by_the_skew_it_reports(condition: str) -> None:
    image = scanned(condition)

    assert longest_line_angle(image) == pytest.approx(image.info["rotation_degrees"], abs=0.15)


def test_photo_light_falls_off_towards_one_side() -> None:
    pixels = np.asarray(scanned("photo150"), dtype=np.float64)
    margin = pixels.shape[1] // 20
    left, right = pixels[:, :margin].mean(), pixels[:, -margin:].mean()
    clean = np.asarray(scanned("clean300"), dtype=np.float64)

    assert abs(left - right) > 40
    assert max(left, right) > 220
    assert abs(clean[:, :margin].mean() - clean[:, -margin:].mean()) < 2


@pytest.mark.parametrize(("condition", "compression", "tolerance"), [
    ("fax200", "group4", 0.0), ("photo150", "jpeg", 0.05),
])
def test_cli_writes_multi_page_tiffs_the_loader_reads_back(
        tmp_path: Path, condition: str, compression: str, tolerance: float) -> None:
    assert main([condition, str(tmp_path), str(SEED_PDF)]) == 0

    written = tmp_path / f"{SEED_PDF.stem}.{condition}.tif"
    with Image.open(written) as tiff:
        assert tiff.info["compression"] == compression
    [(image, dpi)] = list(load_images(written))
    expected = np.asarray(scanned(condition).convert("L"), dtype=np.float64)
    assert dpi == CONDITIONS[condition].dpi
    assert np.abs(np.asarray(image, dtype=np.float64) - expected).mean() <= tolerance
    expected_record = tmp_path / f"{SEED_PDF.stem}.expected.json"
    assert json.loads(expected_record.read_text()) == json.loads(
        SEED_PDF.with_name(expected_record.name).read_text())
