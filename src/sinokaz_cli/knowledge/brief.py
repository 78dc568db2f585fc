"""A briefing built from whatever the knowledge base holds: one screen, news first.

Nothing here knows about any one article. What leads is chosen by the rules in
ranking.py (headline figures: money, shares and rates, counts; key points:
news before anecdote, an editor's `key` or `weight` first). How much is shown
is chosen so that a terminal of 80 columns draws it in one screen: 40 lines
for one source, 50 for several. Topics each get a point first, then more, the
largest topic first, while they fit; whatever is left out is counted, with
the command that shows it. The selection does not depend on the output
format: Markdown and JSON carry the same points. `full` shows everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from sinokaz_cli.knowledge import query
from sinokaz_cli.knowledge.attribution import attributed
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.citing import point, short_citations
from sinokaz_cli.knowledge.records import Category, Citation, Fact, Figure

SCREEN = {False: 40, True: 50}  # lines at 80 columns: one source, several
MAX_FIGURES = 4
MAX_EVENTS = 1  # event cards
MAX_PAIRS = 2
MAX_SOURCES = 3
CARD_FIGURES = 3  # figures an event's card names
CANDIDATES = 6  # points weighed per topic


class TopicBrief(NamedTuple):
    category: str
    title: str
    total: int  # facts in the topic
    points: tuple[Fact, ...]
    command: str  # what shows all of them
    figures: int = 0  # facts of the topic shown as a figure: in the headline list or on a card

    @property
    def shown(self) -> int:
        """Facts of the topic the brief shows: as points or as figures."""
        return len(self.points) + self.figures

    @property
    def more(self) -> int:
        """Facts of the topic the brief leaves out."""
        return self.total - self.shown


class Brief(NamedTuple):
    facts: int  # in the topics covered
    figures: tuple[query.HeadlineFigure, ...]
    figures_total: int  # facts of those topics with a figure that could lead
    topics: tuple[TopicBrief, ...]
    events: tuple[query.EventSummary, ...]
    events_total: int
    pairs: tuple[query.Pair, ...]
    pairs_total: int
    sources: tuple[query.Coverage, ...]
    sources_total: int
    full: bool = False


def more_cited(n: int) -> str:
    """What follows a card's citations when it cites fewer sources than it has."""
    return f"; and {_counted(n, 'more source')}" if n else ""


def command_for(category: str) -> str:
    """The command that lists a topic's facts."""
    if category in {c.value for c in Category}:
        return f"sinokaz {category}"
    return f"sinokaz facts --category {category}"


def build(kb: KnowledgeBase, categories: Sequence[str] = (), full: bool = False) -> Brief:
    wanted = list(categories) or [t.id for t in kb.topics]
    topics = [t for t in kb.topics if t.id in wanted and kb.count(t.id)]
    ids = [t.id for t in topics]
    dialogue = Category.DIALOGUE.value in ids
    policy = Category.POLICY.value in ids
    many = 1_000_000 if full else None

    events = query.events(kb, limit=many or MAX_EVENTS) if dialogue else []
    if not full:  # a card names a few figures and counts the rest
        events = [ev._replace(figures=ev.figures[:CARD_FIGURES]) for ev in events]
    carded = {ev.event.id for ev in events}
    on_cards = {h.fact.id for ev in events for h in ev.figures}
    if many:
        leads = kb.headline(ids, many, on_cards)
    else:  # a few more to choose from, so that another article's best figure can lead too
        leads = _across_sources(kb.headline(ids, 3 * MAX_FIGURES, on_cards), MAX_FIGURES)
    figures = [query.HeadlineFigure(fig, f) for f, fig in leads]
    pairs = query.pairs(kb, many or MAX_PAIRS) if policy else []
    counts = kb.citations(None, ids)
    ranked = sorted(counts, key=lambda sid: -counts[sid][0])
    sources = query.coverage(kb, ranked[: many or MAX_SOURCES], ids)

    # On one screen, only what nothing else shows: a fact behind a card's figure is
    # there already, and a card stands for its event's other facts (counted as not
    # shown). A fact behind a headline figure is left out below, as the figures shown
    # may become fewer to make room. In full, every fact is a point, with its
    # statement and all its figures, whatever else shows it.
    avoid = set() if full else on_cards
    pool = {
        t.id: [
            f
            for f in kb.points(
                t.id, avoid, set() if full else carded, many or CANDIDATES + len(figures)
            )
            if f.id not in avoid and (full or not carded.intersection(f.entities))
        ]
        for t in topics
    }

    def candidates_beside(figures: Sequence[query.HeadlineFigure]) -> dict[str, list[Fact]]:
        led = {h.fact.id for h in figures}
        return {c: [f for f in pool[c] if f.id not in led][:CANDIDATES] for c in pool}

    chosen = pool
    if not full:
        layout = Layout(kb, len(counts) > 1)
        # As render/brief_view.tally words them, at their longest.
        headings = [
            f"{t.title} — {kb.count(t.id):,} facts, {kb.count(t.id):,} not shown · "
            f"{command_for(t.id)}"
            for t in topics
        ]
        while True:  # before a topic goes bare: fewer figures, pairs, sources
            candidates = candidates_beside(figures)
            more = (len(counts) > len(sources), policy and len(kb.alignments) > len(pairs))
            used = layout.fixed(figures, events, pairs, sources, headings, *more)
            chosen = _fill(candidates, layout, SCREEN[len(counts) > 1] - used, kb)
            if not any(candidates[c] and not chosen[c] for c in candidates):
                break
            if len(figures) > 2:
                figures = _fewer(figures)
            elif len(pairs) > 1:
                pairs = pairs[:1]
            elif len(sources) > 1:
                sources = sources[:1]
            elif len(figures) > 1:
                figures = _fewer(figures)
            else:
                break
    return Brief(
        facts=sum(kb.count(t.id) for t in topics),
        figures=tuple(figures),
        # The figures on an event's card are shown there.
        figures_total=kb.headline_count(ids) - len(_leading(events, kb)),
        topics=tuple(
            TopicBrief(
                t.id,
                t.title,
                kb.count(t.id),
                tuple(chosen[t.id]),
                command_for(t.id),
                0 if full else sum(1 for c in _figure_facts(figures, events).values() if c == t.id),
            )
            for t in topics
        ),
        events=tuple(events),
        events_total=kb.events_total(Category.DIALOGUE.value) if dialogue else 0,
        pairs=tuple(pairs),
        pairs_total=len(kb.alignments) if policy else 0,
        sources=tuple(sources),
        sources_total=len(counts),
        full=full,
    )


