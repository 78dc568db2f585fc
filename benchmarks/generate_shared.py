"""The records every generated article may use: the two countries, shared
cities and provinces, national bodies, recurring events, and counted nouns.

They are declared once, in a file that sorts first (generate.SHARED_FILE), as
the loader rejects a repeated id. `used_by` gives the shared records an article
uses, with what those refer to in turn, for when each article declares the
shared records it uses itself (generate(..., redeclare_shared=True)).
"""

from __future__ import annotations

from generate_toml import Record, Value

# Counted nouns: id -> (singular, plural).
UNITS = {
    "company": ("company", "companies"),
    "participant": ("participant", "participants"),
    "delegate": ("delegate", "delegates"),
    "tonne": ("tonne", "tonnes"),
    "visitor": ("visitor", "visitors"),
    "tourist": ("tourist", "tourists"),
    "project": ("project", "projects"),
    "flight": ("weekly flight", "weekly flights"),
    "route": ("route", "routes"),
    "student": ("student", "students"),
    "train": ("freight train", "freight trains"),
    "container": ("container", "containers"),
    "hectare": ("hectare", "hectares"),
    "kilometre": ("kilometre", "kilometres"),
    "job": ("job", "jobs"),
    "agreement": ("agreement", "agreements"),
    "country": ("country", "countries"),
    "party": ("political party", "political parties"),
    "exhibitor": ("exhibitor", "exhibitors"),
    "vehicle": ("vehicle", "vehicles"),
    "scholarship": ("scholarship", "scholarships"),
    "megawatt": ("megawatt", "megawatts"),
}

# Places: id -> (name, description, part_of, aliases).
PLACES: dict[str, tuple[str, str, str | None, list[str]]] = {
    "china": ("China", "Country", None, ["PRC", "People's Republic of China", "Chinese"]),
    "kazakhstan": ("Kazakhstan", "Country", None, ["Kazakh", "Republic of Kazakhstan"]),
    "central-asia": ("Central Asia", "Region of five countries, Kazakhstan among them", None, []),
    "xinjiang": ("Xinjiang Uygur Autonomous Region", "Region", "china", ["Xinjiang"]),
    "shaanxi": ("Shaanxi province", "Province", "china", ["Shaanxi"]),
    "jiangsu": ("Jiangsu province", "Province", "china", ["Jiangsu"]),
    "beijing": ("Beijing", "City", "china", []),
    "shanghai": ("Shanghai", "City", "china", []),
    "xian": ("Xi'an", "City", "shaanxi", ["Xian"]),
    "urumqi": ("Urumqi", "City", "xinjiang", []),
    "lianyungang": ("Lianyungang", "Port city", "jiangsu", []),
    "chongqing": ("Chongqing", "City", "china", []),
    "astana": ("Astana", "Capital city", "kazakhstan", ["Nur-Sultan"]),
    "almaty": ("Almaty", "City", "kazakhstan", []),
    "shymkent": ("Shymkent", "City", "kazakhstan", []),
    "aktau": ("Aktau", "Port city on the Caspian Sea", "kazakhstan", []),
    "karaganda": ("Karaganda", "City", "kazakhstan", ["Karagandy"]),
    "khorgos": ("Khorgos", "Border town and dry port", "kazakhstan", ["Horgos"]),
}
KZ_CITIES = ["almaty", "astana", "shymkent", "aktau", "karaganda", "khorgos"]
CN_CITIES = ["beijing", "xian", "urumqi", "shanghai", "lianyungang", "chongqing"]

