"""Stage 6, validate: check a record against the contract and against itself.

Schema errors mean the extractor is wrong and are raised; the cross-checks flag values that
are each well-formed but do not fit together, as warnings that lower the record's confidence.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .record import Record

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "record.schema.json"
# Each warning costs this much of a record's confidence.
WARNING_COST = 0.1
# A field read with less confidence than this gets a warning.
LOW_CONFIDENCE = 0.6


class RecordInvalid(Exception):
    pass


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def schema_errors(data: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(record)'}: {e.message}"
            for e in _validator().iter_errors(data)]


def validate(record: Record) -> Record:
    """Add cross-check and low-confidence warnings, set the record's confidence, and insist on a
    schema-valid record."""
    fields = record.extraction.fields or {}
    record.extraction.warnings.extend(cross_check(record))
    record.extraction.warnings.extend(
        f"{pointer}: read with low confidence ({info['confidence']:.2f})"
        for pointer, info in fields.items() if info["confidence"] < LOW_CONFIDENCE)
    sureness = min((info["confidence"] for info in fields.values()), default=1.0)
    penalty = WARNING_COST * len(record.extraction.warnings)
    record.extraction.confidence = round(max(0.0, min(1.0 - penalty, sureness)), 3)
    errors = schema_errors(record.to_dict())
    if errors:
        raise RecordInvalid("; ".join(errors[:3]))
    return record


def cross_check(record: Record) -> list[str]:
    warnings = []
    if not record.reporting_owners or not record.reporting_owners[0].name:
        warnings.append("no reporting person name found")
    if not record.issuer.name:
        warnings.append("no issuer name found")
    known = {f.id for f in record.footnotes}
    rows = [*record.non_derivative_transactions, *record.non_derivative_holdings,
            *record.derivative_transactions, *record.derivative_holdings]
    for row in rows:
        for field_name, refs in row.footnote_refs.items():
            missing = [r for r in refs if r not in known]
            if missing:
                warnings.append(f"{field_name}: footnote {', '.join(missing)} is referred to but not printed")
    for row in [*record.non_derivative_transactions, *record.derivative_transactions]:
        if row.transaction_code and row.shares is not None and row.acquired_disposed is None:
            warnings.append(f"{row.security_title}: a transaction with shares but no (A)/(D)")
    signed = [s.date for s in record.signatures if s.date]
    if signed:
        late = [r.transaction_date for r in rows
                if getattr(r, "transaction_date", None) and r.transaction_date > max(signed)]
        if late:
            warnings.append(f"transaction date {late[0]} is after the signature date {max(signed)}")
    return warnings
