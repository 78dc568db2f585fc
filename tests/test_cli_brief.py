"""brief: one screen, a cited Markdown document, or the same as JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import MINI, Run, as_json


def test_markdown_cites_every_point(run: Run) -> None:
    out = run("brief", "--format", "markdown").stdout
    assert out.startswith("# China–Kazakhstan relations: brief\n")
    # Every bullet but an event's title, whose rows below it cite.
    bullets = [
        line for line in out.splitlines() if line.startswith(("- ", "  - ")) and line[-2:] != "**"
    ]
    assert bullets
    for line in bullets:
        assert re.search(r"\(China Daily, Nov 2025, ¶\d+(–\d+)?\)|paragraphs cited$", line), line
    for heading in (
        "## Headline figures",
        "## Trade",
        "## Tourism",
        "## Party dialogue",
        "## Policy alignment",
        "## Sources",
    ):
        assert heading in out
    assert "| Beautiful China | Clean Kazakhstan |" in out


def test_markdown_is_default_in_a_pipe(run: Run) -> None:
    assert run("brief").stdout == run("brief", "-f", "markdown").stdout


def test_brief_fits_one_screen_at_80_columns(run: Run) -> None:
    """Issue 17: within 40 lines; the trade news (the agri-food supply deals, the
    $307 million of contracts) in; no ordinal or personal tally among the figures."""
    out = run("brief", "--format", "table", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert len(lines) <= 40
    assert max(len(line.rstrip()) for line in lines) <= 80
    for needed in (
        "$307 million",
        "23%",
        "Long-term deals for Kazakhstan to provide China with farm produce",
        "around 150 participants",
        "Qingdao",
        "Beautiful China ↔ Clean Kazakhstan",
        "19/19 paragraphs cited",
        "Trade — ",  # each topic heading counts what it shows
        "sinokaz trade",
    ):
        assert needed in out, needed
    figures = out.split("Trade — ")[0]
    assert "2nd" not in figures and "2 cars" not in figures and "3 features" not in figures


def test_three_sources_fit_in_fifty_lines(run: Run, tmp_path: Path) -> None:
    folder = _three(tmp_path)
    out = run("--data", str(folder), "brief", "--format", "table", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert len(lines) <= 50
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert re.search(r"^… and \d+ more: sinokaz sources$", out, re.M) or "Silk Road Review" in out
    # Every topic has a heading that counts what it shows, and what shows the rest.
    for title in ("Trade", "Tourism", "Energy", "Logistics", "Education", "People and visits"):
        found = re.search(rf"^{title} — [\d,]+ facts?(.*)$", out, re.M)
        assert found, title
        rest = found[1].rstrip(" ─")  # the rule drawn after the heading
        assert rest == "" or re.fullmatch(r", [\d,]+ not shown · sinokaz \S.*", rest), title


@pytest.mark.parametrize("articles", [["state-visit"], ["green-programmes"], ["*"]])
def test_every_source_and_every_topic_has_something_shown(
    run: Run, tmp_path: Path, articles: list[str]
) -> None:
    """A second article once had nothing in the brief (its figures dropped to make
    room, and so left out of the points too), and a topic whose one fact led as a
    figure then lost it was left bare."""
    import shutil

    from conftest import ARTICLES, SHIPPED

    shutil.copy(SHIPPED, tmp_path)
    for name in articles:
        for article in ARTICLES.glob(f"{name}.toml"):
            shutil.copy(article, tmp_path)
    b = as_json(run("--data", str(tmp_path), "brief", "--json"))
    source_of = {
        f["id"]: f["source"] for f in as_json(run("--data", str(tmp_path), "facts", "--json"))
    }
    shown = [source_of[fig["fact"]] for fig in b["figures"]]
    shown += [p["source"] for t in b["topics"] for p in t["points"]]
    assert {s["id"] for s in b["sources"]} <= set(shown)
    assert [t["category"] for t in b["topics"] if t["shown"] == 0] == []


def _three(tmp_path: Path) -> Path:
    """The bundled file and the two fixture articles, in one folder."""
    import shutil

    from conftest import ARTICLES, SHIPPED

    folder = tmp_path / "three"
    folder.mkdir()
    shutil.copy(SHIPPED, folder)
    for article in ARTICLES.glob("*"):
        shutil.copy(article, folder)
    return folder


def test_json_has_the_same_content(run: Run) -> None:
    b = as_json(run("brief", "--json"))
    assert [t["category"] for t in b["topics"]] == [
        "trade",
        "tourism",
        "dialogue",
        "policy",
        "people",
    ]
    assert b["figures"][0]["text"] == "$307 million"
    assert b["figures"][0]["citation"] == "China Daily, Nov 2025, ¶5"
    assert b["events"][0]["place_name"] == "Qingdao"
    assert [p["id"] for p in b["pairs"]] == [
        "beautiful-clean",
        "poverty-debt-free",
    ]
    assert b["sources"][0]["coverage"] == 1.0
    for topic in b["topics"]:
        for point in topic["points"]:
            assert point["citation"].startswith("China Daily, Nov 2025, ¶")


def test_topic_filter(run: Run) -> None:
    b = as_json(run("brief", "--topic", "tourism", "--json"))
    assert [t["category"] for t in b["topics"]] == ["tourism"]
    assert b["pairs"] == []
    assert b["events"] == []


def test_other_knowledge_gets_a_sensible_brief(run: Run) -> None:
    out = run("--data", str(MINI), "brief", "--format", "markdown").stdout
    assert "China Daily" not in out
    assert "- **$1.5 billion** — Deals were worth $1.5 billion. (Test Wire, May 2024, ¶2)" in out
    assert "**Example Forum — 2 May 2024, inferred, Astana** (Test Wire, May 2024, ¶1)" not in out
    assert "| Green China | Green Kazakhstan | Greener countries |" in out
    assert "Other Paper, “Test article B”, Jan 2025" in out


def test_brief_as_rows(run: Run) -> None:
    rows = [line.split("\t") for line in run("brief", "--format", "tsv").stdout.splitlines()]
    assert rows[0] == [
        "Headline figures",
        "$307 million — total value of contracts the Kazakh side signed at the CIIE "
        "in recent years — data: Trade Policy Development Center",
        "China Daily, Nov 2025, ¶5",
    ]
    assert all(len(r) == 3 and r[2] for r in rows)
    assert {r[0] for r in rows} == {
        "Headline figures",
        "Trade",
        "Tourism",
        "Party dialogue",
        "Policy alignment",
        "People and visits",
        "Sources",
    }
    one_line = run("brief", "--format", "jsonl").stdout
    assert one_line.count("\n") == 1
    assert json.loads(one_line) == as_json(run("brief", "--json"))


def test_an_event_card_cites_three_sources_and_counts_the_rest(run: Run, tmp_path: Path) -> None:
    """As articles about one event pile up (each declaring it, with its own citation),
    its card would cite them all; it names three and says how many more, in the
    terminal and the Markdown brief alike."""
    for n in range(5):
        (tmp_path / f"a{n}.toml").write_text(
            f"""[[source]]
