"""Every sample page extracts to its expected record, field by field (golden records).

sample_pdfs/ holds EDGAR's own pages and EDGAR-style renderings of real ownership XMLs;
tests/data/variants/ the same pages printed at 80 % scale, on A4 and in landscape.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract
from extractor.scoring import compare

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.glob("sample_pdfs/*.pdf"), *ROOT.glob("tests/data/variants/*.pdf")])


def expected_records(pdf: Path) -> list[dict]:
    data = json.loads(pdf.with_name(f"{pdf.stem}.expected.json").read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def test_there_are_enough_samples():
    assert len(list(ROOT.glob("sample_pdfs/*.pdf"))) >= 48
    assert all(pdf.with_name(f"{pdf.stem}.expected.json").exists() for pdf in PAGES)


@pytest.mark.parametrize("pdf", PAGES, ids=[p.name for p in PAGES])
def test_sample_extracts_to_its_expected_record(pdf: Path, validate_record):
    expected = expected_records(pdf)
    records = [r.to_dict() for r in extract(pdf)]
    assert len(records) == len(expected)
    wrong = []
    for want, got in zip(expected, records):
        validate_record(got)
        assert got["extraction"]["pages"] == want["extraction"]["pages"]
        wrong += compare(want, got).wrong
    assert not wrong, "\n".join(f"{p}: expected {a!r}, got {b!r}" for p, a, b in wrong)


def test_seed_filing_extracts_exactly(validate_record):
    truth = json.loads((ROOT / "tests/data/seed/sonus-dillon-2013-03-11.truth.json").read_text())
    [record] = extract(ROOT / "sample_pdfs/seed-sonus-dillon-2013-03-11.pdf")
    got = record.to_dict()
    validate_record(got)
    result = compare(truth, got)
    assert result.exact, result.wrong
    assert result.total >= 40
