"""Stage 5c, spell: the words and codes an OCR reading garbled out of the forms' own.

A word OCR read that is no word (of the forms' XML or of English) but one letter, or one of
OCR's glyph confusions, off a word the forms commonly print ("Commen", "Preterred", "attornev")
is taken for a misreading of it. In titles, natures of ownership, addresses, footnotes and
remarks it is spelt as that word where there is only one such word, and the field is reported no
surer than a guess; in names, which may be any word, it is left as read and the field doubted.
A state that is no code of EDGAR's list but for one confusable glyph ("AG") is spelt as the
code it reads like ("A6"); one that reads like two codes ("MO", "M0") is no surer than a guess.
Each change or doubt is a warning, so the reading is never lost. Only reports with a page
scanned coarser than 300 dpi (a fax, a photo) are spelt: from a finer scan Tesseract misreads
few letters, while the filer's own spellings look like misreadings ("Chairmn", "Tranche",
"Tien"); and text layers are left alone: there a misspelling is the filer's.

A signature is a name, but its long form words ("Attomey-in-Fact") are spelt, and so is its
conformed "/s/" where OCR misread it ("'si", "és?"). A word OCR parted in two ("Co mmon") is joined.
A field printed as no filer types it (brackets that do not pair, a lone dash, a label's words)
or holding a rare real word one letter off a word nearly every form prints ("Stack") is doubted.
Phrases are spelt too where the corpus's XML shows how filers type them: a title with a word that
is no word as the common title it is most like, a nature read as "See footnote" garbled as that
phrase, an address's "C/O"; punctuation a coarse scan misreads where filers never type it
("Felix J, Baker", "By;", "Tesla. Inc."); and a note's price range with its decimal points read
as commas where the report's prices show them ("$872,000 to $872.500").
"""
from __future__ import annotations

from typing import Any

import regex

from .normalise import DOLLARS, PRICE_RANGE, PRICE_RANGE_WIDTH, dollar_amount, price_range_readings
from .record import Record
from .vocabulary import (MISREAD_MIN_LENGTH, common_words, confusable_state_codes, form_words, form_words_near,
                         is_known_word, misread_known_words, state_codes, title_misread)

# Fields whose misread words are spelt right, and fields whose misread words only doubt them,
# by the last part of their JSON pointer ("text" is a footnote's).
SPELT_FIELDS = frozenset({"security_title", "underlying_security_title", "nature_of_ownership", "street1", "street2",
                          "city", "officer_title", "other_text", "text", "remarks"})
DOUBTED_FIELDS = frozenset({"name"})
TITLE_FIELDS = frozenset({"security_title", "underlying_security_title"})  # spelt as a common title too
CODE_FIELDS = frozenset({"state"})
# A city's words the vocabulary does not know are in doubt from this length: work's photo read
# "PALO ALTO" as "PALOALTO" four times, sure; 11 of the samples' 128 cities have such a word.
CITY = "city"
UNKNOWN_WORD_MIN_LENGTH = 7
# A city starts with a letter or figure (all 172 of the corpus's do): marks before it are specks ("-MENLO PARK").
CITY_LEADING_MARKS = regex.compile(r"^[^\p{L}\p{N}]+")
# A name read this surely spells the words of the notes that name it ("Testa, Inc." for "Tesla, Inc.").
SURE_NAME_CONFIDENCE = 0.9
# How sure a field with a word spelt for it, or with a word in doubt, can be said to be.
SPELT_CONFIDENCE = 0.8
DOUBTED_CONFIDENCE = 0.5
WORD = regex.compile(r"\p{L}+")
SIGNATURES = "/signatures/"  # how the JSON pointers of signatures start
# A conformed signature's "/s/" as OCR misreads it from a coarse scan ("'si", "isi", "és?", "4s",
# "ds/", "'sf", "igi", "5.", "&/", "4"; "is/Jessica" glued to the name), first in a signature or
# after its "By:": a short run of marks about an "s" (or a "g", "5"), no name ("S.", "St.", "Si")
# and not the mark as some filers type it ("s/"); and a name's initial whose full stop was read
# as a comma ("Christopher E, Brown").
CONFORMED_MARK_MISREAD = regex.compile(
    r"(?:^|(?<=\bBy ?[:;.,]? ))(?!\p{Lu}\p{Ll}*\.?(?: |$))(?!/?[sS]/(?: |$))"
    r"(?:['\u2018\u2019/ifjJd4&\u00e9]{0,2}[sS5g][i/'?:!.lI1|fts\u00e9]{0,2}|[4&]/?)"
    r"(?= |(?<=[/'\u2018\u2019]\S*)(?=\p{Lu}\p{Ll}))")
