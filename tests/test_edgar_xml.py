"""extractor.edgar_xml: EDGAR ownershipDocument XML to a Record and back.

Data: tests/data/edgar_xml/ holds every XML of the shared corpus (real EDGAR filings and the
SEC's official samples) unchanged; tests/data/edgar_xml_repaired/ holds the official samples with
their typos fixed (see the README there), which are the only amendments (3/A, 4/A, 5/A) available.
"""
from __future__ import annotations

import base64
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.edgar_xml import (
    format_xml_number,
    parse_xml_number,
    read_ownership_xml,
    write_ownership_xml,
)
from extractor.record import Record

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "edgar_xml"
REPAIRED = DATA / "edgar_xml_repaired"

# Not well-formed as published, so they must be refused (see the README in REPAIRED).
MALFORMED = {
    "sec-sample_doc3.xml",
    "sec-sample_doc3a.xml",
    "sec-sample_doc4.xml",
    "sec-sample_doc4a.xml",
    "sec-sample_doc5.xml",
    "sec-sample_doc5a.xml",
}
READABLE = ([path for path in sorted(CORPUS.glob("*.xml")) if path.name not in MALFORMED]
            + sorted(REPAIRED.glob("*.xml")))


def test_lines_edgar_wrapped_inside_a_tag_are_joined_with_a_warning() -> None:
    # Published with a line break at 1,023 characters that splits "</fo" + "otnote>".
    record = read_ownership_xml(CORPUS / "snhy_2006-10-15_0001225259-06-000003.xml")
    assert record.footnotes[0].text.endswith("upon the termination of Mr. Robson's employment.")
    assert record.extraction.warnings == ["joined lines that EDGAR wrapped at 1023 characters"]


def file_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def read(name: str) -> dict[str, Any]:
    directory = REPAIRED if (REPAIRED / name).exists() else CORPUS
    return read_ownership_xml(directory / name).to_dict()


def without_extraction(record: Record) -> dict[str, Any]:
    data = record.to_dict()
    del data["extraction"]
    return data


# ---------------------------------------------------------------------------------------------
# (a) every corpus file reads to a record that satisfies the contract


def test_corpus_is_complete() -> None:
    assert len(list(CORPUS.glob("*.xml"))) == 384  # 377 corpus filings + 7 official samples
    assert len(READABLE) == 384  # 378 as published + 6 repaired official samples


@pytest.mark.parametrize("path", READABLE, ids=file_id)
def test_every_file_gives_a_valid_record(path: Path, validate_record) -> None:
    record = read_ownership_xml(path)
    validate_record(record.to_dict())
    assert record.extraction.source == str(path)
    assert record.extraction.layout == "edgar-xml"
    assert record.extraction.confidence == 1.0
    assert re.fullmatch(r"[0-9a-f]{64}", record.extraction.sha256 or "")


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_corpus_files_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match=r"^malformed XML: .*line \d+, column \d+$"):
        read_ownership_xml(CORPUS / name)


# ---------------------------------------------------------------------------------------------
# (b) golden records, checked by hand against the XML


def test_form3_with_derivative_holdings() -> None:
    record = read("abnb_2020-12-09_0000899243-20-033245.xml")
    assert record["document_type"] == "3"
    assert record["period_of_report"] == "2020-12-09"
    assert record["date_of_original_submission"] is None
    assert record["not_subject_to_section16"] is None  # Form 3 has no such box
    assert record["aff10b5one"] is None  # X0206: before the 10b5-1 box
    assert record["form_filed_by"] == "one"
    assert record["issuer"] == {"name": "Airbnb, Inc.", "trading_symbol": "ABNB",
                                "cik": "0001559720"}
    assert record["reporting_owners"] == [{
        "name": "POWELL CATHERINE C", "cik": "0001186045",
        "street1": "888 BRANNAN STREET", "street2": None, "city": "SAN FRANCISCO",
        "state": "CA", "zip_code": "94103",
        "is_director": False, "is_officer": True, "is_ten_percent_owner": False,
        "is_other": False, "officer_title": "Global Head of Hosting", "other_text": None,
    }]
    assert record["non_derivative_transactions"] == []
    assert record["non_derivative_holdings"] == [{
        "security_title": "Class A Common Stock", "shares_owned_following": 75788,
        "direct_or_indirect": "D", "nature_of_ownership": None,
        "footnote_refs": {"shares_owned_following": ["F1"]},
    }]
    assert record["derivative_transactions"] == []
    assert record["derivative_holdings"] == [
        {"security_title": "Stock Option", "conversion_or_exercise_price": 59.53,
         "exercise_date": None, "expiration_date": "2030-02-19",
         "underlying_security_title": "Class A Common Stock",
         "underlying_security_shares": 151578, "shares_owned_following": None,
         "direct_or_indirect": "D", "nature_of_ownership": None,
         "footnote_refs": {"exercise_date": ["F2"]}},
        {"security_title": "Stock Option", "conversion_or_exercise_price": 40.18,
         "exercise_date": None, "expiration_date": "2030-08-08",
         "underlying_security_title": "Class A Common Stock",
         "underlying_security_shares": 202220, "shares_owned_following": None,
         "direct_or_indirect": "D", "nature_of_ownership": None,
         "footnote_refs": {"exercise_date": ["F3"]}},
    ]
    assert [f["id"] for f in record["footnotes"]] == ["F1", "F2", "F3"]
    assert record["footnotes"][2]["text"] == (
        "The stock option vested with respect to 21,064 shares on August 8, 2020 and thereafter"
        " vests in 43 equal monthly installments beginning on August 25, 2020.")
    assert record["remarks"] == "Exhibit 24 - Power of Attorney."
    assert record["signatures"] == [{"name": "/s/ Brian Savage, Attorney-in-fact",
                                     "date": "2020-12-09"}]


