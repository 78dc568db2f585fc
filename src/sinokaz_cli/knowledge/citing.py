"""How a citation is written where room is short: "¶4", "¶1–2, ¶9", and, in a
brief of several sources, "China Daily ¶4" (the Sources section says which
article; a publisher with several articles adds the month).

It lives with the knowledge, not the renderers, because the brief counts the
lines its citations take before anything is drawn (brief.Layout).
"""

from __future__ import annotations

from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Citation

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


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
        year, month = src.published.split("-")[:2]
        who += f", {_MONTHS[int(month) - 1]} {year}"
    return f"{who} {paragraphs(c)}"


def short_citations(citations: tuple[Citation, ...] | list[Citation], kb: KnowledgeBase) -> str:
    """Several citations, merged by source: 'China Daily ¶4, ¶9; Kazinform ¶2'."""
    merged: dict[str, set[int]] = {}
    for c in citations:
        merged.setdefault(c.source, set()).update(c.paragraphs)
    return "; ".join(short_citation(Citation(s, tuple(sorted(ps))), kb) for s, ps in merged.items())
