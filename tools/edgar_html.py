"""HTML that mimics EDGAR's own rendering of an ownership report (the SEC's xslF345X0x XSL).

Markup, classes, CSS, labels and column widths are copied from EDGAR pages in
../shared/corpus/html, so a record printed from here reads like a page printed from sec.gov.
Everything the record says is printed the way EDGAR prints it: dates as MM/DD/YYYY, numbers with
thousands separators and exactly the record's decimals, prices with a separate "$", footnote
refs as <sup>(n)</sup> after the value of their cell, check boxes as X, CIKs in the hrefs of the
issuer and owner links. A value that EDGAR's page has no place for raises ``Unprintable``.

Form revisions follow the record: ``aff10b5one`` null means the page has no Rule 10b5-1 box
(before 2023), ``form_filed_by`` null means no box 6 (the older rendering, which also always shows
"Remarks:").
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any, Callable, Optional

Row = dict[str, Any]

CSS = """
              .FormData {color: blue; background-color: white; font-size: small; font-family: Times, serif;}
              .FormDataC {color: blue; background-color: white; font-size: small; font-family: Times, serif; text-align: center;}
              .FormDataR {color: blue; background-color: white; font-size: small; font-family: Times, serif; text-align: right;}
              .SmallFormData {color: blue; background-color: white; font-size: x-small; font-family: Times, serif;}
              .FootnoteData {color: green; background-color: white; font-size: x-small; font-family: Times, serif;}
              .FormNumText {font-size: small; font-weight: bold; font-family: arial, helvetica, sans-serif;}
              .FormAttention {font-size: medium; font-weight: bold; font-family: helvetica;}
              .FormText {font-size: small; font-weight: normal; font-family: arial, helvetica, sans-serif; text-align: left;}
              .FormTextR {font-size: small; font-weight: normal; font-family: arial, helvetica, sans-serif; text-align: right;}
              .FormTextC {font-size: small; font-weight: normal; font-family: arial, helvetica, sans-serif; text-align: center;}
              .FormEMText {font-size: medium; font-style: italic; font-weight: normal; font-family: arial, helvetica, sans-serif;}
              .FormULText {font-size: medium; text-decoration: underline; font-weight: normal; font-family: arial, helvetica, sans-serif;}
              .SmallFormText {font-size: xx-small; font-family: arial, helvetica, sans-serif; text-align: left;}
              .SmallFormTextR {font-size: xx-small; font-family: arial, helvetica, sans-serif; text-align: right;}
              .SmallFormTextC {font-size: xx-small; font-family: arial, helvetica, sans-serif; text-align: center;}
              .MedSmallFormText {font-size: x-small; font-family: arial, helvetica, sans-serif; text-align: left;}
              .FormTitle {font-size: medium; font-family: arial, helvetica, sans-serif; font-weight: bold;}
              .FormTitle1 {font-size: small; font-family: arial, helvetica, sans-serif; font-weight: bold; border-top: black thick solid;}
              .FormTitle2 {font-size: small; font-family: arial, helvetica, sans-serif; font-weight: bold;}
              .FormTitle3 {font-size: small; font-family: arial, helvetica, sans-serif; font-weight: bold; padding-top: 2em; padding-bottom: 1em;}
              .SectionTitle {font-size: small; text-align: left; font-family: arial, helvetica, sans-serif; 
              		font-weight: bold; border-top: gray thin solid; border-bottom: gray thin solid;}
              .FormName {font-size: large; font-family: arial, helvetica, sans-serif; font-weight: bold;}
              .CheckBox {text-align: center; width: 5px; cell-spacing: 0; padding: 0 3 0 3; border-width: thin; border-style: solid;  border-color: black:}
              body {background: white;}
      """

EDGAR_COMPANY_URL = "/cgi-bin/browse-edgar?action=getcompany&amp;CIK="
PAGE_BREAK = '<div style="page-break-before: always"></div>'


class Unprintable(ValueError):
    """The record holds a value that EDGAR's page for this form revision cannot show."""


# --------------------------------------------------------------------------------------------
# Labels as data
# --------------------------------------------------------------------------------------------

SECTION16_BOX = ("Check this box if no longer subject to Section 16. Form 4 or Form 5 obligations "
                 "may continue. <i>See</i> Instruction 1(b).")
RULE_10B5_1_BOX = ("Check this box to indicate that a transaction was made pursuant to a "
                   "contract, instruction or written plan for the purchase or sale of equity "
                   "securities of the issuer that is intended to satisfy the affirmative defense "
                   "conditions of Rule 10b5-1(c). See Instruction 10. ")
FORM5_EXTRA_BOXES = ("Form 3 Holdings Reported.", "Form 4 Transactions Reported.")


