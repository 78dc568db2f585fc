"""Full-text search over facts: SQLite FTS5 with BM25 ranking.

Each fact is one document of four weighted fields (documents.py). Text is
folded and stemmed in Python (textnorm.py) before FTS5 sees it, so the index
and the query always agree, and the matched words of a hit can be found
again for highlighting.

The query is expanded before it runs: stop words dropped, a word that is
not in the vocabulary replaced by its nearest spellings ("Shakaliyev"), and
synonyms from the knowledge files' [[synonym]] records added.

The documents live in the on-disk index (index/build.py writes them file by file);
with --no-cache, in an in-memory database built the same way. The FTS5 table
is contentless: a document's rowid is its fact's row, and the words it was
made from are read from the fact itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Fact
from sinokaz_cli.search import textnorm
from sinokaz_cli.search.documents import documents, spellings
from sinokaz_cli.search.schema import DOCS_SCHEMA, INSERT_DOC

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


class Index:
    """A search index over one knowledge base.

    Over the on-disk index (index.indexed.IndexedKB) it queries the tables written
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
