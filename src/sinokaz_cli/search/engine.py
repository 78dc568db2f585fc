"""Full-text search over facts: SQLite FTS5 with BM25 ranking.

Each fact is one document of four weighted fields (documents.py). Text is
folded and stemmed in Python (textnorm.py) before FTS5 sees it, so the index
and the query always agree, and the matched words of a hit can be found
again for highlighting.

The query is expanded before it runs: stop words dropped, synonym phrases
from the knowledge files' [[synonym]] records added, and a word that is not
in the vocabulary replaced by the word it is a slip for, only when it looks
misspelt (spelling.py): a real word no fact mentions is reported, never
rewritten. Each hit says which words matched and where.

The documents live in the on-disk index (index/build.py writes them file by file);
with --no-cache, in an in-memory database built the same way. The FTS5 table
is contentless: a document's rowid is its fact's row, and the words it was
made from are read from the fact itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import NamedTuple

from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Fact
from sinokaz_cli.search import textnorm
from sinokaz_cli.search.documents import Fields, documents
from sinokaz_cli.search.schema import DOCS_SCHEMA, INSERT_DOC

# bm25() weights for (statement, names, tags, extra): the statement counts most.
WEIGHTS = (1.0, 0.7, 0.6, 0.3)


class Word(NamedTuple):
    """A word the search looked for, and why: as typed, as a synonym of what was
    typed, or as the correction of a misspelt word."""

    word: str  # as searched, written as the knowledge base writes it (folded)
    typed: str  # what the person typed that led to it
    via: str | None  # None (as typed), "synonym" or "correction"
    # Its stems, as phrases of which a document must hold one: "cars" is
    # ("car",); "co-hosted" is ("cohost",) or ("co", "host"), as documents
    # index both; a phrase of the query that several synonyms stand for has one each.
    phrases: tuple[tuple[str, ...], ...]


class Match(NamedTuple):
    """A word of the search and the places in one fact where it was found."""

    word: Word
    places: tuple[str, ...]  # "statement", "entity name", "tag", "source", ...


class Hit(NamedTuple):
    fact: Fact
    score: float  # higher is better
    matched: tuple[str, ...]  # words of the statement that matched, as written
    matches: tuple[Match, ...] = ()  # every word that matched, and where


class Result(NamedTuple):
    query: str
    hits: tuple[Hit, ...]
    corrections: dict[str, str]  # typed word -> word searched instead
    suggestions: tuple[str, ...] = ()  # did-you-mean, when nothing was found
    unknown: tuple[str, ...] = ()  # typed words no fact mentions, searched for in vain


# Slips are counted between written words ("Beijng", "beijing"), but candidates are
# found among stems, which can be shorter than their words by a few letters ("beij"):
# a shorter stem may be this many edits further off and still be weighed.
STEM_SLACK = 2


class _Query:
    def __init__(self) -> None:
        self.words: list[Word] = []
        self.corrections: dict[str, str] = {}
        self.unknown: list[str] = []

    def add(self, word: Word) -> None:
        if word.phrases and all(w.phrases != word.phrases for w in self.words):
            self.words.append(word)

    def expression(self) -> str:
        """FTS5: any phrase of any word."""
        phrases = {'"' + " ".join(p) + '"' for w in self.words for p in w.phrases}
        return " OR ".join(sorted(phrases))

    def all_terms(self) -> set[str]:
        return {t for w in self.words for p in w.phrases for t in p}


class Index:
    """A search index over one knowledge base.

    Over the on-disk index (index.indexed.IndexedKB) it queries the tables written
    there; over an in-memory knowledge base it builds the same tables in an
    in-memory database first.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        conn = getattr(kb, "conn", None)
        if conn is None:
            conn = sqlite3.connect(":memory:")
            conn.executescript(DOCS_SCHEMA)
            conn.executemany(INSERT_DOC, documents(kb))
        self.db: sqlite3.Connection = conn
        self._synonyms = [
            [(term, tuple(textnorm.terms(term))) for term in s.terms] for s in kb.synonyms
        ]

    @cached_property
    def fields(self) -> Fields:
        """How documents are made: read only to explain a hit or spell a word."""
        return Fields.of(self.kb)

    def known(self, term: str) -> bool:
        sql = "SELECT 1 FROM vocab WHERE term = ?"
        return self.db.execute(sql, (term,)).fetchone() is not None

    def near(self, stem: str, limit: int) -> list[str]:
        """Indexed stems that start as `stem` does and are within `limit` edits of it;
        a stem shorter than `stem` by k letters may be min(k, STEM_SLACK) edits further."""
        from sinokaz_cli.search.spelling import distance

        n = len(stem)
        sql = "SELECT term FROM vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?"
        first = stem[:1]
        upper = chr(ord(first) + 1) if first else "\uffff"
        rows = self.db.execute(sql, (first, upper, n - limit - STEM_SLACK, n + limit))
        out = []
        for (t,) in rows:
            allowed = limit + min(STEM_SLACK, max(0, n - len(t)))
            if distance(stem, t, allowed) <= allowed:
                out.append(t)
        return out

    def written_near(self, tok: textnorm.Token, limit: int) -> list[str]:
        """How the knowledge writes the stems near the typed word's (folded)."""
        return sorted({w for s in tok.terms for n in self.near(s, limit) if (w := self.spell(n))})

    def spell(self, term: str) -> str | None:
        """A written form of the stem `term` (folded), as some text a fact's document
        is made of has it (documents.Fields.parts); None when only a stem is known."""
        # The first fact that has the stem (docs rowids are fact rows, on disk and
        # in memory alike), in the order its document is made.
        sql = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid LIMIT 1"
        row = self.db.execute(sql, (f'"{term}"',)).fetchone()
        if row is not None:
            for stem, word in self.fields.spelled(self.kb.fact_at(row[0])):
                if stem == term:
                    return word
        return None

    def _searchable(self, terms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """The phrases a typed word is searched as: its stem; for a hyphenated word,
        the joined form ("cohost") and its parts ("co host"), as documents index
        both; only those the knowledge base holds."""
        joined, parts = terms[0], terms[1:]
        out: list[tuple[str, ...]] = [(joined,)] if self.known(joined) else []
        if parts and all(map(self.known, parts)):
            out.append(parts)
        return tuple(out)

    def _correct(self, tok: textnorm.Token) -> str | None:
        """The word of the knowledge base that the typed word is a slip for, if it
        looks misspelt, one such word is nearest, and the slip is one of typing
        (spelling.py)."""
        from sinokaz_cli.search import spelling

        if not spelling.looks_misspelt(tok.text):
            return None
        limit = spelling.slips(len(textnorm.fold(tok.text)))
        return spelling.rewrite(tok.text, self.written_near(tok, limit))

    def _expand(self, query: str) -> _Query:
        """The words to look for: synonym phrases the query holds first, then each
        word as typed when the knowledge base has it, else its correction when it
        looks misspelt; else it is a word no fact mentions."""
        q = _Query()
        words = textnorm.content_words(query)
        sequence = [t for tok in words for t in tok.terms]
        covered: set[str] = set()  # stems a synonym phrase of the query stands for
        for group in self._synonyms:
            found = [(text, s) for text, s in group if s and _contains(sequence, s)]
            if not found:
                continue
            stems_found = {t for _, s in found for t in s}
            covered.update(stems_found)
            typed = " ".join(tok.text for tok in words if stems_found.intersection(tok.terms))
            # What was typed is one word, found as any of the synonyms it holds;
            # the group's others are each a synonym of it.
            held = tuple(s for _, s in found if all(map(self.known, s)))
            q.add(Word(textnorm.fold(typed), typed, None, held))
            for text, stems in group:
                if (text, stems) not in found and all(map(self.known, stems)):
                    q.add(Word(textnorm.fold(text), typed, "synonym", (stems,)))
        for tok in words:
            if covered.intersection(tok.terms):  # a synonym phrase of the query holds it
                continue
            phrases = self._searchable(tok.terms)
            if phrases:
                q.add(Word(textnorm.fold(tok.text), tok.text, None, phrases))
                continue
            fixed = self._correct(tok)
            if fixed is None:
                if textnorm.fold(tok.text) not in textnorm.STOPWORDS:  # no content to miss
                    q.unknown.append(tok.text)
                continue
            q.corrections[tok.text] = fixed
            q.add(Word(fixed, tok.text, "correction", (tuple(textnorm.terms(fixed))[:1],)))
        return q

    def search(self, query: str, limit: int = 10) -> Result:
        q = self._expand(query)
        unknown = tuple(q.unknown)
        if not q.words:
            return Result(query, (), q.corrections, self.suggest(q), unknown)
        sql = (
            "SELECT rowid, bm25(docs, ?, ?, ?, ?) AS rank FROM docs WHERE docs MATCH ? "
            "ORDER BY rank, rowid LIMIT ?"
        )
        rows = self.db.execute(sql, (*WEIGHTS, q.expression(), limit)).fetchall()
        wanted = q.all_terms()
        hits = []
        for row, rank in rows:
            f = self.kb.fact_at(row)
            hits.append(Hit(f, -rank, _matched(f, wanted), self._matches(f, q.words)))
        return Result(query, tuple(hits), q.corrections, (), unknown)

    def _matches(self, f: Fact, words: Sequence[Word]) -> tuple[Match, ...]:
        """Each searched word found in `f`, with the places it was found."""
        places = self.fields.places(f)
        out = []
        for w in words:
            found = tuple(p for p, stems in places if any(map(stems.issuperset, w.phrases)))
            if found:
                out.append(Match(w, found))
        return tuple(out)

    def suggest(self, q: _Query) -> tuple[str, ...]:
        """Did-you-mean for a search that found nothing: for each word no fact
        mentions that is not English, the nearest word of the knowledge base, one
        slip further than a correction may go, for a person to choose."""
        from sinokaz_cli.search import spelling

        out: list[str] = []
        for typed in q.unknown:
            tok = textnorm.tokens(typed)[0]
            word = textnorm.fold(typed)
            if len(word) < spelling.MIN_LENGTH - 1 or spelling.is_english(word):
                continue  # a real word no fact mentions: nothing else to offer
            limit = spelling.slips(len(word)) + 1  # a person chooses: one slip more
            near = spelling.correction(typed, self.written_near(tok, limit), limit)
            if near is not None and near not in out:
                out.append(near)
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
