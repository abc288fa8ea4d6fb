"""The record of one ownership report: typed models and the one place that turns them into JSON.

Field names follow ../shared/spec/record.schema.json, which mirrors EDGAR's ownershipDocument XML
in snake_case. ``Record.to_dict`` is the only serialiser; every writer goes through it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Optional

RECORD_VERSION = "1"

FootnoteRefs = dict[str, list[str]]
# The table fields whose value EDGAR's schema lets a footnote stand for (OPT_NUMBER_WITH_FOOTNOTE,
# OPT_DATE_WITH_FOOTNOTE): only their cells print a footnote marker with no value before it. In the
# corpus's 377 reports, no other field's footnote stands without its value.
NOTE_ALONE_FIELDS = frozenset({"price_per_share", "conversion_or_exercise_price", "exercise_date",
                               "expiration_date", "underlying_security_shares"})


@dataclass
class Issuer:
    name: Optional[str] = None
    trading_symbol: Optional[str] = None
    cik: Optional[str] = None
    irs_number: Optional[str] = None  # pre-2002 paper forms only


@dataclass
class ReportingOwner:
    name: Optional[str] = None
    cik: Optional[str] = None
    street1: Optional[str] = None
    street2: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    zip_code: Optional[str] = None
    is_director: Optional[bool] = None
    is_officer: Optional[bool] = None
    is_ten_percent_owner: Optional[bool] = None
    is_other: Optional[bool] = None
    officer_title: Optional[str] = None
    other_text: Optional[str] = None


@dataclass
class NonDerivativeTransaction:
    security_title: Optional[str] = None
    transaction_date: Optional[str] = None
    deemed_execution_date: Optional[str] = None
    transaction_code: Optional[str] = None
    transaction_timeliness: Optional[str] = None
    shares: Optional[float] = None
    price_per_share: Optional[float] = None
    acquired_disposed: Optional[str] = None
    shares_owned_following: Optional[float] = None
    direct_or_indirect: Optional[str] = None
    nature_of_ownership: Optional[str] = None
    footnote_refs: FootnoteRefs = field(default_factory=dict)
    raw: Optional[dict[str, Optional[str]]] = None


@dataclass
class NonDerivativeHolding:
    security_title: Optional[str] = None
    shares_owned_following: Optional[float] = None
    direct_or_indirect: Optional[str] = None
    nature_of_ownership: Optional[str] = None
    footnote_refs: FootnoteRefs = field(default_factory=dict)
    raw: Optional[dict[str, Optional[str]]] = None


@dataclass
class DerivativeTransaction:
    security_title: Optional[str] = None
    conversion_or_exercise_price: Optional[float] = None
    transaction_date: Optional[str] = None
    deemed_execution_date: Optional[str] = None
    transaction_code: Optional[str] = None
    transaction_timeliness: Optional[str] = None
    shares: Optional[float] = None
    acquired_disposed: Optional[str] = None
    exercise_date: Optional[str] = None
    expiration_date: Optional[str] = None
    underlying_security_title: Optional[str] = None
    underlying_security_shares: Optional[float] = None
    price_per_share: Optional[float] = None
    shares_owned_following: Optional[float] = None
    direct_or_indirect: Optional[str] = None
    nature_of_ownership: Optional[str] = None
    footnote_refs: FootnoteRefs = field(default_factory=dict)
    raw: Optional[dict[str, Optional[str]]] = None


@dataclass
class DerivativeHolding:
    security_title: Optional[str] = None
    conversion_or_exercise_price: Optional[float] = None
    exercise_date: Optional[str] = None
    expiration_date: Optional[str] = None
    underlying_security_title: Optional[str] = None
    underlying_security_shares: Optional[float] = None
    shares_owned_following: Optional[float] = None
    direct_or_indirect: Optional[str] = None
    nature_of_ownership: Optional[str] = None
    footnote_refs: FootnoteRefs = field(default_factory=dict)
    raw: Optional[dict[str, Optional[str]]] = None


@dataclass
class Footnote:
    id: str
    text: str


@dataclass
class Signature:
    name: Optional[str] = None
    date: Optional[str] = None


@dataclass
class Extraction:
    source: str
    pages: list[int] = field(default_factory=list)
    layout: str = ""
    method: str = "text"
    confidence: float = 1.0
    warnings: list[str] = field(default_factory=list)
    sha256: Optional[str] = None
    fields: Optional[dict[str, Any]] = None


@dataclass
class Record:
    document_type: str
    issuer: Issuer = field(default_factory=Issuer)
    reporting_owners: list[ReportingOwner] = field(default_factory=list)
    non_derivative_transactions: list[NonDerivativeTransaction] = field(default_factory=list)
    non_derivative_holdings: list[NonDerivativeHolding] = field(default_factory=list)
    derivative_transactions: list[DerivativeTransaction] = field(default_factory=list)
    derivative_holdings: list[DerivativeHolding] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    extraction: Extraction = field(default_factory=lambda: Extraction(source=""))
    period_of_report: Optional[str] = None
    date_of_original_submission: Optional[str] = None
    not_subject_to_section16: Optional[bool] = None
    aff10b5one: Optional[bool] = None
    form_filed_by: Optional[str] = None
    remarks: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        """The record as the JSON object of record.schema.json (key order as in the schema)."""
        return {
            "record_version": RECORD_VERSION,
            "document_type": self.document_type,
            "period_of_report": self.period_of_report,
            "date_of_original_submission": self.date_of_original_submission,
            "not_subject_to_section16": self.not_subject_to_section16,
            "aff10b5one": self.aff10b5one,
            "form_filed_by": self.form_filed_by,
            "issuer": _plain(self.issuer, omit_if_none=("irs_number",)),
            "reporting_owners": [_plain(o) for o in self.reporting_owners],
            "non_derivative_transactions": [_row(r) for r in self.non_derivative_transactions],
            "non_derivative_holdings": [_row(r) for r in self.non_derivative_holdings],
            "derivative_transactions": [_row(r) for r in self.derivative_transactions],
            "derivative_holdings": [_row(r) for r in self.derivative_holdings],
            "footnotes": [_plain(f) for f in self.footnotes],
            "remarks": self.remarks,
            "signatures": [_plain(s) for s in self.signatures],
            "extraction": _plain(self.extraction, omit_if_none=("sha256", "fields")),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        """Inverse of to_dict; unknown keys are an error so that a typo never passes silently."""
        scalars = {
            k: data.get(k)
            for k in ("period_of_report", "date_of_original_submission", "not_subject_to_section16",
                      "aff10b5one", "form_filed_by", "remarks")
        }
        return cls(
            document_type=data["document_type"],
            issuer=_build(Issuer, data.get("issuer") or {}),
            reporting_owners=[_build(ReportingOwner, o) for o in data.get("reporting_owners", [])],
            non_derivative_transactions=[_build(NonDerivativeTransaction, r)
                                         for r in data.get("non_derivative_transactions", [])],
            non_derivative_holdings=[_build(NonDerivativeHolding, r)
                                     for r in data.get("non_derivative_holdings", [])],
            derivative_transactions=[_build(DerivativeTransaction, r)
                                     for r in data.get("derivative_transactions", [])],
            derivative_holdings=[_build(DerivativeHolding, r) for r in data.get("derivative_holdings", [])],
            footnotes=[_build(Footnote, f) for f in data.get("footnotes", [])],
            signatures=[_build(Signature, s) for s in data.get("signatures", [])],
            extraction=_build(Extraction, data.get("extraction") or {"source": ""}),
            **scalars,
        )


ROW_TYPES = {
    "non_derivative_transactions": NonDerivativeTransaction,
    "non_derivative_holdings": NonDerivativeHolding,
    "derivative_transactions": DerivativeTransaction,
    "derivative_holdings": DerivativeHolding,
}


def _plain(obj: Any, omit_if_none: tuple[str, ...] = ()) -> dict[str, Any]:
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if value is None and f.name in omit_if_none:
            continue
        out[f.name] = value
    return out


def _row(row: Any) -> dict[str, Any]:
    out = _plain(row, omit_if_none=("raw",))
    if not out["footnote_refs"]:
        del out["footnote_refs"]
    return out


def _build(cls: type, data: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown field(s) {sorted(unknown)}")
    return cls(**data)
