"""EDGAR ownershipDocument XML (Forms 3, 4, 5 and their amendments) to and from a Record.

The mapping follows how EDGAR's own HTML rendering shows a filing, so that a page rendered from an
XML extracts to the same record as the XML itself. Field maps are data (``_ROW_FIELDS``,
``_OWNER_FIELDS``, ...) shared by the reader and the writer.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from .record import (
    DerivativeHolding,
    DerivativeTransaction,
    Extraction,
    Footnote,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    Record,
    ReportingOwner,
    Signature,
)

DOCUMENT_TYPES = frozenset({"3", "3/A", "4", "4/A", "5", "5/A"})
LAYOUT = "edgar-xml"
# Old EDGAR submissions break lines at this many characters.
EDGAR_LINE_WIDTH = 1023
WRITTEN_SCHEMA_VERSION = "X0508"

Number = int | float
Row = NonDerivativeTransaction | NonDerivativeHolding | DerivativeTransaction | DerivativeHolding

_TRUE = frozenset({"1", "true"})
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
# xs:date may carry a timezone ("2021-09-30-05:00"); the record keeps the calendar date only.
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?")
# periodOfReport of a record read from a pre-2002 paper form is a month; let it round-trip.
_DATE_OR_MONTH = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)(?:Z|[+-]\d{2}:\d{2})?")
_XML_BLOCK = re.compile(rb"<XML>\s*(.*?)\s*</XML>", re.DOTALL)


# ---------------------------------------------------------------------------------------------
# Value conversions


def parse_xml_number(text: str | None) -> Number | None:
    """An xs:decimal as a JSON number: ``"22000.00"`` -> 22000, ``"0.3300"`` -> 0.33; blank -> None.

    Raises ValueError for text that is not a plain decimal (no exponent, no separators).
    """
    if text is None or not text.strip():
        return None
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"not a decimal number: {text!r}")
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(text)


def format_xml_number(value: Number) -> str:
    """Inverse of parse_xml_number: plain decimal notation (xs:decimal has no exponent)."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    # repr is the shortest text that reads back as the same float.
    return format(Decimal(repr(value)), "f")


def _parse_date(text: str) -> str:
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    return match.group(1)


def _parse_date_or_month(text: str) -> str:
    match = _DATE_OR_MONTH.fullmatch(text)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    return match.group(1)


def _text(elem: ET.Element | None) -> str | None:
    """Element text with runs of white space collapsed; None when absent or blank."""
    if elem is None:
        return None
    return " ".join("".join(elem.itertext()).split()) or None


def _converted(elem: ET.Element | None, convert: Callable[[str], Any]) -> Any:
    text = _text(elem)
    return None if text is None else convert(text)


def _flag(elem: ET.Element | None) -> bool:
    return (_text(elem) or "").lower() in _TRUE


def _flag_text(value: bool) -> str:
    return "1" if value else "0"


# ---------------------------------------------------------------------------------------------
# Field maps


@dataclass(frozen=True)
class _Source:
    """Where a row field lives: the element(s) holding its value and footnoteIds, first wins."""

    kind: str  # a key of _PARSERS
    paths: tuple[str, ...]
    value_tag: str = "value"


_PARSERS: dict[str, Callable[[str], Any]] = {
    "text": str,
    "code": str.upper,
    "date": _parse_date,
    "number": parse_xml_number,
}
_WRITERS: dict[str, Callable[[Any], str]] = {"number": format_xml_number}

# In the XSD's element order, so that the writer emits elements in a valid sequence.
_ROW_FIELDS: dict[str, _Source] = {
    "security_title": _Source("text", ("securityTitle",)),
    "conversion_or_exercise_price": _Source("number", ("conversionOrExercisePrice",)),
    "transaction_date": _Source("date", ("transactionDate",)),
    "deemed_execution_date": _Source("date", ("deemedExecutionDate",)),
    "transaction_code": _Source("code", ("transactionCoding",), value_tag="transactionCode"),
    "transaction_timeliness": _Source("code", ("transactionTimeliness",)),
    "shares": _Source("number", ("transactionAmounts/transactionShares",
                                 "transactionAmounts/transactionTotalValue")),
    "price_per_share": _Source("number", ("transactionAmounts/transactionPricePerShare",)),
    "acquired_disposed": _Source("code", ("transactionAmounts/transactionAcquiredDisposedCode",)),
    "exercise_date": _Source("date", ("exerciseDate",)),
    "expiration_date": _Source("date", ("expirationDate",)),
    "underlying_security_title": _Source("text", ("underlyingSecurity/underlyingSecurityTitle",)),
    "underlying_security_shares": _Source("number", ("underlyingSecurity/underlyingSecurityShares",
                                                     "underlyingSecurity/underlyingSecurityValue")),
    "shares_owned_following": _Source("number", (
        "postTransactionAmounts/sharesOwnedFollowingTransaction",
        "postTransactionAmounts/valueOwnedFollowingTransaction")),
    "direct_or_indirect": _Source("code", ("ownershipNature/directOrIndirectOwnership",)),
    "nature_of_ownership": _Source("text", ("ownershipNature/natureOfOwnership",)),
}

