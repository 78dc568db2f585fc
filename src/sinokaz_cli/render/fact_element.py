"""A fact as one element of the pretty-printed JSON array, written directly.

`trade --json` at a hundred thousand facts prints tens of thousands of them.
Building each one's dict (records.fact_json) and walking it (jsonout) cost
more than reading them from the index; a fact's shape is fixed, so this
writes the same text in one pass. A property test holds it to
`jsonout.element(records.fact_json(f, kb))`, byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

from sinokaz_cli.knowledge import attribution
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Citation, DateRef, Fact
from sinokaz_cli.render import display
from sinokaz_cli.render.jsonout import RAW_CONTROLS, escape_controls
from sinokaz_cli.render.jsonout import encode_string as _enc


def _text(value: str | None) -> str:
    return "null" if value is None else _enc(value)


def _strings(values: Sequence[str], pad: str) -> str:
    """A list of strings whose items sit at `pad`, closed two spaces back."""
    if not values:
        return "[]"
    inner = ",\n" + pad
    return "[\n" + pad + inner.join(map(_enc, values)) + "\n" + pad[:-2] + "]"


def _number(value: int | float) -> str:
    return float.__repr__(value) if type(value) is float else int.__repr__(value)


def _date(d: DateRef) -> str:
    q = d.qualifier
    return (
        f'{{\n      "text": {_enc(d.text)},\n      "start": {_text(d.start)},'
        f'\n      "end": {_text(d.end)},\n      "precision": {_text(display.precision(d))},'
        f'\n      "qualifier": {_enc(q.value) if q else "null"},'
        f'\n      "inferred": {"true" if d.inferred else "false"},'
        f'\n      "basis": {_text(d.basis)},'
        f'\n      "period": {_enc(d.period.value) if d.period else "null"},'
        f'\n      "display": {_enc(display.date(d))}\n    }}'
    )


def _safe(text: str) -> str:
    """`text` with the characters terminals act on escaped (see jsonout)."""
    if text.isascii():  # O(1) in CPython: then only DEL can be there
        return escape_controls(text) if "\x7f" in text else text
    return escape_controls(text) if RAW_CONTROLS.search(text) else text


class FactElements:
    """Writes facts of one knowledge base as array elements. Dates and sources
    repeat from fact to fact, so each is written once and remembered."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.dates: dict[DateRef, str] = {}
        self.sources: dict[str, tuple[str, bool]] = {}  # id -> (how cited, needs escapes)
        self.said: dict[tuple[object, ...], str] = {}

    def _citation(self, c: Citation) -> str:
        """display.citation(c, kb) as a JSON string."""
        found = self.sources.get(c.source)
        if found is None:
            src = self.kb.sources_by_id.get(c.source)
            short = display.source_short(src) if src is not None else c.source
            found = self.sources[c.source] = (short, _safe(short) != short)
        short, unsafe = found
        paras = c.paragraphs
        text = _enc(f"{short}, " + (f"¶{paras[0]}" if len(paras) == 1 else display.paragraphs(c)))
        return escape_controls(text) if unsafe else text

    def _said_by(self, f: Fact) -> str:
        """records.said_by_json(f, kb) as a JSON object (facts repeat their speakers)."""
        s = attribution.said_by(f, self.kb)
        key = (s.how, s.id, s.name, s.to, s.to_name)
        found = self.said.get(key)
        if found is None:
            found = self.said[key] = (
                f'{{\n      "how": {_enc(s.how.value)},\n      "id": {_text(s.id)},'
                f'\n      "name": {_enc(s.name)},\n      "to": {_text(s.to)},'
                f'\n      "to_name": {_text(s.to_name)},\n      "text": {_enc(s.text)}\n    }}'
            )
        return found

    def __call__(self, f: Fact) -> str:
        kb = self.kb
        d = f.date
        if d is None:
            date = "null"
        else:
            date = self.dates.get(d) or self.dates.setdefault(d, _date(d))
        citation = self._citation(f.cited)
        if f.figures:
            figures = (
                "[\n      "
                + ",\n      ".join(
                    f'{{\n        "value": {_number(g.value)},\n        "unit": {_enc(g.unit)},'
                    f'\n        "qualifier": {_enc(g.qualifier.value)},'
                    f'\n        "about": {_text(g.about)},'
                    f'\n        "per": {_enc(g.per.value) if g.per else "null"},'
                    f'\n        "change": {"true" if g.change else "false"},'
                    f'\n        "text": {_enc(display.figure(g, kb))}\n      }}'
                    for g in f.figures
                )
                + "\n    ]"
            )
        else:
            figures = "[]"
        paras = f.cited.paragraphs
        body = (
            f'{{\n    "id": {_enc(f.id)},\n    "category": {_enc(f.category)},'
            f'\n    "statement": {_enc(f.statement)},\n    "figures": {figures},'
            f'\n    "date": {date},\n    "entities": {_strings(f.entities, "      ")},'
            f'\n    "tags": {_strings(f.tags, "      ")},\n    "speaker": {_text(f.speaker)},'
            f'\n    "attribution": {_text(f.attribution)},\n    "quote": {_text(f.quote)},'
            f'\n    "note": {_text(f.note)},\n    "how": {_enc(f.how.value)},'
            f'\n    "to": {_text(f.to)},\n    "said_by": {self._said_by(f)},'
            f'\n    "source": {_enc(f.cited.source)},'
            f'\n    "paragraphs": '
            + (
                "[\n      " + ",\n      ".join(map(int.__repr__, paras)) + "\n    ]"
                if paras
                else "[]"
            )
        )
        return _safe(body) + f',\n    "citation": {citation}\n  }}'


def fact_element(f: Fact, kb: KnowledgeBase) -> str:
    """One fact's element; FactElements(kb) for many."""
    return FactElements(kb)(f)
