"""The people, organisations, places, events, programmes and products of one
generated article, as a person declares them in data/facts.toml's style.

Ids are the article's slug and a word of the name (`xh12-nurgaliyeva`), so
each article's ids are its own; names look like names (generate_words.py);
roles, aliases, descriptions and `part_of` are filled in, an event has its
place, hosts, theme and date, and programmes come from either side, the
Chinese and the Kazakh, so that an article can pair them.
"""

from __future__ import annotations

import random
import re
from datetime import date

import generate_shared as shared
import generate_words as words
from generate_phrases import Ent, Phrases, nth
from generate_toml import Comment, Value

PUBLISHERS = [  # name, code for ids, mail domain, weight
    ("China Daily", "cd", "chinadaily.com.cn", 5),
    ("Xinhua", "xh", "xinhua.net", 5),
    ("Kazinform", "kzi", "inform.kz", 4),
    ("The Astana Times", "at", "astanatimes.com", 4),
    ("Global Times", "gt", "globaltimes.cn", 3),
    ("CGTN", "cgtn", "cgtn.com", 2),
    ("Kazakhstanskaya Pravda", "kp", "kazpravda.kz", 2),
    ("People's Daily", "pd", "people.cn", 2),
]


class Context:
    """What articles written one after another share: the synonyms not yet
    used, and each earlier article's events and programmes (for follow-ups)."""

    def __init__(self) -> None:
        self.synonyms = list(range(len(words.SYNONYMS)))
        self.earlier: list[list[Ent]] = []
        self.events = [
            Ent(eid, "event", ev[0], ev[1][0] if ev[1] else ev[0], None)
            for eid, ev in shared.EVENTS.items()
        ]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