ROW_REF = "row"  # footnote_refs key for a footnoteId not on any mapped field

# (Record attribute, row element path under ownershipDocument, row class)
_TABLES: tuple[tuple[str, str, type], ...] = (
    ("non_derivative_transactions", "nonDerivativeTable/nonDerivativeTransaction",
     NonDerivativeTransaction),
    ("non_derivative_holdings", "nonDerivativeTable/nonDerivativeHolding", NonDerivativeHolding),
    ("derivative_transactions", "derivativeTable/derivativeTransaction", DerivativeTransaction),
    ("derivative_holdings", "derivativeTable/derivativeHolding", DerivativeHolding),
)

_ISSUER_FIELDS = {"cik": "issuerCik", "name": "issuerName", "trading_symbol": "issuerTradingSymbol"}

_OWNER_FIELDS = {
    "cik": "reportingOwnerId/rptOwnerCik",
    "name": "reportingOwnerId/rptOwnerName",
    "street1": "reportingOwnerAddress/rptOwnerStreet1",
    "street2": "reportingOwnerAddress/rptOwnerStreet2",
    "city": "reportingOwnerAddress/rptOwnerCity",
    "state": "reportingOwnerAddress/rptOwnerState",
    "zip_code": "reportingOwnerAddress/rptOwnerZipCode",
    "is_director": "reportingOwnerRelationship/isDirector",
    "is_officer": "reportingOwnerRelationship/isOfficer",
    "is_ten_percent_owner": "reportingOwnerRelationship/isTenPercentOwner",
    "is_other": "reportingOwnerRelationship/isOther",
    "officer_title": "reportingOwnerRelationship/officerTitle",
    "other_text": "reportingOwnerRelationship/otherText",
}
# The relationship boxes are on every form revision: absent means unchecked.
_OWNER_FLAGS = frozenset({"is_director", "is_officer", "is_ten_percent_owner", "is_other"})


def _row_fields(row_class: type) -> list[str]:
    """The mapped fields of a row class, in XSD order."""
    names = {f.name for f in fields(row_class)}
    return [name for name in _ROW_FIELDS if name in names]


# ---------------------------------------------------------------------------------------------
# Reading


def read_ownership_xml(source: str | Path | bytes, source_name: str | None = None) -> Record:
    """Read an EDGAR ownershipDocument into a Record.

    ``source`` is a file path or the file's bytes: a bare ownershipDocument, an edgarSubmission
    wrapper (base64 documentMimeBlock) or a full-submission .txt with an <XML> block.
    Raises ValueError with a one-line reason (not naming the file: the caller does) for malformed
    or non-ownership XML.
    """
    if isinstance(source, bytes):
        data, name = source, source_name or ""
    else:
        data, name = Path(source).read_bytes(), source_name or str(source)
    warnings = []
    try:
        root = _ownership_root(data)
    except ValueError:
        unwrapped = _unwrap_edgar_lines(data)
        if unwrapped == data:
            raise
        root = _ownership_root(unwrapped)
        warnings.append(f"joined lines that EDGAR wrapped at {EDGAR_LINE_WIDTH} characters")
    record = _record(root, name, hashlib.sha256(data).hexdigest())
    record.extraction.warnings.extend(warnings)
    return record


def _unwrap_edgar_lines(data: bytes) -> bytes:
    """Old EDGAR submissions wrap lines longer than EDGAR_LINE_WIDTH characters, even inside a
    tag ("</fo" / "otnote>"); the break is not part of the document, so take it out."""
    lines = data.split(b"\n")
    return b"".join(line if len(line.rstrip(b"\r")) == EDGAR_LINE_WIDTH else line + b"\n"
                    for line in lines[:-1]) + lines[-1]