def test_form4_with_several_owners_and_footnoted_fields() -> None:
    record = read("rgls_2020-12-04_0001209191-20-061962.xml")
    assert record["document_type"] == "4"
    assert record["not_subject_to_section16"] is False
    assert record["aff10b5one"] is None  # X0306
    assert record["form_filed_by"] == "more_than_one"
    assert [(o["name"], o["cik"]) for o in record["reporting_owners"]] == [
        ("Growth Equity Opportunities V, LLC", "0001706444"),
        ("New Enterprise Associates 16, L.P.", "0001694560"),
        ("NEA Partners 16, L.P.", "0001712881"),
        ("NEA 16 GP, LLC", "0001712882"),
    ]
    for owner in record["reporting_owners"]:
        assert (owner["street1"], owner["street2"], owner["city"], owner["state"],
                owner["zip_code"]) == ("1954 GREENSPRING DRIVE", "SUITE 600", "TIMONIUM",
                                       "MD", "21093")
        assert (owner["is_director"], owner["is_officer"], owner["is_ten_percent_owner"],
                owner["is_other"]) == (False, False, True, False)
        assert owner["officer_title"] is None and owner["other_text"] is None
    assert record["non_derivative_transactions"] == [{
        "security_title": "Common Stock", "transaction_date": "2020-12-04",
        "deemed_execution_date": None, "transaction_code": "P",
        "transaction_timeliness": None, "shares": 4398602, "price_per_share": 0.622,
        "acquired_disposed": "A", "shares_owned_following": 6451056,
        "direct_or_indirect": "D", "nature_of_ownership": None,
        "footnote_refs": {"transaction_code": ["F1"], "direct_or_indirect": ["F2"]},
    }]
    warrant, preferred = record["derivative_transactions"]
    assert warrant == {
        "security_title": "Common Stock Purchase Warrant (right to buy)",
        "conversion_or_exercise_price": 0.7464, "transaction_date": "2020-12-04",
        "deemed_execution_date": None, "transaction_code": "P",
        "transaction_timeliness": None, "shares": 5239254, "acquired_disposed": "A",
        "exercise_date": "2020-12-04", "expiration_date": "2025-12-04",
        "underlying_security_title": "Common Stock", "underlying_security_shares": 5239254,
        "price_per_share": 0.125, "shares_owned_following": 5239254,
        "direct_or_indirect": "D", "nature_of_ownership": None,
        "footnote_refs": {"transaction_code": ["F1"], "direct_or_indirect": ["F2"]},
    }
    assert preferred["conversion_or_exercise_price"] is None
    assert preferred["expiration_date"] is None
    assert (preferred["shares"], preferred["price_per_share"],
            preferred["underlying_security_shares"]) == (258707, 6.22, 2587070)
    assert preferred["footnote_refs"] == {
        "conversion_or_exercise_price": ["F3"], "transaction_code": ["F1"],
        "expiration_date": ["F3"], "underlying_security_shares": ["F3"],
        "direct_or_indirect": ["F2"],
    }
    # The XML breaks this footnote across lines: "the\nsole general partner".
    assert "NEA Partners 16, L.P. (\"NEA Partners\"), the sole general partner of NEA 16," in (
        record["footnotes"][1]["text"])
    assert record["remarks"] is None  # <remarks></remarks>
    assert record["signatures"] == [{"name": "/s/ Sasha Keough, attorney-in-fact",
                                     "date": "2020-12-07"}]


