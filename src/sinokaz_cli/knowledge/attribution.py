"""On whose word a fact stands, as people read it: "Madina Nurgaliyeva, to China
Daily", "data: Trade Policy Development Center", "China Daily"."""

from __future__ import annotations

from typing import NamedTuple

from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Fact, Voice


class SaidBy(NamedTuple):
    """On whose word a fact stands, as people read it and as JSON gives it."""

    how: Voice
    id: str | None  # the speaker's entity id, if named
    name: str  # the speaker's name, the attribution, or the publisher
    to: str | None
    to_name: str | None

    @property
    def text(self) -> str:
        """'Madina Nurgaliyeva, to China Daily', 'data: Trade Policy Development
        Center', 'China Daily'."""
        if self.how is Voice.DATA:
            return f"data: {self.name}"
        return self.name + (f", to {self.to_name}" if self.to_name else "")


def said_by(f: Fact, kb: KnowledgeBase) -> SaidBy:
    by_id = kb.entities_by_id
    speaker = by_id.get(f.speaker) if f.speaker else None
    if speaker is not None:
        name = speaker.name
    elif f.speaker or f.attribution:
        name = f.speaker or f.attribution or ""
    else:
        src = kb.sources_by_id.get(f.cited.source)
        name = src.publisher if src is not None else f.cited.source
    if f.how is Voice.PUBLICATION and f.attribution:
        name = f.attribution  # "China Daily (headline and standfirst)"
    told = by_id.get(f.to) if f.to else None
    return SaidBy(f.how, f.speaker, name, f.to, told.name if told else f.to)


def attributed(f: Fact, kb: KnowledgeBase) -> str | None:
    """The line a table shows under an attributed statement: '— Madina
    Nurgaliyeva, to China Daily'; None for the publication's own words."""
    if f.how is Voice.PUBLICATION:
        return None
    return "— " + said_by(f, kb).text
