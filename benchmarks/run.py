"""Accuracy and speed of form4-extract over folders of inputs with expected records.

    python benchmarks/run.py [FOLDER ...]        (default: sample_pdfs tests/data/variants)

An input NAME.pdf is scored against NAME.expected.json beside it (an object, or an array for a
file holding several reports). A variant NAME.CONDITION.pdf (scale80, a4, landscape, ...) is
scored against the expected record of NAME and reported under its CONDITION; everything else is
"rendered". Runs in one process, so pages per second is for one core.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import InputError, extract  # noqa: E402
from extractor.scoring import compare  # noqa: E402

DEFAULT_FOLDERS = [ROOT / "sample_pdfs", ROOT / "tests" / "data" / "variants"]
INPUT_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


@dataclass
class Tally:
    documents: int = 0
    exact_documents: int = 0
    fields: int = 0
    correct_fields: int = 0
    pages: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("documents", "exact_documents", "fields", "correct_fields", "pages", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures += other.failures


def expected_for(path: Path, search: list[Path]) -> tuple[str, Path | None]:
    """(condition, expected file) of an input."""
    stem, _, condition = path.stem.partition(".")
    for folder in [path.parent, *search]:
        candidate = folder / f"{stem}.expected.json"
        if candidate.exists():
            return condition or "rendered", candidate
    return condition or "rendered", None


def score(path: Path, expected_file: Path, verbose: bool) -> Tally:
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    expected = expected if isinstance(expected, list) else [expected]
    tally = Tally(documents=len(expected))
    start = time.perf_counter()
    try:
        records = [r.to_dict() for r in extract(path)]
    except InputError as exc:
        records = []
        tally.failures.append(f"{path.name}: {exc}")
    tally.seconds = time.perf_counter() - start
    tally.pages = len({(i, p) for i, r in enumerate(records) for p in r["extraction"]["pages"]}) or 1
    for index, want in enumerate(expected):
        got = records[index] if index < len(records) else {}
        result = compare(want, got)
        tally.fields += result.total
        tally.correct_fields += result.correct
        tally.exact_documents += result.exact
        if verbose:
            for pointer, a, b in result.wrong:
                print(f"  {path.name}#{index}{pointer}: expected {a!r}, got {b!r}", file=sys.stderr)
    return tally


def table(rows: dict[str, Tally]) -> str:
    lines = ["| condition | documents | fields | field accuracy | documents exact | pages | pages/s |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, t in rows.items():
        accuracy = 100.0 * t.correct_fields / t.fields if t.fields else 0.0
        speed = t.pages / t.seconds if t.seconds else 0.0
        lines.append(f"| {name} | {t.documents} | {t.fields} | {accuracy:.2f}% | "
                     f"{t.exact_documents}/{t.documents} | {t.pages} | {speed:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong field")
    args = parser.parse_args(argv)
    inputs = sorted(p for folder in args.folders for p in folder.rglob("*") if p.suffix.lower() in INPUT_SUFFIXES)
    extract(inputs[0]) if inputs else None  # load layouts and imports outside the timed runs
    by_condition: dict[str, Tally] = defaultdict(Tally)
    skipped = []
    for path in inputs:
        condition, expected_file = expected_for(path, args.folders)
        if expected_file is None:
            skipped.append(path.name)
            continue
        by_condition[condition].add(score(path, expected_file, args.verbose))
    total = Tally()
    for tally in by_condition.values():
        total.add(tally)
    print(table({**dict(sorted(by_condition.items())), "all": total}))
    if skipped:
        print(f"\nno expected record, not scored: {', '.join(skipped)}")
    for failure in total.failures:
        print(f"failed: {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