@dataclass(frozen=True)
class HeaderCell:
    """One top-level column heading; ``sub`` holds (label, width%) of the headings under it."""
    label: str
    width: int
    sub: tuple[tuple[str, int], ...] = ()
    css_class: Optional[str] = None  # when it differs from the table's header class


@dataclass(frozen=True)
class Column:
    """One printed column: which field it shows, how, and which footnote refs land in it."""
    field: str
    kind: str  # text | date | number | price | code | timeliness
    data_class: str = "FormData"
    align: str = "center"
    refs: tuple[str, ...] = ()  # ref keys printed here besides the field's own
    only_if: Optional[tuple[str, str]] = None  # (field, value): print the value only then

    @property
    def ref_keys(self) -> tuple[str, ...]:
        return (self.field,) + self.refs


@dataclass(frozen=True)
class TableSpec:
    title: tuple[str, ...]
    header_class: str
    sub_valign: str  # valign attribute of the second heading row ('' for none)
    headers: tuple[HeaderCell, ...]
    columns: tuple[Column, ...]
    transactions: Optional[str]  # record key of the rows with a transaction, None on Form 3
    holdings: str

    @property
    def width(self) -> int:
        return sum(len(h.sub) or 1 for h in self.headers)


@dataclass(frozen=True)
class FormSpec:
    heading: str
    omb_number: str
    burden_hours: str
    period_label: str
    instruction: str  # the instruction cited by "* If the form is filed by more than one ..."
    extra_boxes: tuple[str, ...]
    tables: tuple[TableSpec, TableSpec]


TITLE = Column("security_title", "text", align="left", refs=("row",))
NATURE = Column("nature_of_ownership", "text", align="left")

FORM4_TABLE1 = TableSpec(
    title=("Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",),
    header_class="SmallFormText",
    sub_valign="",
    headers=(
        HeaderCell("1. Title of Security (Instr. 3)", 36, css_class="MedSmallFormText"),
        HeaderCell("2. Transaction Date (Month/Day/Year)", 6),
        HeaderCell("2A. Deemed Execution Date, if any (Month/Day/Year)", 5),
        HeaderCell("3. Transaction Code (Instr. 8)", 7, (("Code", 4), ("V", 3))),
        HeaderCell("4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)", 19,
                   (("Amount", 8), ("(A) or (D)", 5), ("Price", 6))),
        HeaderCell("5. Amount of Securities Beneficially Owned Following Reported Transaction(s) "
                   "(Instr. 3 and 4)", 11),
        HeaderCell("6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", 9),
        HeaderCell("7. Nature of Indirect Beneficial Ownership (Instr. 4)", 8),
    ),
    columns=(
        TITLE,
        Column("transaction_date", "date"),
        Column("deemed_execution_date", "date"),
        Column("transaction_code", "code", "SmallFormData"),
        Column("transaction_timeliness", "timeliness", "SmallFormData"),
        Column("shares", "number"),
        Column("acquired_disposed", "code"),
        Column("price_per_share", "price"),
        Column("shares_owned_following", "number"),
        Column("direct_or_indirect", "code"),
        NATURE,
    ),
    transactions="non_derivative_transactions",
    holdings="non_derivative_holdings",
)

FORM4_TABLE2 = TableSpec(
    title=("Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned",
           "(e.g., puts, calls, warrants, options, convertible securities)"),
    header_class="SmallFormText",
    sub_valign="bottom",
    headers=(
        HeaderCell("1. Title of Derivative Security (Instr. 3)", 13),
        HeaderCell("2. Conversion or Exercise Price of Derivative Security", 5),
        HeaderCell("3. Transaction Date (Month/Day/Year)", 5),
        HeaderCell("3A. Deemed Execution Date, if any (Month/Day/Year)", 5),
        HeaderCell("4. Transaction Code (Instr. 8)", 9, (("Code", 4), ("V", 4))),
        HeaderCell("5. Number of Derivative Securities Acquired (A) or Disposed of (D) "
                   "(Instr. 3, 4 and 5)", 10, (("(A)", 5), ("(D)", 5))),
        HeaderCell("6. Date Exercisable and Expiration Date (Month/Day/Year)", 9,
                   (("Date Exercisable", 5), ("Expiration Date", 4))),
        HeaderCell("7. Title and Amount of Securities Underlying Derivative Security "
                   "(Instr. 3 and 4)", 17, (("Title", 10), ("Amount or Number of Shares", 7))),
        HeaderCell("8. Price of Derivative Security (Instr. 5)", 6),
        HeaderCell("9. Number of derivative Securities Beneficially Owned Following Reported "
                   "Transaction(s) (Instr. 4)", 6),
        HeaderCell("10. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", 6),
        HeaderCell("11. Nature of Indirect Beneficial Ownership (Instr. 4)", 7),
    ),
    columns=(
        Column("security_title", "text", "SmallFormData", "left", refs=("row",)),
        Column("conversion_or_exercise_price", "price", "SmallFormData"),
        Column("transaction_date", "date", "SmallFormData"),
        Column("deemed_execution_date", "date", "SmallFormData"),
        Column("transaction_code", "code", "SmallFormData"),
        Column("transaction_timeliness", "timeliness", "SmallFormData"),
        Column("shares", "number", "SmallFormData", refs=("acquired_disposed",),
               only_if=("acquired_disposed", "A")),
        Column("shares", "number", "SmallFormData", refs=("acquired_disposed",),
               only_if=("acquired_disposed", "D")),
        Column("exercise_date", "date", "SmallFormData"),
        Column("expiration_date", "date", "SmallFormData"),
        Column("underlying_security_title", "text", "SmallFormData"),
        Column("underlying_security_shares", "number"),
        Column("price_per_share", "price", "SmallFormData"),
        Column("shares_owned_following", "number", "SmallFormData"),
        Column("direct_or_indirect", "code", "SmallFormData"),
        Column("nature_of_ownership", "text", "SmallFormData", "left"),
    ),
    transactions="derivative_transactions",
    holdings="derivative_holdings",
)

