"""Words OCR garbled out of the forms' common words: found, spelt in titles, doubted in names.

The misread words are those Tesseract made of the benchmark's fax and photo pages."""
from hypothesis import given, strategies as st

from extractor.record import (DerivativeHolding, Extraction, Footnote, Issuer, NonDerivativeHolding, Record,
                              ReportingOwner, Signature)
from extractor.spelling import DOUBTED_CONFIDENCE, SPELT_CONFIDENCE, spell
from extractor.vocabulary import common_words, known_words, misread_known_words


def test_misreadings_of_common_words_are_found():
    assert misread_known_words("Cemmon") == {"common"}
    assert misread_known_words("Preterred") == {"preferred"}
    assert misread_known_words("attornev") == {"attorney"}
    assert misread_known_words("Conimon") == {"common"}  # "m" read "ni"
    assert misread_known_words("Attomey") == {"attorney"}  # "rn" read "m"
    assert misread_known_words("STREFT") == {"street"}


def test_words_are_not_misreadings():
    for word in ("Common", "Seed", "DALE", "stack", "Stocks", "Trust", "Sequoia"):
        assert misread_known_words(word) == frozenset(), word
    assert misread_known_words("Pur") == frozenset()  # too short to tell from a word
    assert misread_known_words("Kutzkev") == frozenset()  # a name no filing prints: nothing to be near


def test_no_word_of_the_forms_was_left_out_of_english_or_the_common_words():
    assert common_words() <= known_words()
    assert {"common", "stock", "preferred", "attorney", "footnote"} <= common_words()


@given(st.sampled_from(sorted(w for w in common_words() if len(w) >= 6)), st.data())
def test_a_common_word_with_a_letter_lost_is_a_word_or_a_misreading_of_it(word, data):
    i = data.draw(st.integers(min_value=0, max_value=len(word) - 1))
    lost = word[:i] + word[i + 1:]
    plural_of_a_word = lost.endswith("s") and lost[:-1] in known_words()
    assert lost in known_words() or plural_of_a_word or word in misread_known_words(lost)


def ocr_record(**values) -> Record:
    fields = {pointer: {"confidence": 0.93, "method": "ocr"} for pointer in values.pop("pointers")}
    return Record(document_type="4", issuer=Issuer(name="ACME"), extraction=Extraction(source="x", fields=fields),
                  **values)


def test_misread_words_of_titles_and_footnotes_are_spelt_as_a_guess():
    record = spell(ocr_record(
        derivative_holdings=[DerivativeHolding("Series B Preferred Stock", underlying_security_title="Class B Cemmon Stock")],
        footnotes=[Footnote("F1", "Shares of Series B Preterred Stock")],
        pointers=["/derivative_holdings/0/underlying_security_title", "/derivative_holdings/0/security_title",
                  "/footnotes/0/text"]))
    assert record.derivative_holdings[0].underlying_security_title == "Class B Common Stock"
    assert record.footnotes[0].text == "Shares of Series B Preferred Stock"
    fields = record.extraction.fields
    assert fields["/derivative_holdings/0/underlying_security_title"]["confidence"] == SPELT_CONFIDENCE
    assert fields["/derivative_holdings/0/security_title"]["confidence"] == 0.93
    assert "/derivative_holdings/0/underlying_security_title: read 'Class B Cemmon Stock', spelt " \
           "'Class B Common Stock'" in record.extraction.warnings


def test_a_word_near_two_common_words_is_left_as_read():
    near = misread_known_words("Sertes")
    assert len(near) > 1
    record = spell(ocr_record(non_derivative_holdings=[NonDerivativeHolding("Sertes A")],
                              pointers=["/non_derivative_holdings/0/security_title"]))
    assert record.non_derivative_holdings[0].security_title == "Sertes A"
    assert record.extraction.fields["/non_derivative_holdings/0/security_title"]["confidence"] == SPELT_CONFIDENCE


def test_names_are_doubted_not_spelt():
    record = spell(ocr_record(reporting_owners=[ReportingOwner(name="Feld Michael")],
                              signatures=[Signature("/s/ Jane Doe, Attornev-in-Fact", "2020-01-02")],
                              pointers=["/reporting_owners/0/name", "/signatures/0/name"]))
    assert record.reporting_owners[0].name == "Feld Michael"
    assert record.signatures[0].name == "/s/ Jane Doe, Attornev-in-Fact"
    fields = record.extraction.fields
    assert fields["/reporting_owners/0/name"]["confidence"] == DOUBTED_CONFIDENCE
    assert fields["/signatures/0/name"]["confidence"] == DOUBTED_CONFIDENCE
    assert "/reporting_owners/0/name: 'Feld' (like 'held') may be misread" in record.extraction.warnings


def test_a_text_layer_is_not_spelt():
    record = ocr_record(non_derivative_holdings=[NonDerivativeHolding("Cemmon Stock")],
                        pointers=["/non_derivative_holdings/0/security_title"])
    record.extraction.fields["/non_derivative_holdings/0/security_title"]["method"] = "text"
    assert spell(record).non_derivative_holdings[0].security_title == "Cemmon Stock"
    assert record.extraction.warnings == []


def test_a_state_read_by_ocr_is_spelt_as_the_code_it_reads_like():
    """edgar-trtn's fax: Ontario's code "A6" read "AG" (no code); betr's: "M0" read "MO" (Missouri,
    a code too: so it is no surer than a guess); "NY" has no twin and stays sure."""
    owners = [ReportingOwner(name="A", state=state) for state in ("AG", "MO", "NY", "Q?")]
    record = spell(ocr_record(reporting_owners=owners, pointers=[f"/reporting_owners/{i}/state" for i in range(4)]))
    assert [o.state for o in record.reporting_owners] == ["A6", "MO", "NY", "Q?"]
    confidence = [record.extraction.fields[f"/reporting_owners/{i}/state"]["confidence"] for i in range(4)]
    assert confidence == [SPELT_CONFIDENCE, SPELT_CONFIDENCE, 0.93, DOUBTED_CONFIDENCE]
    assert record.extraction.warnings == ["/reporting_owners/0/state: read 'AG', spelt 'A6'",
                                          "/reporting_owners/3/state: 'Q?' is no state or country code of EDGAR's"]
