"""Stage 6, validate: check a record against the contract and against itself.

Schema errors mean the extractor is wrong and are raised; the cross-checks flag values that
are each well-formed but do not fit together, as warnings that lower the record's confidence.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .record import Record
from .vocabulary import CODE_DIRECTION

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "record.schema.json"
# Each warning costs this much of a record's confidence.
WARNING_COST = 0.1
# A field read with less confidence than this gets a warning.
LOW_CONFIDENCE = 0.6
# How sure a field a cross-check doubts can be said to be.
DOUBTED = 0.5
# Shares owned may be rounded to whole shares on the form.
BALANCE_TOLERANCE = 0.5
# A transaction is reported within days of the report's date of earliest transaction (box 3): of the
# corpus's 1300 transactions, none is dated more than 90 days after it. One dated more than this many
# days after it, or box 3, was misread (mchx's fax: "02/11/2026" for 02/11/2020, read surely).
LATEST_AFTER_EARLIEST_DAYS = 366
POSTAL_CODE = re.compile(r"[A-Za-z0-9 -]+")
ROW_TABLES = ("non_derivative_transactions", "non_derivative_holdings", "derivative_transactions",
              "derivative_holdings")


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
    schema-valid record. A field read by OCR that a cross-check doubts is reported no surer than
    DOUBTED (a text layer is not misread: there the filing itself disagrees with itself)."""
    fields = record.extraction.fields or {}
    for warning, pointers in cross_check(record):
        record.extraction.warnings.append(warning)
        for pointer in pointers:
            if fields.get(pointer, {}).get("method") == "ocr":
                fields[pointer]["confidence"] = min(fields[pointer]["confidence"], DOUBTED)
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


Finding = tuple[str, list[str]]  # a warning and the JSON pointers of the fields it doubts


def cross_check(record: Record) -> list[Finding]:
    return [*_missing_parts(record), *_unknown_footnotes(record), *_directions(record),
            *_balances(record), *_late_transactions(record), *_transactions_long_after_the_earliest(record),
            *_odd_zip_codes(record)]


def _odd_zip_codes(record: Record) -> list[Finding]:
    """A postal code holds letters, figures, spaces and hyphens only (all 556 of the corpus):
    a stop or other mark in one is a misreading ("9.4304")."""
    pointers = [(f"/reporting_owners/{i}/zip_code", owner.zip_code) for i, owner in enumerate(record.reporting_owners)]
    return [(f"{pointer}: {zip_code!r} is no postal code", [pointer])
            for pointer, zip_code in pointers if zip_code and not POSTAL_CODE.fullmatch(zip_code)]


def _missing_parts(record: Record) -> list[Finding]:
    findings = []
    if not record.reporting_owners or not record.reporting_owners[0].name:
        findings.append(("no reporting person name found", ["/reporting_owners/0/name"]))
    if not record.issuer.name:
        findings.append(("no issuer name found", ["/issuer/name"]))
    return findings


def _rows(record: Record) -> list[tuple[str, int, Any]]:
    return [(table, i, row) for table in ROW_TABLES for i, row in enumerate(getattr(record, table))]


def _unknown_footnotes(record: Record) -> list[Finding]:
    known = {f.id for f in record.footnotes}
    findings = []
    for table, i, row in _rows(record):
        for field_name, refs in row.footnote_refs.items():
            missing = [r for r in refs if r not in known]
            if missing:
                findings.append((f"/{table}/{i}/{field_name}: footnote {', '.join(missing)} is referred to "
                                 "but not printed", [f"/{table}/{i}/{field_name}"]))
    return findings


def _directions(record: Record) -> list[Finding]:
    """A sale disposes, a purchase acquires: a code that disagrees with its (A)/(D) is misread."""
    findings = []
    for table, i, row in _rows(record):
        if not hasattr(row, "transaction_code"):
            continue
        where = f"/{table}/{i}"
        if row.transaction_code and row.shares is not None and row.acquired_disposed is None:
            findings.append((f"{where}: a transaction with shares but no (A)/(D)", [f"{where}/acquired_disposed"]))
        expected = CODE_DIRECTION.get(table, {}).get(row.transaction_code or "")
        if expected and row.acquired_disposed and row.acquired_disposed != expected:
            findings.append((f"{where}: code {row.transaction_code} with ({row.acquired_disposed})",
                             [f"{where}/transaction_code", f"{where}/acquired_disposed"]))
    return findings


def _balances(record: Record) -> list[Finding]:
    """Consecutive transactions in one security and one holding: the amount owned after the
    second is the amount after the first plus or minus the second's shares."""
    findings = []
    rows = record.non_derivative_transactions
    for i in range(1, len(rows)):
        before, row = rows[i - 1], rows[i]
        same_holding = (before.security_title, before.direct_or_indirect, before.nature_of_ownership) == \
                       (row.security_title, row.direct_or_indirect, row.nature_of_ownership)
        if not same_holding or None in (before.shares_owned_following, row.shares_owned_following,
                                         row.shares, row.acquired_disposed):
            continue
        change = row.shares if row.acquired_disposed == "A" else -row.shares
        if abs(before.shares_owned_following + change - row.shares_owned_following) > BALANCE_TOLERANCE:
            where = f"/non_derivative_transactions/{i}"
            findings.append((f"{where}: {before.shares_owned_following} {'+' if change >= 0 else '-'} "
                             f"{abs(change)} is not {row.shares_owned_following}",
                             [f"{where}/shares", f"{where}/shares_owned_following",
                              f"/non_derivative_transactions/{i - 1}/shares_owned_following"]))
    return findings


def _late_transactions(record: Record) -> list[Finding]:
    signed = [s.date for s in record.signatures if s.date]
    if not signed:
        return []
    return [(f"/{table}/{i}/transaction_date: {row.transaction_date} is after the signature date {max(signed)}",
             [f"/{table}/{i}/transaction_date"])
            for table, i, row in _rows(record)
            if getattr(row, "transaction_date", None) and row.transaction_date > max(signed)]


def _transactions_long_after_the_earliest(record: Record) -> list[Finding]:
    if not record.period_of_report:
        return []
    latest = date.fromisoformat(record.period_of_report) + timedelta(days=LATEST_AFTER_EARLIEST_DAYS)
    return [(f"/{table}/{i}/transaction_date: {row.transaction_date} is more than a year after the date of "
             f"earliest transaction {record.period_of_report}",
             [f"/{table}/{i}/transaction_date", "/period_of_report"])
            for table, i, row in _rows(record)
            if getattr(row, "transaction_date", None) and date.fromisoformat(row.transaction_date) > latest]