# Shorter words of a signature may be names one letter off a form word ("Feld": "held").
SIGNATURE_SPELT_MIN_LENGTH = 6
INITIAL_READ_WITH_COMMA = regex.compile(r"(?<=\b[A-Z]),(?= [A-Z][a-z]+\b)")
# A note ends with a full stop, which a coarse scan may show as a comma or colon (photos: 19 notes
# so read; in the corpus's XML 5 notes of 1478 end with a comma, none with a colon), or lose (8
# notes of the photos, "... set forth in this footnote"; of the corpus's 1439 notes of eight words
# or more, 7 end in a letter: "N/A", "1-for-1" and lists of figures are shorter or end in none).
FOOTNOTE_TEXT = "text"
CLOSING_COMMA = regex.compile(r"[,:]$")
CLOSING_STOP_LOST = regex.compile(r"(?<=^(?:\S+\s+){7,}\S*\p{L})$")
# Prose (notes, remarks, natures of ownership) is spelt for full stops a coarse scan shows as
# commas where the corpus's 605 notes and remarks (of issuers other than the samples') never
# print a comma: after a middle initial ("Felix J, Baker": 60 stops, no comma; not a form word's
# letter or one of a list, "Class A, Common Stock", "Series A, Series B"), after a title
# ("Mr, Goetz": none), between figures not three apart ("$15,90", "1:1,0685", "Exhibit 99,1":
# none), before a word that starts sentences (SENTENCE_STARTS) at the end of a clause too long to be
# a sentence's opening phrase ("price, These shares", "$895.450, inclusive, The", "Shares, All":
# 333 stops before the first five; the 3 commas so placed end an opening phrase, "As a result,
# The"; "Mr." is not one: "... of the Funds, Mr. Chen"), and after initials before a capital
# ("U.S, Venture": none; "L.P.," 44 times, so its stop may be the one lost).
# Words that start the corpus's sentences (twice or more) and never follow a comma after a long
# clause there.
SENTENCE_STARTS = ("The", "These", "This", "Each", "Such", "As", "In", "All", "On", "One", "Two", "If", "Upon",
                   "Following", "Pursuant", "Subject")
