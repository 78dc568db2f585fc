"""A fact as one element of the pretty-printed JSON array, written directly.

`trade --json` at a hundred thousand facts prints tens of thousands of them.
Building each one's dict (records.fact_json) and walking it (jsonout) cost
more than reading them from the index; a fact's shape is fixed, so this
writes the same text in one pass. A property test holds it to
`jsonout.element(records.fact_json(f, kb))`, byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

try:  # the C encoder itself: importing the json package costs ~3 ms of start-up
    from _json import encode_basestring as _enc
except ImportError:  # pragma: no cover  (not CPython)
    from json.encoder import encode_basestring as _enc

from sinokaz_cli import display
from sinokaz_cli.model import DateRef, Fact, KnowledgeBase
from sinokaz_cli.render.jsonout import RAW_CONTROLS, escape_controls


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


def _date(d: DateRef | None) -> str:
    if d is None:
        return "null"
    q = d.qualifier
    return (
        f'{{\n      "text": {_enc(d.text)},\n      "start": {_text(d.start)},'
        f'\n      "end": {_text(d.end)},\n      "precision": {_text(display.precision(d))},'
        f'\n      "qualifier": {_enc(q.value) if q else "null"},'
        f'\n      "inferred": {"true" if d.inferred else "false"},'
        f'\n      "basis": {_text(d.basis)},\n      "display": {_enc(display.date(d))}\n    }}'
    )


def _figures(f: Fact, kb: KnowledgeBase) -> str:
    if not f.figures:
        return "[]"
    return (
        "[\n      "
        + ",\n      ".join(
            f'{{\n        "value": {_number(g.value)},\n        "unit": {_enc(g.unit)},'
            f'\n        "qualifier": {_enc(g.qualifier.value)},'
            f'\n        "about": {_text(g.about)},'
            f'\n        "text": {_enc(display.figure(g, kb))}\n      }}'
            for g in f.figures
        )
        + "\n    ]"
    )


def fact_element(f: Fact, kb: KnowledgeBase) -> str:
    paras = f.cited.paragraphs
    text = (
        f'{{\n    "id": {_enc(f.id)},\n    "category": {_enc(f.category.value)},'
        f'\n    "statement": {_enc(f.statement)},\n    "figures": {_figures(f, kb)},'
        f'\n    "date": {_date(f.date)},\n    "entities": {_strings(f.entities, "      ")},'
        f'\n    "tags": {_strings(f.tags, "      ")},\n    "speaker": {_text(f.speaker)},'
        f'\n    "attribution": {_text(f.attribution)},\n    "quote": {_text(f.quote)},'
        f'\n    "note": {_text(f.note)},\n    "source": {_enc(f.cited.source)},'
        f'\n    "paragraphs": '
        + ("[\n      " + ",\n      ".join(map(int.__repr__, paras)) + "\n    ]" if paras else "[]")
        + f',\n    "citation": {_enc(display.citation(f.cited, kb))}\n  }}'
    )
    return escape_controls(text) if RAW_CONTROLS.search(text) else text
