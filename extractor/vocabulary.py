"""Code lists of the ownership forms (SEC General Instruction 8 and the form's check columns), and
the words the forms commonly print."""
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex

TRANSACTION_CODES = frozenset("P S V A D F I M C E H O X G L W Z J K U".split())
ACQUIRED_DISPOSED = frozenset({"A", "D"})
DIRECT_INDIRECT = frozenset({"D", "I"})
TIMELINESS = frozenset({"E", "L"})
# A check mark in the V column means "voluntarily reported early".
TIMELINESS_MARK = "E"
TIMELINESS_MARKS = frozenset({"v", "x", "\u2713", "\u2714", "\u2612"})
# Codes whose direction the form fixes, by table: a sale (S) or a tax withholding (F) disposes,
# an open-market purchase (P) acquires.
CODE_DIRECTION = {"non_derivative_transactions": {"P": "A", "S": "D", "F": "D"}}

# Words ownership reports print, lower-cased, with the number of issuers whose filings print each
# (tools/build_vocabulary.py). Words printed by COMMON_ISSUERS or more are the forms' common
# language; the others are mostly names.
KNOWN_WORDS_PATH = Path(__file__).resolve().parent / "data" / "words.txt"
# English words (SCOWL's American list, lower-cased, four letters or more): none is a misreading.
ENGLISH_WORDS_PATH = Path(__file__).resolve().parent / "data" / "english.txt"
COMMON_ISSUERS = 2
# A word this long or longer that is no known word but one letter off a common one reads like
# OCR's misreading of it ("Commen", "Func", "attornev"); shorter ones are too often real words.
MISREAD_MIN_LENGTH = 4
# A real word the forms hardly print (by at most RARE_ISSUERS issuers) one letter off a word
# nearly every filer's forms print (FORM_WORD_ISSUERS or more) may be a misreading of it too:
# "Stack" for "Stock" (1 issuer against 171).
RARE_ISSUERS = 1
FORM_WORD_ISSUERS = 30
# A glyph confusion and a letter more are two slips: taken only in longer words ("Atomey"), not in
# short ones ("ELGIN" would read as "elm").
TWO_SLIPS_MIN_LENGTH = 6
# Glyphs OCR reads for one another beyond a single letter ("Conimon" for "Common").
OCR_CONFUSIONS = (("rn", "m"), ("ni", "m"), ("in", "m"), ("cl", "d"), ("li", "h"), ("vv", "w"), ("rt", "n"), ("ri", "n"),
                  ("tr", "w"), ("tn", "m"), ("it", "u"), ("ti", "u"), ("rr", "n"))