def test_form4_total_value_and_value_owned_rows() -> None:
    record = read("abcl_2020-12-15_0000899243-20-034355.xml")
    note = record["derivative_transactions"][0]
    assert note["security_title"] == "Convertible Note"
    assert note["shares"] == 30430000  # transactionTotalValue "30430000.00"
    assert note["price_per_share"] == 30430000
    assert note["shares_owned_following"] == 30430000  # valueOwnedFollowingTransaction
    assert note["underlying_security_shares"] == 2477100
    assert note["transaction_timeliness"] is None  # <value></value>
    assert note["footnote_refs"] == {
        "conversion_or_exercise_price": ["F6"], "transaction_code": ["F11"],
        "exercise_date": ["F6"], "expiration_date": ["F6"], "nature_of_ownership": ["F1"],
    }


def test_form5() -> None:
    record = read("sndr_2019-12-31_0000892712-20-000081.xml")
    assert record["document_type"] == "5"
    assert record["period_of_report"] == "2019-12-31"
    assert record["not_subject_to_section16"] is False  # box on the form, element absent
    assert record["aff10b5one"] is None
    assert record["issuer"] == {"name": "Schneider National, Inc.", "trading_symbol": "SNDR",
                                "cik": "0001692063"}
    assert record["reporting_owners"][0]["name"] == "Koller Therese A."
    assert record["reporting_owners"][0]["is_ten_percent_owner"] is True
    assert record["non_derivative_transactions"] == [{
        "security_title": "Class B Common Stock", "transaction_date": "2019-03-05",
        "deemed_execution_date": None, "transaction_code": "G",
        "transaction_timeliness": None, "shares": 16549, "price_per_share": None,
        "acquired_disposed": "A", "shares_owned_following": 1537590,
        "direct_or_indirect": "D", "nature_of_ownership": None,
        "footnote_refs": {"price_per_share": ["F1"]},
    }]
    assert record["non_derivative_holdings"] == [{
        "security_title": "Class B Common Stock", "shares_owned_following": 3029320,
        "direct_or_indirect": "I", "nature_of_ownership": "By Trusts",
    }]
    assert record["derivative_holdings"] == [{
        "security_title": "Class A Common Stock", "conversion_or_exercise_price": None,
        "exercise_date": None, "expiration_date": None,
        "underlying_security_title": "Class B Common Stock",
        "underlying_security_shares": 16605900, "shares_owned_following": 16605900,
        "direct_or_indirect": "I", "nature_of_ownership": "See Footnote 2.",
        "footnote_refs": {"conversion_or_exercise_price": ["F2"], "exercise_date": ["F2"],
                          "expiration_date": ["F2"]},
    }]
    # Two spaces after "person." in the XML.
    assert "held by the reporting person. Each share" in record["footnotes"][1]["text"]
    assert record["signatures"] == [{"name": "Dennis F. Connolly P.O.A.", "date": "2020-02-12"}]


def test_form4_amendment() -> None:
    record = read("sec-sample_doc4a.xml")
    assert record["document_type"] == "4/A"
    assert record["period_of_report"] == "2003-09-15"
    assert record["date_of_original_submission"] == "2003-03-01"
    assert record["not_subject_to_section16"] is True
    assert record["aff10b5one"] is True
    assert record["form_filed_by"] == "more_than_one"
    assert record["issuer"] == {"name": None, "trading_symbol": "AWI", "cik": "1212121212"}
    assert [o["cik"] for o in record["reporting_owners"]] == ["343434", "343435", "1212121212"]
    assert record["reporting_owners"][2]["street1"] is None  # no address element
    first, second = record["non_derivative_transactions"]
    assert first == {
        "security_title": "Common Stock", "transaction_date": "2002-11-01",
        "deemed_execution_date": "2002-11-02", "transaction_code": "J",
        "transaction_timeliness": None, "shares": 2000, "price_per_share": 0,
        "acquired_disposed": "A", "shares_owned_following": 999,  # "999.0"
        "direct_or_indirect": "I",
        "nature_of_ownership": "This describes the nature of the ownership.",
        "footnote_refs": {"transaction_code": ["F1", "F2", "F3"],
                          "transaction_timeliness": ["F3"]},
    }
    assert second["shares_owned_following"] == 2111111  # valueOwnedFollowingTransaction
    # Holdings listed between the two transactions in the XML keep their own order.
    assert [h["security_title"] for h in record["non_derivative_holdings"]] == [
        "Preferred Stock Options", "Common Stock Options"]
    assert record["non_derivative_holdings"][1]["shares_owned_following"] == 2222.33
    derivative = record["derivative_transactions"][0]
    assert derivative["underlying_security_shares"] == 100.12  # underlyingSecurityValue
    assert derivative["footnote_refs"] == {
        "security_title": ["F1", "F3"], "conversion_or_exercise_price": ["F5"],
        "price_per_share": ["F2"], "expiration_date": ["F4"]}
    assert [s["name"] for s in record["signatures"]] == ["Jane Doe", "John Q. Public",
                                                          "Uncle Sam"]