id = "s{n}"
title = "Article {n}"
publisher = "Paper {n}"
published = "2025-0{n + 1}"
paragraphs = 1

[[entity]]
id = "host"
kind = "org"
name = "Host"

[[entity]]
id = "forum"
kind = "event"
name = "Forum"
hosts = ["host"]
theme = "Trade"
source = "s{n}"
paragraphs = [1]

[[fact]]
id = "f{n}"
category = "dialogue"
statement = "Article {n} reports on the forum."
entities = ["forum"]
source = "s{n}"
paragraphs = [1]
""",
            encoding="utf-8",
        )
    md = run("--data", str(tmp_path), "brief", "--format", "markdown").stdout
    (card,) = [line for line in md.splitlines() if line.startswith("  - Host: ")]
    assert card.endswith("; and 2 more sources)")
    assert card.count("Paper ") == 3
    table = run("--data", str(tmp_path), "brief", "--format", "table").stdout
    assert "  Host:" in table
    rows = run("--data", str(tmp_path), "brief", "--format", "tsv").stdout
    assert "; and 2 more sources" in rows


def test_headline_figures_follow_the_rules(run: Run, tmp_path: Path) -> None:
    """Money first, the largest first though it comes in a later file; then shares and
    rates; then counts; never an ordinal or a count below ten; one kind never takes
    every slot."""
    folder = _three(tmp_path)
    b = as_json(run("--data", str(folder), "brief", "--full", "--json"))
    texts = [f["text"] for f in b["figures"]]
    assert texts[0] == "$43.8 billion"  # from the Caspian Courier, a later file
    assert texts.index("$43.8 billion") < texts.index("$307 million")
    assert not any(re.search(r"\d(st|nd|rd|th)$", t) for t in texts)  # no ordinal
    assert "5 countries" not in texts  # a count below ten
    units = [f["unit"] for f in b["figures"]]
    money = [u for u in units if u == "USD"]
    assert units[: len(money)] == money  # money leads


def test_news_before_anecdote(run: Run, tmp_path: Path) -> None:
    """On knowledge built for it: a deal outranks a personal story, whatever the
    file order; an editor's `key = true` outranks both."""
    (tmp_path / "kb.toml").write_text(
        ANECDOTE_AND_DEAL + '\n[[fact]]\nid = "z-chosen"\ncategory = "trade"\n'
        'statement = "An editor chose this one."\nsource = "s"\nparagraphs = [1]\nkey = true\n',
        encoding="utf-8",
    )
    b = as_json(run("--data", str(tmp_path / "kb.toml"), "brief", "--full", "--json"))
    (trade,) = b["topics"]
    assert [p["id"] for p in trade["points"]] == ["z-chosen", "a-deal", "a-story"]


