"""Stage 5, normalise: small pure functions from printed text to the record's typed values.

Each field type of the layouts maps to one function in ``FIELD_TYPES``. They take the cell text
with footnote markers already taken out, and raise ``ValueError`` for text that is not a value
of their type, so the caller can warn instead of guessing.
"""
from __future__ import annotations

import regex

from .vocabulary import (ACQUIRED_DISPOSED, DIRECT_INDIRECT, TIMELINESS, TIMELINESS_MARK, TIMELINESS_MARKS,
                         TRANSACTION_CODES)

Number = int | float

FOOTNOTE_MARKER = regex.compile(r"\(\s*(\d{1,3})\s*\)")
WHITESPACE = regex.compile(r"\s+")
DATE = regex.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$")
# A price as EDGAR prints it, after a "$", read without its "$" but with a glyph a scan makes of
# it ("$0" read "30", "50", "so" or "SU"; "$0.275" read "90.275"): on the samples' fax and photo
# pages, 9 such readings of 9 meant the figures after their first glyph, and none the figures as read.
DOLLAR_MISREAD = regex.compile(r"^\s*[35689Ss](?=[\d.]|[oOuU](?!\w))")
ZERO_MISREAD = regex.compile(r"(?<=^\$)[oOuU](?!\w)")
NUMBER = regex.compile(r"^\(?-?\d{1,3}(?:,\d{3})*(?:\.\d+)?\)?$|^\(?-?\d+(?:\.\d+)?\)?$|^\(?-?\.\d+\)?$")
# "NAME [TICKER]"; OCR may lose the closing bracket or read it as a stroke.
NAME_AND_TICKER = regex.compile(r"^(?<name>.*?)\s*\[\s*(?<ticker>[^\]\s|]*?)\s*[\]|Il1)Jj]?\s*$")
# Where a coarse scan lost the brackets' shape ("Apple Inc. I AAPL I", "Co ( HBB )", "Inc. [| SCWO I",
# "CORP f LNKD I", "INC I AASP I I"): a symbol of letters (a class after a stop, "BRK.A") between
# what OCR makes of an opening and a closing bracket, each standing apart.
TICKER_IN_MISREAD_BRACKETS = regex.compile(
    r"^(?<name>.*?\S)\s+(?:[\[({]\|?|[|Ilf1])\s*(?<ticker>\p{L}{1,5}(?:\.\p{L})?)\.?\s*[\])}|IJjl1](?:\s*[\])|IJ])?$")
# "/s/" (a conformed signature) stands as a word of its own; OCR may run it into the word before.
SIGNATURE_MARK = regex.compile(r"(?<=\S)(?=/s/)", regex.IGNORECASE)
TWO_DIGIT_YEAR_PIVOT = 50  # "98" is 1998, "03" is 2003
# A price range as notes print a weighted average price's ("at prices ranging from $872.000 to
# $872.500"): two dollar amounts a short word apart (a coarse scan may garble the "to"). Such ranges
# are narrow: of the corpus's 44, the widest's top is 1.11 times its bottom. A coarse scan may
# show a decimal point as a comma ("$872,000").
DOLLARS = r"\$(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
PRICE_RANGE = regex.compile(rf"{DOLLARS} \S{{1,4}} {DOLLARS}")
PRICE_RANGE_WIDTH = 1.15
DECIMAL_READ_AS_COMMA = regex.compile(r"\d{1,3},\d{3}")


def collapse(text: str | None) -> str | None:
    """Runs of white space become one space; empty text is None."""
    if text is None:
        return None
    text = WHITESPACE.sub(" ", text).strip()
    return text or None


def parse_signature_name(text: str | None) -> str | None:
    """'By:/s/ Jane Doe' -> 'By: /s/ Jane Doe'."""
    return collapse(SIGNATURE_MARK.sub(" ", text)) if text is not None else None


def split_footnote_markers(text: str) -> tuple[str, list[str]]:
    """'519 (1)' -> ('519', ['F1']); markers in order, each once."""
    refs: list[str] = []
    for number in FOOTNOTE_MARKER.findall(text):
        ref = f"F{int(number)}"
        if ref not in refs:
            refs.append(ref)
    return collapse(FOOTNOTE_MARKER.sub(" ", text)) or "", refs


def parse_text(text: str) -> str | None:
    return collapse(text)