FORM5_TABLE1 = TableSpec(
    title=FORM4_TABLE1.title,
    header_class="SmallFormText",
    sub_valign="",
    headers=(
        HeaderCell("1. Title of Security (Instr. 3)", 28),
        HeaderCell("2. Transaction Date (Month/Day/Year)", 7),
        HeaderCell("2A. Deemed Execution Date, if any (Month/Day/Year)", 6),
        HeaderCell("3. Transaction Code (Instr. 8)", 6),
        HeaderCell("4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)", 24,
                   (("Amount", 10), ("(A) or (D)", 5), ("Price", 9))),
        HeaderCell("5. Amount of Securities Beneficially Owned at end of Issuer's Fiscal Year "
                   "(Instr. 3 and 4)", 11),
        HeaderCell("6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", 8),
        HeaderCell("7. Nature of Indirect Beneficial Ownership (Instr. 4)", 9),
    ),
    columns=tuple(
        Column("transaction_code", "code") if c.field == "transaction_code" else c
        for c in FORM4_TABLE1.columns if c.field != "transaction_timeliness"
    ),
    transactions="non_derivative_transactions",
    holdings="non_derivative_holdings",
)

FORM5_TABLE2 = TableSpec(
    title=FORM4_TABLE2.title,
    header_class="SmallFormText",
    sub_valign="bottom",
    headers=(
        HeaderCell("1. Title of Derivative Security (Instr. 3)", 13),
        HeaderCell("2. Conversion or Exercise Price of Derivative Security", 6),
        HeaderCell("3. Transaction Date (Month/Day/Year)", 6),
        HeaderCell("3A. Deemed Execution Date, if any (Month/Day/Year)", 6),
        HeaderCell("4. Transaction Code (Instr. 8)", 6),
        HeaderCell("5. Number of Derivative Securities Acquired (A) or Disposed of (D) "
                   "(Instr. 3, 4 and 5)", 12, (("(A)", 6), ("(D)", 6))),
        HeaderCell("6. Date Exercisable and Expiration Date (Month/Day/Year)", 10,
                   (("Date Exercisable", 5), ("Expiration Date", 5))),
        HeaderCell("7. Title and Amount of Securities Underlying Derivative Security "
                   "(Instr. 3 and 4)", 18, (("Title", 12), ("Amount or Number of Shares", 6))),
        HeaderCell("8. Price of Derivative Security (Instr. 5)", 5),
        HeaderCell("9. Number of derivative Securities Beneficially Owned Following Reported "
                   "Transaction(s) (Instr. 4)", 7),
        HeaderCell("10. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", 6),
        HeaderCell("11. Nature of Indirect Beneficial Ownership (Instr. 4)", 7),
    ),
    columns=tuple(c for c in FORM4_TABLE2.columns if c.field != "transaction_timeliness"),
    transactions="derivative_transactions",
    holdings="derivative_holdings",
)

FORM3_TABLE1 = TableSpec(
    title=("Table I - Non-Derivative Securities Beneficially Owned",),
    header_class="MedSmallFormText",
    sub_valign="bottom",
    headers=(
        HeaderCell("1. Title of Security (Instr. 4)", 44),
        HeaderCell("2. Amount of Securities Beneficially Owned (Instr. 4)", 19),
        HeaderCell("3. Ownership Form: Direct (D) or Indirect (I) (Instr. 5)", 11),
        HeaderCell("4. Nature of Indirect Beneficial Ownership (Instr. 5)", 26),
    ),
    columns=(TITLE, Column("shares_owned_following", "number"),
             Column("direct_or_indirect", "code"), NATURE),
    transactions=None,
    holdings="non_derivative_holdings",
)

