"""Regenerate the sample PDFs and their expected records (needs Chromium; CI uses the committed
files).

    python tools/render_samples.py

Writes to sample_pdfs/:
  edgar-<name>.pdf             the corpus's real EDGAR HTML pages printed as they are, with
                               <name>.expected.json for those whose XML is in the corpus
  <xmlname>.pdf                corpus XML -> record -> EDGAR-like HTML (tools/edgar_html.py) -> PDF
  <xmlname>_amended.pdf        the same, re-rendered as its amendment (the corpus has no real one)
  seed-<name>.pdf              the seed's truth record rendered the same way
  multi-3-filings.pdf          three filings one after another (expected: an array of records)
and to tests/data/variants/ the chosen samples printed at 80% scale, on A4 and in landscape.
Which samples: tools/sample_selection.txt. Each expected record is the record dict with
extraction = {source: <pdf file name>, pages, layout: "edgar-html", method: "text", ...}.

Every PDF is printed by headless Chromium's --print-to-pdf (Letter, portrait, default margins,
no header/footer). The variants inject CSS into the page instead of using print options:
``html {zoom: 0.8}`` lays the page out as a print at 80% scale does, ``@page {size: ...}`` sets
the paper.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pdfplumber

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractor.edgar_xml import read_ownership_xml  # noqa: E402
from extractor.record import Record  # noqa: E402
from extractor.validate import schema_errors  # noqa: E402
from tools.edgar_html import printed_record, render_document, render_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync",
                  "--no-pdf-header-footer")
CORPUS = REPO.parent / "shared" / "corpus"
SEED = REPO.parent / "shared" / "seed" / "sonus-dillon-2013-03-11.truth.json"
SELECTION = Path(__file__).resolve().with_name("sample_selection.txt")
SAMPLES_DIR = REPO / "sample_pdfs"
VARIANTS_DIR = REPO / "tests" / "data" / "variants"
MULTI_NAME = "multi-3-filings"
LAYOUT = "edgar-html"
FILING_START = "SEC Form "

# Injected before </head>: each variant's print setting as CSS.
VARIANTS = {
    "scale80": "html { zoom: 0.8; }",
    "a4": "@page { size: A4; }",
    "landscape": "@page { size: letter landscape; }",
}

Json = dict[str, Any]


@dataclass
class Sample:
    name: str
    html: str
    records: list[Json] = field(default_factory=list)  # expected; empty when unknown


# --------------------------------------------------------------------------------------------
# Selection


def read_selection(path: Path) -> dict[str, list[str]]:
    """Sections of the selection file: ``[name]`` lines, then one entry per line; # comments."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.split("#", 1)[0].strip()
        if text.startswith("[") and text.endswith("]"):
            current = sections.setdefault(text[1:-1], [])
        elif text:
            current.append(text)
    return sections


# --------------------------------------------------------------------------------------------
# Records and samples


def normalised(record: Json) -> Json:
    """The record as Record.to_dict writes it (field order, omitted empties, no unknown keys)."""
    return Record.from_dict(record).to_dict()


def xml_record(path: Path) -> Json:
    return read_ownership_xml(path).to_dict()


def as_amendment(record: Json) -> Json:
    """The record as its own amendment: form type + "/A", originally filed on its signature date."""
    signed = next((s["date"] for s in record["signatures"] if s.get("date")), None)
    return {**record, "document_type": record["document_type"] + "/A",
            "date_of_original_submission": signed or record["period_of_report"]}


def edgar_page_samples(corpus: Path) -> list[Sample]:
    """The corpus's EDGAR HTML pages as they are; expected records from the XML when paired."""
    samples = []
    for page in sorted((corpus / "html").glob("*.html")):
        xml = corpus / "xml" / f"{page.stem}.xml"
        records = [xml_record(xml)] if xml.exists() else []
        samples.append(Sample(f"edgar-{page.stem}", page.read_text(encoding="utf-8"), records))
    return samples


def rendered_sample(name: str, record: Json) -> Sample:
    record = normalised(record)
    return Sample(name, render_html(record), [record])


def selected_samples(corpus: Path, seed: Path, selection: dict[str, list[str]]) -> list[Sample]:
    samples = edgar_page_samples(corpus)
    samples.append(rendered_sample(f"seed-{seed.name.removesuffix('.truth.json')}",
                                   json.loads(seed.read_text(encoding="utf-8"))))
    for entry in selection.get("xml", []):
        samples.append(rendered_sample(Path(entry).stem, xml_record(corpus / entry)))
    for entry in selection.get("amendments", []):
        samples.append(rendered_sample(f"{Path(entry).stem}_amended",
                                       as_amendment(xml_record(corpus / entry))))
    return samples


