"""sinokaz as a library: the knowledge as the command line reads it, for scripts
and notebooks (docs/python-api.md).

    from sinokaz_cli.api import open_knowledge

    kb = open_knowledge()                    # what `sinokaz` reads with no --data
    trade = kb.facts(category="trade")       # Fact records, as `sinokaz facts` lists them
    kb.to_json(kb.fact("ciie-contracts-total"))   # what `sinokaz show ... --json` prints

Every command's answer is here, as the typed records the command renders
(knowledge/records.py and the summaries of knowledge/query.py), and `to_json`
gives the JSON the command prints for them. Errors are the command line's own
classes, re-exported here: SinokazError and, below it, UsageError (a bad
value, such as an unknown category), KnowledgeError (the files are missing or
invalid; `.problems` lists each), NotFoundError (an unknown fact, entity or
tag) and OutputError (an export that cannot be written).

Importing this module loads nothing beyond the records and the errors: each
answer loads what it needs when it is first asked for.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sinokaz_cli.errors import (
    KnowledgeError,
    NotFoundError,
    OutputError,
    OutputExists,
    Problem,
    SinokazError,
    UsageError,
)
from sinokaz_cli.knowledge.records import (
    Alignment,
    Citation,
    DateRef,
    Entity,
    EntityKind,
    Fact,
    Figure,
    Role,
    Source,
    Topic,
    Unit,
)

if TYPE_CHECKING:
    from sinokaz_cli.knowledge.base import KnowledgeBase
    from sinokaz_cli.knowledge.brief import Brief
    from sinokaz_cli.knowledge.query import Coverage, EventSummary, Mentions, Pair, TopicSummary
    from sinokaz_cli.search.engine import Result

__all__ = [
    "Alignment",
    "Citation",
    "DateRef",
    "Entity",
    "EntityKind",
    "Fact",
    "Figure",
    "Knowledge",
    "KnowledgeError",
    "NotFoundError",
    "OutputError",
    "OutputExists",
    "Problem",
    "Role",
    "SinokazError",
    "Source",
    "Topic",
    "Unit",
    "UsageError",
    "check",
    "json_schema",
    "new_knowledge_file",
    "open_knowledge",
]

PathLike = str | os.PathLike[str]
Filter = str | Sequence[str] | None  # one value, or several that are alternatives


def open_knowledge(path: PathLike | None = None, *, cache: bool = True) -> Knowledge:
    """The knowledge at `path`, found as `--data` finds it: a knowledge file, or a
    folder whose *.toml files are merged; by default $SINOKAZ_DATA, else the
    bundled file. With `cache` (the default) it is answered from the on-disk
    index, which is written or brought up to date first when it is not fresh;
    `cache=False` reads the files (as `--no-cache`). Raises KnowledgeError."""
    from sinokaz_cli.index.opening import open_kb

    return Knowledge(open_kb(_text(path), use_cache=cache))


def check(path: PathLike | None = None) -> list[Problem]:
    """Every problem with the knowledge files at `path`, as `sinokaz check` lists
    them, paragraphs that no fact cites included; [] when they are valid. The
    files themselves are read, never the index."""
    from sinokaz_cli.knowledge.query import uncited
    from sinokaz_cli.reading.article import text_problems
    from sinokaz_cli.reading.lines import at_source_lines
    from sinokaz_cli.reading.load import load

    try:
        kb = load(_text(path))
    except KnowledgeError as e:
        return list(e.problems)
    return at_source_lines(text_problems(kb) + uncited(kb))


def new_knowledge_file(
    article: PathLike,
    publisher: str,
    published: str,
    *,
    output: PathLike | None = None,
    id: str | None = None,  # noqa: A002 (the option is --id)
) -> str:
    """The text `sinokaz new` writes for the article's plain text at `article`: its
    source record and its paragraphs, numbered, as comments. Nothing is written;
    `output` is where the caller will put it (default: beside the text), so that
    the record's `file` leads back to the text. Raises UsageError."""
    from pathlib import Path

    from sinokaz_cli.authoring.scaffold import for_article

    text = Path(article).expanduser()
    target = Path(output).expanduser() if output is not None else text.with_suffix(".toml")
    return for_article(text, target, publisher, published, id).text


