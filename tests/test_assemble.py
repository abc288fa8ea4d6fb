"""Turning a report's cells into the record (stage 5): values, their places and confidence."""
from __future__ import annotations

from extractor.assemble import (DATE_FROM_REPORT_CONFIDENCE, DIRECT_OR_INDIRECT_FROM_NATURE_CONFIDENCE,
                                NAME_WITHOUT_TICKER_CONFIDENCE, PRICE_POINT_FROM_NOTE_CONFIDENCE,
                                ROW_KIND_IN_DOUBT_CONFIDENCE, ROW_READ_UNSURELY_CONFIDENCE,
                                TICKER_IN_MISREAD_BRACKETS_CONFIDENCE, assemble)
from extractor.layouts import load_layouts
from extractor.locate import Box
from extractor.read import Cell, ReportCells, TableRow


def test_a_value_that_cannot_be_read_as_its_type_has_no_confidence():
    """abnb's fax: a signature date read surely (0.96) as "12/0912020" is no date; the record says
    so with a warning and a confidence of 0, not 0.96. A readable one keeps its reader's."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    name_box, date_box = Box(300, 700, 420, 712), Box(450, 700, 500, 712)
    cells = ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"], signatures=[
        {"name": Cell("/s/ Jung Yeon Son", name_box, (1,), 0.95), "date": Cell("12/0912020", date_box, (1,), 0.96)},
        {"name": Cell("/s/ Roelof Botha", name_box, (1,), 0.95), "date": Cell("12/09/2020", date_box, (1,), 0.93)},
    ])
    record = assemble(cells, source="abnb.fax200.tif")
    assert [s.date for s in record.signatures] == [None, "2020-12-09"]
    fields = record.extraction.fields
    assert fields["/signatures/0/date"]["confidence"] == 0.0
    assert fields["/signatures/1/date"]["confidence"] == 0.93
    assert fields["/signatures/0/name"]["bbox"] == [300, 700, 420, 712]
    assert any(w.startswith("/signatures/0/date: not a date") for w in record.extraction.warnings)


def test_a_row_with_print_in_transaction_columns_is_a_transaction_though_date_and_code_are_unreadable():
    """eb's fax: the date ("09 24 2018" less its slashes) and the code were not read, the amount
    and price were. The row is a transaction with two fields missing, not a holding (which would
    shift every holding after it); a row with a speck there is still a holding."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    box = Box(40, 300, 100, 312)

    def row(**texts: str) -> TableRow:
        fields = [c.field for c in form4.tables[0].columns]
        return TableRow({fields.index(f): Cell(text, box, (1,), 0.9) for f, text in texts.items()})

    cells = ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"], tables={"non_derivative": [
        row(security_title="Common Stock", transaction_date="0924 2O18", transaction_code="¢", shares="225,590",
            price_per_share="$0", shares_owned_following="225,590", direct_or_indirect="D"),
        row(security_title="Common Stock", transaction_date="'", shares_owned_following="1,000", direct_or_indirect="I"),
    ]})
    record = assemble(cells, source="eb.fax200.tif")
    [transaction] = record.non_derivative_transactions
    [holding] = record.non_derivative_holdings
    assert (transaction.transaction_date, transaction.transaction_code, transaction.shares) == (None, None, 225590)
    assert holding.shares_owned_following == 1000
    # Its kind rests on one value and print OCR could not read: every value of it is in doubt.
    confidence = {k: v["confidence"] for k, v in record.extraction.fields.items()}
    assert confidence["/non_derivative_transactions/0/shares"] == ROW_KIND_IN_DOUBT_CONFIDENCE
    assert confidence["/non_derivative_transactions/0/security_title"] == ROW_KIND_IN_DOUBT_CONFIDENCE
    assert confidence["/non_derivative_holdings/0/shares_owned_following"] == 0.9
    assert ("/non_derivative_transactions/0: of date, code, amount and (A)/(D) fewer than two read; "
            "may be no transaction") in record.extraction.warnings


