"""Full-text search over facts: SQLite FTS5 with BM25 ranking.

Each fact is one document with four weighted fields: its statement (and
quotation); the names, aliases and roles of the entities it involves; its
tags and category; and the rest (source title, what its entities are,
figure labels, the themes of the policy pairs it supports). Text is folded and stemmed in Python
(textnorm) before FTS5 sees it, so the index and the query always agree,
and the matched words of a hit can be found again for highlighting.

The query is expanded before it runs: stop words dropped, a word that is
not in the vocabulary replaced by its nearest spellings ("Shakaliyev"), and
synonyms from the knowledge files' [[synonym]] records added.

The documents live in the on-disk index (index_build.py writes them file by file);
with --no-cache, in an in-memory database built the same way. The FTS5 table
is contentless: a document's rowid is its fact's row, and the words it was
made from are read from the fact itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from sinokaz_cli import textnorm
from sinokaz_cli.index_format import DOCS_SCHEMA, INSERT_DOC
from sinokaz_cli.model import Alignment, Entity, Fact, KnowledgeBase, Source

# bm25() weights for (statement, names, tags, extra): the statement counts most.
WEIGHTS = (1.0, 0.7, 0.6, 0.3)
FUZZY_CUTOFF = 0.85  # how close a misspelling must be to be searched for instead
SUGGEST_CUTOFF = 0.7  # how close a word must be to be offered as "did you mean"


class Hit(NamedTuple):
    fact: Fact
    score: float  # higher is better
    matched: tuple[str, ...]  # words of the fact that matched, as written


class Result(NamedTuple):
    query: str
    hits: tuple[Hit, ...]
    corrections: dict[str, str]  # typed word -> word searched
    suggestions: tuple[str, ...] = ()  # did-you-mean, when nothing was found


class _Query:
    def __init__(self) -> None:
        self.terms: set[str] = set()
        self.phrases: set[tuple[str, ...]] = set()
        self.corrections: dict[str, str] = {}

    def expression(self) -> str:
        parts = [f'"{t}"' for t in sorted(self.terms)]
        parts += ['"' + " ".join(p) + '"' for p in sorted(self.phrases)]
        return " OR ".join(parts)

    def all_terms(self) -> set[str]:
        return self.terms | {t for p in self.phrases for t in p}


def themes_by_fact(alignments: Iterable[Alignment]) -> dict[str, list[str]]:
    """fact id -> the themes of the policy pairs it supports."""
    themes: dict[str, list[str]] = {}
    for a in alignments:
        for fid in a.facts:
            themes.setdefault(fid, []).append(a.theme)
    return themes


class _TermsOf(dict[str, str]):
    """Text -> textnorm.terms_text(text), worked out on first sight."""

    def __missing__(self, text: str) -> str:
        found = self[text] = textnorm.terms_text(text)
        return found


class Fields:
    """Builds each fact's four search fields, tokenising each entity and source once.

    It reads entities and sources through the mappings it is given, so the
    index builder can make a fact's document as soon as its file is read
    (see `ready`), before the other files' records are known.
    """

    def __init__(
        self,
        entities: Mapping[str, Entity],
        sources: Mapping[str, Source],
        themes: Mapping[str, Sequence[str]],
    ) -> None:
        self.entities, self.sources, self.themes = entities, sources, themes
        self._names: dict[str, tuple[str, str]] = {}
        self._sources: dict[str, str] = {}
        self._short = _TermsOf()  # tags, categories, dates, attributions: they repeat

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Fields:
        return cls(kb.entities_by_id, kb.sources_by_id, themes_by_fact(kb.alignments))

    def ready(self, f: Fact) -> bool:
        """Whether every entity and the source `f` names are known yet."""
        known = self.entities
        return (
            f.cited.source in self.sources
            and all(map(known.__contains__, f.entities))
            and (f.speaker is None or f.speaker in known)
        )

    def _entity(self, eid: str) -> tuple[str, str]:
        """(names, aliases and roles; description) of one entity, as stems."""
        found = self._names.get(eid)
        if found is None:
            e = self.entities.get(eid)
            if e is None:
                return ("", "")  # not cached: the builder may learn it later
            names = " ".join([e.name, *e.aliases, *(r.title for r in e.roles)])
            found = self._names[eid] = (
                textnorm.terms_text(names),
                textnorm.terms_text(e.description or ""),
            )
        return found

    def _source(self, sid: str) -> str:
        found = self._sources.get(sid)
        if found is None:
            src = self.sources.get(sid)
            if src is None:
                return ""
            found = self._sources[sid] = textnorm.terms_text(f"{src.title} {src.publisher}")
        return found

    def __call__(self, f: Fact) -> tuple[str, str, str, str]:
        """(statement, names, tags, extra): the docs table's columns."""
        # Runs once per fact when indexing. terms_text(" ".join(parts)) is " ".join
        # of each part's terms (a space always ends a word), so repeated parts are
        # worked out once; empty parts are left out, which leaves the words alone.
        terms, entity = self._short.__getitem__, self._entity  # a dict lookup from C when seen
        speaker = f.speaker
        names: list[str] = []
        extra = [self._source(f.cited.source)]
        for eid in dict.fromkeys(f.entities if speaker is None else (*f.entities, speaker)):
            name, description = entity(eid)
            names.append(name)
            extra.append(description)
        for fig in f.figures:
            if fig.about:
                extra.append(textnorm.terms_text(fig.about))
        if f.date is not None:
            extra.append(terms(f.date.text))
        if f.attribution:
            extra.append(terms(f.attribution))
        themes = self.themes.get(f.id)
        if themes:
            extra += map(terms, themes)
        tags = [*map(terms, f.tags), terms(f.category.value)]
        return (
            textnorm.terms_text(f.statement + " " + (f.quote or "")),
            " ".join(filter(None, names)),
            " ".join(filter(None, tags)),
            " ".join(filter(None, extra)),
        )