NATURE = "nature_of_ownership"
PROSE_FIELDS = frozenset({FOOTNOTE_TEXT, "remarks", NATURE})
MIDDLE_INITIAL_READ_WITH_COMMA = regex.compile(r"(?<=\b(\p{Lu}\p{Ll}+) \p{Lu}),(?= (\p{Lu}\p{Ll}+))")
STOPS_READ_AS_COMMAS = (
    regex.compile(r"(?<=\b(?:Mr|Ms|Mrs|Dr)),(?= )"),
    regex.compile(r"(?<=\d),(?=\d{1,2}(?!\d)|\d{4})"),
    regex.compile(r"(?<=(?:^|[.;:] )(?:\S*[^\s.;:] ){5,}\S*[\p{L}\d)\"]),"
                  rf"(?= (?:{'|'.join(SENTENCE_STARTS)})\b)"),
    regex.compile(r"(?<=\b(?:\p{Lu}\.)+\p{Lu}),(?= \p{Lu})"),
)
# A note's price range (normalise.PRICE_RANGE) whose decimal points a coarse scan showed as commas
# ("$872,000 to $872.500") is spelt with decimals where so read (``price_range_readings``), and
# not as read (or as read, not as narrow as price ranges are: "$883.380 to $884,330"), it holds a
# price the report's tables give (PRICE_RANGE_SLACK either way).
PRICE_RANGE_SLACK = 0.01
# The "to" between a range's amounts as OCR misreads it ("$43.00 10 $44.78", "$878,000 w $878,990").
TO_MISREAD = regex.compile(rf"(?<={DOLLARS} )(?:10|1o|lo|t0|tw|w|t)(?= {DOLLARS})")
# The word "to" as a photo blurs it ("tw", "w", "lo", "wo"), which no note of the corpus's 1454 holds.
TO_MISREAD_IN_PROSE = regex.compile(r"(?<=\p{L},? )(?:tw|w|lo|wo)(?= \p{L})")
# A nature of ownership read as "See footnote(s)" garbled: 535 of the corpus's 1250 natures are
# "See Footnote", "See footnote", "See Footnotes" or "See footnotes", 2 more say which ("See
# Footnote (2)"). Its words each a slip or two off ("Sec foomote"), a speck between them ("See i
# footnote") and what is left of its markers after them make it that phrase: marks, figures and
# letters one or two at a time ("See footnote! 4", "See Footnotes' 123 145)", "See footnote eo"),
# or a run of markers read as letters, which holds a bracket ("See Footnotes (SMG UBHINIOY tUEnM
# taney)", "See Footnotes CS MGH TMK LO) (UM toetd"). The case of its "F" and its "s" are taken as read.
MARKER_READING = r"[^\p{L}\s]*\p{L}{0,2}[^\p{L}\s]*"  # what a marker's or a speck's reading is
MARKER_RUN_READING = r" (?=[^()]*[()]).*"
SEE_FOOTNOTE = regex.compile(r"^(?:[Ss]ee){e<=1}(?: \p{L})? (?P<f>[Ff])(?:ootnote){e<=2}(?P<s>s?)"
                             rf"(?P<left>(?: {MARKER_READING})*|[^\p{{L}}\s]+(?: {MARKER_READING})*|{MARKER_RUN_READING})$",
                             regex.BESTMATCH)
# What a coarse scan leaves of a raised marker at the end of a title or a nature of ownership:
# marks that close nothing ("By Trust'-!", "Class B Common Stock!)", "Common Stock,"; none of the
# corpus's 179 natures ends in a quote, "?", "!", "-" or a comma, nor any of its titles). What it
# closes that opened in the value is kept ("Fund (Q)'", '("RSUs")').
SINGLE_QUOTE_OPENING = regex.compile(r"(?<![\p{L}\d])'(?=\S)")  # not an apostrophe ("Spouse's")
SINGLE_QUOTE_CLOSING = regex.compile(r"(?<=\S)'(?![\p{L}\d])")
MARKER_REMAINS_AT_END = regex.compile(r"(?<=[\p{L}\d.])\s?['\"`?!*^~\u2122\u00ae\u00a9\u00b0=<>,:;\-)\s]+$")
# A Roman numeral with an "I" read as a one ("Fund V1", "FF-1V", "Fund I1-2"): none of the corpus's
# notes mixes the two.
ROMAN_NUMERAL_READ_WITH_ONE = regex.compile(r"(?<!\w)(?=[IVX1]*1)(?=[IVX1]*[IVX])[IVX1]+(?!\w)")
# Names and signatures: a colon read as a semicolon after "By", "Name", "Title" or "Its" (the
# corpus's 1048 names and signatures: 236 colons there, no semicolon), and a comma read as a full
# stop before a word that goes on a name ("Shrout. Attorney-in-Fact", "LLC. its general partner":
# 462 commas there, and 4 stops, each after an abbreviation, "INC. By").
COLON_READ_AS_SEMICOLON = regex.compile(r"\b(By|Name|Title|Its)( ?);")
COMMA_READ_AS_STOP = regex.compile(
    r"(?<=\p{Ll}{2}|\p{Lu}{2,}|\))(?<!\b(?i:inc|ltd|corp|co|jr|sr|bros))\. (?=(?:its|attorney|Attorney|Director|"
    r"Authorized|By|Name|Title|LLC|LP|General|Managing|Manager|President|as|Chief)\b|L\.P\.|L\.L\.C\.)")
