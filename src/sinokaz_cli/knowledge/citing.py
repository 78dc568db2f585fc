"""How a citation is written where room is short: "¶4", "¶1–2, ¶9", and, in a
brief of several sources, "China Daily ¶4" (the Sources section says which
article; a publisher with several articles adds the month).

It lives with the knowledge, not the renderers, because the brief counts the
lines its citations take before anything is drawn (brief.Layout).
"""

from __future__ import annotations

from collections.abc import Iterable

from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Citation

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def month(iso: str) -> str:
    """'Nov 2025' of '2025-11-04' or '2025-11'; '2025' of a year alone."""
    parts = iso.split("-")
    return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}" if len(parts) > 1 else parts[0]


def point(iso: str) -> str:
    """A date as written: '4 Nov 2025', 'Nov 2025' or '2025'."""
    parts = iso.split("-")
    return f"{int(parts[2])} {month(iso)}" if len(parts) == 3 else month(iso)


def paragraphs(c: Citation) -> str:
    """'¶4', '¶1–2' or '¶7, ¶13': runs of consecutive paragraphs joined."""
    runs: list[list[int]] = []
    for p in sorted(set(c.paragraphs)):
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return ", ".join(f"¶{r[0]}" if len(r) == 1 else f"¶{r[0]}–{r[-1]}" for r in runs)


def short_citation(c: Citation, kb: KnowledgeBase) -> str:
    """'China Daily ¶4'; 'China Daily, Nov 2025 ¶4' when the publisher has several
    articles in the knowledge."""
    src = kb.sources_by_id.get(c.source)
    if src is None:
        return f"{c.source} {paragraphs(c)}"
    who = src.publisher
    if src.publisher in kb.shared_publishers:
        who += f", {month(src.published)}"
    return f"{who} {paragraphs(c)}"


def by_source(citations: Iterable[Citation]) -> list[Citation]:
    """One citation a source, of all its paragraphs cited, sources in order of first use."""
    merged: dict[str, set[int]] = {}
    for c in citations:
        merged.setdefault(c.source, set()).update(c.paragraphs)
    return [Citation(s, tuple(sorted(ps))) for s, ps in merged.items()]


def short_citations(citations: Iterable[Citation], kb: KnowledgeBase) -> str:
    """Several citations, merged by source: 'China Daily ¶4, ¶9; Kazinform ¶2'."""
    return "; ".join(short_citation(c, kb) for c in by_source(citations))
