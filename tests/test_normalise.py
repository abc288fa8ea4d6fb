"""The normalisers: printed text -> typed values, as ../shared/spec/README.md says."""
from datetime import date

import pytest
from hypothesis import given, strategies as st

from extractor.normalise import (PRICE_RANGE_WIDTH, collapse, note_price_ranges, parse_acquired_disposed, parse_code,
                                 parse_date, parse_direct_indirect, parse_name_and_ticker, parse_number,
                                 parse_price, parse_signature_name, parse_timeliness, split_footnote_markers)


@pytest.mark.parametrize("text, expected", [
    ("22,000", 22000), ("$2.35", 2.35), ("5,381.2", 5381.2), ("$ 0", 0), ("1,234,567.0000", 1234567),
    ("0.33", 0.33), (".5", 0.5), ("", None), ("  ", None),
])
def test_numbers_as_printed(text, expected):
    value = parse_number(text)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("text", ["12a", "1,23", "--5", "1.2.3"])
def test_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text, expected", [
    # fax and photo readings of the samples' prices (eb, hbb, ntra, mchx)
    ("30", 0), ("50", 0), ("so", 0), ("SU", 0), ("90.275", 0.275), ("$30", 30), ("0", 0), ("8", 8),
])
def test_a_price_read_without_its_dollar_sign_but_a_glyph_made_of_it(text, expected):
    assert parse_price(text) == expected


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.sampled_from(["$", "$ ", "3", "5", "9", "S", "s"]))
def test_a_price_reads_the_same_after_its_dollar_sign_or_a_glyph_made_of_it(price, sign):
    printed = f"{price:,}"
    assert parse_price(sign + printed) == parse_number(printed)


@given(st.integers(min_value=0, max_value=10**12))
def test_any_integer_printed_with_separators_reads_back(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"${n:,}") == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=9999))
def test_any_decimal_reads_back_exactly(whole, fraction):
    text = f"{whole:,}.{fraction:04d}"
    assert parse_number(text) == float(f"{whole}.{fraction:04d}")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_any_date_reads_back(day):
    assert parse_date(day.strftime("%m/%d/%Y")) == day.isoformat()


