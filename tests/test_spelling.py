"""Words OCR garbled out of the forms' common words: found, spelt in titles, doubted in names.

The misread words are those Tesseract made of the benchmark's fax and photo pages."""
import pytest
from hypothesis import given, strategies as st

from extractor.record import (DerivativeHolding, Extraction, Footnote, Issuer, NonDerivativeHolding,
                              NonDerivativeTransaction, Record, ReportingOwner, Signature)
from extractor.spelling import DOUBTED_CONFIDENCE, SPELT_CONFIDENCE, spell
from extractor.vocabulary import common_titles, common_words, form_words_near, known_words, misread_known_words


def test_misreadings_of_common_words_are_found():
    assert misread_known_words("Cemmon") == {"common"}
    assert misread_known_words("Preterred") == {"preferred"}
    assert misread_known_words("attornev") == {"attorney"}
    assert misread_known_words("Conimon") == {"common"}  # "m" read "ni"
    assert misread_known_words("Attomey") == {"attorney"}  # "rn" read "m"
    assert misread_known_words("STREFT") == {"street"}
    assert misread_known_words("Atomey") == {"attorney"}  # "rn" read "m", and a "t" lost (edgar-snow's photo)
    # photos of tsla, kar, hpq, trtn, yelp, eb: "rt", "ri", "tr", "tn", "ti" and "it" blurred into one letter
    assert misread_known_words("reponed") == {"reported"}
    assert misread_known_words("restncted") == {"restricted"}
    assert misread_known_words("wansaction") == {"transaction"}
    assert misread_known_words("foomote") == {"footnote"}  # not "footnotes": a slip more
    assert misread_known_words("Converuble") == {"convertible"}
    assert misread_known_words("Capual") == {"capital"}
    assert misread_known_words("Parmers") == {"partners"}  # one slip off "partners", two off "partner"


def test_words_are_not_misreadings():
    for word in ("Common", "Seed", "DALE", "stack", "Stocks", "Trust", "Sequoia", "ELGIN"):
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


def test_a_notes_misread_word_of_the_issuers_name_is_spelt_where_the_name_was_read_twice_alike():
    """tsla's photo: "Tesla" is no common word; the notes read it "Testa" and "Tesia" as often as
    right, and box 2 read "Tesla,Inc." unsurely. A name that one reading alone gives is not spelt by."""
    def notes_spelt(issuer: str, notes: list[str], confidence: float) -> list[str]:
        record = ocr_record(footnotes=[Footnote(f"F{i}", note) for i, note in enumerate(notes, 1)],
                            pointers=["/issuer/name", *(f"/footnotes/{i}/text" for i in range(len(notes)))])
        record.issuer.name = issuer
        record.extraction.fields["/issuer/name"]["confidence"] = confidence
        return [note.text for note in spell(record).footnotes]

    read = ["Shares sold upon request of Tesla, Inc. staff.", "Held by Testa, Inc. and its staff."]
    assert notes_spelt("Tesla,Inc.", read, 0.59) == [read[0], "Held by Tesla, Inc. and its staff."]
    assert notes_spelt("Tesla,Inc.", read[1:], 0.59) == read[1:]  # the name read once, unsurely
    assert notes_spelt("Tesla,Inc.", read[1:], 0.95) == ["Held by Tesla, Inc. and its staff."]
    assert notes_spelt("Testa,Inc.", read, 0.95)[0] == read[0]  # a word known to filings is never spelt


def test_a_note_read_ending_in_a_comma_ends_in_a_full_stop():
    """Photos: "... held by US GF V Holdco," (abnb), "... in this footnote," (afrm)."""
    notes = [Footnote("F1", "Held by US GF V Holdco,"), Footnote("F2", "Held by GGF, GGF PF.")]
    record = spell(ocr_record(footnotes=notes, pointers=["/footnotes/0/text", "/footnotes/1/text"]))
    assert [n.text for n in record.footnotes] == ["Held by US GF V Holdco.", "Held by GGF, GGF PF."]
    assert record.extraction.fields["/footnotes/0/text"]["confidence"] == SPELT_CONFIDENCE
    assert record.extraction.fields["/footnotes/1/text"]["confidence"] == 0.93


