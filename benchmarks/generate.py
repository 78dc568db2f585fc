"""Generate a synthetic knowledge base of N facts, written as people write data/facts.toml.

    python benchmarks/generate.py 100000 /tmp/kb-100k [--files 3000] [--seed 1]

One article a file, named to sort in the order written
(`2016-01-00001-kazakh-exporters-signed-grain.toml`), each with the header
comments, section rules, multi-line arrays, inline tables and `_` in numbers
of the bundled file: its source, its own people, organisations, places,
events, programmes and products, 25 to 40 facts in every category (figures and
dates of every kind, speakers, attributions, quotes, notes, now and then a
comment inside a record), and now and then a policy pair and a synonym. The
words come from a Zipf-distributed vocabulary of some 76,000 word forms, so a
search index over the facts holds as many distinct terms as real news would.
The records every article may use (the two countries, shared cities, national
bodies, recurring events, counted nouns) are declared once, in
0000-shared.toml, which sorts first. The output passes `sinokaz check`.
Same N, --files and seed, same bytes; article k is the same for any N that
leaves it whole, so knowledge bases of 50 and of 100,000 facts share their
first article.

Modules: generate_words.py (vocabulary, names), generate_phrases.py
(statements, figures, dates), generate_cast.py (an article's entities),
generate_article.py (an article file), generate_shared.py (shared records),
generate_toml.py (records written as TOML).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import generate_shared as shared
import generate_words as words
from generate_article import write
from generate_cast import Context
from generate_toml import Record, section

SHARED_FILE = "0000-shared.toml"
FIRST_DAY = date(2016, 1, 4)  # the first article's; each next one is 0 to 2 days later
FACTS_PER_ARTICLE = (25, 40)
VERSION = 2  # of what generate() writes: generated() makes a knowledge base again when it changes

# Whether every article file declares the shared records it uses itself,
# rather than one shared file declaring them once. Both read as one knowledge
# base (records declared alike in several files are one); generated(), which
# the benchmarks use, writes articles that stand alone, as people write them.
REDECLARE_SHARED = False

SHARED_NOTE = [
    "#",
    "# The two countries, shared cities, national bodies, recurring events and",
    f"# counted nouns are declared once, in {SHARED_FILE}.",
]
REDECLARED_NOTE = [
    "#",
    "# The shared records it uses (the countries, cities, national bodies, recurring",
    "# events and counted nouns) are declared here too, as in every article file.",
]


def plan(n: int, files: int, seed: int) -> list[int]:
    """How many facts each article has: 25 to 40 each (the last one takes what
    is left), or, with `files`, `n` spread evenly over that many articles."""
    if files:
        files = max(1, min(files, n))
        return [n // files + (1 if i < n % files else 0) for i in range(files)]
    rng, left, counts = random.Random(f"{seed}-plan"), n, []
    while left > 0:
        count = rng.randint(*FACTS_PER_ARTICLE)
        count = left if left - count < 10 else count
        counts.append(count)
        left -= count
    return counts


def shared_sections(ids: list[str] | None) -> list[tuple[str, list[Record]]]:
    """The shared records, or those among `ids` and what they refer to, by kind."""
    every = list(shared.records().values()) if ids is None else shared.used_by(ids)
    out = [("Units: counted nouns used by figures", [r for r in every if r.table == "unit"])]
    for kind, title in (("place", "places"), ("org", "organisations"), ("event", "events")):
        out.append((f"Entities: {title}", [r for r in every if r.get("kind") == kind]))
    return [(title, records) for title, records in out if records]


def shared_file() -> str:
    head = [
        "#:schema ./facts.schema.json",
        "#",
        "# Records that many articles use, declared once: the two countries, shared",
        "# cities and provinces, national bodies, recurring events, and the counted",
        "# nouns that figures use. Money uses ISO 4217 codes (USD, CNY, KZT, EUR) and",
        '# shares use "percent"; neither needs declaring.',
        "#",
        "# Run `sinokaz check` after every edit.",
    ]
    return "\n".join(["\n".join(head) + "\n", *(section(t, r) for t, r in shared_sections(None))])


def generate(
    n: int, out: Path, files: int = 0, seed: int = 1, *, redeclare_shared: bool = REDECLARE_SHARED
) -> None:
    """Write a knowledge base of `n` facts into `out`, replacing its *.toml files."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.toml"):
        old.unlink()
    if not redeclare_shared:
        (out / SHARED_FILE).write_text(shared_file(), encoding="utf-8")
    ctx, day = Context(), FIRST_DAY
    note = REDECLARED_NOTE if redeclare_shared else SHARED_NOTE
    for k, count in enumerate(plan(n, files, seed)):
        rng = random.Random(f"{seed}-{k}")
        day += timedelta(days=rng.randint(0, 2))
        article = write(k, count, day, rng, ctx, note)
        parts = ["\n".join(article.header) + "\n"]
        sections = article.sections
        if redeclare_shared:
            sections = sections[:1] + shared_sections(article.shared) + sections[1:]
        parts += [section(title, records) for title, records in sections]
        (out / article.file_name).write_text("\n".join(parts), encoding="utf-8")


def generated(work: Path, n: int) -> Path:
    """The benchmarks' knowledge base of `n` facts in `work`, made on first use
    (the same seed and article sizes every time, so runs can share it)."""
    out = work / f"kb-{n}"
    stamp, made = out / ".generated", f"version {VERSION}, {n} facts, seed 1, standalone\n"
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != made:
        print(f"generating {n} facts in {out} ...", file=sys.stderr)
        generate(n, out, seed=1, redeclare_shared=True)
        stamp.write_text(made, encoding="utf-8")
    return out


class Landmarks(NamedTuple):
    """Ids and words of a generated knowledge base's first article, for queries whose
    answer stays small: a fact, the person its facts name most, and three of the
    commonest domain words its statements use."""

    fact: str
    entity: str
    query: str


def landmarks(folder: Path) -> Landmarks:
    import tomli

    first = min(p for p in folder.glob("*.toml") if p.name != SHARED_FILE)
    doc = tomli.loads(first.read_text(encoding="utf-8"))
    facts = doc["fact"]
    named = Counter(e for f in facts for e in [*f.get("entities", []), f.get("speaker")])
    people = [e["id"] for e in doc["entity"] if e["kind"] == "person"]
    said = set(re.findall(r"[a-z][a-z-]+", " ".join(f["statement"] for f in facts).lower()))
    common = [w for w in words.NOUNS if w in said][:3]
    return Landmarks(
        fact=facts[min(11, len(facts) - 1)]["id"],
        entity=max(people, key=lambda p: (named[p], -people.index(p))),
        query=" ".join(common),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("facts", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--files",
        type=int,
        default=0,
        help="article files to spread the facts over, one article each "
        f"(default: {FACTS_PER_ARTICLE[0]} to {FACTS_PER_ARTICLE[1]} facts an article)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--redeclare-shared",
        action="store_true",
        default=REDECLARE_SHARED,
        help="declare the shared records each article uses in its own file, with no "
        f"{SHARED_FILE}, as articles that stand alone do (records declared alike merge)",
    )
    args = parser.parse_args()
    generate(args.facts, args.out, args.files, args.seed, redeclare_shared=args.redeclare_shared)


if __name__ == "__main__":
    main()