def _ownership_root(data: bytes) -> ET.Element:
    blocks = _XML_BLOCK.findall(data)
    if blocks:
        data = next((b for b in blocks if b"<ownershipDocument" in b), blocks[0])
    root = _parse(data)
    if root.tag == "edgarSubmission":
        name, document = _embedded_document(root)
        root = _parse(document, f"edgarSubmission document {name}: ")
    if root.tag != "ownershipDocument":
        raise ValueError(f"not an EDGAR ownership document (root element <{root.tag}>)")
    return root


def _parse(data: bytes, context: str = "") -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as err:
        raise ValueError(f"{context}malformed XML: {err}") from None


def _embedded_document(submission: ET.Element) -> tuple[str, bytes]:
    """(documentName, decoded bytes) of the wrapper's Form 3/4/5 document."""
    for document in submission.findall("edgarDocument"):
        if _text(document.find("documentType")) in DOCUMENT_TYPES:
            name = _text(document.find("documentName")) or "?"
            block = "".join(document.findtext("documentMimeBlock", "").split())
            try:
                return name, base64.b64decode(block, validate=True)
            except binascii.Error as err:
                raise ValueError(f"edgarSubmission document {name}: not base64: {err}") from None
    raise ValueError("edgarSubmission holds no Form 3, 4 or 5 document")


def _record(root: ET.Element, source: str, sha256: str) -> Record:
    document_type = _text(root.find("documentType"))
    if document_type not in DOCUMENT_TYPES:
        raise ValueError(f"unsupported documentType {document_type!r}")
    owners = [_owner(elem) for elem in root.findall("reportingOwner")]
    if not owners:
        raise ValueError("ownershipDocument has no reportingOwner")
    aff10b5one = root.find("aff10b5One")
    tables = {attr: [_row(elem, row_class) for elem in root.findall(path)]
              for attr, path, row_class in _TABLES}
    return Record(
        document_type=document_type,
        period_of_report=_converted(root.find("periodOfReport"), _parse_date_or_month),
        date_of_original_submission=_converted(root.find("dateOfOriginalSubmission"),
                                               _parse_date_or_month),
        # Form 3 has no such box.
        not_subject_to_section16=(None if document_type.startswith("3")
                                  else _flag(root.find("notSubjectToSection16"))),
        # Absent on form revisions that predate the 10b5-1 box.
        aff10b5one=None if aff10b5one is None else _flag(aff10b5one),
        # EDGAR's rendering ticks box 6 from the owner count.
        form_filed_by="one" if len(owners) == 1 else "more_than_one",
        issuer=Issuer(**{attr: _text(root.find(f"issuer/{tag}"))
                         for attr, tag in _ISSUER_FIELDS.items()}),
        reporting_owners=owners,
        footnotes=[Footnote(id=(elem.get("id") or "").strip(), text=_text(elem) or "")
                   for elem in root.findall("footnotes/footnote")],
        remarks=_text(root.find("remarks")),
        signatures=[Signature(name=_text(elem.find("signatureName")),
                              date=_converted(elem.find("signatureDate"), _parse_date))
                    for elem in root.findall("ownerSignature")],
        extraction=Extraction(source=source, pages=[], layout=LAYOUT, method="text",
                              confidence=1.0, warnings=[], sha256=sha256),
        **tables,
    )


def _owner(elem: ET.Element) -> ReportingOwner:
    return ReportingOwner(**{
        attr: _flag(elem.find(path)) if attr in _OWNER_FLAGS else _text(elem.find(path))
        for attr, path in _OWNER_FIELDS.items()
    })


def _row(elem: ET.Element, row_class: type) -> Row:
    names = _row_fields(row_class)
    values = {name: _field_value(elem, name) for name in names}
    field_of_path = {path: name for name in names for path in _ROW_FIELDS[name].paths}
    return row_class(**values, footnote_refs=_footnote_refs(elem, field_of_path))


def _field_value(row: ET.Element, name: str) -> Any:
    source = _ROW_FIELDS[name]
    for path in source.paths:
        text = _text(row.find(f"{path}/{source.value_tag}"))
        if text is not None:
            try:
                return _PARSERS[source.kind](text)
            except ValueError as err:
                raise ValueError(f"<{path}>: {err}") from None
    return None