def test_dates_lose_their_timezone() -> None:
    record = read("bicx_2021-09-30_hc99aa20d7d.xml")
    assert record["period_of_report"] == "2021-09-30"  # "2021-09-30-05:00"
    assert record["non_derivative_transactions"][0]["transaction_date"] == "2021-09-30"
    assert record["signatures"][0]["date"] == "2021-10-26"


# ---------------------------------------------------------------------------------------------
# Wrappers and inputs


def edgar_submission(document: bytes, document_type: str = "4/A") -> bytes:
    """An edgarSubmission like the SEC's sample filings, with a cover letter before the form."""
    cover = base64.b64encode(b"cover letter").decode()
    form = base64.b64encode(document).decode()
    return (
        f"<?xml version=\"1.0\"?>\n<edgarSubmission>\n"
        f"<submissionType>{document_type}</submissionType><testOrLive>TEST</testOrLive>\n"
        f"<edgarDocument><documentName>cover01.txt</documentName><documentType>COVER"
        f"</documentType><documentMimeBlock>{cover}</documentMimeBlock></edgarDocument>\n"
        f"<edgarDocument><documentName>doc.xml</documentName><documentType>{document_type}"
        f"</documentType><documentMimeBlock>\n{form}\n</documentMimeBlock></edgarDocument>\n"
        f"</edgarSubmission>\n"
    ).encode()


def full_submission(document: bytes) -> bytes:
    return (b"<SEC-DOCUMENT>0000000000-00-000000.txt : 20200101\n<SEC-HEADER>\n</SEC-HEADER>\n"
            b"<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n" + document + b"\n</XML>\n</TEXT>\n"
            b"</DOCUMENT>\n</SEC-DOCUMENT>\n")


def test_bytes_path_and_wrappers_give_the_same_record() -> None:
    path = REPAIRED / "sec-sample_doc4a.xml"
    expected = without_extraction(read_ownership_xml(path))
    document = path.read_bytes()
    for data in (document, edgar_submission(document), full_submission(document)):
        assert without_extraction(read_ownership_xml(data)) == expected


def test_extraction_names_the_source() -> None:
    path = CORPUS / "rgls_2020-12-04_0001209191-20-061962.xml"
    assert read_ownership_xml(path, source_name="in.xml").extraction.source == "in.xml"
    from_bytes = read_ownership_xml(path.read_bytes())
    assert from_bytes.extraction.source == ""
    assert from_bytes.extraction.sha256 == read_ownership_xml(path).extraction.sha256


# ---------------------------------------------------------------------------------------------
# (c) round trip: read -> write -> read


@pytest.mark.parametrize("path", READABLE, ids=file_id)
def test_round_trip(path: Path) -> None:
    record = read_ownership_xml(path)
    written = write_ownership_xml(record)
    assert written.startswith('<?xml version="1.0"?>\n<ownershipDocument>')
    assert "<schemaVersion>X0508</schemaVersion>" in written
    assert without_extraction(read_ownership_xml(written.encode())) == without_extraction(record)


def test_written_coding_has_the_elements_the_xsd_requires() -> None:
    written = write_ownership_xml(read_ownership_xml(REPAIRED / "sec-sample_doc4a.xml"))
    assert re.search(r"<transactionCoding>\s*<transactionFormType>4</transactionFormType>\s*"
                     r"<transactionCode>J</transactionCode>\s*"
                     r"<equitySwapInvolved>0</equitySwapInvolved>\s*"
                     r'<footnoteId id="F1" />', written)