# Organisations: id -> (name, description, part_of, aliases).
ORGS: dict[str, tuple[str, str, str | None, list[str]]] = {
    "kz-trade-ministry": (
        "Ministry of Trade and Integration",
        "Kazakh government ministry",
        "kazakhstan",
        ["trade ministry"],
    ),
    "kz-foreign-ministry": (
        "Ministry of Foreign Affairs of Kazakhstan",
        "Kazakh government ministry",
        "kazakhstan",
        ["Kazakh foreign ministry"],
    ),
    "cn-commerce-ministry": (
        "Ministry of Commerce of China",
        "Chinese government ministry",
        "china",
        ["MOFCOM", "commerce ministry"],
    ),
    "cn-foreign-ministry": (
        "Ministry of Foreign Affairs of China",
        "Chinese government ministry",
        "china",
        ["Chinese foreign ministry"],
    ),
    "ndrc": (
        "National Development and Reform Commission",
        "Chinese planning agency",
        "china",
        ["NDRC"],
    ),
    "ktz": ("Kazakhstan Temir Zholy", "National railway company", "kazakhstan", ["KTZ"]),
    "china-railway": ("China State Railway Group", "National railway company", "china", []),
    "cpc": ("Communist Party of China", "Political party", "china", ["CPC"]),
    "amanat": ("Amanat Party", "Political party", "kazakhstan", ["Amanat"]),
}
KZ_ORGS = ["kz-trade-ministry", "kz-foreign-ministry", "ktz", "amanat"]
CN_ORGS = ["cn-commerce-ministry", "cn-foreign-ministry", "ndrc", "china-railway", "cpc"]

# Recurring events that many articles report on, most reported first:
# id -> (name, aliases, description, place, hosts, theme).
EVENTS: dict[str, tuple[str, list[str], str, str | None, list[str], str | None]] = {
    "business-council": (
        "China-Kazakhstan Business Council",
        ["business council"],
        "Yearly meeting of companies from both countries",
        "astana",
        ["kz-trade-ministry", "cn-commerce-ministry"],
        None,
    ),
    "ciie": (
        "China International Import Expo",
        ["CIIE", "import expo"],
        "Import trade fair held in China",
        "shanghai",
        ["cn-commerce-ministry"],
        None,
    ),
    "cca-summit": (
        "China-Central Asia Summit",
        ["C+C5 summit"],
        "Meeting of the leaders of China and the five Central Asian countries",
        None,
        ["cn-foreign-ministry", "kz-foreign-ministry"],
        "A shared future of good neighbourliness",
    ),
    "china-eurasia-expo": (
        "China-Eurasia Expo",
        ["Eurasia expo"],
        "Trade fair held in Urumqi",
        "urumqi",
        ["cn-commerce-ministry"],
        "Opportunities along the Silk Road",
    ),
    "astana-forum": (
        "Astana International Forum",
        ["AIF"],
        "Forum on diplomacy and the economy",
        "astana",
        ["kz-foreign-ministry"],
        None,
    ),
}


def _refs(record: Record) -> list[str]:
    out: list[str] = []
    for key, value in record.fields:
        if key in ("part_of", "place") and isinstance(value, str):
            out.append(value)
        elif key == "hosts" and isinstance(value, list):
            out += [v for v in value if isinstance(v, str)]
    return out


def _entity(eid: str, kind: str, name: str, aliases: list[str], **more: str | None) -> Record:
    fields: list[tuple[str, Value]] = [("id", eid), ("kind", kind), ("name", name)]
    if aliases:
        fields.append(("aliases", aliases))
    fields += [(k, v) for k, v in more.items() if v is not None]
    return Record("entity", fields)


def records() -> dict[str, Record]:
    """Every shared record by id (units by their id too), in the order they are written."""
    out = {
        u: Record("unit", [("id", u), ("singular", s), ("plural", p)])
        for u, (s, p) in UNITS.items()
    }
    for eid, (name, description, part_of, aliases) in PLACES.items():
        out[eid] = _entity(eid, "place", name, aliases, description=description, part_of=part_of)
    for eid, (name, description, part_of, aliases) in ORGS.items():
        out[eid] = _entity(eid, "org", name, aliases, description=description, part_of=part_of)
    for eid, (name, aliases, description, place, hosts, theme) in EVENTS.items():
        rec = _entity(eid, "event", name, aliases, description=description, place=place)
        rec.fields.append(("hosts", hosts))
        if theme:
            rec.fields.append(("theme", theme))
        out[eid] = rec
    return out


def used_by(ids: list[str]) -> list[Record]:
    """The shared records among `ids`, with every shared record they refer to, in the
    order records() writes them."""
    every = records()
    wanted: dict[str, None] = {}
    todo = [i for i in ids if i in every]
    while todo:
        rid = todo.pop()
        if rid not in wanted:
            wanted[rid] = None
            todo += [r for r in _refs(every[rid]) if r in every]
    return [rec for rid, rec in every.items() if rid in wanted]
