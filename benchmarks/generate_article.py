"""One generated article file, as a person writes one in data/facts.toml's style.

A header comment, the source, the article's own entities (generate_cast.py)
by kind, its facts by category, and now and then a policy pair and a synonym,
each group under a rule. The paragraphs are numbered as the bundled file
numbers them (the headline is 1, the standfirst 2), the first fact cites both,
and the facts between them cite every paragraph of the article, in order.
"""

from __future__ import annotations

import random
from datetime import date
from typing import NamedTuple

import generate_words as words
from generate_cast import Cast, Context, slugify
from generate_phrases import Ent, month_year
from generate_toml import Comment, Record, Value

CATEGORIES = ("trade", "tourism", "dialogue", "policy")
KIND_WEIGHTS: dict[
    str, dict[str, float]
] = {  # how often a fact of each category names each kind of the article's entities
    "trade": {"org": 4, "product": 3, "person": 3, "place": 2, "event": 1, "programme": 1},
    "tourism": {"place": 4, "product": 2, "event": 2, "person": 2, "org": 2, "programme": 1},
    "dialogue": {"event": 4, "person": 4, "org": 3, "place": 1, "programme": 1, "product": 0.2},
    "policy": {"programme": 5, "person": 3, "org": 2, "place": 1, "event": 1, "product": 0.2},
}
FIGURE_KINDS = {"money": 35, "percent": 20, "count": 35, "ordinal": 10}
ENTITY_SECTIONS = {
    "place": "Entities: places",
    "org": "Entities: organisations",
    "person": "Entities: people",
    "event": "Entities: events",
    "programme": "Entities: programmes, policies and agreements",
    "product": "Entities: products and services",
}
NOTES = (
    "A count of what the article describes, not a total that it gives.",
    "The article rounds this figure; the exact number is not given.",
    "The headline puts it more strongly than the body does.",
    "Reported by the article at second hand.",
)
COMMENTS = (
    "¶{p} says this once; the standfirst does not repeat it.",
    "Worded in our own terms: ¶{p} says it at length.",
    "Not to be confused with the figure for the year before (¶{p}).",
)


class Article(NamedTuple):
    file_name: str
    header: list[str]  # comment lines at the top of the file
    sections: list[tuple[str, list[Record]]]  # (rule title, records)
    shared: list[str]  # ids of the shared records it uses, units too


