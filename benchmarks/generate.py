"""Generate a realistic synthetic knowledge base of N facts.

    python benchmarks/generate.py 100000 /tmp/kb-100k [--files 250] [--seed 1]

Like the real thing, only bigger: many sources (one article per ~40 facts,
one file per group of sources), entities of every kind shared across
articles, facts in every category with figures of every kind (money,
percentages, counts with qualifiers, ordinals) and dates of every kind
(day, month, year, inferred, ranges, "before", unplaced), speakers, tags,
quotations, policy pairs and synonyms. The output always passes
`sinokaz check`. Same N and seed, same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

CATEGORIES = ("trade", "tourism", "dialogue", "policy")
KINDS = ("person", "org", "place", "event", "programme", "product")
QUALIFIERS = ("exact", "more_than", "around", "at_least", "up_to", "less_than")
CURRENCIES = ("USD", "CNY", "KZT", "EUR")
NOUNS = ("company", "participant", "delegate", "tonne", "visitor", "project", "flight", "route")
WORDS = (
    "trade exports imports grain wheat oil gas pipeline rail corridor freight logistics border "
    "customs tourism visa travel flights tourists students exchange culture dialogue party "
    "delegation forum summit agreement memorandum investment finance bank yuan tenge energy "
    "solar wind water ecology climate carbon green digital platform technology agriculture "
    "cooperation partnership planning development modernisation heritage museum university"
).split()
PUBLISHERS = ("China Daily", "Kazinform", "Xinhua", "Astana Times")
PLACES = (
    "Astana",
    "Almaty",
    "Shymkent",
    "Aktau",
    "Urumqi",
    "Xi'an",
    "Beijing",
    "Shanghai",
    "Qingdao",
    "Khorgos",
    "Lianyungang",
    "Chongqing",
    "Karaganda",
    "Turkistan",
)


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize()


def generate(n: int, out: Path, files: int, seed: int) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.toml"):
        old.unlink()
    n_sources = max(1, n // 40)
    n_entities = max(12, n // 20)
    per_file = max(1, -(-n_sources // max(1, files)))

    units = [f'[[unit]]\nid = "{u}"\nsingular = "{u}"\nplural = "{u}s"\n' for u in NOUNS]
    entities = []
    for i in range(n_entities):
        kind = KINDS[i % len(KINDS)]
        name = f"{rng.choice(PLACES)} {sentence(rng, 2)} {i}"
        lines = [
            f'[[entity]]\nid = "e{i}"\nkind = "{kind}"\nname = {q(name)}',
            f"aliases = [{q(f'alias {i}')}]",
        ]
        if kind == "person":
            lines.append(f'roles = [{{ title = {q(sentence(rng, 3))}, of = "e{i + 1}" }}]')
        if kind == "programme":  # pairs take them in turn: a Chinese side, then a Kazakh one
            lines.append(f'part_of = "{("china", "kazakhstan")[(i // 6) % 2]}"')
        if kind == "event":
            lines.append(f'place = "e{(i // 6) * 6 + 2}"\nhosts = ["e{(i // 6) * 6 + 1}"]')
            lines.append(f"theme = {q(sentence(rng, 6))}")
            lines.append(
                'date = { text = "Nov 3", start = "2025-11-03", inferred = true, '
                'basis = "Year from the publication month." }'
            )
        entities.append("\n".join(lines) + "\n")
    entities += [
        '[[entity]]\nid = "china"\nkind = "place"\nname = "China"\n',
        '[[entity]]\nid = "kazakhstan"\nkind = "place"\nname = "Kazakhstan"\n',
    ]
    head = ["#:schema ./facts.schema.json\n# Synthetic knowledge base for benchmarks.\n"]
    (out / "000-entities.toml").write_text("\n".join(head + units + entities), encoding="utf-8")

    fact_no = 0
    programmes = [i for i in range(n_entities) if KINDS[i % len(KINDS)] == "programme"]
    for group in range(0, n_sources, per_file):
        blocks = []
        for s in range(group, min(group + per_file, n_sources)):
            count = n // n_sources + (1 if s < n % n_sources else 0)
            paragraphs = max(1, count // 2 + 1)
            month = 1 + s % 12
            blocks.append(
                f'[[source]]\nid = "s{s}"\ntitle = {q(sentence(rng, 7))}\n'
                f"publisher = {q(rng.choice(PUBLISHERS))}\n"
                f'published = "20{20 + s % 6}-{month:02d}"\nparagraphs = {paragraphs}\n'
            )
            for k in range(count):
                i = fact_no
                fact_no += 1
                cat = CATEGORIES[i % 4]
                para = 1 + (k % paragraphs)
                ents = sorted({f"e{rng.randrange(n_entities)}" for _ in range(rng.randint(1, 4))})
                lines = [
                    f'[[fact]]\nid = "f{i}"\ncategory = "{cat}"',
                    f"statement = {q(sentence(rng, rng.randint(10, 24)) + '.')}",
                    f"tags = [{', '.join(q(rng.choice(WORDS)) for _ in range(2))}]",
                    f"entities = [{', '.join(q(e) for e in ents)}]",
                    f'source = "s{s}"\nparagraphs = [{para}]',
                ]
                r = i % 10
                if r < 4:
                    if r == 0:
                        unit, value = rng.choice(CURRENCIES), rng.randrange(1, 900) * 1_000_000
                    elif r == 1:
                        unit, value = "percent", rng.randrange(1, 100)
                    elif r == 2:
                        unit, value = "ordinal", rng.randrange(1, 30)
                    else:
                        unit, value = rng.choice(NOUNS), rng.randrange(2, 5000)
                    lines.append(
                        f'figures = [{{ value = {value}, unit = "{unit}", '
                        f'qualifier = "{rng.choice(QUALIFIERS)}", about = {q(sentence(rng, 4))} }}]'
                    )
                d = i % 7
                year = 2000 + i % 40
                if d == 0:
                    lines.append(
                        f'date = {{ text = "Nov {1 + i % 28}", start = "{year}-11-'
                        f'{1 + i % 28:02d}", inferred = true, basis = "From the '
                        'publication month." }'
                    )
                elif d == 1:
                    lines.append(f'date = {{ text = "{year}", start = "{year}" }}')
                elif d == 2:
                    lines.append(
                        f'date = {{ text = "{year}-{(year + 4) % 100:02d}", start = '
                        f'"{year}", end = "{year + 4}" }}'
                    )
                elif d == 3:
                    lines.append(
                        f'date = {{ text = "before {year + 30}", start = '
                        f'"{year + 30}", qualifier = "before" }}'
                    )
                elif d == 4:
                    lines.append('date = { text = "in recent years" }')
                if i % 3 == 0:
                    lines.append(f'speaker = "e{(rng.randrange(n_entities) // 6) * 6}"')
                if i % 150 == 0:  # quoted facts have a speaker (i % 3 == 0)
                    lines.append(f"quote = {q(sentence(rng, 5))}")
                blocks.append("\n".join(lines) + "\n")
        (out / f"{group // per_file + 1:03d}-articles.toml").write_text(
            "\n".join(blocks), encoding="utf-8"
        )

    pairs = []
    for j in range(0, len(programmes) - 1, 2):
        if j // 2 >= max(1, n // 100):
            break
        pairs.append(
            f'[[alignment]]\nid = "a{j}"\nchina = "e{programmes[j]}"\n'
            f'kazakhstan = "e{programmes[j + 1]}"\ntheme = {q(sentence(rng, 5))}\n'
            f'facts = ["f{(j * 4 + 3) % n}"]\n'
        )
    synonyms = [
        '[[synonym]]\nterms = ["grain", "wheat"]\n',
        '[[synonym]]\nterms = ["tourism", "travel"]\n',
    ]
    (out / "999-alignment.toml").write_text("\n".join(pairs + synonyms), encoding="utf-8")


def generated(work: Path, n: int) -> Path:
    """The benchmarks' knowledge base of `n` facts in `work`, made on first use
    (the same seed and file count every time, so runs can share it)."""
    out = work / f"kb-{n}"
    if not (out / "000-entities.toml").exists():
        print(f"generating {n} facts in {out} ...", file=sys.stderr)
        generate(n, out, max(1, n // 400), seed=1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("facts", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--files",
        type=int,
        default=0,
        help="article files to spread sources over (default: about N/400)",
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.facts, args.out, args.files or max(1, args.facts // 400), args.seed)


if __name__ == "__main__":
    main()
