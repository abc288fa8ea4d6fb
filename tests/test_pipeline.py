"""The pipeline end to end: inputs it must refuse, readers that must agree, layouts as data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import InputError, extract
from extractor.assemble import assemble
from extractor.layouts import load_layouts
from extractor.locate import ESTIMATE, Sheet
from extractor.pages import load_pages
from extractor.pipeline import split_reports
from extractor.read import read_report
from extractor.scoring import compare

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_pdfs"
BAD = ROOT / "tests" / "data" / "bad"


@pytest.mark.parametrize("name, content, reason", [
    ("empty.pdf", b"", "the file is empty"),
    ("corrupt.pdf", b"%PDF-1.4\n garbage \x00\x01", "not a readable PDF"),
    ("notes.txt", b"hello", "unsupported file type '.txt'"),
])
def test_unreadable_files_get_a_one_line_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        extract(path)
    assert reason in str(error.value) and "\n" not in str(error.value)


def test_truncated_pdf_is_refused(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes((SAMPLES / "seed-sonus-dillon-2013-03-11.pdf").read_bytes()[:3000])
    with pytest.raises(InputError, match="not a readable PDF"):
        extract(path)


def test_a_page_of_another_filing_is_not_an_ownership_report():
    with pytest.raises(InputError, match="no Form 3, 4 or 5 found"):
        extract(BAD / "form-10k-page.pdf")


def test_a_page_without_text_is_read_by_ocr_unless_ocr_is_off():
    with pytest.raises(InputError, match="no Form 3, 4 or 5 found"):
        extract(BAD / "blank-page.pdf")
    with pytest.raises(InputError, match="no text layer on any page, and OCR is off"):
        extract(BAD / "blank-page.pdf", ocr="never")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="No such file"):
        extract(tmp_path / "nowhere.pdf")


def test_several_filings_in_one_pdf_give_several_records():
    records = extract(SAMPLES / "multi-3-filings.pdf")
    assert [r.document_type for r in records] == ["4", "3", "5"]
    pages = [r.extraction.pages for r in records]
    assert pages == [[1, 2], [3, 4], [5]]


@pytest.mark.parametrize("name", [
    "seed-sonus-dillon-2013-03-11.pdf",
    "edgar-snow_2020-09-15_h3d7f611304.pdf",
    "tsla_2022-04-26_0000899243-22-015923.pdf",
])
def test_pdfium_and_pdfplumber_readers_give_the_same_record(name):
    """The fast reader (PDFium) checked against pdfplumber's pdfminer on the same pages."""
    layouts = load_layouts()
    by_engine = {}
    for engine in ("pdfium", "pdfplumber"):
        reports = split_reports(list(load_pages(SAMPLES / name, engine)), layouts)
        by_engine[engine] = [assemble(read_report(Sheet.stack(pages), layout), source=name).to_dict()
                             for layout, pages in reports]
    assert len(by_engine["pdfium"]) == len(by_engine["pdfplumber"]) >= 1
    for a, b in zip(by_engine["pdfium"], by_engine["pdfplumber"]):
        assert compare(a, b).exact, compare(a, b).wrong


def test_edgar_xml_input_gives_the_same_record_as_its_page():
    pdf = extract(SAMPLES / "edgar-scwo_2025-04-30_hae8d35122e.pdf")[0].to_dict()
    xml = extract(ROOT / "tests/data/edgar_xml/scwo_2025-04-30_hae8d35122e.xml")[0].to_dict()
    assert compare(xml, pdf).exact
    assert xml["extraction"]["layout"] == "edgar-xml"


def test_extraction_says_how_the_record_was_read():
    [record] = extract(SAMPLES / "edgar-scwo_2025-04-30_hae8d35122e.pdf")
    extraction = record.extraction
    assert extraction.method == "text"
    assert extraction.layout == "edgar-html/form4"
    assert extraction.pages == [1]
    assert extraction.confidence == 1.0 and extraction.warnings == []
    assert len(extraction.sha256) == 64


def test_every_layout_loads_and_names_only_labels_it_defines():
    layouts = load_layouts()
    assert {layout.document_type for layout in layouts} == {"3", "4", "5"}
    for layout in layouts:
        names = set(layout.anchors) | {"page", "signature_block"}
        referenced = {layout.owner_start, layout.signature_label, layout.signature_date_label,
                      layout.footnotes.start, layout.remarks.start}
        for table in layout.tables:
            referenced |= {table.title} | {e.split(".")[0] for e in table.end}
        for spec in [*layout.fields, *layout.owner_fields, *layout.relationship_fields]:
            if spec.mark_left_of:
                referenced.add(spec.mark_left_of)
            referenced |= set(spec.choices.values())
            if spec.region:
                for edge in (spec.region.left, spec.region.right, spec.region.top, spec.region.bottom):
                    for expression in ([edge] if isinstance(edge, str) else edge):
                        referenced.add(expression.removeprefix(ESTIMATE).split(".")[0])
        for anchor in layout.anchors.values():
            referenced |= {name for name in (anchor.right_of, anchor.same_line_as, anchor.unlike, anchor.not_within,
                                             anchor.below) if name}
        for names_or_name in layout.identify:
            referenced |= {names_or_name} if isinstance(names_or_name, str) else set(names_or_name)
        assert referenced <= names, f"{layout.name}: unknown labels {sorted(referenced - names)}"


def test_packaged_schema_is_the_contract():
    contract = ROOT.parent / "shared" / "spec" / "record.schema.json"
    packaged = ROOT / "extractor" / "schema" / "record.schema.json"
    assert json.loads(packaged.read_text()) == json.loads(contract.read_text())
