"""The shipped knowledge file: complete, sourced, typed, and in our own words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import tomli

from sinokaz_cli.knowledge.query import coverage
from sinokaz_cli.knowledge.records import (
    Basis,
    Category,
    DateQualifier,
    EntityKind,
    Per,
    Qualifier,
    Voice,
)
from sinokaz_cli.reading.load import load

from conftest import MINI, ROOT, SHIPPED

ARTICLES = ROOT.parent / "shared" / "articles"
KB = load(str(SHIPPED))
RAW = tomli.loads(SHIPPED.read_text(encoding="utf-8"))


def article_paragraphs(file: str) -> list[str]:
    path = ARTICLES / file
    if not path.is_file():
        pytest.skip(f"source text {path} is not beside this checkout")
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_figure_has_a_unit_and_every_fact_a_locator() -> None:
    for fact in RAW["fact"]:
        assert fact.get("source") and fact.get("paragraphs"), fact["id"]
        for fig in fact.get("figures", []):
            assert fig.get("unit"), (fact["id"], fig)
            assert isinstance(fig["value"], (int, float)), (fact["id"], fig)


def test_every_paragraph_of_every_source_is_cited() -> None:
    assert [c.uncited for c in coverage(KB)] == [()]


def test_paragraph_count_matches_the_article() -> None:
    for src in KB.sources:
        assert src.file
        paras = article_paragraphs(src.file)
        # The closing line is the contact address, kept as `contact`, not a paragraph.
        assert paras[-1] == src.contact
        assert len(paras) - 1 == src.paragraphs
        assert paras[0] == src.title
        assert paras[1] == src.subtitle


NUMBER_WORDS = {1: "one", 2: "two|second", 3: "three|third", 5: "five", 10: "10|ten"}


def _appears(value: float, unit: str, text: str) -> bool:
    if unit == "ordinal" or value in NUMBER_WORDS:
        words = NUMBER_WORDS.get(int(value), str(int(value)))
        if re.search(rf"\b({words})\b", text, re.I):
            return True
    if value >= 1_000_000 and f"{value / 1_000_000:g} million" in text:
        return True
    return re.search(rf"\b{value:g}\b", text) is not None


def test_every_figure_is_in_its_paragraph_with_the_same_precision() -> None:
    for fact in KB.facts:
        src = KB.sources_by_id[fact.cited.source]
        paras = article_paragraphs(src.file or "")
        text = " ".join(paras[p - 1] for p in fact.cited.paragraphs)
        for fig in fact.figures:
            assert _appears(fig.value, fig.unit, text), (fact.id, fig)
            n = f"{fig.value:g}"
            if f"more than {n}" in text:
                assert fig.qualifier is Qualifier.MORE_THAN, fact.id
            if f"around {n}" in text:
                assert fig.qualifier is Qualifier.AROUND, fact.id


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    # "|" marks where a name was taken out: a run of words never spans it.
    words = re.findall(r"[a-z0-9']+|\|", text.lower().replace("’", "'"))
    grams = (tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return {g for g in grams if "|" not in g}


def _unquoted(text: str) -> str:
    return re.sub(r"\"[^\"]*\"|“[^”]*”", " ", text)


def _without_names(text: str) -> str:
    """Proper names are facts, not wording: take them out before comparing."""
    names = [e.name for e in KB.entities] + [a for e in KB.entities for a in e.aliases]
    names += [r.title for e in KB.entities for r in e.roles]
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), " | ", text, flags=re.I)
    return text


def test_statements_are_in_our_own_words() -> None:
    """No statement repeats seven words in a row from the article (quotations, names aside)."""
    for src in KB.sources:
        article = _ngrams(_without_names(" ".join(article_paragraphs(src.file or ""))), 7)
        for fact in KB.facts:
            shared = _ngrams(_without_names(_unquoted(fact.statement)), 7) & article
            assert not shared, (fact.id, [" ".join(s) for s in shared])


def test_quotes_are_verbatim_and_attributed() -> None:
    for fact in KB.facts:
        if fact.quote is None:
            continue
        assert fact.speaker, fact.id
        src = KB.sources_by_id[fact.cited.source]
        text = " ".join(article_paragraphs(src.file or ""))
        assert fact.quote in text, fact.id


def test_every_category_and_the_asked_for_facts_are_present() -> None:
    assert {f.category for f in KB.facts} == {c.value for c in Category} | {"people"}
    wanted = {
        "ciie-kazakh-companies",
        "ciie-largest-delegation",
        "ciie-contracts-total",
        "agrifood-agreements-expected",
        "chinese-cars-share",
        "nurgaliyeva-first-car",
        "nurgaliyeva-daughter-car",
        "xian-almaty-train",
        "tsingtao-in-kazakhstan",
        "dialogue-second-meeting",
        "dialogue-cohosts",
        "dialogue-venue-theme",
        "dialogue-participants",
        "dialogue-party-leaders",
        "nurgaliyeva-second-visit",
        "delegation-itinerary",
        "licun-river-transformed",
        "admires-ecology-planning",
        "three-defining-features",
        "beautiful-clean-link",
        "fifteenth-five-year-plan",
        "plans-made-and-delivered",
        "carbon-neutrality-goal",
        "poverty-debt-free-society",
        "visa-free-travel",
        "partnership-benefits-people",
    }
    assert wanted <= set(KB.facts_by_id)


def test_relative_dates_are_kept_as_stated_and_marked_inferred() -> None:
    dates = {f.id: f.date for f in KB.facts if f.date}
    assert dates["nurgaliyeva-first-car"].text == "10 years ago"
    assert dates["nurgaliyeva-first-car"].inferred
    assert dates["agrifood-agreements-expected"].text == "this year"
    assert dates["ciie-contracts-total"].start is None  # "in recent years" is not placed
    assert not dates["fifteenth-five-year-plan"].inferred
    for d in dates.values():
        if d.inferred:
            assert d.basis


def test_people_have_roles_and_events_their_details() -> None:
    minister = KB.entities_by_id["shakkaliyev"]
    assert minister.kind is EntityKind.PERSON
    assert [(r.title, r.of) for r in minister.roles] == [
        ("Minister of Trade and Integration", "kazakhstan")
    ]
    dialogue = KB.entities_by_id["cca-dialogue-2"]
    assert dialogue.place == "qingdao"
    assert dialogue.hosts == ("idcpc", "cpc-shandong")


def test_file_has_schema_header() -> None:
    assert SHIPPED.read_text(encoding="utf-8").startswith("#:schema ./facts.schema.json\n")


@pytest.mark.parametrize("path", [SHIPPED, MINI])
def test_schema_accepts_valid_files(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SHIPPED.parent / "facts.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(tomli.loads(path.read_text(encoding="utf-8")), schema)


def test_schema_enums_match_the_model() -> None:
    schema = json.loads((SHIPPED.parent / "facts.schema.json").read_text(encoding="utf-8"))
    props = schema["properties"]
    assert "enum" not in props["fact"]["items"]["properties"]["category"]  # declared ones too
    assert props["entity"]["items"]["properties"]["kind"]["enum"] == [k.value for k in EntityKind]
    fig = props["fact"]["items"]["properties"]["figures"]["items"]["properties"]
    assert fig["qualifier"]["enum"] == [q.value for q in Qualifier]
    assert fig["per"]["enum"] == [p.value for p in Per]
    fact = props["fact"]["items"]["properties"]
    assert fact["how"]["enum"] == [v.value for v in Voice]
    assert fact["date"]["properties"]["qualifier"]["enum"] == [q.value for q in DateQualifier]
    basis = props["entity"]["items"]["properties"]["description_basis"]
    assert basis["enum"] == [b.value for b in Basis]


def test_schema_fields_match_the_validator() -> None:
    from sinokaz_cli.reading.fields import (
        DATE_FIELDS,
        ENTITY_FIELDS,
        FACT_FIELDS,
        FIGURE_FIELDS,
        TABLES,
    )

    schema = json.loads((SHIPPED.parent / "facts.schema.json").read_text(encoding="utf-8"))
    fact = schema["properties"]["fact"]["items"]["properties"]
    assert set(fact) == set(FACT_FIELDS)
    assert set(fact["figures"]["items"]["properties"]) == set(FIGURE_FIELDS)
    assert set(fact["date"]["properties"]) == set(DATE_FIELDS)
    assert set(schema["properties"]["entity"]["items"]["properties"]) == set(ENTITY_FIELDS)
    assert set(schema["properties"]) == set(TABLES)


# On whose word each fact of the bundled article stands, read off the article
# paragraph by paragraph: (speaker or attribution, how, told whom). A fact the
# article gives as its own reporting or framing is on the publication's word.
EXPERT = "an expert from Kazakhstan, unnamed"
SAID_BY = {
    "ties-bring-opportunities": ("China Daily (headline and standfirst)", "publication", None),
    "mutual-purchases": (EXPERT, "said", None),
    "visa-free-travel": (EXPERT, "said", None),
    "wider-cooperation": (EXPERT, "said", None),
    "partnership-benefits-people": ("nurgaliyeva", "said", None),
    "ciie-kazakh-companies": ("shakkaliyev", "said", None),  # "According to ..."
    "ciie-largest-delegation": ("shakkaliyev", "said", None),
    "ciie-contracts-total": ("tpdc", "data", None),  # "Data from ... show"
    "tsingtao-in-kazakhstan": ("nurgaliyeva", "said", None),
    "chinese-cars-share": ("nurgaliyeva", "said", "china-daily"),  # "told China Daily"
    "nurgaliyeva-loyal-car-user": ("nurgaliyeva", "said", "china-daily"),
    "nurgaliyeva-first-car": ("nurgaliyeva", "said", "china-daily"),
    "nurgaliyeva-daughter-car": ("nurgaliyeva", "said", "china-daily"),
    "xian-almaty-train": ("nurgaliyeva", "said", None),
    "nurgaliyeva-second-visit": ("nurgaliyeva", "said", None),
    "licun-river-transformed": ("nurgaliyeva", "said", None),
    "admires-ecology-planning": ("nurgaliyeva", "said", None),
    "ecology-planning-cooperation": ("nurgaliyeva", "said", None),
    "beautiful-clean-link": ("nurgaliyeva", "said", None),
    "cleanliness-confucian-values": ("nurgaliyeva", "said", None),
    "three-defining-features": ("nurgaliyeva", "said", None),
    "fifteenth-five-year-plan": ("nurgaliyeva", "said", None),
    "plans-made-and-delivered": ("nurgaliyeva", "said", None),
    "carbon-neutrality-goal": ("nurgaliyeva", "said", None),
    "poverty-debt-free-society": ("nurgaliyeva", "said", None),
    "poverty-cooperation-room": ("nurgaliyeva", "said", None),
}


def test_every_fact_says_on_whose_word_it_stands() -> None:
    for f in KB.facts:
        who, how, told = SAID_BY.get(f.id, (None, "publication", None))
        assert (f.speaker or f.attribution, f.how.value, f.to) == (who, how, told), f.id
        if f.quote is not None:
            assert f.how is Voice.SAID and f.speaker, f.id
    assert set(SAID_BY) <= set(KB.facts_by_id)


def test_the_dialogue_facts_are_about_the_dialogue() -> None:
    """Facts filed under the party dialogue involve the dialogue; her visit and
    biography are not the dialogue's ("People and visits")."""
    dialogue = {"cca-dialogue", "cca-dialogue-2"}
    for f in KB.facts:
        if f.category == Category.DIALOGUE.value:
            assert dialogue & set(f.entities), f.id
        else:
            assert not dialogue & set(f.entities), f.id