# A company's name as a coarse scan shows its punctuation: "Tesla. Inc." for "Tesla, Inc." and
# "Bandwidth Inc," for "Bandwidth Inc." (the corpus's 242 issuers and 357 owners: "X, Inc" 60 times,
# "X. Inc" never, and "X. LTD" once, after "PTE"; no name ends in a comma).
COMMA_BEFORE_COMPANY_READ_AS_STOP = regex.compile(r"(?<=\p{L}{2})(?<!\bPTE)\.(?= (?:Inc|INC|Ltd|LTD|Corp|CORP)\b)")
COMPANY_STOP_READ_AS_COMMA = regex.compile(r"(?<=\b(?:Inc|INC|Ltd|LTD|Corp|CORP|Co|CO)),$")
# A comma with the space after it lost ("Tesla,Inc."): of the corpus's 608 issuer, owner and signature
# names with a comma, one has a letter right after it.
SPACE_LOST_AFTER_COMMA = regex.compile(r"(?<=\p{L}),(?=\p{L})")
# No name or signature of the corpus's 1425 ends in a comma (300 end in a full stop): a comma read
# at the end is an initial's stop ("Allen Sharon L,") or a speck ("Ramaswamy,").
INITIAL_STOP_READ_AS_COMMA = regex.compile(r"(?<=\b\p{Lu}),$")
NAME_CLOSING_COMMA = regex.compile(r",$")
# "L.P." with its inner stop lost by a coarse scan ("Fund, LP."): the corpus's names, signatures and
# natures of ownership end "L.P." 72 times or have "L.P.," 46 times, "LP" so 78 times, "LP." never.
PARTNERSHIP_INNER_STOP_LOST = regex.compile(r"\bLP\.(?=,|$)")
# "Ltd" read as the word "lid" (the corpus's notes and names: "Ltd" 26 times, "Lid" never).
LIMITED_MISREAD = regex.compile(r"\bLid(?=[.,])")
# An address line "in care of" as OCR misreads its "C/O" ("CO", "CiO", "C:0", "(0", "(CO", "CQ",
# "C'O", "GO", "@O", "/O"; "CO:" for "C/O:"): of the corpus's 1086 street lines, 271 start "C/O",
# none with any of those.
CARE_OF_MISREAD = regex.compile(r"^(?:\(?[CG@] ?[/iIl1|:'\u2019]? ?|\(|/)[O0Q](?=:? )")
ADDRESS_LINES = frozenset({"street1", "street2"})
# Two pieces of letters a space apart, which OCR may have parted out of one word.
PARTED_WORD = regex.compile(r"(?<!\p{L})(\p{L}+) (\p{L}+)(?!\p{L})")


def _lower_case_word_among_capitals(text: str) -> bool:
    """An address or name in capitals with one word in lower case ("1700 OWENS is STREET")."""
    words = WORD.findall(text)
    lower = [w for w in words if w.islower()]
    return len(lower) == 1 and len(words) >= 3 and all(w.isupper() for w in words if w not in lower)


# How filers never type a name, title, address or note (none of the samples' XML values does),
# but OCR reads one: each with the reason it gives in its warning.
ODD_PRINT = (
    ("brackets that do not pair", lambda text: text.count("(") != text.count(")")),
    ("a space inside brackets", lambda text: "( " in text or " )" in text),
    ("a dash alone at an end", regex.compile(r"(?:^|\s)[-\u2013\u2014]\s*$|^\s*[-\u2013\u2014](?:\s|$)").search),
    ("a lone lower-case letter", regex.compile(r"(?<!\S)[b-z](?!\S)").search),
    ("a lower-case word among capitals", _lower_case_word_among_capitals),
    # the words of the form's labels "(Month/Day/Year)" and "(Instr. 3)", run into a value
    ("a label's words", regex.compile(r"\((?:Month|Instr\b)|\bMonth\S{1,2}Day|\bInstr\.", regex.IGNORECASE).search),
)


