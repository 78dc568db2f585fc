"""The text of a generated article: statements, figures and dates.

A statement is a clause (someone did something to something) and then
phrases naming the places, events, programmes and organisations the fact is
about, its date, and more phrases until it reaches a length drawn between 10
and 40 words. Nouns, adjectives and verbs come from the Zipf vocabularies of
generate_words.py, a third of the nouns from the article's own topic words, as
real articles repeat theirs. Figures are written as the article would write
them ("more than 100 companies", "$1.2 billion") and recorded with their unit
and qualifier; dates of every kind the knowledge format allows are worked out
from the publication date where the article's words leave the year out.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

import generate_shared as shared
import generate_words as words
from generate_toml import Value

QUALIFIERS = {  # qualifier -> (its words, weight); None is exact and left unwritten
    None: ("", 55),
    "more_than": ("more than ", 12),
    "around": ("around ", 10),
    "exact": ("", 6),
    "at_least": ("at least ", 5),
    "up_to": ("up to ", 5),
    "less_than": ("less than ", 4),
    "at_most": ("at most ", 3),
}
COUNTED = {  # the counted nouns each category's figures use
    "trade": ["company", "tonne", "container", "train", "vehicle", "exhibitor", "agreement"],
    "tourism": ["tourist", "visitor", "flight", "route", "student", "scholarship"],
    "dialogue": ["participant", "delegate", "party", "country", "agreement"],
    "policy": ["project", "job", "hectare", "megawatt", "kilometre", "company"],
}
COUNTS = {  # how many of each the articles count: (least, most, multiple)
    "tonne": (2, 900, 1000),
    "container": (10, 9000, 1),
    "tourist": (100, 900, 100),
    "visitor": (50, 900, 100),
    "job": (20, 5000, 1),
    "hectare": (10, 900, 100),
    "megawatt": (5, 1200, 1),
    "participant": (30, 2000, 1),
    "country": (2, 60, 1),
    "party": (2, 40, 1),
    "route": (2, 40, 1),
    "flight": (2, 50, 1),
}
CURRENCIES = {"USD": 45, "CNY": 20, "KZT": 20, "EUR": 15}
DATE_KINDS = {
    "day": 8,
    "day_inferred": 8,
    "month": 12,
    "year": 12,
    "last_year": 8,
    "this_year": 8,
    "next_year": 4,
    "ago": 6,
    "recent": 6,
    "range": 6,
    "range_months": 3,
    "before": 4,
    "after": 3,
    "by": 6,
    "about": 3,
    "unplaced": 8,
}
UNPLACED = ("in recent years", "in the coming years", "for decades", "over the past few years")
SAYING = ("said", "said", "says", "noted", "told reporters", "stressed", "explained", "added")
ACTORS = ("person", "org", "programme", "product", "event")
ID_WORD = re.compile(r"[a-z][a-z-]{2,11}")


class Ent:
    """An entity a statement can name: the article's own, a shared one, or an earlier
    article's; `fields` and `cited` are filled in for the article's own."""

    __slots__ = ("id", "kind", "name", "short", "side", "fields", "cited", "named")

    def __init__(self, eid: str, kind: str, name: str, short: str, side: str | None) -> None:
        self.id, self.kind, self.name, self.short, self.side = eid, kind, name, short, side
        self.fields: list[tuple[str, Value]] = []
        self.cited: list[int] = []  # the first paragraphs that name it
        self.named = False  # named in full already: later statements use `short`


def month_year(d: date) -> str:
    return f"{words.MONTHS[d.month - 1]} {d.year}"


def nth(n: int) -> str:
    if n <= len(words.ORDINALS):
        return words.ORDINALS[n - 1]
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def amount(value: float) -> str:
    """'307 million', '1.2 billion', '450,000'."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:g} {word}"
    return f"{int(value):,}"


