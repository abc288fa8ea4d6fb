"""Field-by-field comparison of a record with its ground truth (used by tests and benchmarks).

Every scalar of the record counts as one field, table rows and owners by position; a missing or
extra row makes each of its fields wrong. Footnotes are paired by their id (a note lost makes its
own id and text wrong, not every note after it). ``extraction`` is never compared.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NOT_SCORED = {"extraction", "raw"}


def flatten(value: Any, pointer: str = "") -> dict[str, Any]:
    """JSON pointer -> scalar; a list of strings (footnote ids) counts as one value."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key not in NOT_SCORED:
                out.update(flatten(item, f"{pointer}/{key}"))
        return out
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{pointer}/{index}"))
        return out
    return {pointer: value}


def _footnotes_paired_by_id(expected: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    """``got`` with its footnotes placed where the expected notes of the same ids stand; a place
    with no such note holds an empty note; notes of other ids, and a second note of one id, follow."""
    notes = got.get("footnotes")
    if not isinstance(notes, list) or not isinstance(expected.get("footnotes"), list):
        return got
    wanted = [note.get("id") for note in expected["footnotes"]]
    by_id, others = {}, []
    for note in notes:
        if note.get("id") in wanted and note.get("id") not in by_id:
            by_id[note.get("id")] = note
        else:
            others.append(note)
    placed = [by_id.get(note_id, {"id": None, "text": None}) for note_id in wanted]
    return {**got, "footnotes": placed + others}


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


@dataclass
class Comparison:
    total: int = 0
    correct: int = 0
    wrong: list[tuple[str, Any, Any]] = field(default_factory=list)  # pointer, expected, got

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    @property
    def exact(self) -> bool:
        return not self.wrong


def compare(expected: dict[str, Any], got: dict[str, Any]) -> Comparison:
    want, have = flatten(expected), flatten(_footnotes_paired_by_id(expected, got))
    result = Comparison()
    for pointer in sorted(set(want) | set(have)):
        a, b = want.get(pointer), have.get(pointer)
        if _empty(a) and _empty(b):
            if pointer in want:
                result.total += 1
                result.correct += 1
            continue
        result.total += 1
        if a == b and type(a) is not bool or a is b:
            result.correct += 1
        else:
            result.wrong.append((pointer, a, b))
    return result