# --------------------------------------------------------------------------------------------
# Printing


def print_pdf(html: str, pdf: Path, chromium: str) -> int:
    """Print the HTML to pdf with headless Chromium (fresh profile); returns the page count."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                   f"--print-to-pdf={pdf}", page.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=180)
    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def with_print_css(html: str, css: str) -> str:
    head_end = html.index("</head>")
    return f'{html[:head_end]}<style type="text/css">{css}</style>\n{html[head_end:]}'


# --------------------------------------------------------------------------------------------
# Expected records


def expected(record: Json, source: str, pages: Iterable[int]) -> Json:
    extraction = {"source": source, "pages": list(pages), "layout": LAYOUT, "method": "text",
                  "confidence": 1.0, "warnings": []}
    result = {**printed_record(record), "extraction": extraction}
    errors = schema_errors(result)
    if errors:
        raise ValueError(f"{source}: expected record breaks the schema: {errors[:3]}")
    return result


def write_expected(pdf: Path, records: list[Json], page_counts: list[int]) -> None:
    """<pdf>.expected.json: one object, or an array when the PDF holds several filings."""
    starts = [1 + sum(page_counts[:i]) for i in range(len(records))]
    items = [expected(r, pdf.name, range(s, s + n))
             for r, s, n in zip(records, starts, page_counts)]
    data = items[0] if len(items) == 1 else items
    path = pdf.with_name(f"{pdf.stem}.expected.json")
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The three kinds of output


def render_samples(samples: list[Sample], out: Path, chromium: str) -> None:
    """Print every sample to out/<name>.pdf, with its expected record when known."""
    for sample in samples:
        pdf = out / f"{sample.name}.pdf"
        count = print_pdf(sample.html, pdf, chromium)
        if sample.records:
            write_expected(pdf, sample.records, [count])
        print(f"{pdf.relative_to(REPO)}: {count} page(s)")


def filing_starts(pdf: Path) -> list[int]:
    """Pages on which a filing begins: EDGAR's page opens with the line "SEC Form N"."""
    with pdfplumber.open(pdf) as document:
        return [number for number, page in enumerate(document.pages, 1)
                if (page.extract_text() or "").startswith(FILING_START)]


def render_multi(chosen: list[Sample], out: Path, chromium: str) -> None:
    """The chosen filings in one print job, each starting on a new page.

    Chromium shrinks a whole job to fit its widest page, so a filing may take fewer pages here
    than printed alone: its pages are read back from the PDF.
    """
    records = [s.records[0] for s in chosen]
    pdf = out / f"{MULTI_NAME}.pdf"
    total = print_pdf(render_document(records), pdf, chromium)
    starts = filing_starts(pdf)
    if len(starts) != len(records) or starts[0] != 1:
        raise RuntimeError(f"{pdf.name}: filings start on pages {starts}, not one per record")
    counts = [end - start for start, end in zip(starts, starts[1:] + [total + 1])]
    write_expected(pdf, records, counts)
    print(f"{pdf.relative_to(REPO)}: {total} pages ({counts})")


def render_variants(chosen: list[Sample], out: Path, chromium: str) -> None:
    for sample in chosen:
        for variant, css in VARIANTS.items():
            pdf = out / f"{sample.name}.{variant}.pdf"
            count = print_pdf(with_print_css(sample.html, css), pdf, chromium)
            write_expected(pdf, sample.records, [count])
            print(f"{pdf.relative_to(REPO)}: {count} page(s)")


def pick(samples: list[Sample], names: list[str]) -> list[Sample]:
    by_name = {s.name: s for s in samples}
    missing = [n for n in names if n not in by_name or not by_name[n].records]
    if missing:
        raise ValueError(f"selection names samples that do not exist or have no record: {missing}")
    return [by_name[n] for n in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=Path, default=SEED, help="a *.truth.json record")
    parser.add_argument("--selection", type=Path, default=SELECTION)
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args(argv)

    selection = read_selection(args.selection)
    samples = selected_samples(args.corpus, args.seed, selection)
    render_samples(samples, SAMPLES_DIR, args.chromium)
    render_multi(pick(samples, selection.get("multi", [])), SAMPLES_DIR, args.chromium)
    render_variants(pick(samples, selection.get("variants", [])), VARIANTS_DIR, args.chromium)
    return 0


if __name__ == "__main__":
    sys.exit(main())