FORM3_TABLE2 = TableSpec(
    title=("Table II - Derivative Securities Beneficially Owned",
           "(e.g., puts, calls, warrants, options, convertible securities)"),
    header_class="MedSmallFormText",
    sub_valign="bottom",
    headers=(
        HeaderCell("1. Title of Derivative Security (Instr. 4)", 35),
        HeaderCell("2. Date Exercisable and Expiration Date (Month/Day/Year)", 9,
                   (("Date Exercisable", 4), ("Expiration Date", 5))),
        HeaderCell("3. Title and Amount of Securities Underlying Derivative Security "
                   "(Instr. 4)", 26, (("Title", 20), ("Amount or Number of Shares", 6))),
        HeaderCell("4. Conversion or Exercise Price of Derivative Security", 7),
        HeaderCell("5. Ownership Form: Direct (D) or Indirect (I) (Instr. 5)", 8),
        HeaderCell("6. Nature of Indirect Beneficial Ownership (Instr. 5)", 15),
    ),
    columns=(
        TITLE,
        Column("exercise_date", "date", "SmallFormData"),
        Column("expiration_date", "date", "SmallFormData"),
        Column("underlying_security_title", "text"),
        Column("underlying_security_shares", "number"),
        Column("conversion_or_exercise_price", "price"),
        Column("direct_or_indirect", "code"),
        NATURE,
    ),
    transactions=None,
    holdings="derivative_holdings",
)

FORMS: dict[str, FormSpec] = {
    "3": FormSpec(
        heading="INITIAL STATEMENT OF BENEFICIAL OWNERSHIP OF SECURITIES",
        omb_number="3235-0104", burden_hours="0.5",
        period_label="Date of Event Requiring Statement (Month/Day/Year)",
        instruction="5", extra_boxes=(), tables=(FORM3_TABLE1, FORM3_TABLE2)),
    "4": FormSpec(
        heading="STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP",
        omb_number="3235-0287", burden_hours="0.5",
        period_label="Date of Earliest Transaction (Month/Day/Year)",
        instruction="4", extra_boxes=(), tables=(FORM4_TABLE1, FORM4_TABLE2)),
    "5": FormSpec(
        heading="ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP",
        omb_number="3235-0362", burden_hours="1.0",
        period_label="Statement for Issuer's Fiscal Year Ended (Month/Day/Year)",
        instruction="4", extra_boxes=FORM5_EXTRA_BOXES, tables=(FORM5_TABLE1, FORM5_TABLE2)),
}

ROW_LISTS = {"non_derivative_transactions", "non_derivative_holdings", "derivative_transactions",
             "derivative_holdings"}
RELATIONSHIP_MARKS = (("is_director", "Director"), ("is_ten_percent_owner", "10% Owner"),
                      ("is_officer", "Officer (give title below)"),
                      ("is_other", "Other (specify below)"))
FILED_BY = (("one", "Form filed by One Reporting Person"),
            ("more_than_one", "Form filed by More than One Reporting Person"))
FOOTER_NOTES = (
    "Reminder: Report on a separate line for each class of securities beneficially owned directly "
    "or indirectly.",
    "* If the form is filed by more than one reporting person, <i>see</i> Instruction "
    "{instruction} (b)(v).",
    "** Intentional misstatements or omissions of facts constitute Federal Criminal Violations "
    "<i>See</i> 18 U.S.C. 1001 and 15 U.S.C. 78ff(a).",
    "Note: File three copies of this Form, one of which must be manually signed. If space is "
    "insufficient, <i>see</i> Instruction 6 for procedure.",
    "<b>Persons who respond to the collection of information contained in this form are not "
    "required to respond unless the form displays a currently valid OMB Number.</b>",
)


# --------------------------------------------------------------------------------------------
# Values as EDGAR prints them
# --------------------------------------------------------------------------------------------