@pytest.mark.parametrize("text, expected", [
    ("03/11/2013", "2013-03-11"), ("3/1/98", "1998-03-01"), ("12/31/03", "2003-12-31"), ("", None),
])
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["13/01/2020", "2020-01-01", "soon"])
def test_not_a_date_is_refused(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_codes_are_upper_case_and_from_the_list():
    assert parse_code("s") == "S"
    assert parse_code(" G ") == "G"
    with pytest.raises(ValueError):
        parse_code("Q")
    assert parse_acquired_disposed("(D)") == "D"
    assert parse_direct_indirect("i") == "I"
    assert parse_timeliness("E") == "E"
    assert parse_timeliness("X") == "E"
    assert parse_timeliness("V") == "E"
    with pytest.raises(ValueError):
        parse_timeliness("|;")
    assert parse_timeliness("") is None


@pytest.mark.parametrize("text, expected", [
    ("519 (1)", ("519", ["F1"])),
    ("757,756(1)", ("757,756", ["F1"])),
    ("See Footnotes(2)(3)", ("See Footnotes", ["F2", "F3"])),
    ("(2)", ("", ["F2"])),
    ("Common Stock", ("Common Stock", [])),
    ("(1) 10 (1)", ("10", ["F1"])),
])
def test_footnote_markers_leave_the_value(text, expected):
    assert split_footnote_markers(text) == expected


@given(st.text(alphabet=st.characters(blacklist_characters="()"), max_size=40),
       st.lists(st.integers(min_value=1, max_value=99), max_size=4))
def test_markers_are_always_taken_out(value, numbers):
    text = value + "".join(f"({n})" for n in numbers)
    cleaned, refs = split_footnote_markers(text)
    assert "(" not in cleaned
    assert refs == list(dict.fromkeys(f"F{n}" for n in numbers))
    assert cleaned == (collapse(value) or "")


@given(st.text(max_size=60))
def test_collapse_leaves_no_runs_of_space(text):
    out = collapse(text)
    assert out is None or ("  " not in out and out == out.strip() and out)


def test_a_conformed_signature_mark_stands_apart():
    assert parse_signature_name("By:/s/ Jung Yeon Son") == "By: /s/ Jung Yeon Son"
    assert parse_signature_name("/s/ Jane Doe, Attorney-in-Fact") == "/s/ Jane Doe, Attorney-in-Fact"
    assert parse_signature_name("By: /S/ JANE DOE") == "By: /S/ JANE DOE"
    assert parse_signature_name(None) is None


@given(st.text(alphabet="ab:/s ", max_size=40))
def test_signature_names_change_only_in_spacing(text):
    out = parse_signature_name(text) or ""
    assert out.replace(" ", "") == text.replace(" ", "")
    assert all(out[i - 1] == " " for i in range(1, len(out)) if out.lower().startswith("/s/", i))


def test_issuer_name_and_ticker():
    assert parse_name_and_ticker("SONUS NETWORKS INC [SONS]") == ("SONUS NETWORKS INC", "SONS")
    assert parse_name_and_ticker("374Water Inc. [ SCWO ]") == ("374Water Inc.", "SCWO")
    assert parse_name_and_ticker("No Ticker Corp") == ("No Ticker Corp", None)
    assert parse_name_and_ticker("Berkshire Hathaway Inc [ BRK.A ]") == ("Berkshire Hathaway Inc", "BRK.A")


@pytest.mark.parametrize("read, name, ticker", [
    # fax and photo readings of the samples' box 2: the brackets' remains stand apart
    ("AAR CORP I AIR I", "AAR CORP", "AIR"), ("Albertsons Companies, Inc. ( ACI I", "Albertsons Companies, Inc.", "ACI"),
    ("374Water Inc. [| scwo I", "374Water Inc.", "SCWO"), ("Hamilton Beach Brands Holding Co ( HBB )",
                                                         "Hamilton Beach Brands Holding Co", "HBB"),
    ("LINKEDIN CORP f LNKD I", "LINKEDIN CORP", "LNKD"), ("Joby Aviation, Inc. ( JOBY.]", "Joby Aviation, Inc.", "JOBY"),
    ("ALL AMERICAN SPORTPARK INC I AASP I I", "ALL AMERICAN SPORTPARK INC", "AASP"),
    ("Snowflake Inc. [ sNow ])", "Snowflake Inc.", "SNOW"),
    # no bracket's remains, or a name's own letters
    ("CSK AUTO CAO I", "CSK AUTO CAO I", None), ("MICROSOFT CORP Mser I", "MICROSOFT CORP Mser I", None),
    ("Fund I LP", "Fund I LP", None), ("SPDR GOLD TRUST", "SPDR GOLD TRUST", None),
])
def test_a_ticker_between_misread_brackets_is_told_from_the_name(read, name, ticker):
    assert parse_name_and_ticker(read) == (name, ticker)


@given(st.integers(min_value=1000, max_value=999_999), st.integers(min_value=0, max_value=100), st.booleans(), st.booleans())
def test_a_price_range_with_decimal_points_read_as_commas_is_read_with_them(thousandths, spread, low_comma, high_comma):
    """A weighted average's range as a coarse scan may show it: either amount of three decimals
    with its point read as a comma ("$872,000 to $872.500"). Whatever was read, every reading is
    as narrow as price ranges are."""
    low = thousandths / 1000
    high = round(low * (1 + spread / 1000), 3)
    printed = [f"{low:.3f}", f"{high:.3f}"]
    read = [amount.replace(".", ",") if comma and amount.index(".") <= 3 else amount
            for amount, comma in zip(printed, (low_comma, high_comma))]
    text = f"Sold at prices ranging from ${read[0]} to ${read[1]}, inclusive."
    readings = note_price_ranges(text)
    assert (float(printed[0]), float(printed[1])) in readings
    assert all(0 < a <= b <= PRICE_RANGE_WIDTH * a for a, b in readings)
