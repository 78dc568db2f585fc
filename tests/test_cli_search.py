"""search: ranked hits, forgiving matching, did-you-mean."""

from __future__ import annotations

import pytest

from conftest import MINI, Run, as_json, ids


def test_question_ranks_the_answer_first(run: Run) -> None:
    hits = as_json(run("search", "who", "co-hosted", "the", "dialogue?", "--json"))
    assert hits[0]["id"] == "dialogue-cohosts"
    assert hits[0]["rank"] == 1
    assert hits[0]["matched"] == ["co-hosted"] or "co-hosted" in hits[0]["matched"]
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_hit_carries_the_whole_fact(run: Run) -> None:
    hit = as_json(run("search", "tsingtao", "--json", "--limit", "1"))[0]
    fact = as_json(run("show", "tsingtao-in-kazakhstan", "--json"))
    added = ("rank", "score", "matched", "matched_terms", "corrected_from")
    assert {k: v for k, v in hit.items() if k not in added} == fact


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("xian", "xian-almaty-train"),
        ("XI'AN", "xian-almaty-train"),
        ("visa free", "visa-free-travel"),
        ("cohosted", "dialogue-cohosts"),
        ("automobile", "chinese-cars-share"),
        ("Shakaliyev", "ciie-largest-delegation"),
        ("Tsingtau", "tsingtao-in-kazakhstan"),
        ("import expo", "ciie-kazakh-companies"),
        ("cars", "chinese-cars-share"),
    ],
)
def test_matching_forgives(run: Run, typed: str, expected: str) -> None:
    top = ids(as_json(run("search", typed, "--json", "--limit", "3")))
    assert expected in top


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("Kazakstan", "kazakhstan"),  # written only inside "China–Kazakhstan" once
        ("Beijng", "beijing"),  # its stem, "beij", is two letters shorter than the word
        ("toursim", "tourism"),  # a category's name, in no statement
    ],
)
@pytest.mark.parametrize("index", [[], ["--no-cache"]])
def test_a_slip_is_weighed_against_the_word_as_written(
    run: Run, typed: str, word: str, index: list[str]
) -> None:
    result = run(*index, "search", typed, "--json")
    assert result.stderr == f"sinokaz: {typed!r} looks misspelt: searching for {word!r} instead\n"
    assert as_json(result)


def test_a_correction_is_said_on_stderr_and_marked_in_the_hits(run: Run) -> None:
    result = run("search", "Tsingtau", "--json")
    assert result.stderr == "sinokaz: 'Tsingtau' looks misspelt: searching for 'tsingtao' instead\n"
    hit = as_json(result)[0]
    assert hit["id"] == "tsingtao-in-kazakhstan"
    assert hit["corrected_from"] == {"tsingtao": "Tsingtau"}
    assert hit["matched_terms"] == [
        {
            "word": "tsingtao",
            "typed": "Tsingtau",
            "via": "correction",
            "in": ["statement", "entity name"],
        }
    ]


def test_nothing_found_is_empty_success_with_did_you_mean(run: Run) -> None:
    result = run("search", "tsingtu", "--json")
    assert result.exit_code == 0
    assert as_json(result) == []
    assert result.stderr == "sinokaz: no fact mentions 'tsingtu'; did you mean 'tsingtao'?\n"


def test_nothing_found_and_nothing_near(run: Run) -> None:
    result = run("search", "qqqqxx", "--json")
    assert result.exit_code == 0
    assert as_json(result) == []
    assert result.stderr == "sinokaz: no fact mentions 'qqqqxx'\n"


def test_nothing_found_is_said_once_to_a_person(run: Run) -> None:
    result = run("search", "qqqqxx", "--format", "table")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "sinokaz: no fact mentions 'qqqqxx'\n"
    near = run("search", "tsingtu", "--format", "table")
    assert near.stderr == "sinokaz: no fact mentions 'tsingtu'; did you mean 'tsingtao'?\n"


@pytest.mark.parametrize(
    ("query", "unmentioned"),
    [
        ("border", "'border'"),  # was corrected to 'order': the poverty fact, "in order to"
        ("wheat", "'wheat'"),  # to 'what'
        ("price", "'price'"),  # to 'prc', a fragment of an alias
        ("gas pipeline", "'gas' or 'pipeline'"),  # to 'as'
        ("Belt and Road", "'Belt' or 'Road'"),  # to 'trad', a stem
        ("BRI", "'BRI'"),  # to 'bring'
        ("reach", "'reach'"),  # to 'each'
        ("next", "'next'"),  # to 'net'
    ],
)
def test_a_real_word_no_fact_mentions_is_never_rewritten(
    run: Run, query: str, unmentioned: str
) -> None:
    for argv in (("search", query, "--json"), ("--no-cache", "search", query, "--json")):
        result = run(*argv)
        assert result.exit_code == 0
        assert as_json(result) == []
        assert result.stderr == f"sinokaz: no fact mentions {unmentioned}\n"