def _figure_facts(
    figures: Sequence[query.HeadlineFigure], events: Sequence[query.EventSummary]
) -> dict[str, str]:
    """Fact id -> category of the facts the brief shows as a figure, in the headline
    list or on an event's card."""
    found = {h.fact.id: h.fact.category for h in figures}
    found.update((h.fact.id, h.fact.category) for ev in events for h in ev.figures)
    return found


def _across_sources(ranked: list[tuple[Fact, Figure]], limit: int) -> list[tuple[Fact, Figure]]:
    """`limit` of the ranked figures, in their order: the best of each source first
    (the best ranked source first), then the next best whatever their source."""
    firsts: dict[str, int] = {}
    for i, (f, _) in enumerate(ranked):
        firsts.setdefault(f.cited.source, i)
    best = set(sorted(firsts.values())[:limit])
    rest = [i for i in range(len(ranked)) if i not in best][: limit - len(best)]
    return [ranked[i] for i in sorted(best.union(rest))]


def _fewer(figures: list[query.HeadlineFigure]) -> list[query.HeadlineFigure]:
    """One headline figure less: of the kind shown most, so that money does not keep
    every slot; of those, one from the source shown most, so that a second article
    keeps its figure; then counts before money, the later first."""
    from collections import Counter

    from sinokaz_cli.knowledge.ranking import figure_class

    kinds = [figure_class(h.figure, h.fact.key) for h in figures]
    sources = [h.fact.cited.source for h in figures]
    kind_tally, source_tally = Counter(kinds), Counter(sources)
    drop = max(
        range(len(figures)),
        key=lambda i: (
            kind_tally[kinds[i]],
            source_tally[sources[i]],
            kinds[i] if kinds[i] is not None else -1,
            i,
        ),
    )
    return figures[:drop] + figures[drop + 1 :]


def _leading(events: Sequence[query.EventSummary], kb: KnowledgeBase) -> set[str]:
    """Ids of the facts on event cards that have a figure that could lead a brief."""
    from sinokaz_cli.knowledge.ranking import headline_figure

    return {h.fact.id for ev in events for h in ev.figures if headline_figure(h.fact, kb.entity_of)}


def _fill(
    candidates: dict[str, list[Fact]],
    layout: Layout,
    room: int,
    kb: KnowledgeBase,
) -> dict[str, list[Fact]]:
    """Points for each topic while they fit in `room` lines: one each first, then
    one more for each in turn, the topic with the most facts first."""
    chosen: dict[str, list[Fact]] = {cid: [] for cid in candidates}
    order = sorted(candidates, key=lambda cid: -kb.count(cid))
    for _ in range(CANDIDATES):
        added = False
        for cid in order:
            todo = candidates[cid][len(chosen[cid]) :]
            if not todo:
                continue
            need = layout.point(todo[0])
            if need <= room:
                chosen[cid].append(todo[0])
                room -= need
                added = True
        if not added:
            break
    return chosen


