"""Cross-checks that catch misreads, and what they do to confidence."""
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


def test_a_text_layer_is_not_doubted_when_the_filing_disagrees_with_itself():
    checked = validate(record(sale(100, 900), sale(200, 760), method="text"))
    assert checked.extraction.warnings  # still said
    assert checked.extraction.fields["/non_derivative_transactions/1/shares_owned_following"]["confidence"] == 0.95