def parse_number(text: str) -> Number | None:
    """'22,000' -> 22000, '$2.35' -> 2.35, '5,381.20' -> 5381.2; integral values become int."""
    cleaned = collapse(text.replace("$", " "))
    if cleaned is None:
        return None
    cleaned = cleaned.replace(" ", "")
    if not NUMBER.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    negative = cleaned.startswith("(") or cleaned.startswith("-")
    digits = cleaned.strip("()").lstrip("-").replace(",", "")
    value = float(digits)
    if value.is_integer() and len(digits) < 16:
        result: Number = int(value)
    else:
        result = value
    return -result if negative else result


def parse_price(text: str) -> Number | None:
    """A price printed after a "$" (EDGAR's renderings): '$2.35' -> 2.35; read without the "$" but
    with a glyph a scan makes of it first, '30' -> 0 and 'so' -> 0 (see DOLLAR_MISREAD)."""
    if "$" not in text and DOLLAR_MISREAD.match(text):
        text = ZERO_MISREAD.sub("0", DOLLAR_MISREAD.sub("$", text, count=1))
    return parse_number(text)


def parse_date(text: str) -> str | None:
    """'03/11/2013' -> '2013-03-11'; two-digit years of old paper forms are 19xx from 50 on."""
    cleaned = collapse(text)
    if cleaned is None:
        return None
    match = DATE.match(cleaned)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    month, day, year = (int(g) for g in match.groups())
    if len(match.group(3)) == 2:
        year += 1900 if year >= TWO_DIGIT_YEAR_PIVOT else 2000
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"not a date: {text!r}")
    return f"{year:04d}-{month:02d}-{day:02d}"


def _one_of(allowed: frozenset[str], what: str):
    def parse(text: str) -> str | None:
        cleaned = collapse(text)
        if cleaned is None:
            return None
        value = cleaned.strip("()").upper()
        if value not in allowed:
            raise ValueError(f"not a {what}: {text!r}")
        return value
    parse.__name__ = f"parse_{what.replace(' ', '_')}"
    return parse


parse_code = _one_of(TRANSACTION_CODES, "transaction code")
parse_acquired_disposed = _one_of(ACQUIRED_DISPOSED, "(A)/(D) code")
parse_direct_indirect = _one_of(DIRECT_INDIRECT, "(D)/(I) code")


def parse_timeliness(text: str) -> str | None:
    """The V column: 'E' or 'L' as printed; a check mark there ('V', 'X', a tick) means early."""
    cleaned = collapse(text)
    if cleaned is None:
        return None
    if cleaned.upper() in TIMELINESS:
        return cleaned.upper()
    if cleaned.casefold() in TIMELINESS_MARKS:
        return TIMELINESS_MARK
    raise ValueError(f"not a mark of the V column: {text!r}")


def parse_name_and_ticker(text: str) -> tuple[str | None, str | None]:
    """'SONUS NETWORKS INC [SONS]' -> ('SONUS NETWORKS INC', 'SONS')."""
    cleaned = collapse(text)
    if cleaned is None:
        return None, None
    match = NAME_AND_TICKER.match(cleaned) or TICKER_IN_MISREAD_BRACKETS.match(cleaned)
    if not match:
        return cleaned, None
    ticker = collapse(match.group("ticker"))
    return collapse(match.group("name")), ticker.upper() if ticker else None  # symbols are capitals


FIELD_TYPES = {
    "text": parse_text,
    "number": parse_number,
    "share_count": parse_number,  # a number that is a count of shares: see reread.GROUPED_BY_PERIODS
    "price": parse_price,
    "date": parse_date,
    "code": parse_code,
    "acquired_disposed": parse_acquired_disposed,
    "direct_indirect": parse_direct_indirect,
    "timeliness": parse_timeliness,
}


def price_range_readings(low: str, high: str) -> list[tuple[str, str]]:
    """The ways the amounts of a price range as read (figures of PRICE_RANGE) may be meant, as narrow
    as price ranges are: as read, and with an amount of one group of three after a comma taken for
    a decimal ("872,000": 872.000), the most decimals last."""
    return [(a, b) for a in _decimal_readings(low) for b in _decimal_readings(high)
            if 0 < dollar_amount(a) <= dollar_amount(b) <= PRICE_RANGE_WIDTH * dollar_amount(a)]


def note_price_ranges(text: str) -> list[tuple[float, float]]:
    """Every way the price ranges of a note may be meant (see ``price_range_readings``)."""
    return [(dollar_amount(a), dollar_amount(b)) for low, high in PRICE_RANGE.findall(text)
            for a, b in price_range_readings(low, high)]


def dollar_amount(figures: str) -> float:
    return float(figures.replace(",", ""))


def _decimal_readings(amount: str) -> list[str]:
    return [amount, amount.replace(",", ".")] if DECIMAL_READ_AS_COMMA.fullmatch(amount) else [amount]