def test_hits_come_only_from_the_words_the_knowledge_has(run: Run) -> None:
    """'grain' was corrected to 'gaining', which put an unrelated fact first."""
    result = run("search", "grain exports", "--json")
    assert result.stderr == "sinokaz: no fact mentions 'grain'\n"
    hits = as_json(result)
    assert ids(hits) == ["agrifood-agreements-expected"]
    assert hits[0]["matched_terms"] == [
        {"word": "exports", "typed": "exports", "via": None, "in": ["tag"]}
    ]
    assert hits[0]["corrected_from"] == {}


@pytest.mark.parametrize("query", ["", "   ", "!!!", "-- ?"])
def test_a_query_without_words_is_a_usage_error(run: Run, query: str) -> None:
    result = run("search", "--json", "--", query)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"sinokaz: the query {query!r} has no words to search for; see 'sinokaz search --help'\n"
    )


def test_limit(run: Run) -> None:
    assert len(as_json(run("search", "china", "--json", "--limit", "2"))) == 2
    assert run("search", "china", "--limit", "0").exit_code == 2


def test_synonyms_come_from_the_data(run: Run) -> None:
    # mini.toml says firm = company; its statement only says "firms".
    hits = as_json(run("--data", str(MINI), "search", "companies", "--json"))
    assert ids(hits) == ["firms-at-forum"]


def test_table_explains_matches(run: Run) -> None:
    out = run("search", "charter train", "--format", "table", env={"COLUMNS": "200"}).stdout
    assert "xian-almaty-train" in out
    assert (
        "matched: charter (statement, entity name, entity description); "
        "train (statement, entity name, tag, entity description)"
    ) in out


def test_a_match_that_is_not_in_the_statement_says_where_it_is(run: Run) -> None:
    """Hits once read "matched: names, tags or source of the fact" whatever matched."""
    out = run("search", "Shakkaliyev", "--format", "table", env={"COLUMNS": "200"}).stdout
    assert "matched: shakkaliyev (entity name)" in out  # the minister said the count
    synonym = as_json(run("search", "vehicles", "--json", "--limit", "1"))[0]
    assert {"word": "automobile", "typed": "vehicles", "via": "synonym"}.items() <= next(
        m for m in synonym["matched_terms"] if m["word"] == "automobile"
    ).items()


def test_tsv_and_fields(run: Run) -> None:
    out = run("search", "cars", "--fields", "rank,id", "--limit", "2").stdout
    assert out == "1\tnurgaliyeva-loyal-car-user\n2\tchinese-cars-share\n"


@pytest.mark.parametrize(
    ("typed", "near"),
    [
        ("Liyang", "licang"),  # a city of Jiangsu, not Qingdao's Licang district
        ("Arlan", "arman"),  # a Kazakh first name, not the minister's
        ("Nurgaliyev", "nurgaliyeva"),  # another person: the surname's other form
        ("tourizm", "tourism"),  # near, but not a slip of typing: offered, not taken
    ],
)
def test_a_name_near_another_is_offered_not_searched_for(run: Run, typed: str, near: str) -> None:
    result = run("search", typed, "--json")
    assert as_json(result) == []
    assert result.stderr == f"sinokaz: no fact mentions {typed!r}; did you mean {near!r}?\n"


@pytest.mark.parametrize("typed", ["crosing", "peoplse", "Kazakstan", "freigt"])
def test_the_index_and_the_files_correct_alike(run: Run, typed: str) -> None:
    """A stem's written form was once the first the files wrote without the index,
    and that of whichever fact SQLite found first with it."""
    from conftest import ARTICLES

    env = {"SINOKAZ_DATA": str(ARTICLES)}
    indexed = run("search", typed, "--json", env=env)
    read = run("--no-cache", "search", typed, "--json", env=env)
    assert (indexed.stderr, indexed.stdout) == (read.stderr, read.stdout)


def test_csv_says_whose_word_each_hit_is(run: Run) -> None:
    """The share of the car market is Nurgaliyeva's word, not the paper's own."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run("search", "car market", "-f", "csv").stdout)))
    assert list(rows[0]) == ["rank", "id", "category", "statement", "citation", "said_by"]
    share = next(r for r in rows if r["id"] == "chinese-cars-share")
    assert share["said_by"] == "Madina Nurgaliyeva, to China Daily"


def test_query_is_required(run: Run) -> None:
    result = run("search")
    assert result.exit_code == 2
    assert result.stderr == "sinokaz: missing argument QUERY; see 'sinokaz search --help'\n"


def test_a_query_of_only_common_words_says_so(run: Run) -> None:
    """Common words are searched for when nothing else is given, and the hits on
    them are no answer: stderr says so, the result is still there for scripts."""
    result = run("search", "who", "is", "--json")
    assert result.exit_code == 0
    assert result.stderr == (
        "sinokaz: the query 'who is' has only common words; matching them as they are\n"
    )
    assert as_json(result)  # hits on "is"
    assert run("search", "who", "hosted", "--json").stderr == ""
    # No fact mentions "who", but a common word is no content: not reported.
    assert "mentions" not in run("search", "who", "--json").stderr
