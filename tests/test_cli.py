"""The command line (extractor.cli) and the output writers (extractor.write), run for real on
EDGAR XML inputs from tests/data/edgar_xml/ and on broken inputs made in tmp_path."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

import extractor.cli
from extractor import extract
from extractor.cli import main
from extractor.edgar_xml import read_ownership_xml
from extractor.write import CSV_COLUMNS, ROW_FIELDS, TABLE_NAMES

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT / "tests" / "data" / "edgar_xml"
SNOW = CORPUS / "snow_2020-09-15_h3d7f611304.xml"  # Form 3, 6 derivative holdings
SCWO = CORPUS / "scwo_2025-04-30_hae8d35122e.xml"  # Form 4, one transaction in each table
ABNB = CORPUS / "abnb_2020-12-09_0001062993-20-006195.xml"  # Form 3, 9 reporting owners
ALL_FOUR_TABLES = CORPUS / "hbb_2019-12-31_0001127602-20-005243.xml"  # one row of each kind
NO_ROWS = CORPUS / "algm_2020-10-29_0000899243-20-029849.xml"  # a report without any table row
WITH_WARNINGS = CORPUS / "sec-sample-2003_doc4.xml"  # no issuer name, no reporting person name
MULTI_REPORT_PDF = REPO_ROOT / "sample_pdfs" / "multi-3-filings.pdf"  # made by tools/render_samples.py

Validator = Callable[[dict[str, Any]], None]

ERROR_PREFIX = "form4-extract: error: "


def run(capsys: pytest.CaptureFixture[str], *args: Any) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def record_of(path: Path) -> dict[str, Any]:
    [record] = extract(path)
    return record.to_dict()


def table_row_count(record: dict[str, Any]) -> int:
    return sum(len(record[key]) for key in TABLE_NAMES)


def without_extraction(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key != "extraction"}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(ERROR_PREFIX)]


@pytest.fixture
def broken_inputs(tmp_path: Path) -> list[Path]:
    """Inputs that cannot be read: corrupt PDF, empty file, text file, missing path."""
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4 garbage")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "notes.txt"
    text.write_text("not an ownership report\n")
    return [corrupt, empty, text, tmp_path / "missing.pdf"]


def no_temporary_files(folder: Path) -> bool:
    return not [path for path in folder.rglob("*") if path.name.endswith(".tmp")]


# ---------------------------------------------------------------------------------------------
# Standard output, JSON


def test_one_input_prints_its_record_as_one_json_object(
        capsys: pytest.CaptureFixture[str], validate_record: Validator) -> None:
    code, out, err = run(capsys, SCWO)
    assert (code, err) == (0, "")
    printed = json.loads(out)
    validate_record(printed)
    assert printed == record_of(SCWO)
    assert printed["issuer"]["trading_symbol"] == "SCWO"


def test_all_owners_of_a_joint_filing_are_printed(
        capsys: pytest.CaptureFixture[str], validate_record: Validator) -> None:
    code, out, _ = run(capsys, ABNB)
    printed = json.loads(out)
    validate_record(printed)
    assert code == 0
    assert len(printed["reporting_owners"]) == 9
    assert printed == record_of(ABNB)


def test_several_inputs_print_one_array_in_input_order(
        capsys: pytest.CaptureFixture[str], validate_record: Validator) -> None:
    code, out, err = run(capsys, SNOW, SCWO, ABNB)
    printed = json.loads(out)
    assert (code, err) == (0, "")
    assert printed == [record_of(SNOW), record_of(SCWO), record_of(ABNB)]
    for record in printed:
        validate_record(record)


def test_a_folder_is_searched_recursively_in_sorted_order(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], validate_record: Validator) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    shutil.copy(SCWO, tmp_path / "b" / "deeper" / "scwo.XML")
    shutil.copy(SNOW, tmp_path / "b" / "snow.xml")
    shutil.copy(ABNB, tmp_path / "a.xml")
    (tmp_path / "readme.txt").write_text("not an input")
    code, out, err = run(capsys, tmp_path)
    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert [record["issuer"]["trading_symbol"] for record in printed] == ["ABNB", "SCWO", "SNOW"]
    assert [record["extraction"]["source"] for record in printed] == [
        str(tmp_path / "a.xml"), str(tmp_path / "b" / "deeper" / "scwo.XML"),
        str(tmp_path / "b" / "snow.xml")]
    for record in printed:
        validate_record(record)


def test_a_folder_of_one_file_prints_an_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SCWO, tmp_path / "scwo.xml")
    code, out, _ = run(capsys, tmp_path)
    assert code == 0
    assert json.loads(out) == [record_of(tmp_path / "scwo.xml")]


def test_a_file_named_twice_is_read_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, SCWO, CORPUS / ".." / "edgar_xml" / SCWO.name)
    assert code == 0
    assert len(json.loads(out)) == 1


def test_python_dash_m_extractor_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "extractor", str(SCWO), str(REPO_ROOT / "no-such-file.pdf")],
        capture_output=True, text=True, cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=120)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [record_of(SCWO)]
    assert result.stderr.splitlines() == [
        f"{ERROR_PREFIX}{REPO_ROOT / 'no-such-file.pdf'}: cannot read the file (No such file or directory)"]


@pytest.mark.skipif(not MULTI_REPORT_PDF.exists(), reason="sample PDFs not generated")
def test_a_pdf_holding_several_reports_prints_an_array(
        capsys: pytest.CaptureFixture[str], validate_record: Validator) -> None:
    code, out, err = run(capsys, MULTI_REPORT_PDF, "--quiet")
    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert len(printed) == 3
    assert printed == [record.to_dict() for record in extract(MULTI_REPORT_PDF)]
    for record in printed:
        validate_record(record)
        assert record["extraction"]["pages"]


def test_help_describes_formats_and_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for word in ("jsonl", "csv", "sqlite", "xml", "--jobs", "--quiet", "exit status"):
        assert word in out


# ---------------------------------------------------------------------------------------------
# Failures and exit status


def test_unreadable_inputs_are_one_line_each_and_the_batch_goes_on(
        broken_inputs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, broken_inputs[0], SCWO, *broken_inputs[1:], SNOW)
    assert code == 1
    assert json.loads(out) == [record_of(SCWO), record_of(SNOW)]
    lines = err.splitlines()
    assert lines == error_lines(err)
    assert [line[len(ERROR_PREFIX):].split(": ", 1)[0] for line in lines] == [str(p) for p in broken_inputs]
    assert all(line.split(": ", 3)[3] for line in lines), "every error gives a reason"


def test_a_missing_input_is_an_input_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, tmp_path / "missing.xml")
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{ERROR_PREFIX}{tmp_path / 'missing.xml'}: cannot read the file "
                                "(No such file or directory)"]


def test_an_empty_folder_is_an_input_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, tmp_path / "empty", SCWO)
    assert code == 1
    assert json.loads(out) == [record_of(SCWO)]
    assert err.splitlines() == [f"{ERROR_PREFIX}{tmp_path / 'empty'}: folder holds no PDF, image or XML file"]


def test_an_unexpected_exception_is_one_line_with_its_class(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def extract_with_a_bug(path: Path, **options: Any) -> list[Any]:
        if path == SNOW:
            raise KeyError("line one\nline two")
        return extract(path, **options)

    monkeypatch.setattr(extractor.cli, "extract", extract_with_a_bug)
    code, out, err = run(capsys, SNOW, SCWO)
    assert code == 1
    assert json.loads(out) == [record_of(SCWO)]
    assert err.splitlines() == [f"{ERROR_PREFIX}{SNOW}: KeyError: 'line one\\nline two'"]


@pytest.mark.parametrize("args", [
    [],
    ["--format", "yaml", SCWO],
    ["--format", "sqlite", SCWO],
    ["--jobs", "0", SCWO],
    ["--progress", "--quiet", SCWO],
])
def test_usage_errors_exit_2(args: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert "usage: form4-extract" in err


def test_an_output_folder_that_is_a_file_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "existing.txt"
    existing.write_text("keep")
    for args in (["-o", existing], ["-o", tmp_path / "out.json"], ["--format", "xml", "-o", existing]):
        code, _, err = run(capsys, SCWO, *args)
        assert code == 2, args
        assert "is a folder" in err.splitlines()[-1]
    assert existing.read_text() == "keep"
    assert not (tmp_path / "out.json").exists()


def test_an_output_file_that_is_an_input_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "scwo.xml"
    shutil.copy(SCWO, data)
    code, _, err = run(capsys, data, "--format", "jsonl", "-o", data)
    assert code == 2
    assert err.splitlines()[-1] == f"{ERROR_PREFIX}-o {data}: is an input, which is never overwritten"
    assert data.read_bytes() == SCWO.read_bytes()


def test_an_output_that_cannot_be_opened_fails_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("plain text, not SQLite")
    code, out, err = run(capsys, SCWO, "--format", "sqlite", "-o", not_a_database)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{ERROR_PREFIX}{not_a_database}: cannot write: DatabaseError: file is not a database"]
    assert not_a_database.read_text() == "plain text, not SQLite"
    assert no_temporary_files(tmp_path)


# ---------------------------------------------------------------------------------------------
# Warnings and progress


def test_record_warnings_go_to_stderr_unless_quiet(
        capsys: pytest.CaptureFixture[str], validate_record: Validator) -> None:
    code, out, err = run(capsys, WITH_WARNINGS)
    assert code == 0
    validate_record(json.loads(out))
    assert err.splitlines() == [f"form4-extract: warning: {WITH_WARNINGS}: no reporting person name found",
                                f"form4-extract: warning: {WITH_WARNINGS}: no issuer name found"]
    code, out, err = run(capsys, WITH_WARNINGS, "--quiet")
    assert (code, err) == (0, "")
    assert json.loads(out) == record_of(WITH_WARNINGS)


def test_progress_lines_count_records_and_failures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.pdf"
    code, _, err = run(capsys, SCWO, missing, SNOW, "--progress")
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("[")] == [
        f"[1/3] {SCWO}: 1 record(s)", f"[2/3] {missing}: failed", f"[3/3] {SNOW}: 1 record(s)"]
    code, _, err = run(capsys, SCWO, missing, SNOW, "--quiet")
    assert code == 1
    assert err.splitlines() == [f"{ERROR_PREFIX}{missing}: cannot read the file (No such file or directory)"]


def test_parallel_jobs_keep_input_order(
        broken_inputs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    inputs = [SNOW, broken_inputs[0], SCWO, ABNB, broken_inputs[3]]
    sequential = run(capsys, *inputs, "--format", "jsonl")
    parallel = run(capsys, *inputs, "--format", "jsonl", "--jobs", "3")
    assert parallel == sequential
    code, out, err = parallel
    assert code == 1
    assert [json.loads(line) for line in out.splitlines()] == [
        record_of(SNOW), record_of(SCWO), record_of(ABNB)]
    assert len(error_lines(err)) == 2


# ---------------------------------------------------------------------------------------------
# Formats


def test_json_output_folder_gets_one_file_per_input(
        tmp_path: Path, broken_inputs: list[Path], capsys: pytest.CaptureFixture[str],
        validate_record: Validator) -> None:
    out = tmp_path / "out" / "json"
    code, stdout, err = run(capsys, SNOW, broken_inputs[0], ABNB, "-o", out)
    assert (code, stdout) == (1, "")
    assert len(error_lines(err)) == 1
    assert sorted(path.name for path in out.iterdir()) == [ABNB.stem + ".json", SNOW.stem + ".json"]
    for source in (SNOW, ABNB):
        written = json.loads((out / f"{source.stem}.json").read_text(encoding="utf-8"))
        validate_record(written)
        assert written == record_of(source)


def test_inputs_with_one_stem_get_distinct_output_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder, source in (("one", SNOW), ("two", SCWO)):
        (tmp_path / folder).mkdir()
        shutil.copy(source, tmp_path / folder / "filing.xml")
    out = tmp_path / "out"
    code, _, _ = run(capsys, tmp_path / "one", tmp_path / "two", "-o", out)
    assert code == 0
    assert json.loads((out / "filing.json").read_text())["issuer"]["trading_symbol"] == "SNOW"
    assert json.loads((out / "filing_2.json").read_text())["issuer"]["trading_symbol"] == "SCWO"


def test_jsonl_holds_one_record_per_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], validate_record: Validator) -> None:
    out = tmp_path / "all.jsonl"
    code, stdout, _ = run(capsys, SNOW, SCWO, ABNB, "--format", "jsonl", "-o", out)
    assert (code, stdout) == (0, "")
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        validate_record(record)
    assert records == [record_of(SNOW), record_of(SCWO), record_of(ABNB)]
    assert no_temporary_files(tmp_path)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_line_per_table_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = [ALL_FOUR_TABLES, SNOW, ABNB, NO_ROWS]
    out = tmp_path / "rows.csv"
    code, _, _ = run(capsys, *inputs, "--format", "csv", "-o", out)
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert next(csv.reader(io.StringIO(text))) == list(CSV_COLUMNS)
    lines = read_csv(text)
    records = [record_of(path) for path in inputs]
    assert len(lines) == sum(table_row_count(record) for record in records if table_row_count(record)) + 1
    four = [line for line in lines if line["source"] == str(ALL_FOUR_TABLES)]
    assert [line["table_name"] for line in four] == list(TABLE_NAMES.values())
    [empty] = [line for line in lines if line["source"] == str(NO_ROWS)]
    assert empty["issuer_name"] == records[3]["issuer"]["name"]
    assert all(empty[column] == "" for column in ("table_name", "row_index", *ROW_FIELDS, "footnote_refs"))


def test_csv_values_match_the_record(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, SNOW, "--format", "csv")
    assert code == 0
    record = record_of(SNOW)
    lines = read_csv(out)
    assert len(lines) == len(record["derivative_holdings"]) == 6
    for index, (line, row) in enumerate(zip(lines, record["derivative_holdings"]), 1):
        assert line["source"] == str(SNOW)
        assert (line["report_index"], line["document_type"], line["table_name"], line["row_index"]) == (
            "1", "3", "derivative_holding", str(index))
        assert line["issuer_trading_symbol"] == "SNOW"
        assert line["reporting_owner_name"] == record["reporting_owners"][0]["name"]
        assert line["reporting_owner_cik"] == record["reporting_owners"][0]["cik"]
        for name in ROW_FIELDS:
            value = row.get(name)
            assert line[name] == ("" if value is None else str(value)), name
        assert line["footnote_refs"] == "|".join(
            f"{name}:{';'.join(ids)}" for name, ids in row.get("footnote_refs", {}).items())
    assert any(line["footnote_refs"] for line in lines)


def test_sqlite_tables_hold_every_part_and_appending_adds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], validate_record: Validator) -> None:
    inputs = [ALL_FOUR_TABLES, ABNB, NO_ROWS]
    records = [record_of(path) for path in inputs]
    database = tmp_path / "reports.sqlite"
    expected = {
        "reports": len(records),
        "reporting_owners": sum(len(record["reporting_owners"]) for record in records),
        "rows": sum(table_row_count(record) for record in records),
        "footnotes": sum(len(record["footnotes"]) for record in records),
        "signatures": sum(len(record["signatures"]) for record in records),
    }
    assert expected["reporting_owners"] >= 11
    for runs in (1, 2):
        code, _, _ = run(capsys, *inputs, "--format", "sqlite", "-o", database)
        assert code == 0
        with sqlite3.connect(database) as db:
            counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in expected}
            assert counts == {table: count * runs for table, count in expected.items()}
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            stored = [json.loads(text)
                      for (text,) in db.execute("SELECT record_json FROM reports ORDER BY id")]
            abnb_owners = db.execute(
                "SELECT o.name FROM reporting_owners o JOIN reports r ON r.id = o.report_id "
                "WHERE r.issuer_trading_symbol = 'ABNB' AND r.id <= 3 ORDER BY o.owner_index").fetchall()
            derivative = db.execute(
                "SELECT security_title, shares_owned_following FROM rows "
                "WHERE report_id = 1 AND table_name = 'derivative_holding'").fetchall()
        db.close()
    for record in stored:
        validate_record(record)
    assert stored == records * 2
    assert [name for (name,) in abnb_owners] == [owner["name"] for owner in records[1]["reporting_owners"]]
    [holding] = records[0]["derivative_holdings"]
    assert derivative == [(holding["security_title"], holding["shares_owned_following"])]
    assert no_temporary_files(tmp_path)


def test_xml_output_reads_back_to_the_same_records(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], validate_record: Validator) -> None:
    out = tmp_path / "xml"
    code, _, _ = run(capsys, SNOW, SCWO, ABNB, "--format", "xml", "-o", out)
    assert code == 0
    assert sorted(path.name for path in out.iterdir()) == sorted(
        f"{source.stem}-1.xml" for source in (SNOW, SCWO, ABNB))
    for source in (SNOW, SCWO, ABNB):
        written = read_ownership_xml(out / f"{source.stem}-1.xml").to_dict()
        validate_record(written)
        assert without_extraction(written) == without_extraction(record_of(source))


def test_xml_on_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, SCWO, "--format", "xml")
    assert code == 0
    assert out.startswith("<?xml")
    printed = read_ownership_xml(out.encode()).to_dict()
    assert without_extraction(printed) == without_extraction(record_of(SCWO))


def test_an_output_file_never_replaces_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "filing.xml", tmp_path / "filing-1.xml"
    shutil.copy(SNOW, first)
    shutil.copy(SCWO, second)
    code, _, err = run(capsys, first, second, "--format", "xml", "-o", tmp_path)
    assert code == 1
    assert err.splitlines() == [
        f"{ERROR_PREFIX}{first}: output {second} would replace an input; not written"]
    assert second.read_bytes() == SCWO.read_bytes()
    assert read_ownership_xml(tmp_path / "filing-1-1.xml").issuer.trading_symbol == "SCWO"


# ---------------------------------------------------------------------------------------------
# Whole files only


def interrupt_at(path: Path) -> Callable[..., list[Any]]:
    def extract_until(current: Path, **options: Any) -> list[Any]:
        if current == path:
            raise KeyboardInterrupt
        return extract(current, **options)
    return extract_until


@pytest.mark.parametrize("output_format", ["jsonl", "csv", "sqlite"])
def test_an_interrupted_batch_leaves_the_output_file_as_it_was(
        output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    new, existing = tmp_path / f"new.{output_format}", tmp_path / f"existing.{output_format}"
    assert run(capsys, SNOW, "--format", output_format, "-o", existing)[0] == 0
    before = existing.read_bytes()
    monkeypatch.setattr(extractor.cli, "extract", interrupt_at(SCWO))
    for output in (new, existing):
        code, _, _ = run(capsys, SNOW, SCWO, "--format", output_format, "-o", output)
        assert code == 130
    assert not new.exists()
    assert existing.read_bytes() == before
    assert no_temporary_files(tmp_path)
