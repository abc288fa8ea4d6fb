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
"""
from __future__ import annotations

from typing import Any

import regex

from .record import Record
from .vocabulary import confusable_state_codes, misread_known_words, state_codes

# Fields whose misread words are spelt right, and fields whose misread words only doubt them,
# by the last part of their JSON pointer ("text" is a footnote's).
SPELT_FIELDS = frozenset({"security_title", "underlying_security_title", "nature_of_ownership", "street1", "street2",
                          "city", "officer_title", "other_text", "text", "remarks"})
DOUBTED_FIELDS = frozenset({"name"})
CODE_FIELDS = frozenset({"state"})
# How sure a field with a word spelt for it, or with a word in doubt, can be said to be.
SPELT_CONFIDENCE = 0.8
DOUBTED_CONFIDENCE = 0.5
WORD = regex.compile(r"\p{L}+")


def spell(record: Record) -> Record:
    """The record with the misread words of its OCR fields spelt (or doubted), and a warning for
    each field changed or doubted."""
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
        misread = {w: near for w in WORD.findall(text) if (near := misread_known_words(w))}
        if not misread:
            continue
        if leaf in SPELT_FIELDS:
            spelt = WORD.sub(lambda m: _spelt(m.group(), misread.get(m.group(), frozenset())), text)
            setattr(holder, leaf, spelt)
            info["confidence"] = min(info["confidence"], SPELT_CONFIDENCE)
            record.extraction.warnings.append(f"{pointer}: read {text!r}, spelt {spelt!r}")
        else:
            info["confidence"] = min(info["confidence"], DOUBTED_CONFIDENCE)
            words = ", ".join(f"{w!r} (like {' or '.join(sorted(near))!r})" for w, near in misread.items())
            record.extraction.warnings.append(f"{pointer}: {words} may be misread")
    return record


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