@pytest.mark.parametrize("read, spelt", [
    # photos of alxn, abnb, guts, cao, edgar-trtn, hpq and fb
    ("Held by Julian C, Baker and Felix J, Baker.", "Held by Julian C. Baker and Felix J. Baker."),
    ("Mr. Botha and Mr, Goetz disclaim ownership.", "Mr. Botha and Mr. Goetz disclaim ownership."),
    ("Prices ranged from $15,90 to $16,3 per share.", "Prices ranged from $15.90 to $16.3 per share."),
    ("See Exhibit 99,1 for the text of footnote (1).", "See Exhibit 99.1 for the text of footnote (1)."),
    ("The 14,273,9165 shares held.", "The 14,273.9165 shares held."),
    ("The reported price is a weighted average price, These shares were sold in multiple transactions.",
     "The reported price is a weighted average price. These shares were sold in multiple transactions."),
    ("Sequoia Capital U.S, Venture 2010 Fund.", "Sequoia Capital U.S. Venture 2010 Fund."),
    ("Held by SC US (TTGP), Lid, the general partner.", "Held by SC US (TTGP), Ltd, the general partner."),
    ("The RSUs were granted on 04/02/14, These RSUs vest in four equal parts.",
     "The RSUs were granted on 04/02/14. These RSUs vest in four equal parts."),
    ("Full information will be provided as set forth in this footnote:",
     "Full information will be provided as set forth in this footnote."),
    ("Full information will be provided as set forth in this footnote",
     "Full information will be provided as set forth in this footnote."),
    # a sentence's first word after a clause holding figures with stops (tsla's, work's photos)
    ("Sold at prices ranging from $895.000 to $895.450, inclusive, The reporting person undertakes to tell.",
     "Sold at prices ranging from $895.000 to $895.450, inclusive. The reporting person undertakes to tell."),
    ("Each disclaims ownership of such Accel X Shares, All of the aforementioned entities are in Palo Alto.",
     "Each disclaims ownership of such Accel X Shares. All of the aforementioned entities are in Palo Alto."),
    # Roman numerals with an "I" read as a one (afrm's, pltr's, betr's photos)
    ("Held by The Founders Fund V1 Principals Fund and FF-1V.", "Held by The Founders Fund VI Principals Fund and FF-IV."),
    ("SoftBank Vision Fund I1-2 L.P. and SC X11 LLC.", "SoftBank Vision Fund II-2 L.P. and SC XII LLC."),
    # the word "to" as photos blur it (fb's, tsla's, mdb's)
    ("The holder undertakes tw provide full information.", "The holder undertakes to provide full information."),
    ("Shares were sold pursuant w a trading plan.", "Shares were sold pursuant to a trading plan."),
    ("Subject, lo the terms of the plan.", "Subject, to the terms of the plan."),
    # the "to" of a price range ("$43.00 10 $44.78": step's and wve's photos)
    ("Sold at prices ranging from $43.00 10 $44.78 per share.", "Sold at prices ranging from $43.00 to $44.78 per share."),
])
def test_full_stops_read_as_commas_in_notes_are_spelt(read, spelt):
    record = spell(ocr_record(footnotes=[Footnote("F1", read)], pointers=["/footnotes/0/text"]))
    assert record.footnotes[0].text == spelt
    assert record.extraction.fields["/footnotes/0/text"]["confidence"] == SPELT_CONFIDENCE


@pytest.mark.parametrize("text", [
    # the corpus's notes: commas ending an opening phrase, after a name, between thousands
    "As a result, The Reporting Person may be deemed to share voting power.",
    "In addition, Mr. Botha is an indirect member of Sequoia Capital.",
    "Held by the Funds, Baker Bros. Advisors LP is the manager.",
    "Shares of Class A, Class B and Class C Common Stock.",
    "Shares of Series A, Series B and Series C Preferred Stock.",
    "Converts into Class A, Common Stock of the Issuer.",
    "Grants of 1,000,000 and 2,500 shares, respectively.",
    "Held by Sequoia Capital Fund, L.P., Sequoia Capital Fund II and the lid.",
    "Under the partnership agreements of the Funds, Mr. Chen is deemed to hold the option.",
    "Held by Fund 1 and Fund II, and 10 shares bought at $10.00 to $11.00 each.",
    # short notes that end in no stop
    "N/A", "1-for-1", "Vests 25% per year for 4 years",
    # letters that are no misread "to"
    "Held by George W. Bush and the J. W. Smith Trust, w/o voting power.",
])
def test_commas_as_filers_type_them_are_left_in_notes(text):
    record = spell(ocr_record(footnotes=[Footnote("F1", text)], pointers=["/footnotes/0/text"]))
    assert record.footnotes[0].text == text