def test_round_trip_keeps_row_level_refs_and_month_periods() -> None:
    record = read_ownership_xml(CORPUS / "rgls_2020-12-04_0001209191-20-061962.xml")
    record.period_of_report = "2020-12"  # as read from a pre-2002 paper form
    record.non_derivative_transactions[0].footnote_refs["row"] = ["F3"]
    again = read_ownership_xml(write_ownership_xml(record).encode())
    assert without_extraction(again) == without_extraction(record)


# ---------------------------------------------------------------------------------------------
# (d) refusals


OWNERSHIP = (b'<?xml version="1.0"?><ownershipDocument><documentType>%s</documentType>'
             b"<periodOfReport>2020-01-01</periodOfReport><issuer><issuerCik>1</issuerCik>"
             b"</issuer>%s%s</ownershipDocument>")
OWNER = b"<reportingOwner><reportingOwnerId><rptOwnerCik>2</rptOwnerCik></reportingOwnerId>" \
        b"</reportingOwner>"
BAD_SHARES = (b"<nonDerivativeTable><nonDerivativeTransaction><transactionAmounts>"
              b"<transactionShares><value>1,000</value></transactionShares></transactionAmounts>"
              b"</nonDerivativeTransaction></nonDerivativeTable>")


@pytest.mark.parametrize("data, message", [
    (b"<ownershipDocument><documentType>4</documentType>", "malformed XML: no element found"),
    (b"not xml at all", "malformed XML: syntax error"),
    (b'<?xml version="1.0"?><html><body>Form 4</body></html>',
     r"not an EDGAR ownership document \(root element <html>\)"),
    (OWNERSHIP % (b"10-K", OWNER, b""), "unsupported documentType '10-K'"),
    (OWNERSHIP % (b"4", b"", b""), "ownershipDocument has no reportingOwner"),
    (OWNERSHIP % (b"4", OWNER, BAD_SHARES),
     r"<transactionAmounts/transactionShares>: not a decimal number: '1,000'"),
    (edgar_submission(b"<ownershipDocument>"),
     "edgarSubmission document doc.xml: malformed XML"),
    (edgar_submission(b"", document_type="COVER"),
     "edgarSubmission holds no Form 3, 4 or 5 document"),
])
def test_refusals_are_one_line_value_errors(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}") as caught:
        read_ownership_xml(data, source_name="in.xml")
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------------------------------------
# (e) the number parser


@given(st.integers(min_value=-10**20, max_value=10**20), st.integers(0, 6))
def test_integral_numbers_become_ints(value: int, zeros: int) -> None:
    text = f"{value}.{'0' * zeros}" if zeros else str(value)
    parsed = parse_xml_number(text)
    assert parsed == value and type(parsed) is int


@given(st.decimals(min_value=0, max_value=10**11, places=4, allow_nan=False,
                   allow_infinity=False))
def test_decimals_parse_exactly(value: Decimal) -> None:
    text = format(value, "f")  # as an XML value: up to 15 significant digits, no exponent
    parsed = parse_xml_number(text)
    assert Decimal(str(parsed)) == value
    assert (type(parsed) is int) == (value == value.to_integral_value())


@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False,
                   allow_infinity=False), st.text(" \t\r\n", max_size=3),
       st.text(" \t\r\n", max_size=3))
def test_surrounding_white_space_is_ignored(value: Decimal, before: str, after: str) -> None:
    text = format(value, "f")
    assert parse_xml_number(before + text + after) == parse_xml_number(text)


@given(st.one_of(st.none(), st.text(" \t\r\n", max_size=4)))
def test_blank_is_none(text: str | None) -> None:
    assert parse_xml_number(text) is None


@pytest.mark.parametrize("text", ["1,000", "$5", "1e5", "NaN", "Infinity", "1.2.3", "--1", "abc",
                                  "5 000", "."])
def test_non_decimals_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a decimal number"):
        parse_xml_number(text)


@pytest.mark.parametrize("text, expected", [("22000", 22000), ("2.35", 2.35), ("22000.00", 22000),
                                            ("0.3300", 0.33), (".5", 0.5), ("7.", 7)])
def test_examples(text: str, expected: float) -> None:
    assert parse_xml_number(text) == expected
    assert type(parse_xml_number(text)) is type(expected)


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_format_is_the_inverse_of_parse(value: float) -> None:
    text = format_xml_number(value)
    assert re.fullmatch(r"-?\d+(\.\d+)?", text)
    assert parse_xml_number(text) == value