def test_no_figure_is_a_total_the_article_does_not_state() -> None:
    """The article tells of one car, then another: "2 cars" was our count."""
    assert not KB.facts_by_id["nurgaliyeva-loyal-car-user"].figures
    meeting = KB.facts_by_id["dialogue-second-meeting"].figures
    assert [(g.value, g.unit) for g in meeting] == [(2, "ordinal")]


def test_every_alignment_pairs_a_chinese_and_a_kazakh_programme() -> None:
    for a in KB.alignments:
        assert KB.entities_by_id[a.china].part_of == "china", a.id
        assert KB.entities_by_id[a.kazakhstan].part_of == "kazakhstan", a.id


def test_a_description_from_the_source_is_one_the_source_gives() -> None:
    """General knowledge is fine, but it is never presented as the source's: these
    descriptions, which the article does not give, are marked general knowledge.
    (A description from the source must cite its paragraphs: the reader refuses one
    that does not, reading/kinds.py.)"""
    general = {e.id for e in KB.entities if e.description_basis is Basis.GENERAL}
    for eid in ("china-daily", "cpc", "ciie", "beautiful-china", "licun-river", "chinese-cars"):
        assert eid in general, eid


def _article_ngrams(n: int) -> set[tuple[str, ...]]:
    """The article's runs of n words (names included), from its text beside the
    checkout, else from the fingerprints of them kept in tests/data (hashes only:
    the article's words are not copied into the project)."""
    found: set[tuple[str, ...]] = set()
    for src in KB.sources:
        path = ARTICLES / (src.file or "")
        if path.is_file():
            found |= _ngrams(" ".join(article_paragraphs(src.file or "")), n)
    return found


FINGERPRINTS = ROOT / "tests" / "data" / "article-8-word-runs.txt"


def _fingerprint(gram: tuple[str, ...]) -> str:
    import hashlib

    return hashlib.sha256(" ".join(gram).encode()).hexdigest()[:16]


def test_no_statement_repeats_eight_words_of_the_article_names_included() -> None:
    """Outside a quotation, not eight words in a row from the article, with no
    exception for names: a name and the words around it are wording too."""
    article = _article_ngrams(8)
    kept = set(FINGERPRINTS.read_text(encoding="utf-8").split())
    if article:  # the fingerprints must be those of the article
        assert {_fingerprint(g) for g in article} == kept
    for f in KB.facts:
        shared = {g for g in _ngrams(_unquoted(f.statement), 8) if _fingerprint(g) in kept}
        assert not shared, (f.id, [" ".join(g) for g in shared])


def test_every_statement_names_its_subject() -> None:
    """A brief shows a point alone: "She said ..." or "The meeting ..." would not say who
    or which."""
    for f in KB.facts:
        first = f.statement.split()[0].lower()
        assert first not in {"she", "he", "it", "they", "this", "these", "her", "his"}, f.id
        assert not f.statement.lower().startswith("the meeting"), f.id
