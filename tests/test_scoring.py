"""The field-by-field comparison the tests and benchmarks score records with."""
from extractor.scoring import compare


def record(*notes: tuple[str, str]) -> dict:
    return {"document_type": "4", "footnotes": [{"id": i, "text": t} for i, t in notes]}


def test_footnotes_are_paired_by_id():
    want = record(("F1", "a"), ("F2", "b"), ("F3", "c"))
    result = compare(want, record(("F1", "a"), ("F3", "c")))  # F2 lost
    assert sorted(p for p, _, _ in result.wrong) == ["/footnotes/1/id", "/footnotes/1/text"]
    assert (result.total, result.correct) == (7, 5)


def test_a_footnote_of_an_id_not_printed_or_read_twice_is_wrong():
    want = record(("F1", "a"))
    result = compare(want, record(("F1", "a"), ("F9", "z"), ("F1", "again")))
    assert sorted(p for p, _, _ in result.wrong) == ["/footnotes/1/id", "/footnotes/1/text",
                                                     "/footnotes/2/id", "/footnotes/2/text"]
    assert compare(want, want).exact