class Writer(Cast):
    def __init__(self, k: int, n: int, day: date, rng: random.Random, ctx: Context) -> None:
        super().__init__(k, n, day, rng, ctx)
        self.events = [Ent(e.id, e.kind, e.name, e.short, None) for e in ctx.events]
        self.event_weights = [(i + 1) ** -1.3 for i in range(len(self.events))]

    def line(self, category: str) -> str:
        """A headline or standfirst: a short clause, no full stop."""
        self.nouns.clear()
        parts = [self.subject(), self.vocab.verbs.pick(self.rng), self.np()]
        if self.rng.random() < 0.5:
            parts.append(self.adjunct(category)[1])
        text = " ".join(parts)
        return text[0].upper() + text[1:]

    def plan(self) -> tuple[int, list[list[int]], list[str]]:
        """How many paragraphs; each fact's paragraphs and category."""
        rng, n = self.rng, self.n
        paragraphs = max(2, min(n + 1, round(n * rng.uniform(0.45, 0.62))))
        cited = [[1, 2]]
        for i in range(n - 1):  # over 3..paragraphs, in order, missing none
            p = 3 + (i * (paragraphs - 3) + (n - 2) // 2) // max(1, n - 2) if paragraphs > 2 else 2
            cited.append([p, p + 1] if p < paragraphs and rng.random() < 0.12 else [p])
        lead = rng.choice(CATEGORIES)
        by_paragraph = [
            lead if rng.random() < 0.5 else rng.choice(CATEGORIES) for _ in range(paragraphs + 1)
        ]
        return paragraphs, cited, [lead] + [by_paragraph[c[0]] for c in cited[1:]]

    def facts(self, source: str, pair: tuple[Ent, Ent] | None) -> list[Record]:
        rng, n = self.rng, self.n
        self.paragraphs, cited, categories = self.plan()
        paired: list[int] = []
        if pair:
            policy = [i for i in range(1, n) if categories[i] == "policy"] or [rng.randrange(n)]
            paired = rng.sample(policy, min(2, len(policy)))
            for i in paired:
                categories[i] = "policy"
        weights = {c: [KIND_WEIGHTS[c][e.kind] for e in self.ents] for c in CATEGORIES}
        queue = self.ents[:]  # each own entity is named at least once
        rng.shuffle(queue)
        follow: Ent | None = None
        if self.ctx.earlier and rng.random() < 0.12:  # a follow-up to an earlier article
            pool = self.ctx.earlier[-rng.randint(1, min(len(self.ctx.earlier), 30))]
            if pool:
                e = rng.choice(pool)
                follow = Ent(e.id, e.kind, e.name, e.short, e.side)
        records = []
        for i in range(n):
            category = categories[i]
            about: list[Ent] = list(pair) if i in paired and pair else []
            if queue and (rng.random() < 0.75 or i == n - 1):
                about += queue if i == n - 1 else [queue.pop()]
            for e in rng.choices(self.ents, weights[category], k=rng.choice((0, 1, 1, 2))):
                if e not in about:
                    about.append(e)
            share = {"dialogue": 0.35, "trade": 0.12}.get(category, 0.03)
            if rng.random() < share:
                about.append(rng.choices(self.events, self.event_weights)[0])
            if follow and rng.random() < 0.1:
                about.append(follow)
            records.append(
                self.fact(i, category, about, source, cited[i], pair if i in paired else None)
            )
        self.paired = [str(records[i].get("id")) for i in paired]
        return records

    def fact(
        self,
        i: int,
        category: str,
        about: list[Ent],
        source: str,
        cited: list[int],
        pair: tuple[Ent, Ent] | None,
    ) -> Record:
        rng = self.rng
        self.nouns.clear()
        people = [e for e in about if e.kind == "person"]
        orgs = [e for e in about if e.kind == "org" and e.side]
        speaker = None
        if people and rng.random() < 0.5:
            speaker = people[0]
        elif orgs and rng.random() < 0.15:
            speaker = orgs[0]
        kinds = rng.choices(
            list(FIGURE_KINDS),
            list(FIGURE_KINDS.values()),
            k=rng.choices((0, 1, 2, 3), (58, 34, 6, 2))[0],
        )
        figures = [self.figure(category, kind) for kind in kinds]
        for table, _ in figures:
            unit = table["unit"]
            if isinstance(unit, str) and unit.islower() and unit not in ("percent", "ordinal"):
                self.shared[unit] = None
        when = None
        if rng.random() < 0.45:
            when = self.date()
        said = f"{when[1]} {when[0]['text']}".strip() if when else None
        statement = self.statement(category, about, speaker, [p for _, p in figures], said, pair)
        fid = self.ident(self.id_words(category))
        for e in about:
            if e.fields and cited[0] not in e.cited and len(e.cited) < 2:
                e.cited.append(cited[0])
        fields: list[tuple[str, Value]] = [
            ("id", fid),
            ("category", category),
            ("statement", statement),
        ]
        tags = [self.vocab.tags.pick(rng) for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5)))]
        fields.append(("tags", list(dict.fromkeys(tags))))
        fields.append(
            ("entities", list(dict.fromkeys([e.id for e in about] + list(self.mentioned))))
        )
        if speaker:
            fields.append(("speaker", speaker.id))
            if rng.random() < 0.05:
                fields.append(("quote", f"a {self.adj()} step for {self.noun()}"))
        elif i == 0:
            fields.append(("attribution", f"{self.publisher} (headline and standfirst)"))
        elif rng.random() < 0.25:
            fields.append(
                (
                    "attribution",
                    rng.choice(
                        (
                            self.publisher,
                            f"an official of {orgs[0].name}, not named in the article"
                            if orgs
                            else self.publisher,
                            "an expert from Kazakhstan, not named at this point in the article",
                            "local media, as the article reports them",
                        )
                    ),
                )
            )
        if rng.random() < 0.03:  # a comment of the writer's, above the citation
            fields.append(("#", Comment(rng.choice(COMMENTS).format(p=cited[0]))))
        fields += [("source", source), ("paragraphs", cited)]
        if when:
            fields.append(("date", when[0]))
        if figures:
            fields.append(("figures", [table for table, _ in figures]))
        if rng.random() < 0.03:
            fields.append(("note", rng.choice(NOTES)))
        return Record("fact", fields)

    def synonym(self) -> list[str] | None:
        """Words people type for what the facts say: the hand-written sets first,
        each once, then another spelling of one of the article's rarer words."""
        if self.ctx.synonyms:
            return words.SYNONYMS[self.ctx.synonyms.pop(0)]
        rare = [w for w in self.topic if w not in words.COMMON and len(w) > 5]
        return [rare[0], rare[0][:3] + rare[0][2:]] if rare else None

    def entity_record(self, e: Ent, source: str) -> Record:
        fields: list[tuple[str, Value]] = [("id", e.id), ("kind", e.kind), ("name", e.name)]
        if len(e.cited) == 1 and self.rng.random() < 0.04:
            fields.append(("#", Comment(f"Named once in the article (¶{e.cited[0]}).")))
        return Record(
            "entity", fields + e.fields + [("source", source), ("paragraphs", sorted(e.cited))]
        )

    def article(self, shared_note: list[str]) -> Article:
        rng = self.rng
        lead = rng.choice(CATEGORIES)
        title = self.line(lead)
        source = self.ident(self.id_words(lead))
        subtitle = self.line(lead) if rng.random() < 0.7 else None
        pair = self.cast()
        facts = self.facts(source, pair)
        src: list[tuple[str, Value]] = [("id", source), ("title", title)]
        if subtitle:
            src.append(("subtitle", subtitle))
        published = self.day.isoformat() if rng.random() < 0.15 else self.day.isoformat()[:7]
        src += [("publisher", self.publisher), ("published", published)]
        if rng.random() < 0.35:
            writer = (words.chinese_person if self.side == "cn" else words.kazakh_person)(rng)[0]
            src.append(("contact", f"{slugify(writer).replace('-', '')}@{self.domain}"))
        src.append(("paragraphs", self.paragraphs))
        if rng.random() < 0.5:
            src.append(("file", f"{slugify(title)[:48].strip('-')}.txt"))
        sections: list[tuple[str, list[Record]]] = [("Source", [Record("source", src)])]
        for kind, rule in ENTITY_SECTIONS.items():
            if mine := [self.entity_record(e, source) for e in self.ents if e.kind == kind]:
                sections.append((rule, mine))
        for category in dict.fromkeys(r.get("category") for r in facts):
            sections.append(
                (f"Facts: {category}", [r for r in facts if r.get("category") == category])
            )
        if pair:
            cn, kz = pair
            theme = f"{self.adj().capitalize()} {self.noun()} in both countries"
            fields: list[tuple[str, Value]] = [
                ("id", self.ident("pair")),
                ("china", cn.id),
                ("kazakhstan", kz.id),
            ]
            fields += [("theme", theme), ("facts", self.paired)]
            sections.append(
                (
                    "Policy alignment: a Chinese side, a Kazakh side, what they share",
                    [Record("alignment", fields)],
                )
            )
        if rng.random() < 0.1 and (terms := self.synonym()):
            sections.append(
                (
                    "Synonyms: what people type → what the facts say",
                    [Record("synonym", [("terms", terms)])],
                )
            )
        self.ctx.earlier.append([e for e in self.ents if e.kind in ("event", "programme")])
        header = [
            "#:schema ./facts.schema.json",
            "#",
            f'# {self.publisher}, {month_year(self.day)}: "{title}".',
            "#",
            "# One article written up by hand: its source, the people, organisations,",
            "# places and programmes it names, and a fact for each statement it makes,",
            "# citing its paragraphs (the headline is 1, the standfirst 2).",
            *shared_note,
            "#",
            "# Run `sinokaz check` after every edit.",
        ]
        gist = [w for w in title.split() if w.lower() not in ("the", "its", "their", "of", "for")]
        name = f"{self.day:%Y-%m}-{self.k + 1:05d}-{slugify(' '.join(gist[:4]))}.toml"
        return Article(name, header, sections, list(self.shared))


def write(
    k: int, n: int, day: date, rng: random.Random, ctx: Context, shared_note: list[str]
) -> Article:
    """Article number `k` (from 0), of `n` facts, published on `day`."""
    return Writer(k, n, day, rng, ctx).article(shared_note)