def json_schema() -> str:
    """The JSON Schema of the knowledge file, as `sinokaz schema` prints it."""
    from sinokaz_cli.reading.paths import bundled_path

    return (bundled_path().parent / "facts.schema.json").read_text(encoding="utf-8")


class Knowledge:
    """Questions asked of the knowledge, answered as the commands answer them."""

    def __init__(self, base: KnowledgeBase) -> None:
        self.base = base  # the KnowledgeBase (or index) behind every answer
        self._mentions: Mentions | None = None

    def __repr__(self) -> str:
        files = self.base.files
        return f"<Knowledge from {files[0] if len(files) == 1 else f'{len(files)} files'}>"

    # ─── facts ──────────────────────────────────────────────────────────────

    def facts(
        self, category: Filter = None, tag: Filter = None, entity: Filter = None
    ) -> list[Fact]:
        """Facts in the files' order, as `sinokaz facts` lists them: several values of
        one filter are alternatives, different filters must all hold. An unknown
        category is a UsageError; an unknown tag or entity a NotFoundError. Tags
        match singular or plural, entities by id, name or alias (knowledge/lookup.py)."""
        from sinokaz_cli.knowledge import lookup

        wanted = self._categories(category)
        tags = lookup.tags(self.base, _values(tag))
        entities = lookup.entity_ids(self.base, _values(entity))
        return list(self.base.select(wanted, tags, entities))

    def fact(self, fact_id: str) -> Fact:
        """One fact (`sinokaz show`), its id in any case; NotFoundError, with a
        did-you-mean, if no fact has the id."""
        from sinokaz_cli.knowledge import lookup

        return lookup.fact(self.base, fact_id)

    def search(self, query: str, limit: int = 10) -> Result:
        """Facts ranked by relevance to words or a question (`sinokaz search`): the
        Result's `hits`, best first, each with the words that matched and where,
        and the words corrected or found nowhere."""
        from sinokaz_cli.search import textnorm
        from sinokaz_cli.search.engine import Index

        if not textnorm.tokens(query):
            raise UsageError(f"the query {query!r} has no words to search for")
        if limit < 1:
            raise UsageError(f"limit must be at least 1, not {limit}")
        return Index(self.base).search(query, limit)

    def timeline(self, category: Filter = None) -> list[Fact]:
        """Facts with a placeable date, earliest first (`sinokaz timeline`)."""
        from sinokaz_cli.knowledge import query

        return list(query.timeline(self.base, self._categories(category)))

    def tags(self) -> list[str]:
        """Every tag that facts carry, sorted."""
        return sorted(self.base.tag_set())

    def tag_counts(self, category: Filter = None) -> dict[str, int]:
        """Each tag, sorted, with how many facts (of the categories given) carry it, as
        `sinokaz tags` lists them."""
        counts = self.base.tag_counts(self._categories(category))
        return dict(sorted(counts.items()))

    @property
    def categories(self) -> tuple[Topic, ...]:
        """Every category facts may have, titled, in the order lists show them."""
        return self.base.topics

    # ─── topics and summaries ───────────────────────────────────────────────

    def summary(self, category: str, figures: int = 6) -> TopicSummary:
        """What a topic's facts add up to, as `sinokaz trade` heads its table: how many,
        the first `figures` figures, the date range and the sources."""
        from sinokaz_cli.knowledge import query

        (found,) = self._categories(category)
        return query.summarise(self.base, found, figures)

    def events(self, category: str = "dialogue") -> list[EventSummary]:
        """The events facts of `category` mention, with place, hosts and figures,
        as `sinokaz dialogue` shows them."""
        from sinokaz_cli.knowledge import query

        (found,) = self._categories(category)
        return query.events(self.base, found)

    def pairs(self) -> list[Pair]:
        """The policy alignment pairs (`sinokaz policy --pairs`)."""
        from sinokaz_cli.knowledge import query

        return query.pairs(self.base)

    def brief(self, topics: Filter = None, full: bool = False) -> Brief:
        """The briefing `sinokaz brief` prints: what fits one screen by the rules in
        docs/commands.md, or with `full` every fact of each topic."""
        from sinokaz_cli.knowledge import brief

        return brief.build(self.base, self._categories(topics), full)

    # ─── entities and sources ───────────────────────────────────────────────

    def entities(
        self, kind: EntityKind | str | Sequence[EntityKind | str] | None = None
    ) -> list[Entity]:
        """Entities in the files' order (`sinokaz entities`), of the kinds given."""
        from sinokaz_cli.knowledge import query

        kinds = []
        for k in _values(kind):
            try:
                kinds.append(EntityKind(k))
            except ValueError:
                known = ", ".join(e.value for e in EntityKind)
                raise UsageError(f"unknown kind {k!r}; expected one of: {known}") from None
        return query.entities(self.base, kinds)

    def entity(self, entity_id: str) -> Entity:
        """One entity (`sinokaz entity`): its id in any case, its name or an alias;
        NotFoundError, with a did-you-mean, if none answers to it (or several do).
        `facts(entity=...)` gives the facts that mention it."""
        from sinokaz_cli.knowledge import lookup

        return lookup.entity(self.base, entity_id)

    def sources(self) -> list[Coverage]:
        """Each source with how many facts cite it and which of its paragraphs they
        cite (`sinokaz sources`): `.source`, `.facts`, `.cited`, `.uncited`."""
        from sinokaz_cli.knowledge import query

        return query.coverage(self.base)

    # ─── output ─────────────────────────────────────────────────────────────

    def to_json(self, record: Any) -> Any:
        """The JSON object the command line prints for `record` (docs/json.md), as
        Python dicts and lists: for a Fact, an Entity (with `fact_ids`), a Pair, a
        source's Coverage, a Brief, a search Result (its hits), or a list of them."""
        from sinokaz_cli.knowledge import query
        from sinokaz_cli.knowledge.brief import Brief
        from sinokaz_cli.render import records as out
        from sinokaz_cli.render.brief_records import brief_json
        from sinokaz_cli.search.engine import Result

        kb = self.base
        if isinstance(record, Fact):
            return out.fact_json(record, kb)
        if isinstance(record, Entity):
            if self._mentions is None:  # every entity's facts, found once
                self._mentions = query.mentions(kb)
            return out.entity_json(record, kb, self._mentions.ids.get(record.id, []))
        if isinstance(record, query.Pair):
            return out.pair_json(record, kb)
        if isinstance(record, query.Coverage):
            return out.source_json(record)
        if isinstance(record, Brief):
            return brief_json(record, kb)
        if isinstance(record, Result):
            return list(map(out.hit_listing(kb, record.hits).to_json, enumerate(record.hits, 1)))
        if isinstance(record, (list, tuple)) and not hasattr(record, "_fields"):
            return [self.to_json(r) for r in record]
        raise TypeError(f"no JSON form for {type(record).__name__}")

    def export_sqlite(self, path: PathLike, replace: bool = False) -> Path:
        """Write the knowledge as an SQLite database (docs/export.md); the file
        appears only when complete. An existing file is an OutputError unless `replace`."""
        from sinokaz_cli.export.sqlite import write_sqlite

        try:
            return write_sqlite(self.base, Path(path), replace)
        except OutputExists as e:
            raise OutputExists(e.path, "pass replace=True") from None

    def export_csv(self, folder: PathLike, replace: bool = False) -> list[Path]:
        """Write one CSV file for each table and view of the SQLite export into
        `folder` (made if missing); files of those names there already are an
        OutputError unless `replace`. Returns the paths written."""
        from sinokaz_cli.export.csvfiles import write_csv

        try:
            return write_csv(self.base, Path(folder), replace)
        except OutputExists as e:
            raise OutputExists(e.path, "pass replace=True") from None

    def _categories(self, given: Filter) -> list[str]:
        from sinokaz_cli.knowledge.query import known_categories

        return known_categories(self.base, _values(given))


def _values(given: Any) -> list[str]:
    if given is None:
        return []
    if isinstance(given, (str, EntityKind)):
        return [given]
    return list(given)


def _text(path: PathLike | None) -> str | None:
    return None if path is None else os.fspath(path)
