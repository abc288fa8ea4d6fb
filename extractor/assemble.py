"""Stage 5b, assemble: normalise the cells read from one report into a typed ``Record``.

Every value goes through one field-type function of ``normalise``; a value that does not parse
is left out (None) with a warning naming the field and the text, never guessed. Where each value
was read, and how sure the reader was, goes to ``extraction.fields`` under its JSON pointer.
"""
from __future__ import annotations

import statistics
from typing import Any, Optional

from .normalise import (FIELD_TYPES, collapse, note_price_ranges, parse_name_and_ticker, parse_signature_name,
                        split_footnote_markers)
from .read import Cell, ReportCells, TableRow
from .record import ROW_TYPES, Extraction, Footnote, Issuer, Record, ReportingOwner, Signature

# A table cell in a column whose label was not found may hold a neighbour's text or miss its own.
GUESSED_COLUMN_CONFIDENCE = 0.7
# A transaction row with fewer than two of these values read may be no transaction: a holding whose
# row met specks or a neighbour's print, or a title line read as a row (faxes: 9 of 25 wrong
# fields reported sure were such rows' values).
TRANSACTION_EVIDENCE = ("transaction_date", "transaction_code", "shares", "acquired_disposed")
ROW_KIND_IN_DOUBT_CONFIDENCE = 0.6
# A row whose values OCR read with a median confidence under ROW_READ_UNSURELY_MEDIAN may have been
# cut from the wrong print: mchx's fax read a table's rows two rows off (medians 0.5 to 0.66), each
# price surely (5 of the fax's 10 wrong fields reported sure). None of its values is surer than
# ROW_READ_UNSURELY_CONFIDENCE.
ROW_READ_UNSURELY_MEDIAN = 0.7
ROW_READ_UNSURELY_CONFIDENCE = 0.8
# Box 2 prints the ticker in brackets after the issuer's name; with no bracket read, where the name
# ends is a guess (cao's fax: "CSK AUTO CAO I" for "CSK AUTO CORP [ CAO ]").
NAME_WITHOUT_TICKER_CONFIDENCE = 0.5
# A ticker between what OCR made of the brackets ("AAR CORP I AIR I"): told from the name by the
# shape of the brackets' remains (normalise.TICKER_IN_MISREAD_BRACKETS).
TICKER_IN_MISREAD_BRACKETS_CONFIDENCE = 0.8
# A transaction's date that OCR could not read is taken for the one date of the report its figures
# fit, as a guess: of the transaction dates read in other rows and the date of the earliest
# transaction (box 3), the one printed (MM/DD/YYYY) with the figures read, in their order, in it
# ("20/2020" fits 11/20/2020; nothing read fits any). Faxes of the samples lost 86 transaction
# dates; 50 were their report's only date, 3 were not. A row with no amount owned read, or of a
# kind in doubt (ROW_KIND_IN_DOUBT_CONFIDENCE), may be a title line or specks: it gets no guess.
# Only dates read at least SURE_DATE_CONFIDENCE count: ntra's photo read "11/20/2020" as
# "01/20/2020" in some rows, and so gave the dates it lost two to fit.
DATE_FROM_REPORT_CONFIDENCE = 0.5
SURE_DATE_CONFIDENCE = 0.9
# Column 11 (nature of indirect ownership) is filled in for indirect ownership only: a D/I OCR
# could not read is "I" where a nature was read and "D" where none, as a guess (faxes of the
# samples: 109 of 111 D/Is lost so; photos: 44 of 44).
DIRECT_OR_INDIRECT_FROM_NATURE_CONFIDENCE = 0.5
# A price OCR read no footnote marker beside is taken to cite the one note whose price range holds it
# (normalise.note_price_ranges), as a guess: in the corpus's XML each of the 185 prices that one
# note's range holds cites that note, on the price. Weighted average prices come with such notes;
# their markers are small and raised, and coarse scans lose them.
# A price read as a whole number of four figures or more, which a note's price range holds with a
# decimal point put in ("178001" where the note it cites says "$177.535 to $178.39"), is taken so, as
# a guess: a coarse scan loses a decimal point as it loses a speck (fb's and tsla's photos: 5 such).
MIN_PRICE_WITHOUT_POINT = 1000
PRICE_POINT_FROM_NOTE_CONFIDENCE = 0.5
RELATIONSHIP_MARKS = ("is_director", "is_officer", "is_ten_percent_owner", "is_other")
RELATIONSHIP_TEXTS = ("officer_title", "other_text")
ADDRESS_FIELDS = ("name", "street1", "street2", "city", "state", "zip_code")


