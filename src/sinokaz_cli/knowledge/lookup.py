"""Finding records by what people type: an id in any case, an entity by its name
or an alias, a tag singular or plural.

Pure functions over the knowledge base's own questions (ids, entities, tags),
which the index and the in-memory base answer alike. An exact id costs one
lookup; only a miss reads every id (as the did-you-mean does anyway).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sinokaz_cli.errors import NotFoundError
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Entity, Fact
from sinokaz_cli.suggest import did_you_mean

# Entities an ambiguous name lists, before counting the rest.
CANDIDATES_SHOWN = 8

# What an id looks like (as against a name): a miss is then told apart by ids.
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def fact(kb: KnowledgeBase, typed: str) -> Fact:
    """The fact with id `typed`, in any case (`CIIE-CONTRACTS-TOTAL`)."""
    found = kb.facts_by_id.get(typed)
    if found is not None:
        return found
    ids = list(kb.facts_by_id)
    same = [i for i in ids if i.casefold() == typed.casefold()]
    if len(same) == 1:
        return kb.facts_by_id[same[0]]
    raise NotFoundError(_unknown("fact with id", typed, ids))


def entity(kb: KnowledgeBase, typed: str) -> Entity:
    """The entity `typed` names: its id in any case, else its name or an alias, else
    the one whose name or alias has every word typed. A name several entities
    answer to raises NotFoundError listing them."""
    found = kb.entities_by_id.get(typed)
    if found is not None:
        return found
    everyone = list(kb.entities)
    key = fold(typed)
    for matches in (
        [e for e in everyone if e.id.casefold() == typed.casefold()],
        [e for e in everyone if key in map(fold, (e.name, *e.aliases))],
        [e for e in everyone if key and _has_words(key, (e.name, *e.aliases))],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NotFoundError(_ambiguous(typed, matches))
    if _ID.fullmatch(typed):
        raise NotFoundError(_unknown("entity with id", typed, [e.id for e in everyone]))
    names = [n for e in everyone for n in (e.name, *e.aliases)]
    raise NotFoundError(_unknown("entity named", typed, names))


def entity_ids(kb: KnowledgeBase, typed: Iterable[str]) -> list[str]:
    """The ids of the entities each of `typed` names (see `entity`)."""
    return [entity(kb, t).id for t in typed]


def tags(kb: KnowledgeBase, typed: Iterable[str]) -> list[str]:
    """The tags each of `typed` names: itself, in any case, singular or plural
    (`car` finds `cars`, `company` finds `companies`). NotFoundError for the
    first that names none."""
    known = sorted(kb.tag_set())
    out: list[str] = []
    for word in typed:
        forms = number_forms(word)
        found = [t for t in known if t.casefold() in forms]
        if not found:
            raise NotFoundError(_unknown("tag", word, known))
        out.extend(t for t in found if t not in out)
    return out


def number_forms(word: str) -> set[str]:
    """`word` (case folded) in the singular and plural forms English spells most
    often: car/cars, tax/taxes, company/companies."""
    w = word.casefold()
    forms = {w, w + "s", w + "es"}
    if w.endswith("y") and len(w) > 2:
        forms.add(w[:-1] + "ies")
    if w.endswith("ies") and len(w) > 4:
        forms.add(w[:-3] + "y")
    if w.endswith("es") and len(w) > 3:
        forms.add(w[:-2])
    if w.endswith("s") and len(w) > 2:
        forms.add(w[:-1])
    return forms


def fold(text: str) -> str:
    """Text as a name is compared: case, accents, apostrophes and other punctuation
    set aside ("Xi'an–Almaty" and "xian almaty" compare equal)."""
    import unicodedata

    bare = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    bare = bare.replace("'", "").replace("\u2019", "")
    return " ".join("".join(c if c.isalnum() else " " for c in bare).split())


def _has_words(key: str, names: Sequence[str]) -> bool:
    wanted = key.split()
    return any(all(w in fold(n).split() for w in wanted) for n in names)


def _ambiguous(typed: str, matches: list[Entity]) -> str:
    shown = ", ".join(f"{e.id} ({e.name})" for e in matches[:CANDIDATES_SHOWN])
    more = len(matches) - CANDIDATES_SHOWN
    if more > 0:
        shown += f" and {more:,} more"
    return f"{typed!r} could be any of {len(matches):,} entities: {shown}; give its id"


def _unknown(what: str, typed: str, known: Iterable[str]) -> str:
    hint = did_you_mean(typed, known)
    return f"no {what} {typed!r}" + (f"; {hint}" if hint else "")