def documents(kb: KnowledgeBase) -> Iterator[tuple[int, str, str, str, str]]:
    """One row per fact for the docs table: (rowid, statement, names, tags, extra)."""
    fields = Fields.of(kb)
    return ((row, *fields(f)) for row, f in enumerate(kb.facts))


def spellings(kb: KnowledgeBase) -> dict[str, str]:
    """stem -> a written form of it, for "did you mean"."""
    out: dict[str, str] = {}
    texts: list[str] = []
    for f in kb.facts:
        texts.append(f.statement)
        texts.extend(f.tags)
    for e in kb.entities:
        texts.append(e.name)
        texts.extend(e.aliases)
    for text in texts:
        for tok in textnorm.tokens(text):
            word = textnorm.fold(tok.text)
            for term in tok.terms:
                out.setdefault(term, word)
    return out


class Index:
    """A search index over one knowledge base.

    Over the on-disk index (store.IndexedKB) it queries the tables written
    there; over an in-memory knowledge base it builds the same tables in an
    in-memory database first.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        conn = getattr(kb, "conn", None)
        self._persistent = conn is not None
        if conn is None:
            conn = sqlite3.connect(":memory:")
            conn.executescript(DOCS_SCHEMA)
            conn.executemany(INSERT_DOC, documents(kb))
        self.db: sqlite3.Connection = conn
        self._spelled: dict[str, str] | None = None
        self._synonyms = [[tuple(textnorm.terms(term)) for term in s.terms] for s in kb.synonyms]

    def known(self, term: str) -> bool:
        sql = "SELECT 1 FROM vocab WHERE term = ?"
        return self.db.execute(sql, (term,)).fetchone() is not None

    def vocabulary(self, near: str) -> set[str]:
        """The indexed stems of about `near`'s length: the candidates for a misspelling."""
        n = len(near)
        sql = "SELECT term FROM vocab WHERE length(term) BETWEEN ? AND ?"
        return {r[0] for r in self.db.execute(sql, (n - 2, n + 2))}

    def spell(self, term: str) -> str:
        """A written form of the stem `term`, as some fact or name has it."""
        if not self._persistent:
            if self._spelled is None:
                self._spelled = spellings(self.kb)
            return self._spelled.get(term, term)
        # On disk, find one fact that has the stem and read its words.
        sql = "SELECT rowid FROM docs WHERE docs MATCH ? LIMIT 1"
        row = self.db.execute(sql, (f'"{term}"',)).fetchone()
        if row is not None:
            f = self.kb.fact_at(row[0])
            texts = [f.statement, *f.tags]
            texts += [
                n
                for e in map(self.kb.entities_by_id.get, f.entities)
                if e
                for n in (e.name, *e.aliases)
            ]
            for text in texts:
                for tok in textnorm.tokens(text):
                    if term in tok.terms:
                        return textnorm.fold(tok.text)
        return term

    def _expand(self, query: str) -> _Query:
        q = _Query()
        words = textnorm.content_words(query)
        for tok in words:
            known = [t for t in tok.terms if self.known(t)]
            q.terms.update(tok.terms)
            if known or not any(len(t) >= 4 for t in tok.terms):
                continue
            import difflib

            for term in tok.terms:
                pool = self.vocabulary(term)
                close = difflib.get_close_matches(term, pool, n=2, cutoff=FUZZY_CUTOFF)
                if close:
                    q.terms.update(close)
                    q.corrections[tok.text] = self.spell(close[0])
                    break
        sequence = [t for tok in words for t in tok.terms]
        for group in self._synonyms:
            if any(_contains(sequence, synonym) for synonym in group if synonym):
                for synonym in group:
                    if len(synonym) == 1:
                        q.terms.add(synonym[0])
                    elif synonym:
                        q.phrases.add(synonym)
        return q

    def search(self, query: str, limit: int = 10) -> Result:
        q = self._expand(query)
        if not q.terms and not q.phrases:
            return Result(query, (), q.corrections)
        sql = (
            "SELECT rowid, bm25(docs, ?, ?, ?, ?) AS rank FROM docs WHERE docs MATCH ? "
            "ORDER BY rank, rowid LIMIT ?"
        )
        rows = self.db.execute(sql, (*WEIGHTS, q.expression(), limit)).fetchall()
        wanted = q.all_terms()
        facts = [self.kb.fact_at(row) for row, _ in rows]
        hits = tuple(
            Hit(f, -rank, _matched(f, wanted)) for f, (_, rank) in zip(facts, rows, strict=True)
        )
        suggestions: tuple[str, ...] = ()
        if not hits:
            suggestions = self.suggest(query)
        return Result(query, hits, q.corrections, suggestions)

    def suggest(self, query: str) -> tuple[str, ...]:
        import difflib

        out: list[str] = []
        for tok in textnorm.content_words(query):
            for term in tok.terms:
                pool = self.vocabulary(term)
                for near in difflib.get_close_matches(term, pool, n=1, cutoff=SUGGEST_CUTOFF):
                    word = self.spell(near)
                    if word not in out and word != textnorm.fold(tok.text):
                        out.append(word)
        return tuple(out)


def _contains(sequence: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return any(tuple(sequence[i : i + n]) == tuple(phrase) for i in range(len(sequence) - n + 1))


def _matched(f: Fact, wanted: Iterable[str]) -> tuple[str, ...]:
    """The statement's words that the query matched, in order, once each."""
    wanted = set(wanted)
    seen: dict[str, None] = {}
    for tok in textnorm.tokens(f.statement):
        if wanted.intersection(tok.terms) and textnorm.fold(tok.text) not in textnorm.STOPWORDS:
            seen.setdefault(tok.text, None)
    return tuple(seen)


def spans(text: str, wanted: Iterable[str]) -> list[tuple[int, int]]:
    """Character ranges of `text` whose words match any of `wanted` stems."""
    wanted = set(wanted)
    return [
        (t.start, t.end)
        for t in textnorm.tokens(text)
        if wanted.intersection(t.terms) and textnorm.fold(t.text) not in textnorm.STOPWORDS
    ]


def matched_terms(words: Iterable[str]) -> set[str]:
    """The stems of matched words, for highlighting them again in a renderer."""
    return {term for w in words for term in textnorm.terms(w)}
