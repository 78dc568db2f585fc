"""Each fact as a search document: four weighted fields of folded, stemmed
words (textnorm.py), made the same way for the on-disk index (index/build.py
writes them file by file) and for the in-memory one a --no-cache run builds.

The fields: the statement (and quotation); the names, aliases and roles of
the entities it involves; its tags and category; and the rest (source title,
what its entities are, figure labels, the themes of the policy pairs it
supports).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Alignment, Entity, Fact, Source
from sinokaz_cli.search import textnorm


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


class _OfEntity(dict[str, str]):
    """Entity id -> the terms of its names, aliases and roles (or, with
    `described`, of its description), worked out on first sight of an entity
    the mapping knows; an id it does not know yet gives "" and is not kept (the
    index builder may learn it later)."""

    def __init__(self, entities: Mapping[str, Entity], described: bool) -> None:
        super().__init__()
        self.entities, self.described = entities, described

    def __missing__(self, eid: str) -> str:
        e = self.entities.get(eid)
        if e is None:
            return ""
        text = (e.description or "") if self.described else " ".join(_names(e))
        found = self[eid] = textnorm.terms_text(text)
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
        self._names = _OfEntity(entities, described=False)
        self._descriptions = _OfEntity(entities, described=True)
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
        # Runs once per fact when indexing: each part is a dict lookup made from C
        # (map over a bound __getitem__) once seen. terms_text(" ".join(parts)) is
        # " ".join of each part's terms (a space always ends a word), so repeated
        # parts are worked out once; empty parts are left out, which leaves the
        # words alone.
        terms = self._short.__getitem__
        speaker = f.speaker
        involved = dict.fromkeys(f.entities if speaker is None else (*f.entities, speaker))
        extra = [self._source(f.cited.source), *map(self._descriptions.__getitem__, involved)]
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
        quote = f.quote
        return (
            textnorm.terms_text(f.statement if quote is None else f"{f.statement} {quote}"),
            " ".join(filter(None, map(self._names.__getitem__, involved))),
            " ".join(filter(None, map(terms, (*f.tags, f.category)))),
            " ".join(filter(None, extra)),
        )

    def parts(self, f: Fact) -> list[tuple[str, list[str]]]:
        """The texts `f`'s document is made of, part by part and named, the statement
        first: for saying where a search's words were found, and how they are
        written (a handful of facts, never the whole knowledge base)."""
        entities = [e for e in map(self.entities.get, dict.fromkeys(involved(f))) if e is not None]
        src = self.sources.get(f.cited.source)
        parts = [
            ("statement", [f.statement]),
            ("quote", [f.quote] if f.quote else []),
            ("entity name", [n for e in entities for n in _names(e)]),
            ("tag", list(f.tags)),
            ("category", [f.category]),
            ("source", [src.title, src.publisher] if src else []),
            ("entity description", [e.description for e in entities if e.description]),
            ("figure", [g.about for g in f.figures if g.about]),
            ("date", [f.date.text] if f.date else []),
            ("attribution", [f.attribution] if f.attribution else []),
            ("policy theme", list(self.themes.get(f.id, ()))),
        ]
        return [(label, texts) for label, texts in parts if texts]

    def places(self, f: Fact) -> list[tuple[str, frozenset[str]]]:
        """Where in `f`'s document each stem comes from, part by part."""
        found = [(label, frozenset(textnorm.terms(" ".join(ts)))) for label, ts in self.parts(f)]
        return [(label, stems) for label, stems in found if stems]

    def spelled(self, f: Fact) -> Iterator[tuple[str, str]]:
        """(stem, how it is written) for each word of `f`'s document, in its order."""
        for _, texts in self.parts(f):
            for text in texts:
                for tok in textnorm.tokens(text):
                    yield from textnorm.written(tok.text)


def involved(f: Fact) -> tuple[str, ...]:
    """The ids of the entities a fact involves, its speaker among them."""
    return f.entities if f.speaker is None else (*f.entities, f.speaker)


def _names(e: Entity) -> list[str]:
    """What a fact's entity is called: its name, aliases and roles."""
    return [e.name, *e.aliases, *(r.title for r in e.roles)]


def documents(kb: KnowledgeBase) -> Iterator[tuple[int, str, str, str, str]]:
    """One row per fact for the docs table: (rowid, statement, names, tags, extra)."""
    fields = Fields.of(kb)
    return ((row, *fields(f)) for row, f in enumerate(kb.facts))