class Layout:
    """How the brief is laid out on a terminal of 80 columns, and how many lines each
    part takes there. render/brief_view.py draws with these very widths, so that
    this count, made without Rich (which a JSON brief never loads), is the count
    of lines drawn; tests hold the two together."""

    WIDTH = 80
    FIGURE = 24  # the figure column: "more than 100 companies"
    LABEL = 10  # an event card's labels: "  Cohosts:"
    CITE_ONE = 7  # "¶10–11", where every point cites the one source
    CITE_MANY = 20  # "Kazinform ¶15" (citing.short_citation); longer ones fold

    def __init__(self, kb: KnowledgeBase, several_sources: bool) -> None:
        self.kb = kb
        self.several = several_sources
        self.cite = self.CITE_MANY if several_sources else self.CITE_ONE

    @staticmethod
    @cache  # the brief counts the same parts again as it makes room
    def lines(text: str, width: int) -> int:
        """Lines `text` takes in a column `width` wide, wrapped at spaces (as Rich
        wraps: never at a hyphen), a word wider than the column folded."""
        import textwrap

        found = textwrap.wrap(text, max(4, width), break_on_hyphens=False)
        return max(1, len(found))

    def cited(self, *citations: Citation) -> int:
        """Lines the citation column takes for these citations."""
        if not self.several:
            return 1
        return self.lines(short_citations(citations, self.kb), self.cite)

    def figure(self, fig: Figure) -> str:
        """About as long as the figure reads ("almost 10 billion cubic metres a year"):
        its qualifier, its number in full, its unit's plural, its rate."""
        unit = self.kb.units_by_id.get(fig.unit)
        words = [
            fig.qualifier.value.replace("_", " ") if fig.qualifier.value != "exact" else "",
            "up" if fig.change else "",
            f"{fig.value:,}".rstrip("0").rstrip(".") if fig.value >= 1e6 else f"{fig.value:,}",
            unit.plural if unit else fig.unit,
            f"a {fig.per.value}" if fig.per else "",
        ]
        return " ".join(w for w in words if w)

    def said(self, text: str, f: Fact) -> str:
        who = attributed(f, self.kb)
        return f"{text} {who}" if who else text

    def point(self, f: Fact) -> int:
        width = self.WIDTH - 1 - self.cite - 2
        return max(self.lines(self.said(f.statement, f), width), self.cited(f.cited))

    def fixed(
        self,
        figures: Sequence[query.HeadlineFigure],
        events: Sequence[query.EventSummary],
        pairs: Sequence[query.Pair],
        sources: Sequence[query.Coverage],
        topics: Sequence[str],
        more_sources: bool,
        more_pairs: bool,
    ) -> int:
        """Lines of everything but the topics' points: the title and its line, the
        figures, the event cards, the pairs, the sources, and a heading a section."""
        lines = 2 + sum(self.lines(h, self.WIDTH) for h in topics)
        if figures:
            about = self.WIDTH - self.FIGURE - self.cite - 4
            lines += 1 + sum(
                max(
                    self.lines(self.said(h.figure.about or h.fact.statement, h.fact), about),
                    self.lines(self.figure(h.figure), self.FIGURE),
                    self.cited(h.fact.cited),
                )
                for h in figures
            )
        value = self.WIDTH - self.LABEL - self.cite - 4
        for ev in events:
            lines += self.lines(ev.event.name + " — 00 Mmm 0000, inferred, Placename", self.WIDTH)
            rows = [
                "; ".join(h.name for h in ev.hosts),
                f"“{ev.event.theme}”" if ev.event.theme else "",
                "; ".join("more than 100 things" for _ in ev.figures),
            ]
            cites = 1
            if self.several:
                shown = short_citations(ev.cited, self.kb) + more_cited(ev.more_sources)
                cites = self.lines(shown, self.cite)
            lines += sum(max(self.lines(r, value), cites) for r in rows if r)
        width = self.WIDTH - 1 - self.cite - 2
        lines += (
            sum(
                max(
                    self.lines(f"{p.china.name} ↔ {p.kazakhstan.name}: {p.alignment.theme}", width),
                    self.cited(*(f.cited for f in p.facts)),
                )
                for p in pairs
            )
            + more_pairs
        )
        lines += 1 + sum(self.lines(source_line(c), self.WIDTH) for c in sources)
        return lines + more_sources


def _counted(n: int, noun: str) -> str:
    # messages.counted's wording: knowledge/ imports nothing that prints
    # (tests/test_layout.py), so the brief's own lines count with this.
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def source_line(c: query.Coverage) -> str:
    """A source's line under Sources, as the brief draws and counts it."""
    s = c.source
    counts = f"{_counted(c.facts, 'fact')}, {len(c.cited)}/{s.paragraphs} paragraphs cited"
    return f"{s.publisher}, {point(s.published)}: “{s.title}” — {counts}"