ANECDOTE_AND_DEAL = """
[[source]]
id = "s"
title = "T"
publisher = "P"
published = "2025-05"
paragraphs = 1

[[entity]]
id = "kazakhstan"
kind = "place"
name = "Kazakhstan"

[[entity]]
id = "town"
kind = "place"
name = "Town"
part_of = "kazakhstan"

[[entity]]
id = "ann"
kind = "person"
name = "Ann"

[[entity]]
id = "car"
kind = "product"
name = "Car"

[[entity]]
id = "deal"
kind = "programme"
name = "Supply deal"

[[fact]]
id = "a-story"
category = "trade"
statement = "Ann bought a car in Town ten years ago."
entities = ["ann", "car", "town"]
speaker = "ann"
source = "s"
paragraphs = [1]

[[fact]]
id = "a-deal"
category = "trade"
statement = "A supply deal is to be signed this year."
entities = ["deal", "kazakhstan"]
source = "s"
paragraphs = [1]
date = { text = "this year", start = "2025", inferred = true, basis = "The publication year." }
"""


def test_counts_agree_with_the_topic(run: Run) -> None:
    """brief --topic trade said "12 facts" at the top and "38 facts" under Sources."""
    b = as_json(run("brief", "--topic", "trade", "--json"))
    assert b["facts"] == 12
    assert [s["facts"] for s in b["sources"]] == [12]
    md = run("brief", "--topic", "trade", "--format", "markdown").stdout
    assert "_12 facts from 1 source;" in md and ": 12 facts, " in md


def test_events_name_their_facts(run: Run) -> None:
    (event,) = as_json(run("brief", "--json"))["events"]
    assert event["id"] == "cca-dialogue-2"
    assert "dialogue-participants" in event["fact_ids"]
    assert "dialogue-cohosts" in event["fact_ids"]


def test_every_format_carries_the_same_selection(run: Run, tmp_path: Path) -> None:
    folder = str(_three(tmp_path))
    b = as_json(run("--data", folder, "brief", "--json"))
    md = run("--data", folder, "brief", "--format", "markdown").stdout
    rows = run("--data", folder, "brief", "--format", "tsv").stdout
    table = run("--data", folder, "brief", "--format", "table", env={"COLUMNS": "200"}).stdout
    for topic in b["topics"]:
        for point in topic["points"]:
            assert point["statement"] in md and point["statement"] in rows
            assert point["statement"] in table
        as_figures = {f["fact"] for f in b["figures"]}
        as_figures |= {g["fact"] for ev in b["events"] for g in ev["figures"]}
        assert (topic["shown"], topic["more"]) == (
            len(topic["points"]) + len(as_figures & _ids(folder, run, topic)),
            topic["facts"] - topic["shown"],
        )
        if topic["more"] and topic["category"] != "dialogue":
            many = "fact" if topic["facts"] == 1 else "facts"
            left = f"{topic['facts']} {many}, {topic['more']} not shown"
            assert f"— {left} · {topic['command']} " in table
            assert f"_{left}; all of them: `{topic['command']}`._" in md
    for figure in b["figures"]:
        assert f"**{figure['text']}**" in md