@pytest.mark.parametrize("read, price, spelt", [
    # tsla's and fb's photos: a decimal point read as a comma, in one of the amounts or both
    ("Sold at prices ranging from $872,000 to $872.500, inclusive.", 872.25,
     "Sold at prices ranging from $872.000 to $872.500, inclusive."),
    ("Sold at prices ranging from $880,000 to $880,990, inclusive.", 880.3,
     "Sold at prices ranging from $880.000 to $880.990, inclusive."),
    ("Sold at prices ranging from $179,865 to $179.87 per share.", 179.8676,
     "Sold at prices ranging from $179.865 to $179.87 per share."),
    # as read, a range no price range is so wide
    ("Sold at prices ranging from $883.380 to $884,330, inclusive.", 883.9,
     "Sold at prices ranging from $883.380 to $884.330, inclusive."),
    # a range of sums, or one without a price of the report in it, is left as read
    ("Paid $150,000 to $175,000 in cash.", 150.0, "Paid $150,000 to $175,000 in cash."),
    ("Sold at prices ranging from $872,000 to $872.500, inclusive.", 12.5,
     "Sold at prices ranging from $872,000 to $872.500, inclusive."),
])
def test_decimal_points_of_a_price_range_read_as_commas_are_spelt(read, price, spelt):
    record = spell(ocr_record(footnotes=[Footnote("F1", read)],
                              non_derivative_transactions=[NonDerivativeTransaction("Common Stock", price_per_share=price)],
                              pointers=["/footnotes/0/text"]))
    assert record.footnotes[0].text == spelt