def spell(record: Record) -> Record:
    """The record with the misread words of its OCR fields spelt (or doubted), and a warning for
    each field changed or doubted."""
    prices = _prices(record)
    names = _names_read_surely(record)  # prose names the issuer and owners: their names' words are its words too
    for pointer, info in (record.extraction.fields or {}).items():
        leaf = pointer.rsplit("/", 1)[-1]
        if info.get("method") == "text" or leaf not in SPELT_FIELDS | DOUBTED_FIELDS | CODE_FIELDS:
            continue
        holder = _holder(record, pointer)
        text = getattr(holder, leaf)
        if not isinstance(text, str):
            continue
        if leaf in CODE_FIELDS:
            _spell_code(record, pointer, holder, leaf, info)
            continue
        read = text
        if leaf == NATURE and (see := SEE_FOOTNOTE.fullmatch(text)):
            text = f"See {see['f']}ootnote{see['s']}"
        if leaf in {NATURE} | TITLE_FIELDS:
            text = _without_marker_remains(text)
        if leaf in SPELT_FIELDS:
            text = _rejoined(text)
        if pointer.startswith(SIGNATURES):
            text = INITIAL_READ_WITH_COMMA.sub(".", CONFORMED_MARK_MISREAD.sub(_conformed_mark, text))
        if leaf in PROSE_FIELDS | DOUBTED_FIELDS:
            text = LIMITED_MISREAD.sub("Ltd", text)
            text = ROMAN_NUMERAL_READ_WITH_ONE.sub(lambda m: m.group().replace("1", "I"), text)
        if leaf in {NATURE} | DOUBTED_FIELDS:
            text = PARTNERSHIP_INNER_STOP_LOST.sub("L.P.", text)
        if leaf in ADDRESS_LINES:
            text = CARE_OF_MISREAD.sub("C/O", text)
        if leaf == CITY:
            text = CITY_LEADING_MARKS.sub("", text)
        if leaf == FOOTNOTE_TEXT:
            text = CLOSING_STOP_LOST.sub(".", CLOSING_COMMA.sub(".", text))
            text = _price_ranges_with_decimals(TO_MISREAD.sub("to", text), prices)
        if leaf in PROSE_FIELDS:
            text = TO_MISREAD_IN_PROSE.sub("to", text)
            text = MIDDLE_INITIAL_READ_WITH_COMMA.sub(
                lambda m: m.group() if m.group(1).lower() in form_words() or m.group(1) == m.group(2) else ".", text)
            for comma in STOPS_READ_AS_COMMAS:
                text = comma.sub(".", text)
        misread = {w: near for w in WORD.findall(text)
                   if (near := misread_known_words(w, names if leaf in PROSE_FIELDS else frozenset()))}
        # Names may be any word; but a signature's long form words ("Attorney-in-Fact") are spelt.
        spellable = misread if leaf in SPELT_FIELDS else {
            w: near for w, near in misread.items()
            if pointer.startswith(SIGNATURES) and len(w) >= SIGNATURE_SPELT_MIN_LENGTH and near <= form_words()}
        text = WORD.sub(lambda m: _spelt(m.group(), spellable.get(m.group(), frozenset())), text)
        if leaf in DOUBTED_FIELDS:  # after the words, which the stops' rules name ("Attomey": "Attorney")
            text = COMMA_READ_AS_STOP.sub(", ", COLON_READ_AS_SEMICOLON.sub(r"\1\2:", text))
            text = COMPANY_STOP_READ_AS_COMMA.sub(".", COMMA_BEFORE_COMPANY_READ_AS_STOP.sub(",", text))
            text = NAME_CLOSING_COMMA.sub("", INITIAL_STOP_READ_AS_COMMA.sub(".", text))
            text = SPACE_LOST_AFTER_COMMA.sub(", ", text)
        if leaf in TITLE_FIELDS:
            text = title_misread(text) or text
        if text != read:
            setattr(holder, leaf, text)
            record.extraction.warnings.append(f"{pointer}: read {read!r}, spelt {text!r}")
        if text != read or spellable:  # spellable but near two words ("Sertes"): left as read, in doubt
            info["confidence"] = min(info["confidence"], SPELT_CONFIDENCE)
        doubted = {w: near for w, near in misread.items() if w not in spellable}
        if doubted:
            _doubt_words(record, pointer, info, doubted, DOUBTED_CONFIDENCE)
        elif leaf in SPELT_FIELDS and not misread:
            # a real word the forms hardly print one letter off a word of nearly every form ("Stack")
            rare = {w: near for w in WORD.findall(text) if (near := form_words_near(w))}
            if rare:
                _doubt_words(record, pointer, info, rare, SPELT_CONFIDENCE)
        if leaf == CITY:
            _doubt_unknown_words(record, pointer, text, info)
        _doubt_odd_print(record, pointer, text, info)
    return record