def _ids(folder: str, run: Run, topic: dict[str, object]) -> set[str]:
    facts = as_json(run("--data", folder, "facts", "--category", str(topic["category"]), "--json"))
    return {f["id"] for f in facts}


def test_full_shows_every_fact_of_each_topic(run: Run) -> None:
    b = as_json(run("brief", "--full", "--json"))
    assert b["full"] is True
    for topic in b["topics"]:
        assert topic["more"] == 0, topic["category"]
    assert len(b["figures"]) == b["figures_total"]
    # Each fact as a point, statement and every figure: a fact that led as a headline
    # figure once showed only that figure, and its other figures nowhere.
    pointed = [p["id"] for t in b["topics"] for p in t["points"]]
    facts = as_json(run("facts", "--json"))
    assert sorted(pointed) == sorted(f["id"] for f in facts)
    md = run("brief", "--full", "--format", "markdown").stdout
    for fact in facts:
        assert md.count(fact["statement"]) >= 1, fact["id"]


def test_a_series_is_not_an_event(run: Run) -> None:
    """The dialogue (a series) and its second meeting are both events; only the
    meeting, with a date and a place, is counted and carded."""
    b = as_json(run("brief", "--json"))
    assert ([e["id"] for e in b["events"]], b["events_total"]) == (["cca-dialogue-2"], 1)
    (dialogue,) = [t for t in b["topics"] if t["category"] == "dialogue"]
    assert dialogue["shown"] + dialogue["more"] == dialogue["facts"] == 6


def test_a_speaker_telling_of_themselves_gives_no_headline(run: Run, tmp_path: Path) -> None:
    """ "Omarov said he had visited China 25 times" is a personal tally, though no
    entity but a country is named; a count from an event is news."""
    people = """
[[entity]]
id = "omarov"
kind = "person"
name = "Bek Omarov"

[[entity]]
id = "fair"
kind = "event"
name = "Trade fair"

[[unit]]
id = "visit"
singular = "visit"
plural = "visits"

[[unit]]
id = "car"
singular = "car"
plural = "cars"

[[unit]]
id = "firm"
singular = "firm"
plural = "firms"

[[fact]]
id = "visits"
category = "trade"
statement = "Trader Bek Omarov said he had visited China 25 times."
entities = ["kazakhstan"]
speaker = "omarov"
figures = [{ value = 25, unit = "visit" }]
source = "s"
paragraphs = [1]

[[fact]]
id = "cars"
category = "trade"
statement = "Omarov has bought 12 Chinese cars."
entities = ["kazakhstan"]
speaker = "omarov"
figures = [{ value = 12, unit = "car" }]
source = "s"
paragraphs = [1]

[[fact]]
id = "firms"
category = "trade"
statement = "More than 40 firms took part in the trade fair, Omarov said."
entities = ["fair"]
speaker = "omarov"
figures = [{ value = 40, unit = "firm", qualifier = "more_than" }]
source = "s"
paragraphs = [1]
"""
    (tmp_path / "kb.toml").write_text(ANECDOTE_AND_DEAL + people, encoding="utf-8")
    b = as_json(run("--data", str(tmp_path / "kb.toml"), "brief", "--full", "--json"))
    assert [f["text"] for f in b["figures"]] == ["more than 40 firms"]


