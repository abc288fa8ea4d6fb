"""Stage 7, write: records as JSON, JSON Lines, CSV, SQLite or EDGAR XML.

Every writer is fed from ``Record.to_dict()``. A writer takes the records of one input at a time
(``add``, in input order) and completes its output in ``finish``; ``discard`` after a failure
leaves nothing half-written. Files appear only whole: each is written to a temporary file in its
folder and moved into place with ``os.replace``.
"""
from __future__ import annotations

import csv
import json
import os
import secrets
import shutil
import sqlite3
import textwrap
from abc import ABC, abstractmethod
from dataclasses import dataclass, fields
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Iterator, Optional, Sequence, TextIO

from .edgar_xml import write_ownership_xml
from .record import ROW_TYPES, DerivativeTransaction, Issuer, Record, ReportingOwner

RecordDict = dict[str, Any]

TABLE_NAMES = {
    "non_derivative_transactions": "non_derivative_transaction",
    "non_derivative_holdings": "non_derivative_holding",
    "derivative_transactions": "derivative_transaction",
    "derivative_holdings": "derivative_holding",
}
HEADER_FIELDS = ("record_version", "document_type", "period_of_report", "date_of_original_submission",
                 "not_subject_to_section16", "aff10b5one", "form_filed_by", "remarks")
ISSUER_FIELDS = tuple(f.name for f in fields(Issuer))
OWNER_FIELDS = tuple(f.name for f in fields(ReportingOwner))


def _row_fields() -> tuple[str, ...]:
    # The derivative transaction is the widest row kind, so its field order leads.
    kinds = [DerivativeTransaction, *ROW_TYPES.values()]
    names = dict.fromkeys(f.name for kind in kinds for f in fields(kind))
    return tuple(name for name in names if name not in ("footnote_refs", "raw"))


ROW_FIELDS = _row_fields()
TABLE_ROW_COLUMNS = ("table_name", "row_index", *ROW_FIELDS, "footnote_refs")
CSV_COLUMNS = ("source", "report_index", "document_type", "period_of_report", "issuer_name",
               "issuer_trading_symbol", "issuer_cik", "reporting_owner_name", "reporting_owner_cik",
               *TABLE_ROW_COLUMNS)


@dataclass(frozen=True)
class Extracted:
    """The records read from one input file, as ``Record.to_dict()`` gives them."""
    path: Path
    records: list[RecordDict]


@dataclass(frozen=True)
class Target:
    """What every writer of a batch may need to know besides its output."""
    inputs: Sequence[Path]  # every input file of the batch, in order; none is ever overwritten
    single_input: bool  # the command line named one file: JSON shows its one report as an object
    stdout: TextIO


class OutputError(Exception):
    """The output of one input must not or cannot be written; the message is the one-line reason."""


class Writer(ABC):
    """Output of a batch: ``add`` each input's records in input order, then ``finish``.

    Used as a context manager it finishes when the block succeeds and discards otherwise. An
    OSError from ``add`` means the output as a whole is failing.
    """

    @abstractmethod
    def add(self, extracted: Extracted) -> None:
        """Write the records of one input, all or none of them."""

    def finish(self) -> None:
        pass

    def discard(self) -> None:
        pass

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, exc_type: Optional[type[BaseException]], exc: Optional[BaseException],
                 traceback: Optional[TracebackType]) -> None:
        if exc_type is not None:
            self.discard()
            return
        try:
            self.finish()
        except BaseException:
            self.discard()
            raise


# ---------------------------------------------------------------------------------------------
# Serialising records


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def json_document(records: list[RecordDict]) -> str:
    """One object for one report, an array for several."""
    return json_text(records[0] if len(records) == 1 else records) + "\n"


def xml_document(record: RecordDict) -> str:
    return write_ownership_xml(Record.from_dict(record))


def footnote_refs_text(refs: dict[str, list[str]]) -> Optional[str]:
    """``{"shares": ["F1", "F2"], "price_per_share": ["F3"]}`` -> ``shares:F1;F2|price_per_share:F3``."""
    return "|".join(f"{name}:{';'.join(ids)}" for name, ids in refs.items()) or None


def table_rows(record: RecordDict) -> Iterator[list[Any]]:
    """Every transaction and holding of the record, as values for TABLE_ROW_COLUMNS."""
    for key, table_name in TABLE_NAMES.items():
        for index, row in enumerate(record[key], 1):
            yield [table_name, index, *(row.get(name) for name in ROW_FIELDS),
                   footnote_refs_text(row.get("footnote_refs", {}))]


def csv_lines(extracted: Extracted) -> Iterator[list[Any]]:
    """Lines for CSV_COLUMNS: one per table row; a report without rows gets one line of its own."""
    no_row = [None] * len(TABLE_ROW_COLUMNS)
    for report_index, record in enumerate(extracted.records, 1):
        report = _csv_report_columns(record, report_index)
        for row in list(table_rows(record)) or [no_row]:
            yield [*report, *row]