class Phrases:
    def __init__(self, rng: random.Random, day: date) -> None:
        self.rng, self.day = rng, day
        self.vocab = words.vocabulary()
        self.topic = [self.vocab.nouns.pick(rng) for _ in range(12)]
        self.shared: dict[str, None] = {}  # shared records the article uses
        self.mentioned: dict[str, None] = {}  # shared records the statement names
        self.nouns: list[str] = []  # nouns the statement has used, for its id

    def use(self, eid: str) -> str:
        self.shared[eid] = self.mentioned[eid] = None
        return eid

    # ─── words ──────────────────────────────────────────────────────────────

    def noun(self) -> str:
        rng = self.rng
        word = rng.choice(self.topic) if rng.random() < 0.3 else self.vocab.nouns.pick(rng)
        self.nouns.append(word)
        return word

    def adj(self) -> str:
        return self.vocab.adjectives.pick(self.rng)

    def np(self, dets: tuple[str, ...] = ("the ", "the ", "", "", "its ", "their ")) -> str:
        """A noun phrase: 'the new grain terminal', 'exports of wool'."""
        r, noun, det = self.rng.random(), self.noun(), self.rng.choice(dets)
        if r < 0.35:
            return f"{det}{self.adj()} {noun}"
        if r < 0.6:
            return f"{det}{noun} of {self.noun()}"
        if r < 0.7:
            return f"{det}{self.adj()} {noun} for {self.noun()}"
        return det + noun

    def call(self, e: Ent) -> str:
        """How a statement names an entity: in full the first time, then shortly."""
        text = e.short if e.named else e.name
        e.named = True
        if e.id in shared.PLACES or e.id in shared.EVENTS:
            self.use(e.id)
        return "the " + text if e.kind == "event" else text

    def city(self, side: str | None = None) -> str:
        pool = {"kz": shared.KZ_CITIES, "cn": shared.CN_CITIES}.get(side or "")
        return shared.PLACES[
            self.use(self.rng.choice(pool or shared.KZ_CITIES + shared.CN_CITIES))
        ][0]

    def subject(self) -> str:
        rng, r = self.rng, self.rng.random()
        if r < 0.3:
            nat = rng.choice(("Kazakh", "Chinese"))
            self.use("kazakhstan" if nat == "Kazakh" else "china")
            return f"{nat} {self.noun()}"
        if r < 0.45:
            self.use("china"), self.use("kazakhstan")
            return rng.choice(("the two countries", "both sides", "China and Kazakhstan"))
        return self.np(("the ", "the ", ""))

    def adjunct(self, category: str) -> tuple[str, str]:
        """(its kind, a phrase) to lengthen a statement; a statement uses each kind once."""
        rng, r = self.rng, self.rng.random()
        if r < 0.1:
            return "city", f"{rng.choice(('in', 'near'))} {self.city()}"
        if r < 0.4:
            prep = rng.choice(("with", "for", "on", "amid", "despite", "after"))
            return prep, f"{prep} {self.np()}"
        if category == "trade" and r < 0.75:
            if r < 0.6:
                self.use("china" if r < 0.5 else "kazakhstan")
                return "country", "to China" if r < 0.5 else "from Kazakhstan"
            return "through", f"through {self.city('kz')}"
        if category == "tourism" and r < 0.6:
            self.use("china")
            return "country", rng.choice(("for tourists from China", "for Chinese visitors"))
        if category == "dialogue" and r < 0.6:
            self.use("china"), self.use("kazakhstan")
            return "country", "between the two countries"
        prep = rng.choice(("under", "towards", "in line with", "as part of"))
        return "policy", f"{prep} {self.np()}"

    @staticmethod
    def naming(e: Ent, name: str, rng: random.Random) -> str:
        """A phrase naming an entity the fact is about."""
        if e.kind == "place":
            return f"in {name}"
        if e.kind == "event":
            return f"at {name}"
        if e.kind == "programme":
            return rng.choice(("under ", "as part of ", "through ")) + name
        if e.kind == "product":
            return f"including {name}"
        return rng.choice(("with ", "according to ")) + name

    # ─── figures and dates ──────────────────────────────────────────────────

    def figure(self, category: str, kind: str) -> tuple[dict[str, Value], str]:
        """A figure as recorded, and as the statement writes it."""
        rng = self.rng
        qualifier = rng.choices(list(QUALIFIERS), [w for _, w in QUALIFIERS.values()])[0]
        said = QUALIFIERS[qualifier][0]
        np = self.np()
        value: int | float
        if kind == "money":
            unit = rng.choices(list(CURRENCIES), list(CURRENCIES.values()))[0]
            scale = rng.random()
            if unit == "KZT" or scale < 0.25:
                value = rng.randint(10, 150) * 100_000_000
            elif scale < 0.75:
                value = rng.randint(1, 999) * 1_000_000
            else:
                value = rng.randint(10, 999) * 1_000
            text = {"USD": "$", "EUR": "€"}.get(unit, "") + amount(value)
            text += {"CNY": " yuan", "KZT": " tenge"}.get(unit, "")
            table: dict[str, Value] = {"value": value, "unit": unit}
            phrase, about = f"{np} worth {said}{text}", f"value of {np}"
        elif kind == "percent":
            value = rng.randint(1, 99) if rng.random() < 0.7 else round(rng.uniform(0.1, 60), 1)
            table = {"value": value, "unit": "percent"}
            phrase = f"{np} by {said}{value}%"
            about = rng.choice(("change in ", "share of ", "growth of ")) + np
        elif kind == "ordinal":
            value = rng.randint(2, 30)
            table, qualifier = {"value": value, "unit": "ordinal"}, None
            phrase, about = f"{np} for the {nth(value)} time", f"times {np} has been held"
        else:
            unit = rng.choice(COUNTED[category])
            singular, plural = shared.UNITS[unit]
            least, most, times = COUNTS.get(unit, (2, 600, 1))
            value = rng.randint(least, most) * times
            table = {"value": value, "unit": unit}
            phrase = f"{said}{value:,} {plural}"
            if rng.random() < 0.5:
                phrase = f"{np} {rng.choice(('for', 'with', 'drawing'))} {phrase}"
            about = f"{plural} {rng.choice(('taking part in', 'counted for', 'linked to'))} {np}"
        if qualifier is not None:
            table["qualifier"] = qualifier
        table["about"] = about
        return table, phrase

    def past_day(self, same_year: bool) -> date:
        back = self.day.timetuple().tm_yday - 1 if same_year else 700
        return self.day - timedelta(days=self.rng.randint(0, back))

    def date(self, kind: str | None = None) -> tuple[dict[str, Value], str]:
        """A date as recorded, and the words a statement uses for it."""
        rng, y, my = self.rng, self.day.year, month_year(self.day)
        kind = kind or rng.choices(list(DATE_KINDS), list(DATE_KINDS.values()))[0]
        counted = f"Counted back from the publication month, {my}."
        if kind in ("day", "day_inferred"):
            d = self.past_day(kind == "day_inferred")
            month = words.MONTHS[d.month - 1]
            if kind == "day":
                return {"text": f"{d.day} {month} {d.year}", "start": d.isoformat()}, "on"
            basis = f"The article gives no year; it was published in {my}."
            text = f"{month[:3]} {d.day}"
            return {"text": text, "start": d.isoformat(), "inferred": True, "basis": basis}, "on"
        if kind == "month":
            d = self.past_day(False)
            return {"text": f"in {month_year(d)}", "start": d.isoformat()[:7]}, ""
        if kind in ("year", "after", "about"):
            yy = y - rng.randint(0, 8) if kind == "year" else y - rng.randint(3, 30)
            text = {"year": f"in {yy}", "after": f"after {yy}", "about": f"around {yy}"}[kind]
            stated: dict[str, Value] = {"text": text, "start": str(yy)}
            if kind != "year":
                stated["qualifier"] = kind
            return stated, ""
        if kind in ("last_year", "this_year", "next_year"):
            offset = {"last_year": -1, "this_year": 0, "next_year": 1}[kind]
            basis = f"The article was published in {my}." if offset >= 0 else counted
            text = kind.replace("_", " ")
            return {"text": text, "start": str(y + offset), "inferred": True, "basis": basis}, ""
        if kind == "ago":
            n = rng.randint(2, 30)
            start = str(y - n)
            text = f"{n if n > 12 else words.NUMBERS[n]} years ago"
            return {
                "text": text,
                "start": start,
                "qualifier": "about",
                "inferred": True,
                "basis": counted,
            }, ""
        if kind == "recent":
            text = rng.choice(("recently", "recently concluded", "in recent weeks"))
            basis = f"The article, published in {my}, describes it as recent."
            return {
                "text": text,
                "start": self.day.isoformat()[:7],
                "qualifier": "by",
                "inferred": True,
                "basis": basis,
            }, ""
        if kind == "range":
            a = y - rng.randint(0, 6)
            b = a + rng.randint(2, 9)
            return {"text": f"{a}-{b % 100:02d}", "start": str(a), "end": str(b)}, "in"
        if kind == "range_months":
            m1 = rng.randint(1, 9)
            m2 = rng.randint(m1 + 1, 12)
            text = f"from {words.MONTHS[m1 - 1]} to {words.MONTHS[m2 - 1]} {y - 1}"
            return {"text": text, "start": f"{y - 1}-{m1:02d}", "end": f"{y - 1}-{m2:02d}"}, ""
        if kind in ("before", "by"):
            yy = y + rng.randint(2, 40 if kind == "before" else 10)
            return {"text": f"{kind} {yy}", "start": str(yy), "qualifier": kind}, ""
        return {"text": rng.choice(UNPLACED)}, ""

    # ─── statements ─────────────────────────────────────────────────────────

    def statement(
        self,
        category: str,
        about: list[Ent],
        speaker: Ent | None,
        figures: list[str],
        when: str | None,
        pair: tuple[Ent, Ent] | None = None,
    ) -> str:
        """A statement of 10 to 40 words naming what the fact is about (clear `nouns`
        before its figures are made: the fact's id is made of the first two)."""
        rng = self.rng
        target = int(rng.triangular(10, 40, 16))
        self.mentioned.clear()
        parts = [f"{self.call(speaker)} {rng.choice(SAYING)}"] if speaker else []
        named = {speaker.id} if speaker else set()
        actors = [e for e in about if e.kind in ACTORS and e.id not in named]
        if pair:
            parts.append(f"{self.call(pair[0])} and {self.call(pair[1])}")
            named |= {pair[0].id, pair[1].id}
        elif actors and rng.random() < 0.7:
            parts.append(self.call(actors[0]))
            named.add(actors[0].id)
        else:
            parts.append(self.subject())
        parts += [self.vocab.verbs.pick(rng), " and ".join(figures) if figures else self.np()]
        count = sum(p.count(" ") + 1 for p in parts)
        extra = [self.naming(e, self.call(e), rng) for e in about if e.id not in named]
        if when:
            extra.append(when)
        for phrase in extra:
            if count + phrase.count(" ") + 1 <= 40:
                parts.append(phrase)
                count += phrase.count(" ") + 1
        kinds: set[str] = set()
        for _ in range(12):
            if count >= target:
                break
            kind, phrase = self.adjunct(category)
            if kind in kinds:
                continue
            kinds.add(kind)
            if count + phrase.count(" ") + 1 > 40:
                break
            parts.append(phrase)
            count += phrase.count(" ") + 1
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def id_words(self, fallback: str) -> str:
        picked = [w for w in dict.fromkeys(self.nouns) if ID_WORD.fullmatch(w)]
        return "-".join(picked[:2]) or fallback