def test_a_holding_that_met_print_in_transaction_columns_is_reported_in_doubt():
    """ntra's fax: the last row, a holding "By estate planning vehicles", had specks and a broken
    rule's strokes in its date and code columns and was read as a 27th sale; its title, D/I and
    nature were reported at 0.96. With neither date nor code read, they are no surer than
    ROW_KIND_IN_DOUBT_CONFIDENCE; a sale above it, dated and coded, keeps its reader's confidence.
    edgar-snow's fax: Table II's title line, garbled, was read as a row "Table" with the code "O"
    (of "II - Derivative") and nothing else: one value is not enough either."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    fields = [c.field for c in form4.tables[0].columns]
    box = Box(40, 300, 100, 312)

    def row(**texts: str) -> TableRow:
        return TableRow({fields.index(f): Cell(text, box, (1,), 0.96) for f, text in texts.items()})

    cells = ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"], tables={"non_derivative": [
        row(security_title="Common Stock", transaction_date="11/20/2020", transaction_code="S", shares="405",
            acquired_disposed="D", shares_owned_following="92,983", direct_or_indirect="D"),
        row(security_title="Common Stock", transaction_date="1i -", transaction_code="Il",
            shares_owned_following="1,109,342", direct_or_indirect="I",
            nature_of_ownership="By estate planning vehicles"),
        row(security_title="Table", transaction_date="li - Derivat (e.g., puts,", transaction_code="O",
            shares="Disposed options, convertible"),
    ]})
    confidence = {k: v["confidence"] for k, v in assemble(cells, source="ntra.fax200.tif").extraction.fields.items()}
    assert confidence["/non_derivative_transactions/0/security_title"] == 0.96
    assert confidence["/non_derivative_transactions/1/nature_of_ownership"] == ROW_KIND_IN_DOUBT_CONFIDENCE
    assert confidence["/non_derivative_transactions/1/direct_or_indirect"] == ROW_KIND_IN_DOUBT_CONFIDENCE
    assert confidence["/non_derivative_transactions/2/security_title"] == ROW_KIND_IN_DOUBT_CONFIDENCE
    assert confidence["/non_derivative_transactions/2/transaction_code"] == ROW_KIND_IN_DOUBT_CONFIDENCE


def test_a_cell_of_a_column_placed_without_its_label_is_in_doubt():
    """wmt's fax: "2. Transaction Date" was not found, so its dates fell in the title's column; the
    title column's cells are no surer than GUESSED_COLUMN_CONFIDENCE, whatever the reader says."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    fields = [c.field for c in form4.tables[0].columns]
    box = Box(40, 300, 100, 312)
    row = TableRow({fields.index("security_title"): Cell("Common Stock 11/23/2020", box, (1,), 0.96),
                    fields.index("shares_owned_following"): Cell("1,000", box, (1,), 0.96)},
                   guessed=frozenset({fields.index("security_title")}))
    cells = ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"], tables={"non_derivative": [row]})
    confidence = {k: v["confidence"] for k, v in assemble(cells, source="wmt.fax200.tif").extraction.fields.items()}
    assert confidence["/non_derivative_holdings/0/security_title"] == 0.7
    assert confidence["/non_derivative_holdings/0/shares_owned_following"] == 0.96


