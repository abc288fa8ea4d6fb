"""Accuracy, calibration and speed of form4-extract on scanned pages.

    python benchmarks/scanned.py [--conditions clean300 fax200 photo150] [--limit N] [--jobs N]

Every sample PDF with an expected record (sample_pdfs/) is turned into a scan by
tools/scansim.py under each condition, written as a multi-page TIFF and extracted from it. A scan
carries no link targets, so the expected record's CIKs (which a PDF printed from EDGAR keeps only
in its links) are not scored. Reports, per condition:

- field accuracy (every scalar of the record, rows by position) and documents read exactly;
- calibration: of the fields reported with confidence >= 0.9, the share that is wrong;
- speed: seconds per page of form4-extract on one core, seconds per page of one plain
  `tesseract page.png out` pass over the same page images (same machine, same run, same
  OMP_THREAD_LIMIT), and their ratio; and pages per second with all cores.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import InputError, extract  # noqa: E402
from extractor.scoring import compare, flatten  # noqa: E402
from tools.scansim import CONDITIONS, simulate, write_tiff  # noqa: E402

SAMPLES = ROOT / "sample_pdfs"
CALIBRATION_LEVEL = 0.9


@dataclass
class Tally:
    documents: int = 0
    exact: int = 0
    fields: int = 0
    correct: int = 0
    sure: int = 0  # fields reported with confidence >= CALIBRATION_LEVEL
    sure_wrong: int = 0
    pages: int = 0
    seconds_one_core: float = 0.0
    tesseract_seconds: float = 0.0
    tesseract_pages: int = 0
    failures: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def without_link_targets(record: dict) -> dict:
    """The record as a scan can show it: CIKs live only in the printed PDF's link targets."""
    record = copy.deepcopy(record)
    record["issuer"]["cik"] = None
    for owner in record["reporting_owners"]:
        owner["cik"] = None
    return record


def plain_tesseract_seconds(images: list, workdir: Path) -> float:
    """Seconds of one plain `tesseract page.png out` pass per page over the pages given."""
    total = 0.0
    for i, image in enumerate(images):
        png = workdir / f"page{i}.png"
        image.save(png)
        start = time.perf_counter()
        subprocess.run(["tesseract", str(png), str(workdir / "out")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total += time.perf_counter() - start
    return total


def score_document(pdf: Path, condition: str, tally: Tally, workdir: Path, time_tesseract: bool) -> None:
    expected = json.loads(pdf.with_name(f"{pdf.stem}.expected.json").read_text(encoding="utf-8"))
    expected = [without_link_targets(r) for r in (expected if isinstance(expected, list) else [expected])]
    images = simulate(pdf, condition, seed=0)
    tiff = workdir / f"{pdf.stem}.{condition}.tif"
    write_tiff(images, tiff, CONDITIONS[condition])
    start = time.perf_counter()
    try:
        records = [r.to_dict() for r in extract(tiff, workers=1)]
    except InputError as exc:
        records = []
        tally.failures.append(f"{pdf.name}: {exc}")
    tally.seconds_one_core += time.perf_counter() - start
    tally.pages += len(images)
    if time_tesseract:
        tally.tesseract_seconds += plain_tesseract_seconds(images, workdir)
        tally.tesseract_pages += len(images)
    tally.documents += len(expected)
    for index, want in enumerate(expected):
        got = records[index] if index < len(records) else {}
        result = compare(want, got)
        tally.fields += result.total
        tally.correct += result.correct
        tally.exact += result.exact
        wrong = {pointer for pointer, _, _ in result.wrong}
        fields = (got.get("extraction") or {}).get("fields") or {}
        tally.wrong += [f"{pdf.name}#{index}{p}: expected {a!r}, got {b!r}"
                        f" (confidence {fields.get(p, {}).get('confidence', '-')})" for p, a, b in result.wrong]
        values = flatten(got)
        for pointer, info in fields.items():
            if info["confidence"] >= CALIBRATION_LEVEL and pointer in values:
                tally.sure += 1
                tally.sure_wrong += pointer in wrong


def throughput(pdfs: list[Path], condition: str, workdir: Path) -> float:
    """Pages per second over the given documents with OCR on every core."""
    tiffs, pages = [], 0
    for pdf in pdfs:
        images = simulate(pdf, condition, seed=0)
        tiff = workdir / f"all-cores-{pdf.stem}.tif"
        write_tiff(images, tiff, CONDITIONS[condition])
        tiffs.append(tiff)
        pages += len(images)
    start = time.perf_counter()
    for tiff in tiffs:
        try:
            extract(tiff)
        except InputError:
            pass
    return pages / (time.perf_counter() - start)


def table(tallies: dict[str, Tally], all_cores: dict[str, float]) -> str:
    lines = ["| condition | documents | fields | field accuracy | documents exact | wrong among confidence >= 0.9 "
             "| s/page (1 core) | tesseract s/page | ratio | pages/s (all cores) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, t in tallies.items():
        accuracy = 100.0 * t.correct / t.fields if t.fields else 0.0
        calibration = f"{100.0 * t.sure_wrong / t.sure:.2f}% of {t.sure}" if t.sure else "-"
        ours = t.seconds_one_core / t.pages if t.pages else 0.0
        plain = t.tesseract_seconds / t.tesseract_pages if t.tesseract_pages else None
        ratio = f"{ours / plain:.2f}" if plain else "-"
        plain_text = f"{plain:.2f}" if plain else "-"
        speed = f"{all_cores[name]:.2f}" if name in all_cores else "-"
        lines.append(f"| {name} | {t.documents} | {t.fields} | {accuracy:.2f}% | {t.exact}/{t.documents} | "
                     f"{calibration} | {ours:.2f} | {plain_text} | {ratio} | {speed} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conditions", nargs="+", default=["clean300", "fax200", "photo150"], choices=CONDITIONS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N samples (0: all)")
    parser.add_argument("--samples", nargs="*", help="only these sample names (stems)")
    parser.add_argument("--speed-condition", default="clean300", help="condition timed against tesseract")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong field, with the confidence reported for it")
    args = parser.parse_args(argv)
    pdfs = sorted(p for p in SAMPLES.glob("*.pdf") if p.with_name(f"{p.stem}.expected.json").exists())
    if args.samples:
        pdfs = [p for p in pdfs if p.stem in set(args.samples)]
    if args.limit:
        pdfs = pdfs[:args.limit]
    tallies: dict[str, Tally] = {}
    all_cores: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for condition in args.conditions:
            tally = tallies[condition] = Tally()
            for number, pdf in enumerate(pdfs, 1):
                score_document(pdf, condition, tally, workdir, time_tesseract=condition == args.speed_condition)
                print(f"[{condition} {number}/{len(pdfs)}] {pdf.name}", file=sys.stderr, flush=True)
            if condition == args.speed_condition and (os.cpu_count() or 1) > 1:
                all_cores[condition] = throughput(pdfs[:4], condition, workdir)
    print(table(tallies, all_cores))
    for tally in tallies.values():
        for failure in tally.failures:
            print(f"failed: {failure}")
        if args.verbose:
            print("\n".join(tally.wrong), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