class Assembler:
    def __init__(self, cells: ReportCells, source: str):
        self.cells = cells
        self.source = source
        self.warnings: list[str] = list(cells.warnings)
        self.fields: dict[str, dict[str, Any]] = {}
        self.method = _method(cells.methods)
        # transactions whose date was not read: pointer, row, text read, whether a date may be guessed
        self.undated: list[tuple[str, Any, str, bool]] = []
        # transactions read by OCR with a price: pointer, row
        self.prices_read: list[tuple[str, Any]] = []

    def record(self) -> Record:
        cells, values = self.cells, self.cells.values
        issuer_cell = values.get("issuer")
        issuer_name, ticker = parse_name_and_ticker(_text(issuer_cell))
        ticker_read = ticker is not None or "[" in _text(issuer_cell) or not issuer_name
        at_most = (1.0 if "[" in _text(issuer_cell) or not issuer_name
                   else TICKER_IN_MISREAD_BRACKETS_CONFIDENCE if ticker else NAME_WITHOUT_TICKER_CONFIDENCE)
        self._note("/issuer/name", issuer_cell, at_most=at_most)
        self._note("/issuer/trading_symbol", issuer_cell, readable=ticker_read, at_most=at_most)
        if not ticker_read:
            self.warnings.append(f"/issuer/trading_symbol: no ticker in brackets in {_text(issuer_cell)!r}")
        document_type = cells.layout.document_type
        original = self._value("/date_of_original_submission", values.get("date_of_original_submission"), "date")
        if original and not document_type.endswith("/A"):
            document_type += "/A"  # the form's box 4 is only filled in on an amendment
        record = Record(
            document_type=document_type,
            period_of_report=self._value("/period_of_report", values.get("period_of_report"), "date"),
            date_of_original_submission=original,
            not_subject_to_section16=values.get("not_subject_to_section16"),
            aff10b5one=values.get("aff10b5one"),
            form_filed_by=values.get("form_filed_by"),
            issuer=Issuer(name=issuer_name, trading_symbol=ticker, cik=values.get("issuer.cik")),
            reporting_owners=self._owners(),
            footnotes=[Footnote(note_id, collapse(text) or "") for note_id, text in cells.footnotes],
            remarks=collapse(cells.remarks),
            signatures=self._signatures(),
        )
        self._note_sections(record)
        for table in cells.layout.tables:
            transactions, holdings = self._rows(table, cells.tables.get(table.name, []), record)
            getattr(record, table.transactions).extend(transactions)
            getattr(record, table.holdings).extend(holdings)
        self._dates_from_report(record)
        self._price_points_from_notes(record)
        self._price_notes_from_report(record)
        record.extraction = Extraction(source=self.source, pages=cells.pages, layout=cells.layout.name,
                                       method=self.method, confidence=1.0, warnings=self.warnings,
                                       fields=self.fields or None)
        return record

    def _owners(self) -> list[ReportingOwner]:
        """One owner per owner block; where no block could be read (a scan that lost box 1),
        one owner that knows only what box 5 says, so the rest of the report is not lost."""
        owners = []
        for i, block in enumerate(self.cells.owners or [{}]):
            owner = ReportingOwner(cik=block.get("cik"))
            for key in ADDRESS_FIELDS:
                setattr(owner, key, collapse(_text(block.get(key))))
                self._note(f"/reporting_owners/{i}/{key}", block.get(key))
            if i == 0:  # box 5 of the form speaks for the first reporting person
                relationship = self.cells.relationship
                for key in RELATIONSHIP_MARKS:
                    setattr(owner, key, relationship.get(key))
                for key in RELATIONSHIP_TEXTS:
                    setattr(owner, key, collapse(_text(relationship.get(key))))
                    self._note(f"/reporting_owners/0/{key}", relationship.get(key))
            owners.append(owner)
        return owners

    def _rows(self, table, rows: list[TableRow], record: Record) -> tuple[list[Any], list[Any]]:
        transactions, holdings = [], []
        holding_fields = ROW_TYPES[table.holdings].__dataclass_fields__
        for row in rows:
            values: dict[str, Any] = {}
            refs: dict[str, list[str]] = {}
            sources: dict[str, tuple[Cell, bool, int]] = {}
            printed_in_transaction_columns = False
            for index, cell in row.cells.items():
                column = table.columns[index]
                text, markers = split_footnote_markers(cell.text)
                if column.field not in holding_fields and _legible(text):
                    printed_in_transaction_columns = True
                for marker in markers:
                    if marker not in refs.setdefault(column.field, []):
                        refs[column.field].append(marker)
                value, readable = self._parse(f"{table.name} {column.field}", text, column.type)
                if value is not None:
                    values[column.field] = value
                    values.update(column.sets)
                sources[column.field] = (cell, readable, index)
            # A transaction whose date and code could not be read is still no holding.
            is_transaction = (values.get("transaction_code") or values.get("transaction_date")
                              or printed_in_transaction_columns)
            kind_in_doubt = is_transaction and sum(values.get(k) is not None for k in TRANSACTION_EVIDENCE) < 2
            # guesses only for a row that shows what every row of a table prints, an amount owned,
            # and is of no kind in doubt (a title line or specks read as a row)
            may_guess = (values.get("shares_owned_following") is not None and not kind_in_doubt
                         and self._read_by_ocr(row))
            guessed_direct_or_indirect = values.get("direct_or_indirect") is None and may_guess
            if guessed_direct_or_indirect:
                values["direct_or_indirect"] = "I" if _legible(values.get("nature_of_ownership") or "") else "D"
            kind = table.transactions if is_transaction else table.holdings
            row_type = ROW_TYPES[kind]
            known = row_type.__dataclass_fields__
            dropped = [k for k in values if k not in known]
            if dropped:
                self.warnings.append(f"{table.name}: values in {dropped} do not belong to a holding row")
            entry = row_type(**{k: v for k, v in values.items() if k in known},
                             footnote_refs={k: v for k, v in refs.items() if k in known or k == "row"})
            bucket = transactions if is_transaction else holdings
            position = len(getattr(record, kind)) + len(bucket)
            if kind_in_doubt:
                self.warnings.append(f"/{kind}/{position}: of date, code, amount and (A)/(D) fewer than two "
                                     "read; may be no transaction")
            for field_name, (cell, readable, index) in sources.items():
                if field_name in known:
                    self._note(f"/{kind}/{position}/{field_name}", cell, readable,
                               min(GUESSED_COLUMN_CONFIDENCE if index in row.guessed else 1.0,
                                   ROW_KIND_IN_DOUBT_CONFIDENCE if kind_in_doubt else 1.0))
            if self._read_by_ocr(row):
                self._doubt_a_row_read_unsurely([f"/{kind}/{position}/{f}" for f in sources if f in known])
            if guessed_direct_or_indirect:
                pointer = f"/{kind}/{position}/direct_or_indirect"
                if pointer in self.fields:
                    self.fields[pointer]["confidence"] = DIRECT_OR_INDIRECT_FROM_NATURE_CONFIDENCE
                nature = "holds print" if entry.direct_or_indirect == "I" else "is empty"
                self.warnings.append(f"{pointer}: not read; {entry.direct_or_indirect!r} as the nature of ownership "
                                     f"column {nature} (a guess)")
            bucket.append(entry)
            if is_transaction and self._read_by_ocr(row) and entry.price_per_share is not None:
                self.prices_read.append((f"/{kind}/{position}/price_per_share", entry))
            if is_transaction and entry.transaction_date is None:
                date_cell = sources.get("transaction_date", (Cell(""),))[0]
                self.undated.append((f"/{kind}/{position}/transaction_date", entry,
                                     split_footnote_markers(date_cell.text)[0], may_guess))
        return transactions, holdings

    def _doubt_a_row_read_unsurely(self, pointers: list[str]) -> None:
        """A row most of whose values OCR read unsurely may be print of other rows (see
        ROW_READ_UNSURELY_MEDIAN): none of its values is surer than ROW_READ_UNSURELY_CONFIDENCE."""
        confidences = [self.fields[p]["confidence"] for p in pointers if p in self.fields]
        if confidences and statistics.median(confidences) < ROW_READ_UNSURELY_MEDIAN:
            for pointer in pointers:
                if pointer in self.fields:
                    info = self.fields[pointer]
                    info["confidence"] = min(info["confidence"], ROW_READ_UNSURELY_CONFIDENCE)

    def _read_surely(self, pointer: str) -> bool:
        return self.fields.get(pointer, {}).get("confidence", 1.0) >= SURE_DATE_CONFIDENCE

    def _read_by_ocr(self, row: TableRow) -> bool:
        return any(self._method_of(page) == "ocr" for cell in row.cells.values() for page in cell.pages)

    def _method_of(self, page: int) -> str:
        """How a page of the report was read ("text", "ocr"); the report's for a page not among its own."""
        return self.cells.methods[self.cells.pages.index(page)] if page in self.cells.pages else self.method

    def _dates_from_report(self, record: Record) -> None:
        """Transaction dates OCR could not read, as the one date of the report they fit (see
        DATE_FROM_REPORT_CONFIDENCE)."""
        dates = {row.transaction_date for kind in ("non_derivative_transactions", "derivative_transactions")
                 for position, row in enumerate(getattr(record, kind))
                 if row.transaction_date and self._read_surely(f"/{kind}/{position}/transaction_date")}
        if record.period_of_report:
            dates.add(record.period_of_report)
        for pointer, row, text, may_guess in self.undated:
            info = self.fields.get(pointer)
            if info is None or info["method"] != "ocr":
                continue
            figures = "".join(c for c in text if c.isdigit())
            fitting = [date for date in dates if _in_order(figures, f"{date[5:7]}{date[8:10]}{date[:4]}")]
            if may_guess and len(fitting) == 1:
                row.transaction_date = fitting[0]
                info["confidence"] = DATE_FROM_REPORT_CONFIDENCE
                self.warnings.append(f"{pointer}: read {text!r}, taken for the report's date {fitting[0]} "
                                     "it fits (a guess)")
            else:
                info["confidence"] = 0.0  # a transaction has a date: none was read (a marker alone, say)

    def _price_points_from_notes(self, record: Record) -> None:
        """Prices read without their decimal point, taken where a note's price range holds them
        so (see PRICE_POINT_FROM_NOTE_CONFIDENCE)."""
        ranges = {note.id: note_price_ranges(note.text) for note in record.footnotes}
        for pointer, row in self.prices_read:
            price = row.price_per_share
            if not isinstance(price, int) or price < MIN_PRICE_WITHOUT_POINT:
                continue
            cited = [ranges.get(note_id, []) for note_id in row.footnote_refs.get("price_per_share", [])]
            held = {reading for readings in (cited or ranges.values()) for low, high in readings
                    for places in range(1, len(str(price))) for reading in [round(price / 10 ** places, places)]
                    if low <= reading <= high}
            if len(held) == 1:
                row.price_per_share = held.pop()
                if pointer in self.fields:  # (a cell read with no place has none)
                    info = self.fields[pointer]
                    info["confidence"] = min(info["confidence"], PRICE_POINT_FROM_NOTE_CONFIDENCE)
                self.warnings.append(f"{pointer}: read {price}, taken for {row.price_per_share}, which a note's "
                                     "price range holds (a guess)")

    def _price_notes_from_report(self, record: Record) -> None:
        """Prices with no marker read, citing the one note whose price range holds them (see
        the guess above RELATIONSHIP_MARKS)."""
        ranges = {note.id: note_price_ranges(note.text) for note in record.footnotes}
        for pointer, row in self.prices_read:
            if row.footnote_refs.get("price_per_share"):
                continue
            holding = [note_id for note_id, readings in ranges.items()
                       if any(low <= row.price_per_share <= high for low, high in readings)]
            if len(holding) == 1:
                row.footnote_refs["price_per_share"] = holding
                self.warnings.append(f"{pointer}: no footnote marker read; citing {holding[0]}, whose price range "
                                     "holds the price (a guess)")

    def _note_sections(self, record: Record) -> None:
        """Footnotes and remarks carry the confidence of their section as a whole."""
        confidence = self.cells.section_confidence
        for i in range(len(record.footnotes)):
            self.fields[f"/footnotes/{i}/text"] = {"confidence": confidence.get("footnotes", 1.0),
                                                  "method": self.method}
        if record.remarks:
            self.fields["/remarks"] = {"confidence": confidence.get("remarks", 1.0), "method": self.method}

    def _signatures(self) -> list[Signature]:
        signatures = []
        for i, cells in enumerate(self.cells.signatures):
            self._note(f"/signatures/{i}/name", cells["name"])
            date = self._value(f"/signatures/{i}/date", cells["date"], "date")
            signatures.append(Signature(parse_signature_name(cells["name"].text), date))
        return signatures

    def _note(self, pointer: str, cell: Any, readable: bool = True, at_most: float = 1.0) -> None:
        """Where a value was read: page, box in page points, reader and its confidence (none in a
        value whose text could not be read as its type; ``at_most`` where its place is in doubt)."""
        if not isinstance(cell, Cell) or cell.box is None or not cell.pages:
            return
        page = cell.pages[0]
        left, top = self.cells.page_origins.get(page, (0.0, 0.0))
        box = cell.box
        self.fields[pointer] = {
            "confidence": round(min(cell.confidence, at_most), 3) if readable else 0.0, "page": page,
            "bbox": [round(box.x0 - left, 1), round(box.top - top, 1), round(box.x1 - left, 1), round(box.bottom - top, 1)],
            "method": self._method_of(page),
        }

    def _parse(self, where: str, text: str, field_type: str) -> tuple[Any, bool]:
        """The value of the text as the field type, and whether it could be read as such."""
        try:
            return FIELD_TYPES[field_type](text), True
        except ValueError as exc:
            self.warnings.append(f"{where}: {exc}")
            return None, False

    def _value(self, pointer: str, cell: Optional[Cell], field_type: str) -> Any:
        if cell is None:
            return None
        text, _ = split_footnote_markers(cell.text)
        value, readable = self._parse(pointer, text, field_type)
        self._note(pointer, cell, readable)
        return value


def _method(methods: list[str]) -> str:
    return methods[0] if len(set(methods)) == 1 else "mixed"


def _in_order(figures: str, printed: str) -> bool:
    """Whether the figures stand in the printed ones in their order (OCR lost the others)."""
    rest = iter(printed)
    return all(figure in rest for figure in figures)


def _legible(text: str) -> bool:
    """Text that is more than a speck or two: two letters or figures."""
    return sum(c.isalnum() for c in text) >= 2


def _text(value: Any) -> str:
    return value.text if isinstance(value, Cell) else ""


def assemble(cells: ReportCells, source: str) -> Record:
    return Assembler(cells, source).record()
