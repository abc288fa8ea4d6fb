"""Page clean-up before OCR, on sample pages rendered from their PDFs and degraded here: turned,
unevenly lit, sent by fax, photographed, specked."""
from __future__ import annotations

import ctypes
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.cleanup import (CleanPage, Rule, binarise, clean_page, deskew, detect_orientation,
                               estimate_skew, find_rules, orientation_by_layout, remove_rules,
                               remove_specks, underlines)
from tools.scansim import simulate

SAMPLES = Path(__file__).resolve().parent.parent / "sample_pdfs"
SEED = SAMPLES / "seed-sonus-dillon-2013-03-11.pdf"
MSFT = SAMPLES / "edgar-msft_2016-06-02_hc9ad54ddf8.pdf"
AAPL = SAMPLES / "aapl_2022-05-04_0000320193-22-000061.pdf"
ACI = SAMPLES / "aci_2020-06-26_0000905718-20-000649.pdf"
TSLA = SAMPLES / "tsla_2010-06-28_0001181431-10-034759.pdf"
FONTS = Path("/usr/share/fonts/truetype")
INK_LEVEL = 191  # what the clean-up counts as ink on a white page: 0.75 of white


# --- pages and how they are degraded --------------------------------------------------------

@lru_cache(maxsize=None)
def rendered(path: Path, dpi: int) -> Image.Image:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()


def turned(image: Image.Image, degrees: float) -> Image.Image:
    """The page turned counter-clockwise, as a crooked scan shows it."""
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def unevenly_lit(image: Image.Image, darkest: float = 0.6) -> Image.Image:
    """Light falling from full on the left edge to ``darkest`` of it on the right."""
    light = np.linspace(1.0, darkest, image.width, dtype=np.float32)
    return Image.fromarray((np.asarray(image, dtype=np.float32) * light).astype(np.uint8))


def photographed(image: Image.Image, dpi: int, rng: np.random.Generator) -> Image.Image:
    """A 300-dpi page as a phone photo at ``dpi``: lit unevenly, grainy."""
    small = image.resize((round(image.width * dpi / 300), round(image.height * dpi / 300)),
                         Image.Resampling.LANCZOS)
    noisy = np.asarray(unevenly_lit(small), dtype=np.float32) + rng.normal(0, 4, (small.height, small.width))
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def faxed(image: Image.Image) -> Image.Image:
    """A 300-dpi page sent as a 200-dpi fax: every pixel black or white."""
    small = image.resize((round(image.width * 2 / 3), round(image.height * 2 / 3)), Image.Resampling.LANCZOS)
    return small.point(lambda v: 255 if v >= INK_LEVEL else 0)


def specked(image: Image.Image, count: int, rng: np.random.Generator) -> tuple[Image.Image, np.ndarray]:
    """The page with ``count`` black specks of one pixel and as many of two on white paper, and
    where they are."""
    pixels = np.array(image)
    white = np.asarray(image) == 255
    ys, xs = np.nonzero(white[2:-2, 2:-2])
    specks = np.zeros(pixels.shape, dtype=bool)
    for n, i in enumerate(rng.choice(len(ys), size=4 * count, replace=False)):
        y, x = ys[i] + 2, xs[i] + 2
        if white[y - 2:y + 3, x - 2:x + 3].all() and not specks[y - 2:y + 3, x - 2:x + 3].any():
            specks[y, x] = True
            if n % 2:
                specks[y, x + 1] = True
    pixels[specks] = 0
    return Image.fromarray(pixels), specks