def format_number(value: float | int) -> str:
    """757756 -> 757,756; 5381.2 -> 5,381.2; 134018.0 -> 134,018: exact decimals, never rounded."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return f"{number:,f}"


def format_date(value: str) -> str:
    """ISO 2013-03-11 -> 03/11/2013 (a YYYY-MM month -> MM/YYYY)."""
    parts = value.split("-")
    return "/".join(parts[1:] + parts[:1])


def footnote_marks(ids: list[str]) -> str:
    return "".join(f'<span class="FootnoteData"><sup>({escape(i[1:])})</sup></span>' for i in ids)


def span(css_class: str, text: Optional[str]) -> str:
    return f'<span class="{css_class}">{escape(text or "")}</span>'


def check_mark(checked: Optional[bool]) -> str:
    return '<span class="FormData">X</span>' if checked else ""


def company_link(name: Optional[str], cik: Optional[str]) -> str:
    href = f' href="{EDGAR_COMPANY_URL}{escape(cik)}"' if cik else ""
    return f"<a{href}>{escape(name or '')}</a>"


# --------------------------------------------------------------------------------------------
# Page sections
# --------------------------------------------------------------------------------------------

def _check_box_row(label: str, checked: Optional[bool]) -> str:
    box = check_mark(checked) or "&nbsp;&nbsp;"
    return ('<tr valign="middle">\n<td><table width="100%" border="1" cellpadding="0" '
            f'cellspacing="0"><tr><td>{box}</td></tr></table></td>\n'
            f'<td class="SmallFormText">{label}</td>\n</tr>\n')


def _check_boxes(record: Row, base_form: str) -> list[tuple[str, Optional[bool]]]:
    if base_form == "3":
        return []
    boxes = [(SECTION16_BOX, record.get("not_subject_to_section16"))]
    if record.get("aff10b5one") is not None:
        boxes.append((RULE_10B5_1_BOX, record["aff10b5one"]))
    return boxes + [(label, None) for label in FORMS[base_form].extra_boxes]


def _title_block(record: Row, base_form: str) -> str:
    form = FORMS[base_form]
    boxes = _check_boxes(record, base_form)
    rows = 1 + sum(label != RULE_10B5_1_BOX for label, _ in boxes)  # EDGAR's rowspan leaves it out
    return (
        '<table width="100%" border="0" cellspacing="0" cellpadding="4">\n<tr>\n'
        '<td width="20%" colspan="2" valign="top" align="center" class="FormName">'
        f'FORM {escape(record["document_type"])}</td>\n'
        f'<td rowspan="{rows}" width="60%" valign="middle" align="center">\n'
        '<span class="FormTitle">UNITED STATES SECURITIES AND EXCHANGE COMMISSION</span><br>'
        '<span class="MedSmallFormText">Washington, D.C. 20549</span><br><br>'
        f'<span class="FormTitle">{form.heading}</span><br><br>'
        '<span class="MedSmallFormText">Filed pursuant to Section 16(a) of the Securities Exchange '
        'Act of 1934</span><br><span class="MedSmallFormText">or Section 30(h) of the Investment '
        'Company Act of 1940</span>\n</td>\n'
        f'<td rowspan="{rows}" width="20%" valign="top" align="center">'
        '<table width="100%" border="1" summary="OMB Approval Status Box">\n'
        '<tr><td class="FormTextC">OMB APPROVAL</td></tr>\n'
        '<tr><td><table width="100%" border="0" summary="OMB Interior Box">\n'
        '<tr>\n<td class="SmallFormText" colspan="3">OMB Number:</td>\n'
        f'<td class="SmallFormTextR">{form.omb_number}</td>\n</tr>\n'
        '<tr><td class="SmallFormText" colspan="4">Estimated average burden</td></tr>\n'
        '<tr>\n<td class="SmallFormText" colspan="3">hours per response:</td>\n'
        f'<td class="SmallFormTextR">{form.burden_hours}</td>\n</tr>\n'
        '</table></td></tr>\n</table></td>\n</tr>\n'
        + "".join(_check_box_row(label, checked) for label, checked in boxes)
        + "</table>\n"
    )


def owner_block(owner: Row) -> str:
    """Box 1: name (linked by CIK) and address, as EDGAR prints it for every reporting owner."""
    link = company_link(owner.get("name"), owner.get("cik"))
    return (
        '<span class="MedSmallFormText">1. Name and Address of Reporting Person<sup>*</sup></span>'
        f'<table border="0" width="100%"><tr><td>{link}</td></tr></table>\n<hr width="98%">\n'
        '<table border="0" width="100%"><tr>\n'
        '<td width="33%" class="MedSmallFormText">(Last)</td>\n'
        '<td width="33%" class="MedSmallFormText">(First)</td>\n'
        '<td width="33%" class="MedSmallFormText">(Middle)</td>\n</tr></table>\n'
        '<table border="0" width="100%">\n'
        f'<tr><td>{span("FormData", owner.get("street1"))}</td></tr>\n'
        f'<tr><td>{span("FormData", owner.get("street2"))}</td></tr>\n</table>\n<hr width="98%">\n'
        '<span class="MedSmallFormText">(Street)</span><table border="0" width="100%"><tr>\n'
        + "".join(f'<td width="33%">{span("FormData", owner.get(key))}</td>\n'
                  for key in ("city", "state", "zip_code"))
        + '</tr></table>\n<hr width="98%">\n'
        '<table border="0" width="100%"><tr>\n'
        '<td width="33%" class="MedSmallFormText">(City)</td>\n'
        '<td width="33%" class="MedSmallFormText">(State)</td>\n'
        '<td width="33%" class="MedSmallFormText">(Zip)</td>\n</tr></table>\n'
    )


def _issuer_box(record: Row, number: str) -> str:
    issuer = record["issuer"]
    return (f'<span class="MedSmallFormText">{number}. Issuer Name <b>and</b> Ticker or Trading '
            f'Symbol\n      </span><br>{company_link(issuer.get("name"), issuer.get("cik"))}\n'
            f'     [ {span("FormData", issuer.get("trading_symbol"))} ]\n   ')


def _date_box(label: str, value: Optional[str]) -> str:
    data = span("FormData", format_date(value)) if value else ""
    return f'<span class="MedSmallFormText">{label}</span><br>{data}\n'


def _relationship(owners: list[Row]) -> dict[str, Any]:
    """Box 5 for all owners at once: a box is marked when any owner has it (EDGAR's XPath test
    on the owner node-set); the title lines are the first owner's that has one."""
    marks: dict[str, Any] = {key: any(o.get(key) for o in owners) for key, _ in RELATIONSHIP_MARKS}
    for key in ("officer_title", "other_text"):
        marks[key] = next((o[key] for o in owners if o.get(key) is not None), None)
    return marks