def _doubt_unknown_words(record: Record, pointer: str, text: str, info: dict) -> None:
    """A city with a long word no report prints, which may be two words run together
    ("PALOALTO"): no surer than a spelt one."""
    unknown = [w for w in WORD.findall(text) if len(w) >= UNKNOWN_WORD_MIN_LENGTH and not is_known_word(w)]
    if unknown:
        info["confidence"] = min(info["confidence"], SPELT_CONFIDENCE)
        record.extraction.warnings.append(f"{pointer}: {', '.join(map(repr, unknown))} no report prints; may be misread")


def _without_marker_remains(text: str) -> str:
    """The text without the marks a raised marker left at its end (MARKER_REMAINS_AT_END), but
    for quotes and brackets that close what opened before them, and a bracket alone, which may
    close one OCR misread ("Stock Option fright to buy)")."""
    remains = MARKER_REMAINS_AT_END.search(text)
    if not remains or remains.group().strip() == ")":
        return text
    kept = text[:remains.start()]
    single_quote_open = len(SINGLE_QUOTE_OPENING.findall(kept)) > len(SINGLE_QUOTE_CLOSING.findall(kept))
    closing = ("'" if single_quote_open else "") + ('"' if kept.count('"') % 2 else "") + \
        ")" * max(kept.count("(") - kept.count(")"), 0)
    return kept + closing


def _rejoined(text: str) -> str:
    """The text with a word OCR parted in two ("Co mmon") joined again: two pieces, not both
    words, that together make a common word."""
    def rejoined(match: regex.Match) -> str:
        first, second = match.group(1), match.group(2)
        whole = f"{first}{second}"
        if whole.lower() in common_words() and not (is_known_word(first) and is_known_word(second)):
            return whole
        return match.group()

    return PARTED_WORD.sub(rejoined, text)


def _names_read_surely(record: Record) -> frozenset[str]:
    """The words (lower case, long enough to be spelt by) of the issuer's and the owners' names
    where read surely (at SURE_NAME_CONFIDENCE at least) or read so in a note, remark or signature
    too: two readings of one word that agree."""
    fields = record.extraction.fields or {}
    names = [("/issuer/name", record.issuer.name)] + [(f"/reporting_owners/{i}/name", owner.name)
                                                      for i, owner in enumerate(record.reporting_owners)]
    prose = " ".join([*(note.text for note in record.footnotes), record.remarks or "",
                      *(signature.name or "" for signature in record.signatures)])
    read_again = {word.lower() for word in WORD.findall(prose)}
    return frozenset(word.lower() for pointer, name in names if name and pointer in fields
                     for word in WORD.findall(name) if len(word) >= MISREAD_MIN_LENGTH and (
                         word.lower() in read_again or fields[pointer].get("method") == "text"
                         or fields[pointer]["confidence"] >= SURE_NAME_CONFIDENCE))