class Cast(Phrases):
    def __init__(self, k: int, n: int, day: date, rng: random.Random, ctx: Context) -> None:
        super().__init__(rng, day)
        self.k, self.n, self.ctx = k, n, ctx
        name, code, self.domain, _ = rng.choices(PUBLISHERS, [p[3] for p in PUBLISHERS])[0]
        self.publisher, self.slug = name, f"{code}{k + 1}"
        self.side = "cn" if code in ("cd", "xh", "gt", "cgtn", "pd") else "kz"
        self.ids: dict[str, None] = {}
        self.ents: list[Ent] = []

    def ident(self, base: str) -> str:
        kept: list[str] = []  # whole words, up to 20 characters
        for part in slugify(base).split("-"):
            if kept and len("-".join([*kept, part])) > 20:
                break
            kept.append(part[:20])
        stem = f"{self.slug}-{'-'.join(kept) or 'x'}"
        eid, i = stem, 2
        while eid in self.ids:
            eid, i = f"{stem}-{i}", i + 1
        self.ids[eid] = None
        return eid

    # ─── the article's own entities ─────────────────────────────────────────

    def entity(self, kind: str, name: str, short: str, side: str | None, base: str) -> Ent:
        e = Ent(self.ident(base), kind, name, short, side)
        self.ents.append(e)
        return e

    def country(self, side: str | None) -> str:
        return self.use("kazakhstan" if side == "kz" else "china")

    def national(self, side: str) -> str:
        return self.use(self.rng.choice(shared.KZ_ORGS if side == "kz" else shared.CN_ORGS))

    def org(self, side: str) -> Ent:
        rng = self.rng
        form, what = rng.choice(words.ORG_FORMS)
        sector, nat = rng.choice(words.SECTORS), "Kazakh" if side == "kz" else "Chinese"
        place = words.kazakh_place(rng) if side == "kz" else words.chinese_place(rng)
        name = form.format(place=place, sector=sector, brand=words.brand(rng), nat=nat)
        abbr = words.initials(name)
        short = abbr if abbr and rng.random() < 0.5 else name
        e = self.entity("org", name, short, side, abbr or name)
        e.fields = [("aliases", [abbr])] if short == abbr else []
        e.fields.append(("description", what.format(nat=nat, sector_l=sector.lower())))
        e.fields.append(("part_of", self.country(side)))
        return e

    def person(self, side: str, orgs: list[Ent]) -> Ent:
        rng = self.rng
        full, surname = (words.kazakh_person if side == "kz" else words.chinese_person)(rng)
        e = self.entity("person", full, surname, side, surname)
        mine = [o.id for o in orgs if o.side == side]
        roles: list[Value] = []
        for _ in range(1 if rng.random() < 0.7 else 2):
            r = rng.random()
            if r < 0.6:
                if mine:
                    roles.append({"title": rng.choice(words.ROLE_TITLES), "of": rng.choice(mine)})
                else:
                    title = rng.choice(("Official", "Spokesperson", "Adviser", "Department head"))
                    roles.append({"title": title, "of": self.national(side)})
            elif r < 0.85:
                title = rng.choice(("Minister", "Deputy Minister", "Vice-minister"))
                title += f" of {rng.choice(words.SECTORS)}"
                roles.append({"title": title, "of": self.country(side)})
            else:
                if rng.random() < 0.3:
                    roles.append(Comment("The article does not say what the delegation came for."))
                nat = "Kazakh" if side == "kz" else "Chinese"
                roles.append({"title": f"Member of the {nat} delegation"})
        e.fields = [("aliases", [surname]), ("roles", roles)]
        return e

    def place(self, side: str) -> Ent:
        rng = self.rng
        kind, what = rng.choice(words.PLACE_KINDS)
        top = words.kazakh_place(rng) if side == "kz" else words.chinese_place(rng)
        lower = kind in ("district", "county", "village", "town")
        name = f"{top} {kind if lower else kind.title()}"
        city = self.use(rng.choice(shared.KZ_CITIES if side == "kz" else shared.CN_CITIES))
        e = self.entity("place", name, name, side, top)
        e.fields = [("aliases", [top])] if lower and rng.random() < 0.5 else []
        e.fields += [("description", f"{what} near {shared.PLACES[city][0]}"), ("part_of", city)]
        return e

    def event(self, orgs: list[Ent], places: list[Ent]) -> Ent:
        rng = self.rng
        form, what = rng.choice(words.EVENT_FORMS)
        city, sector = rng.choice(shared.KZ_CITIES + shared.CN_CITIES), rng.choice(words.SECTORS)
        city_name, kind = shared.PLACES[city][0], form.split()[-1]
        name = form.format(
            nth=nth(rng.randint(1, 12)).capitalize(),
            city=city_name,
            sector=sector,
            place=words.kazakh_place(rng),
        )
        short = f"{sector} {kind}".lower()
        e = self.entity("event", name, short, None, short)
        where = rng.choice(places).id if places and rng.random() < 0.3 else self.use(city)
        hosts = [o.id for o in rng.sample(orgs, min(len(orgs), rng.randint(1, 2)))]
        e.fields = [
            ("aliases", [short]),
            ("description", what.format(city=city_name)),
            ("place", where),
            ("hosts", hosts or [self.national(rng.choice(("kz", "cn")))]),
        ]
        if rng.random() < 0.7:
            theme = f"{self.adj().capitalize()} {self.noun()} for {self.adj()} {self.noun()}"
            e.fields.append(("theme", theme))
        e.fields.append(("date", self.date(rng.choice(("day", "day_inferred", "month")))[0]))
        return e

    def programme(self, side: str) -> Ent:
        rng = self.rng
        form, what = rng.choice(words.PROGRAMME_FORMS[side])
        adj, sector = rng.choice(words.PROGRAMME_ADJECTIVES), rng.choice(words.SECTORS)
        name = form.format(adj=adj, sector=sector, place=words.kazakh_place(rng))
        e = self.entity("programme", name, name, side, name)
        e.fields = [("aliases", [f"{name} programme"])] if rng.random() < 0.4 else []
        e.fields += [("description", what), ("part_of", self.country(side))]
        return e

    def product(self, side: str) -> Ent:
        rng = self.rng
        thing, nat = rng.choice(words.PRODUCT_NOUNS), "Kazakh" if side == "kz" else "Chinese"
        name = f"{words.brand(rng)} {thing}" if rng.random() < 0.6 else f"{nat} {thing}"
        e = self.entity("product", name, name, side, name)
        other = "China" if side == "kz" else "Kazakhstan"
        e.fields = [("description", f"{nat} {thing} sold in {other}")]
        if rng.random() < 0.5:
            e.fields.append(("part_of", self.country(side)))
        return e

    def cast(self) -> tuple[Ent, Ent] | None:
        """The article's own entities, and the pair of programmes it aligns, if any."""
        rng, sides = self.rng, ("kz", "cn")
        orgs = [self.org(rng.choice(sides)) for _ in range(rng.randint(1, 4))]
        places = [self.place(rng.choice(sides)) for _ in range(rng.randint(0, 3))]
        for _ in range(rng.randint(2, 6)):
            self.person(rng.choice(sides), orgs)
        for _ in range(rng.choice((0, 1, 1, 2))):
            self.event(orgs, places)
        pair = (self.programme("cn"), self.programme("kz")) if rng.random() < 0.45 else None
        for _ in range(rng.randint(0, 2)):
            self.programme(rng.choice(sides))
        for _ in range(rng.randint(0, 2)):
            self.product(rng.choice(sides))
        return pair
