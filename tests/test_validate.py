"""Cross-checks that catch misreads, and what they do to confidence."""
import pytest

from extractor.record import Extraction, Issuer, NonDerivativeTransaction, Record, ReportingOwner, Signature
from extractor.validate import DOUBTED, validate


def record(*rows: NonDerivativeTransaction, method: str = "ocr") -> Record:
    fields = {f"/non_derivative_transactions/{i}/{name}": {"confidence": 0.95, "method": method}
              for i in range(len(rows)) for name in ("shares", "shares_owned_following", "transaction_code",
                                                      "acquired_disposed")}
    return Record(document_type="4", issuer=Issuer(name="ACME", trading_symbol="ACM"),
                  reporting_owners=[ReportingOwner(name="Doe Jane")], non_derivative_transactions=list(rows),
                  signatures=[Signature("Jane Doe", "2020-01-10")],
                  extraction=Extraction(source="x", fields=fields))


def sale(shares, following, code="S", direction="D", date="2020-01-02"):
    return NonDerivativeTransaction("Common Stock", date, None, code, None, shares, 10.0, direction,
                                    following, "D")


def test_a_consistent_record_stays_sure():
    checked = validate(record(sale(100, 900), sale(200, 700)))
    assert checked.extraction.warnings == []
    assert checked.extraction.confidence == 0.95


def test_a_balance_that_does_not_add_up_doubts_the_figures():
    checked = validate(record(sale(100, 900), sale(200, 760)))
    assert any("900 - 200 is not 760" in w for w in checked.extraction.warnings)
    fields = checked.extraction.fields
    assert fields["/non_derivative_transactions/1/shares_owned_following"]["confidence"] == DOUBTED
    assert fields["/non_derivative_transactions/0/shares"]["confidence"] == 0.95


def test_a_sale_that_acquires_is_a_misread():
    checked = validate(record(sale(100, 900, code="S", direction="A")))
    assert any("code S with (A)" in w for w in checked.extraction.warnings)
    assert checked.extraction.fields["/non_derivative_transactions/0/transaction_code"]["confidence"] == DOUBTED


def test_a_transaction_after_the_signature():
    checked = validate(record(sale(100, 900, date="2020-02-01")))
    assert any("after the signature date 2020-01-10" in w for w in checked.extraction.warnings)


def test_a_transaction_dated_more_than_a_year_after_the_earliest_is_a_misread():
    """mchx's fax read "02/11/2026" for 02/11/2020 surely, and its signature date "9020": no
    transaction of the corpus is dated more than 90 days after its report's earliest (box 3)."""
    late = record(sale(100, 900, date="2020-02-11"), sale(200, 700, date="2026-02-11"))
    late.signatures = [Signature("Jane Doe", "9020-02-13")]
    late.period_of_report = "2020-02-11"
    dates = ("/non_derivative_transactions/1/transaction_date", "/period_of_report",
             "/non_derivative_transactions/0/transaction_date")
    late.extraction.fields.update({pointer: {"confidence": 0.93, "method": "ocr"} for pointer in dates})
    fields = validate(late).extraction.fields
    assert [fields[pointer]["confidence"] for pointer in dates] == [DOUBTED, DOUBTED, 0.93]
    within_a_year = record(sale(100, 900, date="2020-02-11"), sale(200, 700, date="2021-02-10"))
    within_a_year.period_of_report = "2020-02-11"
    assert not any("after the date of earliest" in w for w in validate(within_a_year).extraction.warnings)


@pytest.mark.parametrize("zip_code, doubted", [("9.4304", True), ("94304,", True), ("94304-1234", False),
                                              ("W1K 3JP", False)])
def test_a_postal_code_with_a_stop_in_it_is_a_misread(zip_code, doubted):
    """tsla's fax (2010) read its owner's zip "94304" as "9.4304", surely."""
    checked = record(sale(100, 900))
    checked.reporting_owners[0].zip_code = zip_code
    checked.extraction.fields["/reporting_owners/0/zip_code"] = {"confidence": 0.93, "method": "ocr"}
    confidence = validate(checked).extraction.fields["/reporting_owners/0/zip_code"]["confidence"]
    assert confidence == (DOUBTED if doubted else 0.93)


def test_a_text_layer_is_not_doubted_when_the_filing_disagrees_with_itself():
    checked = validate(record(sale(100, 900), sale(200, 760), method="text"))
    assert checked.extraction.warnings  # still said
    assert checked.extraction.fields["/non_derivative_transactions/1/shares_owned_following"]["confidence"] == 0.95