def _prices(record: Record) -> list[float]:
    rows = [*record.non_derivative_transactions, *record.derivative_transactions, *record.derivative_holdings]
    return [price for row in rows for price in (getattr(row, "price_per_share", None),
                                                getattr(row, "conversion_or_exercise_price", None))
            if isinstance(price, (int, float))]


def _price_ranges_with_decimals(text: str, prices: list[float]) -> str:
    """The note with the decimal points of its price ranges that were read as commas (see
    PRICE_RANGE_SLACK)."""
    def holds_a_price(low: str, high: str) -> bool:
        low_amount, high_amount = dollar_amount(low), dollar_amount(high)
        return high_amount <= PRICE_RANGE_WIDTH * low_amount and any(
            low_amount * (1 - PRICE_RANGE_SLACK) <= p <= high_amount * (1 + PRICE_RANGE_SLACK) for p in prices)

    def with_decimals(match: regex.Match) -> str:
        low, high = match.group(1), match.group(2)
        readings = [(a, b) for a, b in price_range_readings(low, high) if holds_a_price(a, b)]
        if holds_a_price(low, high) or not readings:
            return match.group()
        a, b = readings[-1]
        between = match.group()[match.end(1) - match.start():match.start(2) - match.start()]
        return f"${a}{between}{b}"

    return PRICE_RANGE.sub(with_decimals, text) if prices else text


def _conformed_mark(match: regex.Match) -> str:
    return "/S/" if "S" in match.group() else "/s/"


def _doubt_odd_print(record: Record, pointer: str, text: str, info: dict) -> None:
    """A field printed as no filer types it ("Advisors ( GP) LLC", "Class B Common 3)") holds a
    misreading: no surer than a spelt one."""
    odd = [reason for reason, looks_so in ODD_PRINT if looks_so(text)]
    if odd:
        info["confidence"] = min(info["confidence"], SPELT_CONFIDENCE)
        record.extraction.warnings.append(f"{pointer}: {' and '.join(odd)} in {text!r}: may be misread")


def _doubt_words(record: Record, pointer: str, info: dict, near_by_word: dict[str, frozenset[str]],
                 confidence: float) -> None:
    info["confidence"] = min(info["confidence"], confidence)
    words = ", ".join(f"{w!r} (like {' or '.join(sorted(near))!r})" for w, near in near_by_word.items())
    record.extraction.warnings.append(f"{pointer}: {words} may be misread")


def _spell_code(record: Record, pointer: str, holder: Any, leaf: str, info: dict) -> None:
    """A state or country code spelt as the one code it reads like, or doubted (see the module)."""
    code = getattr(holder, leaf)
    twins = confusable_state_codes(code)
    if code in state_codes():
        if twins:
            info["confidence"] = min(info["confidence"], SPELT_CONFIDENCE)
        return
    if len(twins) == 1:
        (spelt,) = twins
        setattr(holder, leaf, spelt)
        info["confidence"] = min(info["confidence"], SPELT_CONFIDENCE)
        record.extraction.warnings.append(f"{pointer}: read {code!r}, spelt {spelt!r}")
    else:
        info["confidence"] = min(info["confidence"], DOUBTED_CONFIDENCE)
        record.extraction.warnings.append(f"{pointer}: {code!r} is no state or country code of EDGAR's")


def _spelt(word: str, near: frozenset[str]) -> str:
    """The word as the one common word it is a misreading of, in its case; as read if none or several."""
    if len(near) != 1:
        return word
    (right,) = near
    return right.upper() if word.isupper() else right.capitalize() if word[0].isupper() else right


def _holder(record: Record, pointer: str) -> Any:
    """The object that holds a JSON pointer's value (the pointer's last part names it there)."""
    holder: Any = record
    for part in pointer.strip("/").split("/")[:-1]:
        holder = holder[int(part)] if isinstance(holder, list) else getattr(holder, part)
    return holder