def printed_record(record: Row) -> Row:
    """The record as its page shows it: box 5 speaks for all owners at once, so with several
    owners the first carries box 5 and the others' relationships are not on the page."""
    owners = record.get("reporting_owners") or []
    if len(owners) < 2:
        return record
    unprinted = dict.fromkeys([key for key, _ in RELATIONSHIP_MARKS] + ["officer_title", "other_text"])
    first = {**owners[0], **_relationship(owners)}
    return {**record, "reporting_owners": [first] + [{**o, **unprinted} for o in owners[1:]]}


def _relationship_box(owners: list[Row], number: str) -> str:
    marks = _relationship(owners)
    title, other = escape(marks["officer_title"] or ""), escape(marks["other_text"] or "")
    (d_key, d_label), (t_key, t_label), (o_key, o_label), (x_key, x_label) = RELATIONSHIP_MARKS
    return (
        f'<span class="MedSmallFormText">{number}. Relationship of Reporting Person(s) to Issuer\n'
        '      </span><br><span class="MedSmallFormText">(Check all applicable)</span>'
        '<table border="0" width="100%">\n<tr>\n'
        f'<td width="15%" align="center">{check_mark(marks[d_key])}</td>\n'
        f'<td width="35%" class="MedSmallFormText">{d_label}</td>\n'
        f'<td width="15%" align="center">{check_mark(marks[t_key])}</td>\n'
        f'<td width="35%" class="MedSmallFormText">{t_label}</td>\n</tr>\n<tr>\n'
        f'<td align="center">{check_mark(marks[o_key])}</td>\n'
        f'<td class="MedSmallFormText">{o_label}</td>\n'
        f'<td align="center">{check_mark(marks[x_key])}</td>\n'
        f'<td class="MedSmallFormText">{x_label}</td>\n</tr>\n<tr>\n'
        '<td width="15%" align="center"></td>\n'
        f'<td width="35%" align="left" style="color: blue">{title}</td>\n'
        '<td width="15%" align="center"></td>\n'
        f'<td width="35%" align="left" style="color: blue">{other}</td>\n'
        '</tr>\n</table>\n'
    )


def _filed_by_box(form_filed_by: str) -> str:
    lines = "".join(
        f'<tr>\n<td width="15%" align="center">{check_mark(form_filed_by == value)}</td>\n'
        f'<td width="85%" class="MedSmallFormText">{label}</td>\n</tr>\n'
        for value, label in FILED_BY)
    return ('<span class="MedSmallFormText">6. Individual or Joint/Group Filing (Check Applicable '
            f'Line)\n      </span><table border="0" width="100%">\n{lines}</table>\n')


def _td(content: str, attrs: str = 'valign="top"') -> str:
    return f"<td {attrs}>\n{content}</td>\n"


def _boxes_form4(record: Row, form: FormSpec) -> str:
    owners = record["reporting_owners"]
    filed_by = record.get("form_filed_by")
    amendment = _date_box("4. If Amendment, Date of Original Filed\n         (Month/Day/Year)",
                          record.get("date_of_original_submission"))
    relationship = _td(_relationship_box(owners, "5"),
                       f'rowspan="{2 if filed_by else 3}" valign="top"')
    last_row = _td(amendment) + (_td(_filed_by_box(filed_by)) if filed_by else "")
    return (
        "<tr>\n" + _td(owner_block(owners[0]), 'rowspan="3" width="35%" valign="top"')
        + _td(_issuer_box(record, "2"), 'width="35%" valign="top"') + relationship + "</tr>\n"
        + "<tr>" + _td(_date_box(f"3. {form.period_label}", record.get("period_of_report")))
        + "</tr>\n<tr>\n" + last_row + "</tr>\n"
    )