def test_an_issuer_read_without_the_brackets_of_its_ticker_has_no_ticker_and_a_name_in_doubt():
    """cao's fax: "CSK AUTO CORP [ CAO ]" read "CSK AUTO CAO I", name and ticker reported at 0.9. Where
    the brackets' remains stand apart (air's fax: "AAR CORP I AIR I"), name and ticker are told, in
    doubt."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    box = Box(228, 130, 338, 139)
    for text, name, ticker, confidence in [
            ("CSK AUTO CAO I", "CSK AUTO CAO I", None, (NAME_WITHOUT_TICKER_CONFIDENCE, 0.0)),
            ("CSK AUTO CORP [ CAO ]", "CSK AUTO CORP", "CAO", (0.9, 0.9)),
            ("AAR CORP I AIR I", "AAR CORP", "AIR", (TICKER_IN_MISREAD_BRACKETS_CONFIDENCE,) * 2)]:
        cells = ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"],
                            values={"issuer": Cell(text, box, (1,), 0.9)})
        record = assemble(cells, source="cao.fax200.tif")
        assert (record.issuer.name, record.issuer.trading_symbol) == (name, ticker)
        fields = record.extraction.fields
        assert (fields["/issuer/name"]["confidence"], fields["/issuer/trading_symbol"]["confidence"]) == confidence


def test_a_transaction_date_ocr_could_not_read_is_the_one_date_of_the_report_its_figures_fit():
    """ntra's fax: sales dated 11/20/2020 read "20/2020" and "LP 20 2020"; one read "1 I 202820" has
    an 8 no date of the report holds. From a text layer nothing is guessed."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    fields = [c.field for c in form4.tables[0].columns]
    box = Box(40, 300, 100, 312)

    def sale(date: str, date_confidence: float = 0.9) -> TableRow:
        texts = dict(security_title="Common Stock", transaction_date=date, transaction_code="S", shares="405",
                     acquired_disposed="D", shares_owned_following="92,983", direct_or_indirect="D")
        return TableRow({fields.index(f): Cell(text, box, (1,), date_confidence if f == "transaction_date" else 0.9)
                         for f, text in texts.items()})

    rows = [sale("11/20/2020"), sale("20/2020"), sale("LP 20 2020"), sale("1 I 202820"), sale("(4)")]
    scanned = assemble(ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"],
                                   tables={"non_derivative": rows}), source="ntra.fax200.tif")
    assert [t.transaction_date for t in scanned.non_derivative_transactions] == [
        "2020-11-20", "2020-11-20", "2020-11-20", None, "2020-11-20"]
    confidence = {k: v["confidence"] for k, v in scanned.extraction.fields.items()}
    assert confidence["/non_derivative_transactions/0/transaction_date"] == 0.9
    assert confidence["/non_derivative_transactions/1/transaction_date"] == DATE_FROM_REPORT_CONFIDENCE
    assert confidence["/non_derivative_transactions/3/transaction_date"] == 0.0  # a transaction's date not read
    assert ("/non_derivative_transactions/1/transaction_date: read '20/2020', taken for the report's date "
            "2020-11-20 it fits (a guess)") in scanned.extraction.warnings
    # air's fax: Table II's title line read as a row: no date is guessed for it
    title_line = TableRow({fields.index("security_title"): Cell("tt- Derivative (e.g., purs,", box, (1,), 0.9),
                           fields.index("transaction_date"): Cell("Code", box, (1,), 0.9)})
    # aasp's fax: the table's header read as a row, with a figure in its amount column
    header_line = TableRow({fields.index("security_title"): Cell("3A. Deemed Execution", box, (1,), 0.9),
                            fields.index("transaction_date"): Cell("if any (Month/Day! Year)", box, (1,), 0.9),
                            fields.index("shares_owned_following"): Cell("5", box, (1,), 0.9)})
    with_title = assemble(ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"],
                                      tables={"non_derivative": [sale("01/10/2025"), title_line, header_line]}),
                          source="air.fax200.tif")
    assert [t.transaction_date for t in with_title.non_derivative_transactions] == ["2025-01-10", None, None]
    assert [t.direct_or_indirect for t in with_title.non_derivative_transactions] == ["D", None, None]
    # eb's fax: a date cell read as a marker alone, on a report of two dates, is a date not read
    two_dates = assemble(ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"],
                                     tables={"non_derivative": [sale("11/20/2020"), sale("11/19/2020"), sale("(4)")]}),
                         source="eb.fax200.tif")
    assert two_dates.non_derivative_transactions[2].transaction_date is None
    assert two_dates.extraction.fields["/non_derivative_transactions/2/transaction_date"]["confidence"] == 0.0
    # ntra's photo: a date misread in doubt ("11/20/2020" as "01/20/2020") is no date of the report
    misread = assemble(ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"],
                                   tables={"non_derivative": [sale("11/20/2020"), sale("01/20/2020", 0.56),
                                                              sale("20/2020")]}), source="ntra.photo150.tif")
    assert [t.transaction_date for t in misread.non_derivative_transactions] == [
        "2020-11-20", "2020-01-20", "2020-11-20"]
    typed = assemble(ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["text"],
                                 tables={"non_derivative": rows}), source="ntra.pdf")
    assert [t.transaction_date for t in typed.non_derivative_transactions] == ["2020-11-20", None, None, None, None]