def _csv_report_columns(record: RecordDict, report_index: int) -> list[Any]:
    issuer = record["issuer"]
    owner = record["reporting_owners"][0] if record["reporting_owners"] else {}
    return [record["extraction"]["source"], report_index, record["document_type"],
            record["period_of_report"], issuer["name"], issuer["trading_symbol"], issuer.get("cik"),
            owner.get("name"), owner.get("cik")]


# ---------------------------------------------------------------------------------------------
# Writers to a text stream (standard output, or the temporary file of FileWriter)


class JsonWriter(Writer):
    """JSON: one object when the batch is one input file holding one report, else one array."""

    def __init__(self, stream: TextIO, single_input: bool) -> None:
        self.stream = stream
        self.single_input = single_input
        self.count = 0

    def add(self, extracted: Extracted) -> None:
        if self.single_input:
            self.stream.write(json_document(extracted.records))
            return
        # Streamed item by item; the text is exactly json_text() of the whole array.
        for record in extracted.records:
            separator = "[\n" if self.count == 0 else ",\n"
            self.stream.write(separator + textwrap.indent(json_text(record), "  "))
            self.count += 1

    def finish(self) -> None:
        if not self.single_input:
            self.stream.write("\n]\n" if self.count else "[]\n")


class JsonLinesWriter(Writer):
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def add(self, extracted: Extracted) -> None:
        lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in extracted.records]
        self.stream.write("".join(lines))


class CsvWriter(Writer):
    def __init__(self, stream: TextIO) -> None:
        self.table = csv.writer(stream)
        self.table.writerow(CSV_COLUMNS)

    def add(self, extracted: Extracted) -> None:
        self.table.writerows(list(csv_lines(extracted)))