@given(st.integers(min_value=1000, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_a_count_grouped_by_commas_in_a_note_is_left_as_it_is(count, cents):
    text = f"Includes {count:,} shares bought at ${count:,}.{cents:02d} in all."
    record = spell(ocr_record(footnotes=[Footnote("F1", text)], pointers=["/footnotes/0/text"]))
    assert record.footnotes[0].text == text


@pytest.mark.parametrize("read, spelt", [
    # fax and photo readings of the samples' natures (mchx, guts, cor, abnb, alxn)
    ("See footnote'", "See footnote"), ("Sec footnote! ' 1", "See footnote"), ("See i footnote\"", "See footnote"),
    ("See Footnotes' 123 145)", "See Footnotes"), ("See Footnotes (3K 45011)", "See Footnotes"),
    ("nee Footnotes", "See Footnotes"), ("See footnote *", "See footnote"),
    # photo readings of runs of markers after it (abnb, alxn, pltr, work)
    ("See footnote eo", "See footnote"), ("See footnotes Qu", "See footnotes"),
    ("See Footnotes (3X ANSI)", "See Footnotes"), ("See Footnotes CS MGH TMK LO) (UM toetd", "See Footnotes"),
    ("See Footnotes C5nG MH NIK OD CUM td)", "See Footnotes"),
])
def test_a_nature_read_as_see_footnote_garbled_is_spelt(read, spelt):
    record = spell(ocr_record(non_derivative_holdings=[NonDerivativeHolding("Common Stock", nature_of_ownership=read)],
                              pointers=["/non_derivative_holdings/0/nature_of_ownership"]))
    assert record.non_derivative_holdings[0].nature_of_ownership == spelt
    assert record.extraction.fields["/non_derivative_holdings/0/nature_of_ownership"]["confidence"] == SPELT_CONFIDENCE


@pytest.mark.parametrize("nature", ["See Note", "See footnote 3 below", "Seed Fund LP", "By Trust", "See Footnotes"])
def test_natures_that_say_more_than_see_footnote_are_left_as_read(nature):
    holding = NonDerivativeHolding("Common Stock", nature_of_ownership=nature)
    record = spell(ocr_record(non_derivative_holdings=[holding],
                              pointers=["/non_derivative_holdings/0/nature_of_ownership"]))
    assert record.non_derivative_holdings[0].nature_of_ownership == nature
    assert record.extraction.fields["/non_derivative_holdings/0/nature_of_ownership"]["confidence"] == 0.93


@pytest.mark.parametrize("field, read, spelt", [
    # fax and photo readings of the samples' natures and titles (betr, guts, lnkd, oscr, yelp)
    ("nature_of_ownership", "By Trust'-!", "By Trust"), ("nature_of_ownership", "By 70 Thirty Trust! ©", "By 70 Thirty Trust"),
    ("nature_of_ownership", 'By SVF II Beaver (DE) LLC"', "By SVF II Beaver (DE) LLC"),
    ("nature_of_ownership", "By Sequoia Capital U.S. Venture 2010 Partners Fund (Q)'",
     "By Sequoia Capital U.S. Venture 2010 Partners Fund (Q)"),
    ("security_title", "Class B Common Stock!)", "Class B Common Stock"),
    ("security_title", 'Restricted Stock Units ("RSUs")?', 'Restricted Stock Units ("RSUs")'),
    ("underlying_security_title", "Common Stock,", "Common Stock"),
    ("security_title", "Class B common stock ('Common Stock')!", "Class B common stock ('Common Stock')"),
])
def test_marks_a_raised_marker_left_at_the_end_of_a_title_or_nature_are_dropped(field, read, spelt):
    holding = DerivativeHolding(**{"security_title": "Stock Option", field: read})
    record = spell(ocr_record(derivative_holdings=[holding], pointers=[f"/derivative_holdings/0/{field}"]))
    assert getattr(record.derivative_holdings[0], field) == spelt
    assert record.extraction.fields[f"/derivative_holdings/0/{field}"]["confidence"] == SPELT_CONFIDENCE


@pytest.mark.parametrize("nature", ["By Fund (1)", "By Trust I", "Fund, L.P.", 'By the "Smith Trust"',
                                    "Stock Option fright to buy)"])
def test_a_nature_ending_in_what_it_opened_or_a_stop_is_left_as_read(nature):
    holding = NonDerivativeHolding("Common Stock", nature_of_ownership=nature)
    record = spell(ocr_record(non_derivative_holdings=[holding],
                              pointers=["/non_derivative_holdings/0/nature_of_ownership"]))
    assert record.non_derivative_holdings[0].nature_of_ownership == nature


@pytest.mark.parametrize("read, spelt", [
    # fax readings of the samples' titles (eb, guts, hbb, ntra, yelp)
    ("Class B Coumton Stach", "Class B Common Stock"), ("Series E Pretecred Stack", "Series E Preferred Stock"),
    ("Cass A Cs Stock", "Class A Common Stock"), ("Coimiman Stock", "Common Stock"),
    ("Class B Compu Stock", "Class B Common Stock"),
])
def test_a_title_read_with_words_that_are_no_words_is_spelt_as_the_common_title_it_is_like(read, spelt):
    record = spell(ocr_record(derivative_holdings=[DerivativeHolding("Stock Option", underlying_security_title=read)],
                              pointers=["/derivative_holdings/0/underlying_security_title"]))
    assert record.derivative_holdings[0].underlying_security_title == spelt
    fields = record.extraction.fields
    assert fields["/derivative_holdings/0/underlying_security_title"]["confidence"] == SPELT_CONFIDENCE


@pytest.mark.parametrize("title", [
    "Series A Converuble Preferred Stock",  # a word more than "Series A Preferred Stock"
    "Class C Commen Stock",  # no common title names a class C
    "Series B-1 Preferred Stock", "Restricted Stock Unit", "Director Stock Option (Right to Buy)",  # words all
])
def test_a_title_unlike_any_common_title_is_not_made_one(title):
    record = spell(ocr_record(derivative_holdings=[DerivativeHolding(title)],
                              pointers=["/derivative_holdings/0/security_title"]))
    assert "Common Stock" in common_titles()
    assert record.derivative_holdings[0].security_title not in set(common_titles()) - {title}


@pytest.mark.parametrize("read, spelt", [
    # photos of edgar-snow, guts, nrix, abnb, cao and alxn
    ("/s/ Travis Shrout. Attorney-in-Fact", "/s/ Travis Shrout, Attorney-in-Fact"),
    ("/s/ Travis Shrout. Attomey-in-Fact", "/s/ Travis Shrout, Attorney-in-Fact"),  # its words spelt first
    ("Mithril II UGP LLC. its general partner", "Mithril II UGP LLC, its general partner"),
    ("SCGF V Management. L.P.", "SCGF V Management, L.P."),
    ("Randi V. Morrison By; /s/ James R. Todd", "Randi V. Morrison By: /s/ James R. Todd"),
    ("Scott L. Lessing, Title; President", "Scott L. Lessing, Title: President"),
])
def test_a_names_comma_read_as_a_stop_and_colon_read_as_a_semicolon_are_spelt(read, spelt):
    record = spell(ocr_record(signatures=[Signature(read)], pointers=["/signatures/0/name"]))
    assert record.signatures[0].name == spelt


@pytest.mark.parametrize("read, spelt", [
    # faxes and photos of algm, oscr, sq, kar, band, alxn, betr
    ("ALLEGRO MICROSYSTEMS. INC.", "ALLEGRO MICROSYSTEMS, INC."), ("Oscar Health. Inc.", "Oscar Health, Inc."),
    ("Block. Inc.", "Block, Inc."), ("KAR Auction Services, Inc,", "KAR Auction Services, Inc."),
    ("Bandwidth Inc,", "Bandwidth Inc."), ("SOFTBANK GROUP CORP,", "SOFTBANK GROUP CORP."),
    ("Tesla,Inc.", "Tesla, Inc."),  # tsla's photos: the space after the comma lost
    # aci's, edgar-scwo's faxes: a name ends in no comma
    ("Allen Sharon L,", "Allen Sharon L."), ("Melkote Rajesh Ramaswamy,", "Melkote Rajesh Ramaswamy"),
    # as filers type them
    ("Silver Brick Management PTE. LTD.", "Silver Brick Management PTE. LTD."), ("Baker Bros. Advisors LP", None),
    ("Smith John, Jr.", None),
])
def test_a_company_names_comma_and_stop_as_a_coarse_scan_shows_them_are_spelt(read, spelt):
    record = ocr_record(pointers=["/issuer/name"])
    record.issuer.name = read
    assert spell(record).issuer.name == (spelt or read)


@pytest.mark.parametrize("pointer, read, spelt", [
    # photos of eb, alxn, cor: the inner stop of "L.P." lost
    ("/non_derivative_holdings/0/nature_of_ownership", "By Sequoia Capital U.S. Venture 2010 Fund, LP.",
     "By Sequoia Capital U.S. Venture 2010 Fund, L.P."),
    ("/reporting_owners/0/name", "667, LP.", "667, L.P."),
    ("/signatures/0/name", "CRP III AIV GP, LP., By: /s/ Kevin Gasque", "CRP III AIV GP, L.P., By: /s/ Kevin Gasque"),
    # as filers type them
    ("/non_derivative_holdings/0/nature_of_ownership", "By Baker Bros. Advisors LP", None),
    ("/reporting_owners/0/name", "SCGF V Management, L.P.", None),
    ("/signatures/0/name", "Baker Bros. Advisors LP, Mgmt. Co.", None),
])
def test_a_partnerships_lost_inner_stop_is_spelt(pointer, read, spelt):
    record = ocr_record(non_derivative_holdings=[NonDerivativeHolding("Common Stock", nature_of_ownership=read)],
                        reporting_owners=[ReportingOwner(name=read)], signatures=[Signature(read)], pointers=[pointer])
    record = spell(record)
    assert {record.non_derivative_holdings[0].nature_of_ownership, record.reporting_owners[0].name,
            record.signatures[0].name} == {read, spelt or read}
    assert (f"{pointer}: read {read!r}, spelt {spelt!r}" in record.extraction.warnings) == (spelt is not None)


@pytest.mark.parametrize("name", ["SOFTBANK GROUP INC. By: /s/ Yuko Yamamoto", "Baker Bros. Advisors LP",
                                  "John Smith Jr. By: /s/ Jane Doe", "L.P. By: /s/ Jane Doe"])
def test_a_names_stops_after_abbreviations_are_left(name):
    record = spell(ocr_record(signatures=[Signature(name)], pointers=["/signatures/0/name"]))
    assert record.signatures[0].name == name


@pytest.mark.parametrize("read, spelt", [
    # faxes of cao, cor, walkers (betr), msft, snow
    ("CO CSK AUTO CORPORATION", "C/O CSK AUTO CORPORATION"),
    ("C0 THE CARLYLE GROUP, 1001", "C/O THE CARLYLE GROUP, 1001"),
    ("C:0 WALKERS, 190 ELGIN AVENUE", "C/O WALKERS, 190 ELGIN AVENUE"), ("CiO BANDWIDTH INC.", "C/O BANDWIDTH INC."),
    ("(0 THE CARLYLE GROUP", "C/O THE CARLYLE GROUP"),
    # faxes and photos of hpq, guts, lnkd, kar, trtn, cor
    ("(CO HEWLETT-PACKARD COMPANY", "C/O HEWLETT-PACKARD COMPANY"), ("CQ MITHRIL CAPITAL", "C/O MITHRIL CAPITAL"),
    ("C'O LINKEDIN CORPORATION", "C/O LINKEDIN CORPORATION"), ("CO: KAR AUCTION", "C/O: KAR AUCTION"),
    ("/O BROOKFIELD CORPORATION", "C/O BROOKFIELD CORPORATION"), ("@O THE CARLYLE GROUP", "C/O THE CARLYLE GROUP"),
    ("GO THE CARLYLE GROUP", "C/O THE CARLYLE GROUP"), ("GOLD STREET", "GOLD STREET"), ("COOK ROAD", "COOK ROAD"),
    ("COLUMBUS CIRCLE", "COLUMBUS CIRCLE"), ("C/O ACME", "C/O ACME"), ("1 COOPER SQUARE", "1 COOPER SQUARE"),
])
def test_care_of_as_ocr_misreads_it_is_spelt(read, spelt):
    record = spell(ocr_record(reporting_owners=[ReportingOwner(name="X", street1=read)],
                              pointers=["/reporting_owners/0/street1"]))
    assert record.reporting_owners[0].street1 == spelt


def test_a_word_near_two_common_words_is_left_as_read():
    near = misread_known_words("Sertes")
    assert len(near) > 1
    record = spell(ocr_record(non_derivative_holdings=[NonDerivativeHolding("Sertes A")],
                              pointers=["/non_derivative_holdings/0/security_title"]))
    assert record.non_derivative_holdings[0].security_title == "Sertes A"
    assert record.extraction.fields["/non_derivative_holdings/0/security_title"]["confidence"] == SPELT_CONFIDENCE


def test_a_word_the_forms_hardly_print_one_letter_off_one_they_all_print_is_doubted():
    """hbb's fax: "Class A Common Stack" was reported at 0.94. "stack" is English and one filer
    prints it, so it is not spelt; but "stock" is printed by nearly every filer (171 issuers),
    so the field is no surer than a spelt one. Plurals, and words printed often, are no doubt."""
    assert form_words_near("Stack") == {"stock"}
    for word in ("Stock", "Stocks", "Exchanges", "Attorneys", "Trust", "Pur"):
        assert form_words_near(word) == frozenset(), word
    record = spell(ocr_record(
        derivative_holdings=[DerivativeHolding("Stock Option", underlying_security_title="Class A Common Stack")],
        reporting_owners=[ReportingOwner(name="Dale Stack")],
        pointers=["/derivative_holdings/0/underlying_security_title", "/derivative_holdings/0/security_title",
                  "/reporting_owners/0/name"]))
    assert record.derivative_holdings[0].underlying_security_title == "Class A Common Stack"
    confidence = {k: v["confidence"] for k, v in record.extraction.fields.items()}
    assert confidence == {"/derivative_holdings/0/underlying_security_title": SPELT_CONFIDENCE,
                          "/derivative_holdings/0/security_title": 0.93, "/reporting_owners/0/name": 0.93}
    assert record.extraction.warnings == [
        "/derivative_holdings/0/underlying_security_title: 'Stack' (like 'stock') may be misread"]


def test_a_word_ocr_parted_is_joined_again():
    """pltr's fax: "Class A Co mmon Stock", reported at 0.92. Two words that are both words stay
    apart ("By Trust"); in a name the parted word is not joined (a name may be any word)."""
    record = spell(ocr_record(
        non_derivative_holdings=[NonDerivativeHolding("Class A Co mmon Stock", nature_of_ownership="By Trust")],
        reporting_owners=[ReportingOwner(name="Co mmon Holdings")],
        pointers=["/non_derivative_holdings/0/security_title", "/non_derivative_holdings/0/nature_of_ownership",
                  "/reporting_owners/0/name"]))
    assert record.non_derivative_holdings[0].security_title == "Class A Common Stock"
    assert record.non_derivative_holdings[0].nature_of_ownership == "By Trust"
    assert record.reporting_owners[0].name == "Co mmon Holdings"
    confidence = {k: v["confidence"] for k, v in record.extraction.fields.items()}
    assert confidence["/non_derivative_holdings/0/security_title"] == SPELT_CONFIDENCE
    assert confidence["/non_derivative_holdings/0/nature_of_ownership"] == 0.93
    assert "/non_derivative_holdings/0/security_title: read 'Class A Co mmon Stock', spelt 'Class A Common Stock'" \
        in record.extraction.warnings


def test_print_no_filer_types_is_doubted():
    """What Tesseract read, at 0.9 or more, from the benchmark's fax and photo pages: a bracket
    unpaired (a footnote marker "(3)" read for "Stock(3)"), a space inside brackets, a dash left of
    a rule, a letter alone in a name, a lower-case word in an address in capitals, a label run into
    a street (apkt's fax: the box beside's label read as the street). Values as filers
    type them are left sure."""
    odd = ["Class B Common 3)", "Baker Bros. Advisors ( GP) LLC", "By Trust -", "Hof n Rei", "1700 OWENS is STREET",
           "3. Date of Earliest Transaction (Month/Day/Year) Vice"]
    fine = ["Stock Option (right to buy)", "Member of a Group", "SVP, GC and Secretary",
            "Co-trustee of trust fbo niece"]
    owners = [ReportingOwner(name=text) for text in odd + fine]
    pointers = [f"/reporting_owners/{i}/name" for i in range(len(owners))]
    record = spell(ocr_record(reporting_owners=owners, pointers=pointers))
    confidence = [record.extraction.fields[f"/reporting_owners/{i}/name"]["confidence"] for i in range(len(owners))]
    assert confidence == [SPELT_CONFIDENCE] * len(odd) + [0.93] * len(fine)
    assert [o.name for o in record.reporting_owners] == odd + fine
    assert record.extraction.warnings[0] == "/reporting_owners/0/name: brackets that do not pair in " \
                                            "'Class B Common 3)': may be misread"


@given(st.lists(st.sampled_from(sorted(w for w in common_words() if w.isalpha())), min_size=1, max_size=6))
def test_words_typed_as_filers_type_them_are_never_odd(words):
    """Words of the forms in capitals, capitalised or in lower case, with a bracketed part."""
    for text in (" ".join(words).upper(), " ".join(w.capitalize() for w in words),
                 f"{' '.join(words)} (right to buy)"):
        record = spell(ocr_record(reporting_owners=[ReportingOwner(name=text)], pointers=["/reporting_owners/0/name"]))
        assert not any("may be misread" in w and "in '" in w for w in record.extraction.warnings), text


def test_names_are_doubted_not_spelt():
    record = spell(ocr_record(reporting_owners=[ReportingOwner(name="Feld Michael")],
                              signatures=[Signature("/s/ Feld Doe", "2020-01-02")],
                              pointers=["/reporting_owners/0/name", "/signatures/0/name"]))
    assert record.reporting_owners[0].name == "Feld Michael"
    assert record.signatures[0].name == "/s/ Feld Doe"
    fields = record.extraction.fields
    assert fields["/reporting_owners/0/name"]["confidence"] == DOUBTED_CONFIDENCE
    assert fields["/signatures/0/name"]["confidence"] == DOUBTED_CONFIDENCE
    assert "/reporting_owners/0/name: 'Feld' (like 'held') may be misread" in record.extraction.warnings


@pytest.mark.parametrize("read, spelt", [
    # What Tesseract read from the benchmark's fax and photo pages
    ("'si Peter Thiel", "/s/ Peter Thiel"),
    ("és? Julian C. Baker", "/s/ Julian C. Baker"),
    ("is? Jennifer J. Carlson, Attorney-in-Fact", "/s/ Jennifer J. Carlson, Attorney-in-Fact"),
    ("'S' Ephraim Dobbins", "/S/ Ephraim Dobbins"),
    ("SB Global Advisers Limited, By 's? Stephen Lam", "SB Global Advisers Limited, By /s/ Stephen Lam"),
    ("isi Christopher E, Brown, Attorney-in-Fact", "/s/ Christopher E. Brown, Attorney-in-Fact"),
    ("4s Sam Whittington", "/s/ Sam Whittington"),
    ("ds/ Julian C. Baker", "/s/ Julian C. Baker"),
    ("'sf Rajesh Melkote", "/s/ Rajesh Melkote"),
    ("igi Jennifer F. Rudolph", "/s/ Jennifer F. Rudolph"),
    ("5. Tami Chen", "/s/ Tami Chen"),
    ("&/ Brett D. Heffes", "/s/ Brett D. Heffes"),
    ("4 Donna Hammer", "/s/ Donna Hammer"),
    ("is/Jessica L. Brosius", "/s/Jessica L. Brosius"),
    ("Randi V. Morrison By ig James R. Todd", "Randi V. Morrison By /s/ James R. Todd"),
    ("Silver Brick Management PTE. LTD., By : s. Kozo Aramaki", "Silver Brick Management PTE. LTD., By : /s/ Kozo Aramaki"),
    ("/s/ Jane Doe, Attornev-in-Fact", "/s/ Jane Doe, Attorney-in-Fact"),
    ("/s/ Travis Shrout, Attomey-in-Fact", "/s/ Travis Shrout, Attorney-in-Fact"),
])
def test_a_signatures_conformed_mark_initials_and_form_words_are_spelt(read, spelt):
    record = spell(ocr_record(signatures=[Signature(read, "2020-01-02")], pointers=["/signatures/0/name"]))
    assert record.signatures[0].name == spelt
    assert record.extraction.fields["/signatures/0/name"]["confidence"] == SPELT_CONFIDENCE
    assert record.extraction.warnings == [f"/signatures/0/name: read {read!r}, spelt {spelt!r}"]


@pytest.mark.parametrize("name", ["/s/ Sam Whittington, Attorney-in-Fact for Katherine L. Adams",
                                  "SoftBank Vision Fund II-2 L.P., By : /s/ SB Global Advisers Limited",
                                  "Sean K. Clark, Atty-in-Fact for Alan M. Oshima", "Edenbrook Fund V, L.P.",
                                  "/S/ Ephraim Dobbins", "s/ Daniel G. Cohen, President", "S. Jones", "St. John Doe",
                                  "Si Ken Doe"])
def test_a_signature_as_filers_sign_is_left_as_it_is(name):
    record = spell(ocr_record(signatures=[Signature(name, "2020-01-02")], pointers=["/signatures/0/name"]))
    assert record.signatures[0].name == name
    assert record.extraction.fields["/signatures/0/name"]["confidence"] == 0.93


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


def test_a_city_with_a_long_word_no_report_prints_is_in_doubt():
    """work's photo: "PALO ALTO" read "PALOALTO", reported sure four times."""
    owners = [ReportingOwner(name="A", city=city) for city in ("PALOALTO", "PALO ALTO", "SAN FRANCISCO")]
    record = spell(ocr_record(reporting_owners=owners, pointers=[f"/reporting_owners/{i}/city" for i in range(3)]))
    assert [o.city for o in record.reporting_owners] == ["PALOALTO", "PALO ALTO", "SAN FRANCISCO"]
    confidence = [record.extraction.fields[f"/reporting_owners/{i}/city"]["confidence"] for i in range(3)]
    assert confidence == [SPELT_CONFIDENCE, 0.93, 0.93]
    assert "/reporting_owners/0/city: 'PALOALTO' no report prints; may be misread" in record.extraction.warnings


def test_marks_before_a_city_are_left_out():
    """abnb's fax: "MENLO PARK" read "-MENLO PARK", sure."""
    record = spell(ocr_record(reporting_owners=[ReportingOwner(name="A", city="-MENLO PARK")],
                              pointers=["/reporting_owners/0/city"]))
    assert record.reporting_owners[0].city == "MENLO PARK"
    assert record.extraction.fields["/reporting_owners/0/city"]["confidence"] == SPELT_CONFIDENCE