def test_a_direct_or_indirect_ocr_could_not_read_is_told_by_the_nature_of_ownership():
    """hbb's fax: a lone "I" OCR passed over (no cell) or misread ("|;"), beside "Held by Spouse";
    a holding with no nature is direct. From a text layer nothing is guessed."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    fields = [c.field for c in form4.tables[0].columns]
    box = Box(40, 300, 100, 312)

    def holding(**texts: str) -> TableRow:
        return TableRow({fields.index(f): Cell(text, box, (1,), 0.9) for f, text in texts.items()})

    rows = [holding(security_title="Class A Common Stock", shares_owned_following="563",
                    nature_of_ownership="Held by Spouse"),
            holding(security_title="Class A Common Stock", shares_owned_following="1,000", direct_or_indirect="|;"),
            holding(security_title="Class A Common Stock", shares_owned_following="2,000", direct_or_indirect="D")]
    scanned = assemble(ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["ocr"],
                                   tables={"non_derivative": rows}), source="hbb.fax200.tif")
    assert [h.direct_or_indirect for h in scanned.non_derivative_holdings] == ["I", "D", "D"]
    confidence = {k: v["confidence"] for k, v in scanned.extraction.fields.items()}
    assert "/non_derivative_holdings/0/direct_or_indirect" not in confidence  # no cell, no place
    assert confidence["/non_derivative_holdings/1/direct_or_indirect"] == DIRECT_OR_INDIRECT_FROM_NATURE_CONFIDENCE
    assert confidence["/non_derivative_holdings/2/direct_or_indirect"] == 0.9
    assert ("/non_derivative_holdings/0/direct_or_indirect: not read; 'I' as the nature of ownership column "
            "holds print (a guess)") in scanned.extraction.warnings
    typed = assemble(ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=["text"],
                                 tables={"non_derivative": rows}), source="hbb.pdf")
    assert [h.direct_or_indirect for h in typed.non_derivative_holdings] == [None, None, "D"]


def assembled_sales(prices: list[str], notes: list[tuple[str, str]], method: str):
    """A report of sales at ``prices`` (every cell read at 0.9) with ``notes``, assembled as read by
    ``method`` ("ocr" or "text")."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    box = Box(400, 300, 450, 312)
    fields = [c.field for c in form4.tables[0].columns]
    texts = {"security_title": "Common Stock", "transaction_date": "05/04/2022", "transaction_code": "S",
             "shares": "900", "acquired_disposed": "D", "shares_owned_following": "457,976", "direct_or_indirect": "D"}
    rows = [TableRow({fields.index(f): Cell(text, box, (1,), 0.9)
                      for f, text in {**texts, "price_per_share": price}.items()}) for price in prices]
    return assemble(ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=[method], footnotes=notes,
                                tables={"non_derivative": rows}), source=f"sales.{method}")


def test_a_price_read_without_its_marker_cites_the_one_note_whose_price_range_holds_it():
    """aapl's photo: the markers of "$159.94(2)" and "$163.94(6)" were lost; notes 2 and 6 give the
    ranges of those weighted average prices (note 6 read with its range's top lost). A price that
    two notes' ranges hold, or none, or whose marker was read, is left as read; so is a price read
    from a text layer."""
    ranged = "This transaction was executed in multiple trades at prices ranging from {}; the price reported above"
    notes = [("F1", "This transaction was made pursuant to a Rule 10b5-1 trading plan."),
             ("F2", ranged.format("$159.42 to $160.41")), ("F6", ranged.format("$163.46 to the")),
             ("F7", ranged.format("$164.55 to $165.51")), ("F8", ranged.format("$165,000 to $166,380")),
             ("F9", ranged.format("$165.00 to $166.00"))]
    prices = ["$159.94", "$163.94", "$165.06 (7)", "$165.95", "$170.00"]
    scanned = assembled_sales(prices, notes, "ocr")
    assert [t.footnote_refs.get("price_per_share") for t in scanned.non_derivative_transactions] == [
        ["F2"], None, ["F7"], None, None]
    assert ("/non_derivative_transactions/0/price_per_share: no footnote marker read; citing F2, whose price range "
            "holds the price (a guess)") in scanned.extraction.warnings
    typed = assembled_sales(prices, notes, "text")
    assert [t.footnote_refs.get("price_per_share") for t in typed.non_derivative_transactions] == [
        None, None, ["F7"], None, None]