def _boxes_form3(record: Row, form: FormSpec) -> str:
    owners = record["reporting_owners"]
    filed_by = record.get("form_filed_by")
    rows = 3 if filed_by else 2
    amendment = _date_box("5. If Amendment, Date of Original Filed\n         (Month/Day/Year)",
                          record.get("date_of_original_submission"))
    return (
        "<tr>\n" + _td(owner_block(owners[0]), f'rowspan="{rows}" width="30%" valign="top"')
        + _td(_date_box(f"2. {form.period_label}", record.get("period_of_report")),
              f'rowspan="{rows}" width="15%" valign="top"')
        + _td(_issuer_box(record, "3"), 'valign="top" colspan="2"') + "</tr>\n<tr>\n"
        + _td(_relationship_box(owners, "4"), f'rowspan="{rows - 1}" width="30%" valign="top"')
        + _td(amendment) + "</tr>\n"
        + ("<tr>" + _td(_filed_by_box(filed_by)) + "</tr>\n" if filed_by else "")
    )


def _boxes(record: Row, base_form: str) -> str:
    layout = _boxes_form3 if base_form == "3" else _boxes_form4
    return ('<table width="100%" border="1" cellspacing="0" cellpadding="4">\n'
            + layout(record, FORMS[base_form]) + "</table>\n")


# --------------------------------------------------------------------------------------------
# Tables I and II
# --------------------------------------------------------------------------------------------

def _thead(table: TableSpec) -> str:
    two_rows = any(h.sub for h in table.headers)
    title = "<br>".join(f"<b>{t}</b>" for t in table.title)
    top = "".join(
        f'<th width="{h.width}%" valign="top" '
        + (f'colspan="{len(h.sub)}" ' if h.sub else ('rowspan="2" ' if two_rows else ""))
        + f'align="left" class="{h.css_class or table.header_class}">{h.label}</th>\n'
        for h in table.headers)
    valign = f'valign="{table.sub_valign}" ' if table.sub_valign else ""
    sub = "".join(
        f'<th width="{width}%" {valign}align="center" class="{table.header_class}">{label}</th>\n'
        for h in table.headers for label, width in h.sub)
    return (
        f'<thead>\n<tr><th width="100%" valign="top" colspan="{table.width}" align="center" '
        f'class="FormTextC">{title}</th></tr>\n<tr>\n{top}</tr>\n'
        + (f"<tr>\n{sub}</tr>\n" if two_rows else "") + "</thead>\n"
    )


def _shown(column: Column, row: Row) -> bool:
    return not column.only_if or row.get(column.only_if[0]) == column.only_if[1]


def _cell_text(column: Column, row: Row) -> str:
    """The value of one cell without its footnote marks ('' when the cell shows no value)."""
    value = row.get(column.field)
    if value is None or not _shown(column, row):
        return ""
    dollar_class = column.data_class.replace("Data", "Text")
    render: dict[str, Callable[[Any], str]] = {
        "text": lambda v: span(column.data_class, v),
        "code": lambda v: span(column.data_class, v),
        "date": lambda v: span(column.data_class, format_date(v)),
        "number": lambda v: span(column.data_class, format_number(v)),
        "price": lambda v: span(dollar_class, "$") + span(column.data_class, format_number(v)),
        "timeliness": lambda v: span(column.data_class, "V") if v == "E" else "",
    }
    return render[column.kind](value)


def _cell_refs(column: Column, row: Row) -> list[str]:
    refs = row.get("footnote_refs") or {}
    return [i for key in column.ref_keys for i in refs.get(key, [])] if _shown(column, row) else []


def _cell(column: Column, row: Row) -> str:
    marks = footnote_marks(_cell_refs(column, row))
    return f'<td align="{column.align}">{_cell_text(column, row)}{marks}</td>\n'


def _row(table: TableSpec, row: Row) -> str:
    return "<tr>\n" + "".join(_cell(c, row) for c in table.columns) + "</tr>\n"


def _table(table: TableSpec, record: Row) -> str:
    rows = (record[table.transactions] if table.transactions else []) + record[table.holdings]
    body = f"<tbody>\n{''.join(_row(table, r) for r in rows)}</tbody>\n" if rows else ""
    return ('<table width="100%" border="1" cellspacing="0" cellpadding="4">\n'
            f"{_thead(table)}{body}</table>\n")


# --------------------------------------------------------------------------------------------
# After the tables
# --------------------------------------------------------------------------------------------