def test_markdown_pastes_clean(run: Run, tmp_path: Path) -> None:
    """Only what CommonMark would read as markup is escaped: "$307 million" pastes
    as it is, and the document renders to the same words as its text."""
    from markdown_it import MarkdownIt

    md = run("--data", str(_three(tmp_path)), "brief", "--format", "markdown").stdout
    assert "\\$" not in md and "\\#" not in md
    html = MarkdownIt("commonmark").enable("table").render(md)
    words = re.sub(r"<[^>]+>", " ", html)
    assert "$43.8 billion" in words and "$43.8 billion" in md
    assert "*" not in re.sub(r"\*\*|\*[^*]+\*", "", md.replace("\\*", ""))  # emphasis pairs up


def test_the_topic_period_comes_from_its_news(run: Run) -> None:
    """Trade's period was "about 2015, inferred → Nov 2025", set by a car anecdote."""
    out = run("trade", "--format", "table", env={"COLUMNS": "100"}).stdout
    period = next(line for line in out.splitlines() if line.startswith("Period:"))
    assert "2015" not in period


def test_the_dialogue_view_says_each_figure_once(run: Run) -> None:
    """The card names the meeting's figures; the summary below it does not again."""
    out = run("dialogue", "--format", "table", env={"COLUMNS": "100"}).stdout
    head = out.split(" ID ")[0]
    assert head.count("around 150 participants") == 1
    assert "Present" not in head


def test_headline_figures_make_room_for_another_article(tmp_path: Path) -> None:
    """Chosen and dropped by kind first (money must not take every slot), then so that
    each source keeps a figure where there is room for one."""
    from sinokaz_cli.api import open_knowledge
    from sinokaz_cli.knowledge.brief import _across_sources, _fewer
    from sinokaz_cli.knowledge.query import HeadlineFigure

    kb = open_knowledge(_three(tmp_path), cache=False).base
    ranked = kb.headline([t.id for t in kb.topics], 12, ())
    assert [f.id for f, _ in ranked[:4]] == [
        "cc-turnover-last-year",
        "ciie-contracts-total",
        "chinese-cars-share",
        "cc-tourists",
    ]
    chosen = _across_sources(ranked, 4)  # the best of each source, in the rules' order
    assert [f.id for f, _ in chosen] == [
        "cc-turnover-last-year",
        "ciie-contracts-total",
        "chinese-cars-share",
        "srr-green-belt",
    ]
    by_id = {f.id: HeadlineFigure(fig, f) for f, fig in ranked}
    three = [by_id[i] for i in ("ciie-contracts-total", "chinese-cars-share", "cc-tourists")]
    # Two shares: the one from the source shown twice goes, not the later one.
    assert [h.fact.id for h in _fewer(three)] == ["ciie-contracts-total", "cc-tourists"]


def test_a_publisher_with_an_article_dated_by_year_alone(run: Run, tmp_path: Path) -> None:
    """Two articles of one publisher are told apart by month in a short citation; a
    year-only date once ended the brief in an internal error."""
    from conftest import ARTICLES

    text = (ARTICLES / "green-programmes.toml").read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    other = text.replace("srr-", "srr2-").replace('"shelterbelt-', '"shelterbelt2-')
    other = re.sub(r'^published = ".*"$', 'published = "2024"', other, count=1, flags=re.M)
    (tmp_path / "b.toml").write_text(other, encoding="utf-8")
    result = run("--data", str(tmp_path), "brief", "-f", "table", env={"COLUMNS": "80"})
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Sep 2025 ¶5" in result.stdout and "2024 ¶5" in result.stdout


def test_a_narrow_heading_keeps_its_command_whole(run: Run) -> None:
    """At 40 columns "Trade — 12 facts, 8 not shown · sinokaz trade" once wrapped
    after "sinokaz"."""
    lines = run("brief", "-f", "table", env={"COLUMNS": "40"}).stdout.splitlines()
    at = lines.index("Trade — 12 facts, 8 not shown")
    assert lines[at + 1] == "· sinokaz trade"
    assert "sinokaz" not in [line.split()[-1] for line in lines if line.strip()]


def test_the_sources_rows_are_cited_as_the_rows_above(run: Run) -> None:
    """The third column is a citation: a source's row once put its id there."""
    last = run("brief", "-f", "tsv").stdout.splitlines()[-1].split("\t")
    assert last[0] == "Sources"
    assert last[2] == "China Daily, Nov 2025"