def test_a_price_read_without_its_decimal_point_is_taken_as_a_note_s_price_range_holds_it():
    """fb's photo: "$178.001" and "$175.221(15)" read "178001" and "175221 (15)"; the notes give the
    ranges of those weighted average prices. The range of a note the price cites is looked in where
    it cites one (note 15 holds 175.221, the uncited note 16 would too), any note's otherwise. A
    price no range holds with a point ("$4,500"), or that two readings fit ("17560": 17.56 and 175.60),
    is left as read; so is a price read from a text layer."""
    ranged = "The reported price in Column 4 is a weighted average price ... ranging from {} per share, inclusive."
    notes = [("F11", ranged.format("$177.535 to $178.39")), ("F15", ranged.format("$174.70 to $175.67")),
             ("F16", ranged.format("$175.00 to $175.95")), ("F17", ranged.format("$17.50 to $17.59"))]
    prices = ["178001", "175221 (15)", "$4,500", "17560", "$175.221"]
    scanned = assembled_sales(prices, notes, "ocr")
    assert [t.price_per_share for t in scanned.non_derivative_transactions] == [
        178.001, 175.221, 4500, 17560, 175.221]
    confidence = {k: v["confidence"] for k, v in scanned.extraction.fields.items()}
    assert confidence["/non_derivative_transactions/0/price_per_share"] == PRICE_POINT_FROM_NOTE_CONFIDENCE
    assert confidence["/non_derivative_transactions/2/price_per_share"] == 0.9
    assert ("/non_derivative_transactions/0/price_per_share: read 178001, taken for 178.001, which a note's price "
            "range holds (a guess)") in scanned.extraction.warnings
    assert scanned.non_derivative_transactions[0].footnote_refs.get("price_per_share") == ["F11"]
    assert [t.price_per_share for t in assembled_sales(prices, notes, "text").non_derivative_transactions] == [
        178001, 175221, 4500, 17560, 175.221]


def test_the_values_of_a_row_read_unsurely_are_no_surer_than_a_guess():
    """mchx's fax: a table read two rows off, each price read surely among values read unsurely."""
    form4 = next(layout for layout in load_layouts() if layout.name.endswith("form4"))
    fields = [c.field for c in form4.tables[0].columns]
    box = Box(40, 300, 100, 312)
    confidences = {"security_title": 0.6, "transaction_date": 0.0, "transaction_code": 0.5, "shares": 0.31,
                   "acquired_disposed": 0.7, "price_per_share": 0.95, "shares_owned_following": 0.58}
    texts = {"security_title": "Common Stock", "transaction_date": "1/2", "transaction_code": "S", "shares": "100",
             "acquired_disposed": "D", "price_per_share": "$3.50", "shares_owned_following": "1,290"}

    def fields_read(method: str, confidence_of: dict) -> dict:
        row = TableRow({fields.index(f): Cell(t, box, (1,), confidence_of[f]) for f, t in texts.items()})
        cells = ReportCells(form4, pages=[1], page_origins={1: (0.0, 0.0)}, methods=[method],
                            tables={"non_derivative": [row]})
        return {k: v["confidence"] for k, v in assemble(cells, source=f"mchx.{method}").extraction.fields.items()}

    assert fields_read("ocr", confidences)["/non_derivative_transactions/0/price_per_share"] == ROW_READ_UNSURELY_CONFIDENCE
    surely = {f: 0.9 for f in confidences}
    assert fields_read("ocr", {**surely, "price_per_share": 0.95})["/non_derivative_transactions/0/price_per_share"] == 0.95
    assert fields_read("text", confidences)["/non_derivative_transactions/0/price_per_share"] == 0.95