def text_strip(lines: list[str], font: str, size_pt: float, dpi: int) -> Image.Image:
    """Lines of text printed with a font of the machine, nothing else."""
    face = ImageFont.truetype(str(FONTS / font), round(size_pt * dpi / 72))
    height = round(size_pt * dpi / 72 * 1.6)
    image = Image.new("L", (round(8 * dpi), height * (len(lines) + 1)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((round(0.3 * dpi), height * i + height // 2), line, font=face, fill=0)
    return image


# --- the rules a page's PDF draws ---------------------------------------------------------

def _transpose(boxes: list[list[float]]) -> list[list[float]]:
    return [[b[1], b[0], b[3], b[2]] for b in boxes]


def _join(boxes: list[list[float]], along: float, across: float = 1.5) -> list[list[float]]:
    """Horizontal boxes that overlap across their length and lie at most ``along`` apart as one."""
    boxes = [list(b) for b in boxes]
    while True:
        joined: list[list[float]] = []
        for box in boxes:
            for other in joined:
                if (box[0] <= other[2] + along and other[0] <= box[2] + along
                        and box[1] <= other[3] + across and other[1] <= box[3] + across):
                    other[:] = [min(other[0], box[0]), min(other[1], box[1]),
                                max(other[2], box[2]), max(other[3], box[3])]
                    break
            else:
                joined.append(box)
        if len(joined) == len(boxes):
            return sorted(joined, key=lambda b: (b[1], b[0]))
        boxes = joined


def _reach_crossing(h: list[list[float]], v: list[list[float]], tol: float = 1.5) -> list[list[float]]:
    """Horizontal boxes whose ends meet a vertical box extended over it: the ink of a corner or
    a T is one."""
    reached = []
    for x0, top, x1, bottom in h:
        for vx0, vtop, vx1, vbottom in v:
            if vtop <= bottom + tol and top <= vbottom + tol:
                if vx0 - tol <= x0 <= vx1 + tol:
                    x0 = min(x0, vx0)
                if vx0 - tol <= x1 <= vx1 + tol:
                    x1 = max(x1, vx1)
        reached.append([x0, top, x1, bottom])
    return reached


def vector_rules(path: Path, dpi: int) -> tuple[list[list[float]], list[list[float]]]:
    """The long rules the PDF draws, in pixels at ``dpi``, as they show on the page: thin path
    objects dark enough to be ink, pieces that touch as one, ends extended over the rules they
    meet, at least a quarter inch long, pieces less than 0.03 in apart as one."""
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    height, scale = page.get_height(), dpi / 72
    h: list[list[float]] = []
    v: list[list[float]] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
        pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in (red, green, blue, alpha)))
        if 0.299 * red.value + 0.587 * green.value + 0.114 * blue.value >= INK_LEVEL:
            continue
        left, bottom, right, top = obj.get_bounds()
        box = [left * scale, (height - top) * scale, right * scale, (height - bottom) * scale]
        if box[3] - box[1] <= 2.5 * scale and box[2] - box[0] > box[3] - box[1]:
            h.append(box)
        elif box[2] - box[0] <= 2.5 * scale and box[3] - box[1] > box[2] - box[0]:
            v.append(box)
    pdf.close()
    for _ in range(3):  # a corner of a double border is reached over two rules
        h, v = _reach_crossing(h, v), _transpose(_reach_crossing(_transpose(v), _transpose(h)))
    h, v = _join(h, 0), _transpose(_join(_transpose(v), 0))
    h = [b for b in h if b[2] - b[0] >= dpi / 4]
    v = [b for b in v if b[3] - b[1] >= dpi / 4]
    return _join(h, 0.03 * dpi), _transpose(_join(_transpose(v), 0.03 * dpi))


def unmatched(found: list[Rule], expected: list[list[float]], across: tuple[int, int]) -> list:
    """Rules of either list without a partner: across the line within 2 px, along it within 4
    (where two rules cross, the ink of one widens the other by its thickness)."""
    left = list(found)
    missing = []
    for box in expected:
        partners = [r for r in left
                    if all(abs(r[i] - box[i]) <= (2 if i in across else 4) for i in range(4))]
        if partners:
            left.remove(partners[0])
        else:
            missing.append(box)
    return missing + left


# --- skew -------------------------------------------------------------------------------------

@pytest.mark.parametrize("degrees", [-5, -2.5, -1, 0, 1.3, 2.5, 5])
def test_skew_of_a_turned_page_is_recovered(degrees):
    page = turned(rendered(SEED, 300), degrees)
    assert estimate_skew(binarise(np.asarray(page)), 300) == pytest.approx(degrees, abs=0.15)


def test_skew_of_a_fax_is_recovered_and_deskew_undoes_it():
    fax = faxed(turned(rendered(MSFT, 300), -1.7))
    skew = estimate_skew(binarise(np.asarray(fax)), 200)
    assert skew == pytest.approx(-1.7, abs=0.15)
    straight = deskew(fax, skew)
    assert estimate_skew(binarise(np.asarray(straight)), 200) == pytest.approx(0, abs=0.1)


# --- orientation ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", [MSFT, SEED], ids=["msft", "seed"])
@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_orientation_is_the_clockwise_turn_that_makes_the_page_upright(path, rotation):
    page = turned(rendered(path, 300), rotation)  # counter-clockwise, so clockwise undoes it
    assert detect_orientation(np.asarray(page)) == rotation


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_orientation_of_a_page_with_too_few_characters_for_osd_comes_from_its_layout(rotation):
    """Only the signature block: tesseract's orientation detection gives up on it."""
    seed = rendered(SEED, 300)
    page = Image.new("L", seed.size, 255)
    page.paste(seed.crop((1400, 2200, 2200, 2360)), (1400, 2200))
    assert detect_orientation(np.asarray(turned(page, rotation))) == rotation


@pytest.mark.parametrize("rotation", [90, 180])
def test_layout_tells_orientation_of_a_full_page(rotation):
    page = turned(rendered(MSFT, 150), rotation)
    assert orientation_by_layout(page) == rotation


# --- binarisation ---------------------------------------------------------------------------

def _agreement(ink: np.ndarray, expected: np.ndarray) -> float:
    """Intersection over union of two ink masks."""
    return np.count_nonzero(ink & expected) / np.count_nonzero(ink | expected)


def _rule_pixels(path: Path, dpi: int, shape: tuple[int, int]) -> np.ndarray:
    """The middle row or column of every long rule the PDF draws."""
    h, v = vector_rules(path, dpi)
    mask = np.zeros(shape, dtype=bool)
    for x0, top, x1, bottom in h:
        mask[round((top + bottom) / 2), round(x0) + 6:round(x1) - 6] = True
    for x0, top, x1, bottom in v:
        mask[round(top) + 6:round(bottom) - 6, round((x0 + x1) / 2)] = True
    return mask


def test_binarise_keeps_text_and_grey_rules_on_an_unevenly_lit_page():
    page = rendered(SEED, 300)
    expected = np.asarray(page) < INK_LEVEL
    ink = binarise(np.asarray(unevenly_lit(page)))
    assert _agreement(ink, expected) > 0.95
    rules = _rule_pixels(SEED, 300, ink.shape)
    assert np.count_nonzero(ink & rules) > 0.99 * np.count_nonzero(rules)
    # The darkest quarter of the page: its paper stays white and its ink is still found.
    dark = np.s_[:, 3 * page.width // 4:]
    assert not ink[2600:, 3 * page.width // 4:].any()
    assert _agreement(ink[dark], expected[dark]) > 0.95


def test_binarise_reads_a_grainy_unevenly_lit_150_dpi_photo():
    page = rendered(SEED, 300)
    photo = photographed(page, 150, np.random.default_rng(7))
    expected = np.asarray(page.resize(photo.size, Image.Resampling.LANCZOS)) < INK_LEVEL
    ink = remove_specks(binarise(np.asarray(photo)))
    assert _agreement(ink, expected) > 0.85
    assert not ink[1300:, :].any()  # blank paper below the form, grain and all


def test_binarise_takes_a_fax_as_it_is():
    fax = np.asarray(faxed(rendered(SEED, 300)))
    assert np.array_equal(binarise(fax), fax == 0)


def test_binarise_keeps_a_large_black_area_of_an_evenly_lit_page_black():
    page = np.array(rendered(SEED, 300))
    page[2700:3100, 300:1000] = 0
    assert binarise(page)[2700:3100, 300:1000].all()


# --- specks ---------------------------------------------------------------------------------

def test_specks_are_removed_and_print_is_not():
    page = rendered(MSFT, 300)
    noisy, specks = specked(page, 2000, np.random.default_rng(3))
    ink = binarise(np.asarray(noisy))
    cleaned = remove_specks(ink)
    assert not (cleaned & specks).any()
    assert np.array_equal(cleaned, remove_specks(binarise(np.asarray(page))))
    assert np.count_nonzero(ink & ~specks & ~cleaned) == 0


@pytest.mark.parametrize("size_pt, dpi", [(7, 200), (7, 300), (10, 300)])
def test_dots_and_thin_strokes_are_not_specks(size_pt, dpi):
    strip = text_strip(["i.i.j;:!?  Filing of 3/11/2013, $2.35 ... illicit ij", "Minimum 1.0"],
                       "liberation/LiberationSerif-Regular.ttf", size_pt, dpi)
    ink = binarise(np.asarray(strip))
    assert np.array_equal(remove_specks(ink), ink)


# --- rules ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [SEED, AAPL], ids=["seed", "aapl"])
def test_rules_are_those_the_pdf_draws(path):
    ink = remove_specks(binarise(np.asarray(rendered(path, 300))))
    h_rules, v_rules = find_rules(ink, 300)
    expected_h, expected_v = vector_rules(path, 300)
    assert len(h_rules) == len(expected_h) and len(v_rules) == len(expected_v)
    assert unmatched(h_rules, expected_h, across=(1, 3)) == []
    assert unmatched(v_rules, expected_v, across=(0, 2)) == []


def test_rules_of_a_specked_fax_are_those_of_the_page():
    fax, _ = specked(faxed(rendered(SEED, 300)), 2000, np.random.default_rng(5))
    ink = remove_specks(binarise(np.asarray(fax)))
    h_rules, v_rules = find_rules(ink, 200)
    expected_h, expected_v = vector_rules(SEED, 200)
    assert unmatched(h_rules, expected_h, across=(1, 3)) == []
    assert unmatched(v_rules, expected_v, across=(0, 2)) == []


def test_a_line_broken_by_a_fax_is_one_rule():
    ink = np.zeros((100, 1000), dtype=bool)
    ink[50:52, 100:900] = True
    ink[50:52, 130:900:40] = False  # a gap of one pixel every fifth of an inch
    ink[50:52, 300:302] = False
    assert find_rules(ink, 200) == ([Rule(100, 50, 900, 52)], [])


def test_the_header_of_a_form_has_no_rules():
    ink = remove_specks(binarise(np.asarray(rendered(SEED, 300).crop((0, 100, 1900, 470)))))
    assert find_rules(ink, 300) == ([], [])


@pytest.mark.parametrize("font", ["dejavu/DejaVuSans.ttf", "liberation/LiberationSerif-Regular.ttf",
                                  "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSansMono.ttf"])
@pytest.mark.parametrize("size_pt, dpi, fax", [(10, 300, False), (7, 200, True), (12, 200, True)])
def test_text_makes_no_rules(font, size_pt, dpi, fax):
    strip = text_strip(["Signature of Reporting Person: ______________________ Date: __________",
                        "IMMUNOTHERAPEUTICS MINIMUM HIMMLERMINIMUM Notwithstanding Illlllllllllllll",
                        "Name ________________ (Street) ____________________ WWWWWWWWWWWW"],
                       font, size_pt, dpi)
    gray = np.asarray(strip.point(lambda v: 255 if v >= 128 else 0) if fax else strip)
    assert find_rules(remove_specks(binarise(gray)), dpi) == ([], [])


def test_remove_rules_clears_the_rules_and_nothing_else():
    ink = remove_specks(binarise(np.asarray(rendered(SEED, 300))))
    h_rules, v_rules = find_rules(ink, 300)
    cleared = remove_rules(ink, h_rules, v_rules)
    assert not any(cleared[top:bottom, x0:x1].any() for x0, top, x1, bottom in [*h_rules, *v_rules])
    outside = np.ones(ink.shape, dtype=bool)
    for x0, top, x1, bottom in [*h_rules, *v_rules]:
        outside[top:bottom, x0:x1] = False
    assert np.array_equal(cleared[outside], ink[outside])


def test_remove_rules_keeps_the_descenders_that_cross_an_underline():
    """EDGAR underlines a signature ("/s/ Juliette W. Pryor, ..."): the tails of its "y"s cross
    the underline and stay, the rest of the underline goes."""
    ink = remove_specks(binarise(np.asarray(rendered(ACI, 300))))
    h_rules, v_rules = find_rules(ink, 300)
    cleared = remove_rules(ink, h_rules, v_rules)
    kept_columns = 0
    for x0, top, x1, bottom in h_rules:
        kept = cleared[top:bottom, x0:x1].any(axis=0)
        above, below = ink[top - 2, x0:x1], ink[bottom + 1, x0:x1]
        kept_columns += kept.sum()
        assert kept.sum() < 0.2 * (x1 - x0)
        assert all(above[max(0, x - 12):x + 13].any() and below[max(0, x - 12):x + 13].any()
                   for x in np.flatnonzero(kept))
    assert kept_columns > 0


def test_underlines_are_told_from_the_rules_of_tables():
    """aci's page underlines its links (issuer, owner) and its signature; its tables are ruled."""
    ink = remove_specks(binarise(np.asarray(rendered(ACI, 300))))
    h_rules, v_rules = find_rules(ink, 300)
    found = underlines(ink, h_rules, v_rules)
    page_height = ink.shape[0]
    assert len(found) >= 4
    assert any(r.top > 0.75 * page_height for r in found)  # the signature's
    assert any(r.top < 0.3 * page_height for r in found)  # the issuer's and owner's names
    table_rules = [r for r in h_rules if r.x1 - r.x0 > 0.8 * ink.shape[1]]
    assert table_rules and not set(table_rules) & set(found)


# --- the whole clean-up ---------------------------------------------------------------------

def test_clean_page_turns_straightens_and_finds_the_rules_of_a_bad_scan():
    scan = unevenly_lit(turned(turned(rendered(SEED, 300), 2.0), 90))
    page = clean_page(scan, 300)
    assert isinstance(page, CleanPage) and page.dpi == 300
    assert page.rotation == 90
    assert page.skew == pytest.approx(2.0, abs=0.15)
    assert page.image.mode == "L" and page.ink.shape == (page.image.height, page.image.width)
    assert estimate_skew(page.ink, 300) == pytest.approx(0, abs=0.1)
    expected_h, expected_v = vector_rules(SEED, 300)
    assert len(page.h_rules) == len(expected_h) and len(page.v_rules) == len(expected_v)
    # Straightened, the page's lines are level: every rule is as thin as the one it was drawn as.
    assert all(r.bottom - r.top <= 14 for r in page.h_rules)
    assert all(r.x1 - r.x0 <= 14 for r in page.v_rules)


def test_a_specked_fax_cleans_up_like_the_page_it_was_sent_from():
    """Its table rules are those of the page. Short ones are not compared: a bold word or an
    underlined one that the fax fused into a block may be taken for a short rule or for text, and
    the double border of the OMB box 5 px apart may join."""
    page = turned(rendered(SEED, 300), -2.5)
    fax, _ = specked(faxed(page), 2000, np.random.default_rng(11))
    cleaned = clean_page(fax, 200)
    expected = clean_page(page.resize(fax.size, Image.Resampling.LANCZOS), 200)
    assert cleaned.skew == pytest.approx(-2.5, abs=0.15)
    assert cleaned.image.size == expected.image.size

    def longer(rules: list[Rule], inches: float) -> list[Rule]:
        return [r for r in rules if max(r.x1 - r.x0, r.bottom - r.top) >= inches * 200]

    assert unmatched(longer(cleaned.h_rules, 2), longer(expected.h_rules, 2), across=(1, 3)) == []
    assert unmatched(longer(cleaned.v_rules, 0.75), longer(expected.v_rules, 0.75), across=(0, 2)) == []


def test_the_vertical_rules_a_fax_broke_up_are_found_on_a_coarse_scan():
    """tsla's Table II on a fax turned 0.9 degrees: five of its thin vertical rules came out as
    dashes a third of an inch apart or more. Found from their dashes, every rule of the page's
    tables (all but the boxes above them; 0.8 in long or more) is where the PDF draws it (relative to the table's left edge)."""
    fax = simulate(TSLA, "fax200", seed=0)[0]
    enlarged = fax.convert("L").resize((fax.width * 3 // 2, fax.height * 3 // 2), Image.Resampling.LANCZOS)
    expected = clean_page(rendered(TSLA, 300), 300)

    def long_verticals(page: CleanPage) -> list[float]:
        tables = [r for r in page.v_rules if r.top > 0.15 * page.ink.shape[0] and r.bottom - r.top >= 240]
        left = min(r.x0 for r in tables)
        return sorted((r.x0 + r.x1) / 2 - left for r in tables)

    assert len(long_verticals(clean_page(enlarged, 300))) < len(long_verticals(expected))
    found = long_verticals(clean_page(enlarged, 300, coarse=True))
    assert found == pytest.approx(long_verticals(expected), abs=8)