def _owner_list(owners: list[Row]) -> str:
    """Joint filings: EDGAR lists every reporting owner (the first one again) after the tables."""
    if len(owners) < 2:
        return ""
    rows = "".join(f'<tr><td valign="top">\n{owner_block(o)}</td></tr>\n' for o in owners)
    return f'<table width="40%" border="1" cellspacing="0" cellpadding="4">\n{rows}</table>\n'


def _explanations(record: Row) -> str:
    notes = "".join(f'<tr><td class="FootnoteData">{escape(f["id"][1:])}. {escape(f["text"])}'
                    "</td></tr>\n" for f in record["footnotes"])
    remarks = record.get("remarks")
    always_remarks = record.get("form_filed_by") is None  # the older rendering
    remarks_rows = ('<tr><td class="FormText"><b>Remarks:</b></td></tr>\n'
                    f'<tr><td class="FootnoteData">{escape(remarks or "")}</td></tr>\n'
                    if remarks is not None or always_remarks else "")
    return ('<table border="0" width="100%">\n'
            '<tr><td class="MedSmallFormText"><b>Explanation of Responses:</b></td></tr>\n'
            f"{notes}{remarks_rows}</table>\n")


def _signatures(record: Row, base_form: str) -> str:
    signed = "".join(
        '<tr>\n<td width="60%"></td>\n'
        f'<td width="20%"><u>{span("FormData", s.get("name"))}</u></td>\n'
        f'<td width="20%"><u>{span("FormData", format_date(s["date"]) if s.get("date") else "")}'
        '</u></td>\n</tr>\n<tr>\n<td></td>\n'
        '<td class="MedSmallFormText">** Signature of Reporting Person</td>\n'
        '<td class="MedSmallFormText">Date</td>\n</tr>\n'
        for s in record["signatures"])
    notes = "".join(f'<tr><td colspan="3" class="MedSmallFormText">'
                    f'{n.format(instruction=FORMS[base_form].instruction)}</td></tr>\n'
                    for n in FOOTER_NOTES)
    return f'<table width="100%" border="0">\n{signed}{notes}</table>\n'


# --------------------------------------------------------------------------------------------
# Whole pages
# --------------------------------------------------------------------------------------------

def _check_printable(record: Row, base_form: str) -> None:
    """Refuse a record holding a value this page would not show, so that no sample lies."""
    if base_form == "3" and any(record.get(k) is not None
                                for k in ("not_subject_to_section16", "aff10b5one")):
        raise Unprintable("Form 3 has neither the Section 16 nor the 10b5-1 box")
    printed = {key for t in FORMS[base_form].tables for key in (t.transactions, t.holdings)}
    for key in ROW_LISTS - printed:
        if record.get(key):
            raise Unprintable(f"Form {base_form} has no rows for {key}")
    for table in FORMS[base_form].tables:
        for key in filter(None, (table.transactions, table.holdings)):
            for row in record.get(key, []):
                _check_row(table, row)


def _check_row(table: TableSpec, row: Row) -> None:
    printed_cells = [c for c in table.columns if _cell_text(c, row) or _cell_refs(c, row)]
    shown = {c.field for c in printed_cells} | {c.only_if[0] for c in printed_cells if c.only_if}
    values = {k for k, v in row.items() if v is not None and k not in ("footnote_refs", "raw")}
    refs = set(row.get("footnote_refs") or {})
    hidden = (values - shown) | (refs - {k for c in printed_cells for k in c.ref_keys})
    if hidden:
        raise Unprintable(f"no cell shows {sorted(hidden)} of row {row}")


def render_body(record: Row) -> str:
    """The <body> content of EDGAR's page for one report."""
    base_form = record["document_type"].split("/")[0]
    _check_printable(record, base_form)
    return (
        f'SEC Form {escape(record["document_type"])}\n   '
        + _title_block(record, base_form) + _boxes(record, base_form)
        + "".join(_table(t, record) for t in FORMS[base_form].tables)
        + _owner_list(record["reporting_owners"]) + _explanations(record)
        + _signatures(record, base_form)
    )


def render_document(records: list[Row]) -> str:
    """One HTML page holding the reports one after another, each starting on a new sheet."""
    title = f"SEC FORM {escape(records[0]['document_type'])}"
    bodies = f"\n{PAGE_BREAK}\n".join(render_body(r) for r in records)
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
        '"http://www.w3.org/TR/html4/loose.dtd">\n<html>\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
        f'<title>{title}</title>\n<style type="text/css">{CSS}</style>\n</head>\n'
        f"<body>{bodies}</body>\n</html>\n"
    )


def render_html(record: Row) -> str:
    """EDGAR's HTML rendering of one record (a dict of record.schema.json)."""
    return render_document([record])