@lru_cache(maxsize=1)
def _issuers_printing() -> dict[str, int]:
    lines = KNOWN_WORDS_PATH.read_text(encoding="utf-8").splitlines()
    return {word: int(count) for word, count in (line.split("\t") for line in lines if line and not line.startswith("#"))}


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    return frozenset(_issuers_printing()) | frozenset(ENGLISH_WORDS_PATH.read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(word for word, issuers in _issuers_printing().items() if issuers >= COMMON_ISSUERS)


@lru_cache(maxsize=1)
def _common_by_deletion() -> dict[str, frozenset[str]]:
    """Each common word and each with one letter left out -> the common words it comes from."""
    index: dict[str, set[str]] = {}
    for word in common_words():
        for key in {word, *_deletions(word)}:
            index.setdefault(key, set()).add(word)
    return {key: frozenset(words) for key, words in index.items()}


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def misread_known_words(word: str, own_words: frozenset[str] = frozenset()) -> frozenset[str]:
    """The common words a word of letters reads like a misreading of by the fewest slips: one
    letter added, left out or changed, or one of OCR_CONFUSIONS either way; else both ("Atomey":
    "rn" read "m" and a "t" lost). None when it is a known word itself, or short. ("Parmers" is one
    slip off "partners" and two off "partner": it is "partners".) ``own_words`` (lower case) are
    common in the text the word is read from too: a report's notes name its issuer ("Testa" for
    "Tesla"), who may be no common word."""
    lower = word.lower()
    if len(lower) < MISREAD_MIN_LENGTH or not lower.isalpha() or _known(lower) or lower in own_words:
        return frozenset()
    confused = {lower[:i] + b + lower[i + len(a):] for pair in OCR_CONFUSIONS for a, b in (pair, pair[::-1])
                for i in range(len(lower)) if lower.startswith(a, i)}
    one_slip = (_one_edit_off_common(lower) | (confused & (common_words() | own_words))
                | {w for w in own_words if _one_edit_apart(lower, w)})
    if one_slip or len(lower) < TWO_SLIPS_MIN_LENGTH:
        return frozenset(one_slip)
    return frozenset(w for variant in confused for w in _one_edit_off_common(variant))


def _one_edit_off_common(word: str) -> set[str]:
    index = _common_by_deletion()
    return {w for key in {word, *_deletions(word)} for w in index.get(key, ()) if _one_edit_apart(word, w)}


@lru_cache(maxsize=1)
def form_words() -> frozenset[str]:
    return frozenset(word for word, issuers in _issuers_printing().items()
                     if issuers >= FORM_WORD_ISSUERS and len(word) >= MISREAD_MIN_LENGTH)


def form_words_near(word: str) -> frozenset[str]:
    """For a known word the forms hardly print, the words nearly every form prints one letter
    off it ("stack": "stock"), but not its singular or plural; none for any other word."""
    lower = word.lower()
    if len(lower) < MISREAD_MIN_LENGTH or _issuers_printing().get(lower, 0) > RARE_ISSUERS or not _known(lower):
        return frozenset()
    return frozenset(w for w in form_words() if len(w) in (len(lower) - 1, len(lower), len(lower) + 1)
                     and _one_edit_apart(lower, w) and lower not in (f"{w}s", w[:-1]))


def is_known_word(word: str) -> bool:
    return _known(word.lower())


def _known(word: str) -> bool:
    """A known word, or one with an "s" after it (a plural, or a possessive that lost its apostrophe)."""
    return word in known_words() or word.endswith("s") and word[:-1] in known_words()


def _one_edit_apart(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


# Titles of securities the forms print (tools/build_vocabulary.py), with the number of issuers
# whose filings print each; those printed by COMMON_ISSUERS or more are the forms' common titles.
# A title read with a word that is no word is taken for a misreading of the common title it is
# most like, where the two have at least TITLE_LIKENESS of their letters in common (difflib's
# ratio) and lengths as near, no other is nearly as like it (TITLE_LIKENESS_MARGIN), and they name
# the same letters and figures ("Class A", "Series B-1"), which OCR rarely misreads and titles
# differ by: "Series A Converuble Preferred Stock" is not "Series A Preferred Stock".
TITLES_PATH = Path(__file__).resolve().parent / "data" / "titles.txt"
TITLE_LIKENESS = 0.75
TITLE_LIKENESS_MARGIN = 0.05
TITLE_WORD_MIN_LENGTH = 4  # shorter words ("to", "par") may be no dictionary's
NAMING_TOKENS = regex.compile(r"\b(?:\p{L}|\d\S*)\b")


@lru_cache(maxsize=1)
def common_titles() -> tuple[str, ...]:
    lines = TITLES_PATH.read_text(encoding="utf-8").splitlines()
    counts = (line.rsplit("\t", 1) for line in lines if line and not line.startswith("#"))
    return tuple(title for title, issuers in counts if int(issuers) >= COMMON_ISSUERS)


def title_misread(title: str) -> Optional[str]:
    """The common title a title read with a word that is no word is a misreading of, if any (see
    TITLE_LIKENESS): "Class B Coumton Stach" is "Class B Common Stock"."""
    if title in common_titles() or all(is_known_word(w) for w in regex.findall(
            rf"\p{{L}}{{{TITLE_WORD_MIN_LENGTH},}}", title)):
        return None
    naming = NAMING_TOKENS.findall(title.lower())
    likeness = sorted(((SequenceMatcher(None, title, common).ratio(), common) for common in common_titles()
                       if NAMING_TOKENS.findall(common.lower()) == naming
                       and abs(len(common) - len(title)) <= (1 - TITLE_LIKENESS) * max(len(common), len(title))),
                      reverse=True)
    if not likeness or likeness[0][0] < TITLE_LIKENESS or (
            len(likeness) > 1 and likeness[1][0] > likeness[0][0] - TITLE_LIKENESS_MARGIN):
        return None
    return likeness[0][1]


# The codes EDGAR's ownership schema allows for a reporting person's state or country ("NY",
# "A6" for Ontario), and the glyphs OCR reads for one another in such codes.
STATE_CODES_PATH = Path(__file__).resolve().parent / "data" / "state_codes.txt"
CODE_CONFUSIONS = ("O0", "I1", "S5", "B8", "G6", "Z2")


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    return frozenset(STATE_CODES_PATH.read_text(encoding="utf-8").split())


def confusable_state_codes(code: str) -> frozenset[str]:
    """The state or country codes that read like ``code`` but for one glyph of CODE_CONFUSIONS
    ("AG" for "A6", "MO" and "M0")."""
    twins = {code[:i] + b + code[i + 1:] for i, glyph in enumerate(code)
             for pair in CODE_CONFUSIONS for a, b in (pair, pair[::-1]) if glyph == a}
    return frozenset(twins & state_codes())