class XmlStreamWriter(Writer):
    """ownershipDocuments one after another, each with its own XML declaration."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def add(self, extracted: Extracted) -> None:
        self.stream.write("".join(xml_document(record) for record in extracted.records))


# ---------------------------------------------------------------------------------------------
# Writers to files


def temporary_path(target: Path) -> Path:
    """A fresh name beside ``target``, hidden, so that a crash leaves no file that looks finished."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def write_atomically(target: Path, text: str) -> None:
    temp = temporary_path(target)
    try:
        with open(temp, "x", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def file_identity(path: Path) -> Optional[tuple[int, int]]:
    """(device, inode) of an existing file, which tells two names of one file apart from two files."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


class FileWriter(Writer):
    """A stream writer whose stream is a temporary file that becomes ``path`` when finished."""

    def __init__(self, path: Path, open_writer: Callable[[TextIO], Writer]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.temp = temporary_path(path)
        # newline="": the csv module writes its own line ends.
        self.stream = open(self.temp, "x", encoding="utf-8", newline="")
        try:
            self.inner = open_writer(self.stream)
        except BaseException:
            self.discard()
            raise

    def add(self, extracted: Extracted) -> None:
        self.inner.add(extracted)

    def finish(self) -> None:
        self.inner.finish()
        self.stream.close()
        os.replace(self.temp, self.path)

    def discard(self) -> None:
        self.stream.close()
        self.temp.unlink(missing_ok=True)


FolderFiles = Callable[[list[RecordDict]], list[tuple[str, str]]]


def json_files(records: list[RecordDict]) -> list[tuple[str, str]]:
    """(name ending, text) of the files for one input's records: ``<stem>.json``."""
    return [(".json", json_document(records))]


def xml_files(records: list[RecordDict]) -> list[tuple[str, str]]:
    """``<stem>-<n>.xml`` for the n-th report of the input, counted from 1."""
    return [(f"-{n}.xml", xml_document(record)) for n, record in enumerate(records, 1)]


def unique_stems(inputs: Sequence[Path]) -> list[str]:
    """The inputs' file stems, the second of a repeated stem as ``<stem>_2`` and so on.

    Compared case-blind, since two names differing in case are one file on some file systems.
    """
    taken: set[str] = set()
    stems = []
    for path in inputs:
        stem, n = path.stem, 1
        while stem.casefold() in taken:
            n += 1
            stem = f"{path.stem}_{n}"
        taken.add(stem.casefold())
        stems.append(stem)
    return stems


class FolderWriter(Writer):
    """Files named after each input in a folder; a file that would replace an input is refused.

    Each file stands alone, so a file that cannot be written fails its input only (OutputError).
    """

    def __init__(self, folder: Path, inputs: Sequence[Path], files_of: FolderFiles) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.files_of = files_of
        self.stems = dict(zip(inputs, unique_stems(inputs)))
        self.protected = {identity for identity in map(file_identity, inputs) if identity is not None}

    def add(self, extracted: Extracted) -> None:
        stem = self.stems[extracted.path]
        files = [(self.folder / (stem + ending), text) for ending, text in self.files_of(extracted.records)]
        for path, _ in files:
            if file_identity(path) in self.protected:
                raise OutputError(f"output {path} would replace an input; not written")
        for path, text in files:
            try:
                write_atomically(path, text)
            except OSError as exc:
                raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from exc


# ---------------------------------------------------------------------------------------------
# SQLite

REPORT_COLUMNS = ("source", "report_index", *HEADER_FIELDS, *(f"issuer_{name}" for name in ISSUER_FIELDS),
                  "record_json")
SQLITE_CHILD_TABLES = {
    "reporting_owners": ("owner_index", *OWNER_FIELDS),
    "rows": TABLE_ROW_COLUMNS,
    "footnotes": ("footnote_id", "text"),
    "signatures": ("signature_index", "name", "date"),
}


def sqlite_schema() -> str:
    # Data columns carry no type, so SQLite keeps each value as the record has it.
    statements = [
        f"CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY, {', '.join(REPORT_COLUMNS)});"]
    for table, columns in SQLITE_CHILD_TABLES.items():
        statements += [
            f"CREATE TABLE IF NOT EXISTS {table} "
            f"(report_id INTEGER NOT NULL REFERENCES reports(id), {', '.join(columns)});",
            f"CREATE INDEX IF NOT EXISTS {table}_report_id ON {table} (report_id);",
        ]
    return "\n".join(statements)


def sqlite_child_rows(record: RecordDict) -> dict[str, list[list[Any]]]:
    """Values for each table of SQLITE_CHILD_TABLES, without the report_id."""
    return {
        "reporting_owners": [[n, *(owner.get(name) for name in OWNER_FIELDS)]
                             for n, owner in enumerate(record["reporting_owners"], 1)],
        "rows": list(table_rows(record)),
        "footnotes": [[footnote["id"], footnote["text"]] for footnote in record["footnotes"]],
        "signatures": [[n, signature["name"], signature["date"]]
                       for n, signature in enumerate(record["signatures"], 1)],
    }


def _insert(db: sqlite3.Connection, table: str, columns: Sequence[str],
            values: Sequence[Any]) -> sqlite3.Cursor:
    placeholders = ", ".join("?" * len(columns))
    return db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", values)


def insert_report(db: sqlite3.Connection, record: RecordDict, report_index: int) -> None:
    report = [record["extraction"]["source"], report_index, *(record.get(name) for name in HEADER_FIELDS),
              *(record["issuer"].get(name) for name in ISSUER_FIELDS), json.dumps(record, ensure_ascii=False)]
    report_id = _insert(db, "reports", REPORT_COLUMNS, report).lastrowid
    for table, rows in sqlite_child_rows(record).items():
        for row in rows:
            _insert(db, table, ("report_id", *SQLITE_CHILD_TABLES[table]), [report_id, *row])


class SqliteWriter(Writer):
    """Tables reports, reporting_owners, rows, footnotes and signatures; an existing file is appended to."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.temp = temporary_path(path)
        if path.exists():
            shutil.copyfile(path, self.temp)
        self.db = sqlite3.connect(self.temp)
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.executescript(sqlite_schema())
        except BaseException:
            self.discard()
            raise

    def add(self, extracted: Extracted) -> None:
        with self.db:  # one transaction per input: an input that fails to go in leaves nothing
            for report_index, record in enumerate(extracted.records, 1):
                insert_report(self.db, record, report_index)

    def finish(self) -> None:
        self.db.close()
        os.replace(self.temp, self.path)

    def discard(self) -> None:
        self.db.close()
        self.temp.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# The formats


@dataclass(frozen=True)
class OutputFormat:
    description: str  # for --help
    to_output: Callable[[Target, Path], Writer]  # with -o OUTPUT
    output_is_folder: bool
    to_stdout: Optional[Callable[[Target], Writer]]  # None: the format needs -o


FORMATS: dict[str, OutputFormat] = {
    "json": OutputFormat(
        description="one object for one report, an array for several; -o OUTPUT is a folder that "
                    "gets <input stem>.json per input",
        to_output=lambda target, output: FolderWriter(output, target.inputs, json_files),
        output_is_folder=True,
        to_stdout=lambda target: JsonWriter(target.stdout, target.single_input)),
    "jsonl": OutputFormat(
        description="one record per line; -o OUTPUT is one file holding all",
        to_output=lambda target, output: FileWriter(output, JsonLinesWriter),
        output_is_folder=False,
        to_stdout=lambda target: JsonLinesWriter(target.stdout)),
    "csv": OutputFormat(
        description="one line per transaction or holding (a report without any gets one line), "
                    "with its report's source, form, issuer and first reporting owner (report and "
                    "row indexes count from 1); -o OUTPUT is one file holding all",
        to_output=lambda target, output: FileWriter(output, CsvWriter),
        output_is_folder=False,
        to_stdout=lambda target: CsvWriter(target.stdout)),
    "sqlite": OutputFormat(
        description="tables reports, reporting_owners, rows, footnotes, signatures (joined on "
                    "report_id); needs -o OUTPUT, a database file that is created or appended to",
        to_output=lambda target, output: SqliteWriter(output),
        output_is_folder=False,
        to_stdout=None),
    "xml": OutputFormat(
        description="EDGAR ownershipDocument XML, one document per report; -o OUTPUT is a folder "
                    "that gets <input stem>-<n>.xml per report; on standard output the documents "
                    "follow one another",
        to_output=lambda target, output: FolderWriter(output, target.inputs, xml_files),
        output_is_folder=True,
        to_stdout=lambda target: XmlStreamWriter(target.stdout)),
}