def _footnote_refs(row: ET.Element, field_of_path: dict[str, str]) -> dict[str, list[str]]:
    """footnoteIds under a row, keyed by the field of the element that carries them."""
    refs: dict[str, list[str]] = {}

    def walk(elem: ET.Element, path: str) -> None:
        for child in elem:
            if child.tag != "footnoteId":
                walk(child, f"{path}/{child.tag}" if path else child.tag)
                continue
            footnote_id = (child.get("id") or "").strip()
            ids = refs.setdefault(field_of_path.get(path, ROW_REF), [])
            if footnote_id and footnote_id not in ids:
                ids.append(footnote_id)

    walk(row, "")
    return {key: ids for key, ids in refs.items() if ids}


# ---------------------------------------------------------------------------------------------
# Writing


def write_ownership_xml(record: Record) -> str:
    """The record as an ownershipDocument (X0508 element order); read_ownership_xml inverts it."""
    root = ET.Element("ownershipDocument")
    _add(root, "schemaVersion", WRITTEN_SCHEMA_VERSION)
    _add(root, "documentType", record.document_type)
    _add(root, "periodOfReport", record.period_of_report)
    _add(root, "dateOfOriginalSubmission", record.date_of_original_submission)
    if record.not_subject_to_section16 is not None:
        _add(root, "notSubjectToSection16", _flag_text(record.not_subject_to_section16))
    issuer = ET.SubElement(root, "issuer")
    for attr, tag in _ISSUER_FIELDS.items():
        _add(issuer, tag, getattr(record.issuer, attr))
    for owner in record.reporting_owners:
        _write_owner(ET.SubElement(root, "reportingOwner"), owner)
    if record.aff10b5one is not None:
        _add(root, "aff10b5One", _flag_text(record.aff10b5one))
    for attr, path, _ in _TABLES:
        rows = getattr(record, attr)
        if rows:
            table_tag, row_tag = path.split("/")
            table = root.find(table_tag)
            if table is None:
                table = ET.SubElement(root, table_tag)
            for row in rows:
                _write_row(ET.SubElement(table, row_tag), row, record.document_type[0])
    if record.footnotes:
        footnotes = ET.SubElement(root, "footnotes")
        for footnote in record.footnotes:
            ET.SubElement(footnotes, "footnote", id=footnote.id).text = footnote.text
    _add(root, "remarks", record.remarks)
    for signature in record.signatures:
        elem = ET.SubElement(root, "ownerSignature")
        _add(elem, "signatureName", signature.name)
        _add(elem, "signatureDate", signature.date)
    ET.indent(root)
    return '<?xml version="1.0"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _add(parent: ET.Element, tag: str, text: str | None) -> None:
    if text is not None:
        ET.SubElement(parent, tag).text = text


def _descend(parent: ET.Element, path: str) -> ET.Element:
    """The element at path under parent, creating what is missing."""
    for tag in path.split("/"):
        child = parent.find(tag)
        parent = child if child is not None else ET.SubElement(parent, tag)
    return parent


def _write_owner(elem: ET.Element, owner: ReportingOwner) -> None:
    for attr, path in _OWNER_FIELDS.items():
        value = getattr(owner, attr)
        if value is not None:
            _descend(elem, path).text = _flag_text(value) if attr in _OWNER_FLAGS else value


def _write_row(elem: ET.Element, row: Row, form_type: str) -> None:
    for name in _row_fields(type(row)):
        value, ids = getattr(row, name), row.footnote_refs.get(name, [])
        if value is None and not ids:
            continue
        source = _ROW_FIELDS[name]
        container = _descend(elem, source.paths[0])
        text = None if value is None else _WRITERS.get(source.kind, str)(value)
        _add(container, source.value_tag, text)
        _add_footnote_ids(container, ids)
    _add_footnote_ids(elem, row.footnote_refs.get(ROW_REF, []))
    coding = elem.find("transactionCoding")
    if coding is not None:
        _complete_coding(coding, form_type)


def _add_footnote_ids(elem: ET.Element, ids: list[str]) -> None:
    for footnote_id in ids:
        ET.SubElement(elem, "footnoteId", id=footnote_id)


def _complete_coding(coding: ET.Element, form_type: str) -> None:
    """Add the coding elements the XSD requires but the record does not keep.

    The transaction form type follows the document; the equity swap flag defaults to false.
    """
    form = ET.Element("transactionFormType")
    form.text = form_type
    swap = ET.Element("equitySwapInvolved")
    swap.text = "0"
    coding.insert(0, form)
    coding.insert(2 if coding.find("transactionCode") is not None else 1, swap)
