"""Page images from image files and image-only PDF pages (extractor.images), on images made in
tmp_path and on a sample PDF."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractor.images import DEFAULT_DPI, load_images, render_pdf_page
from extractor.pages import InputError

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_PDF = REPO_ROOT / "sample_pdfs" / "seed-sonus-dillon-2013-03-11.pdf"  # one Letter page


def gray_page(seed: int, size: tuple[int, int] = (170, 220)) -> Image.Image:
    pixels = np.random.default_rng(seed).integers(0, 256, (size[1], size[0]), dtype=np.uint8)
    return Image.fromarray(pixels)


def bilevel_page(size: tuple[int, int] = (172, 220)) -> Image.Image:
    rows, cols = np.indices((size[1], size[0]))
    return Image.fromarray((rows // 10 + cols // 10) % 2 == 0)  # a checkerboard, mode "1"


def test_multi_page_tiff_round_trip(tmp_path: Path) -> None:
    pages = [gray_page(1), gray_page(2, (220, 170)), gray_page(3)]
    path = tmp_path / "scan.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(300, 300))

    loaded = list(load_images(path))

    assert [image.mode for image, _ in loaded] == ["L", "L", "L"]
    assert [dpi for _, dpi in loaded] == [300.0, 300.0, 300.0]
    for (image, _), page in zip(loaded, pages, strict=True):
        assert np.array_equal(np.asarray(image), np.asarray(page))


@pytest.mark.parametrize("compression", ["group4", "group3"])
def test_ccitt_fax_tiff_loads_as_black_and_white_gray(tmp_path: Path, compression: str) -> None:
    page = bilevel_page()
    path = tmp_path / "fax.tif"
    page.save(path, compression=compression, dpi=(200, 200))

    [(image, dpi)] = list(load_images(path))

    assert image.mode == "L" and image.size == page.size and dpi == 200.0
    pixels = np.asarray(image)
    assert set(np.unique(pixels)) == {0, 255}
    assert np.array_equal(pixels == 255, np.asarray(page))


def test_fax_at_standard_resolution_gets_square_pixels(tmp_path: Path) -> None:
    path = tmp_path / "standard.tif"
    bilevel_page((172, 110)).save(path, compression="group4", dpi=(204, 98))

    [(image, dpi)] = list(load_images(path))

    assert dpi == 204.0
    assert image.size == (172, round(110 * 204 / 98))


@pytest.mark.parametrize("stored_dpi", [None, (1, 1), (30, 30), (2400, 2400)])
def test_missing_or_implausible_resolution_falls_back_to_the_default(
        tmp_path: Path, stored_dpi: tuple[int, int] | None) -> None:
    path = tmp_path / "page.png"
    gray_page(4).save(path, **({"dpi": stored_dpi} if stored_dpi else {}))

    [(_, dpi)] = list(load_images(path))

    assert dpi == DEFAULT_DPI == 200.0


def test_jpeg_resolution_and_exif_orientation(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter clockwise
    gray_page(5, (300, 200)).save(path, dpi=(150, 150), exif=exif)

    [(image, dpi)] = list(load_images(path))

    assert image.mode == "L" and image.size == (200, 300)
    assert dpi == pytest.approx(150.0)


@pytest.mark.parametrize("stored_dpi", [(72, 72), None])
def test_a_phone_photo_that_says_72_dpi_is_taken_for_a_whole_page(tmp_path: Path, stored_dpi) -> None:
    path = tmp_path / "phone.jpg"
    gray_page(6, (3024, 4032)).save(path, **({"dpi": stored_dpi} if stored_dpi else {}))

    [(image, dpi)] = list(load_images(path))

    assert image.size == (3024, 4032)
    assert dpi == pytest.approx(4032 / 11.0)


def test_transparency_is_paper_and_16_bit_is_scaled(tmp_path: Path) -> None:
    transparent = tmp_path / "transparent.png"
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(transparent)
    sixteen_bit = tmp_path / "deep.png"
    Image.fromarray(np.full((40, 50), 0x8000, dtype=np.uint16)).save(sixteen_bit)

    [(paper, _)] = list(load_images(transparent))
    [(grey, _)] = list(load_images(sixteen_bit))

    assert paper.mode == "L" and np.all(np.asarray(paper) == 255)
    assert grey.mode == "L" and np.all(np.asarray(grey) == 0x80)


def test_only_the_first_frame_of_an_animated_png_is_a_page(tmp_path: Path) -> None:
    path = tmp_path / "animated.png"
    gray_page(6).save(path, save_all=True, append_images=[gray_page(7)])

    assert len(list(load_images(path))) == 1


@pytest.mark.parametrize(("damage", "reason"), [
    (lambda data: data[: len(data) // 2], "image file is truncated"),
    (lambda data: b"%PDF-1.7 not an image", "unknown format or damaged file"),
    (lambda data: b"", "unknown format or damaged file"),
])
def test_a_damaged_image_raises_input_error_naming_the_reason(
        tmp_path: Path, damage: Callable[[bytes], bytes], reason: str) -> None:
    good = tmp_path / "good.png"
    gray_page(8).save(good)
    bad = tmp_path / "bad.png"
    bad.write_bytes(damage(good.read_bytes()))

    with pytest.raises(InputError) as raised:
        list(load_images(bad))

    message = str(raised.value)
    assert message == f"not a readable image ({reason})"
    assert str(bad) not in message and "\n" not in message


def test_a_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^not a readable image \(No such file or directory\)$"):
        list(load_images(tmp_path / "absent.tif"))


@pytest.mark.parametrize(("dpi", "size"), [(100, (850, 1100)), (300, (2550, 3300))])
def test_pdf_page_renders_gray_at_the_requested_size(dpi: float, size: tuple[int, int]) -> None:
    pdf = pdfium.PdfDocument(str(SEED_PDF))
    try:
        image = render_pdf_page(pdf[0], dpi)
    finally:
        pdf.close()

    assert image.mode == "L" and image.size == size and image.info["dpi"] == (dpi, dpi)
    pixels = np.asarray(image)
    assert pixels.min() < 64 and np.median(pixels) == 255  # black print on white paper
