"""Regenerate extractor/data/words.txt, the words ownership reports print, from the corpus's
EDGAR ownership XML (run from the project root; the corpus sits next to it):

    python tools/build_vocabulary.py [--corpus ../shared/corpus] [--english /usr/share/dict/american-english]

A word is a run of three or more letters, lower-cased; each is written with the number of
issuers whose filings print it (``extractor.vocabulary`` tells the forms' common language,
"common", "stock", "attorney", from one filer's names by it). The filings of every issuer the
samples come from (sample_pdfs/) are left out, so that the benchmark is not scored with words
taken from its own answers.

It also writes extractor/data/titles.txt, the titles of securities the filings print (each with
the number of issuers printing it, "Common Stock", "Stock Option (Right to Buy)"), and
extractor/data/state_codes.txt, the codes EDGAR's ownership schema allows for a
reporting person's state or country (rptOwnerState and rptOwnerCountry: "NY", "A6" for Ontario),
and extractor/data/english.txt, the English words of four letters or more of SCOWL's
American word list (Debian's wamerican package; its notice is extractor/data/english.LICENSE),
lower-cased: a word OCR read that is English is no misreading, whatever it looks like.
"""
from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from extractor.edgar_xml import read_ownership_xml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "extractor" / "data" / "words.txt"
ENGLISH_OUT = ROOT / "extractor" / "data" / "english.txt"
STATE_CODES_OUT = ROOT / "extractor" / "data" / "state_codes.txt"
SCHEMA = Path("spec") / "xsd-v5.5" / "ownershipDocumentCommon.xsd.xml"
XS = "{http://www.w3.org/2001/XMLSchema}"
ENGLISH_WORD = regex.compile(r"[A-Za-z]{4,}")
WORD = regex.compile(r"\p{L}{3,}")
HEADER = "# {what}<TAB>issuers whose filings print it, from {n} filings of {m} issuers (tools/build_vocabulary.py)"
TITLES_OUT = ROOT / "extractor" / "data" / "titles.txt"
TABLES = ("non_derivative_transactions", "non_derivative_holdings", "derivative_transactions", "derivative_holdings")
TITLE_FIELDS = ("security_title", "underlying_security_title")


def sample_issuers(samples: Path) -> set[str]:
    """Tickers of the issuers of the samples (file names start "<ticker>_" or "edgar-<ticker>_")."""
    return {pdf.name.removeprefix("edgar-").split("_")[0] for pdf in samples.glob("*.pdf")}


def filings(xml_dir: Path, left_out: set[str]) -> list[tuple[str, dict]]:
    """Each filing's issuer (ticker) and record, but those of the issuers left out."""
    return [(path.name.split("_")[0], _without_extraction(read_ownership_xml(path).to_dict()))
            for path in sorted(xml_dir.glob("*.xml")) if path.name.split("_")[0] not in left_out]


def words_by_issuer(records: list[tuple[str, dict]]) -> dict[str, set[str]]:
    """Word -> the issuers (tickers) whose filings print it."""
    issuers: dict[str, set[str]] = defaultdict(set)
    for ticker, record in records:
        for word in WORD.findall(" ".join(_texts(record))):
            issuers[word.lower()].add(ticker)
    return issuers


def titles_by_issuer(records: list[tuple[str, dict]]) -> dict[str, set[str]]:
    """Title of a security (or of the one underlying a derivative) -> the issuers whose filings print it."""
    issuers: dict[str, set[str]] = defaultdict(set)
    for ticker, record in records:
        for table in TABLES:
            for row in record.get(table) or []:
                for field in TITLE_FIELDS:
                    if row.get(field):
                        issuers[row[field]].add(ticker)
    return issuers


def state_codes(schema: Path) -> list[str]:
    """The codes the schema enumerates for rptOwnerState and rptOwnerCountry (blank ones left out)."""
    root = ET.parse(schema).getroot()
    codes = {value.get("value").strip() for element in root.iter(f"{XS}element")
             if element.get("name") in ("rptOwnerState", "rptOwnerCountry")
             for value in element.iter(f"{XS}enumeration")}
    return sorted(code for code in codes if code)


def _without_extraction(record: dict) -> dict:
    """The record without how it was read, and without its ticker (no word: "FUNC" is one)."""
    issuer = {key: value for key, value in record["issuer"].items() if key != "trading_symbol"}
    return {**{key: value for key, value in record.items() if key != "extraction"}, "issuer": issuer}


def _texts(value: object) -> list[str]:
    """Every string in a record's dict (names, titles, footnotes, remarks; codes and dates too,
    which have no three-letter words)."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _texts(item)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--english", type=Path, default=Path("/usr/share/dict/american-english"))
    args = parser.parse_args(argv)
    xml_dir = args.corpus / "xml"
    for needed in (xml_dir, args.english, args.corpus / SCHEMA):
        if not needed.exists():
            print(f"build_vocabulary: {needed}: not found", file=sys.stderr)
            return 1
    english = sorted({line.lower() for line in args.english.read_text(encoding="utf-8").splitlines()
                      if ENGLISH_WORD.fullmatch(line)})
    ENGLISH_OUT.write_text("\n".join(english) + "\n", encoding="utf-8")
    print(f"{ENGLISH_OUT.relative_to(ROOT)}: {len(english)} words")
    codes = state_codes(args.corpus / SCHEMA)
    STATE_CODES_OUT.write_text("\n".join(codes) + "\n", encoding="utf-8")
    print(f"{STATE_CODES_OUT.relative_to(ROOT)}: {len(codes)} codes")
    records = filings(xml_dir, sample_issuers(ROOT / "sample_pdfs"))
    all_issuers = {ticker for ticker, _ in records}
    for out, what, issuers in ((OUT, "word", words_by_issuer(records)),
                               (TITLES_OUT, "title", titles_by_issuer(records))):
        lines = [f"{text}\t{len(seen)}" for text, seen in sorted(issuers.items())]
        out.parent.mkdir(exist_ok=True)
        out.write_text("\n".join([HEADER.format(what=what, n=len(records), m=len(all_issuers)), *lines]) + "\n",
                       encoding="utf-8")
        print(f"{out.relative_to(ROOT)}: {len(lines)} {what}s from {len(records)} filings "
              f"of {len(all_issuers)} issuers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
