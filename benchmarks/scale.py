"""How sinokaz's cost grows with the knowledge base: 50 facts against N.

    python benchmarks/scale.py [--facts 100000] [--runs 5] [--work DIR]

Everything is measured in this one run and reported as ratios, because this
machine is shared and absolute times drift:

- each small-answer query (`search --limit 10`, `show`, `facts --entity`,
  `brief`) at N facts against the same query at 50: goal <= 2x in CPU time
  and <= 1.3x in peak memory; and the time to the first line of
  `trade --format jsonl` (wall time: it streams), goal <= 2x;
- the first run, which parses, validates and writes the index, against the
  bare loads of both kinds just before and after it: goal <= 2.5x a bare load
  file by file in CPU time, at a peak memory <= 1x a bare load that keeps
  what it read; and the same for the same knowledge written as one large
  file, which cannot be read a file at a time (a load of it keeps it all);
- for reference, with no goal: `trade --json` at N (about a quarter of the
  facts) against a bare load run right after it; tables for people; and
  adding one more article file, named to sort last, to an indexed knowledge
  base, then editing it: the index is extended, not rebuilt (against the same
  bare loads, and against the first run).

The bare load is measured two ways: file by file, dropping each result (the
least memory a parser needs), and keeping every file's result (what a
script that loads the knowledge and then queries it holds).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generated, landmarks  # noqa: E402

BARE = """
import sys, tomli
from pathlib import Path
keep = sys.argv[2] == "keep"
kept = []
for path in sorted(Path(sys.argv[1]).glob("*.toml")):
    with path.open("rb") as fh:
        doc = tomli.load(fh)
    if keep:
        kept.append(doc)
"""


# What starts each measured command, and reports its CPU time and peak memory.
# A process's peak memory (ru_maxrss) counts that of the process that started
# it: Linux notes the memory it shared before exec, which with vfork (which
# subprocess uses) is the starter's own peak. So a benchmark that had grown
# to 500 MB saw every command it started peak at 500 MB. This small starter
# forks (its copy is about 10 MB, below any command measured), waits, and
# writes the command's figures to the file descriptor it is given.
LAUNCH = """
import os, sys
fd, cmd = int(sys.argv[1]), sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.close(fd)
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
line = f"{os.waitstatus_to_exitcode(status)} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}"
os.write(fd, line.encode())
"""


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, peak RSS in MB) of one run of `cmd`."""
    read, write = os.pipe()
    try:
        launcher = [sys.executable, "-I", "-S", "-c", LAUNCH, str(write), *cmd]
        proc = subprocess.Popen(
            launcher, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, pass_fds=(write,)
        )
        os.close(write)
        write = -1
        err = proc.stderr.read().decode() if proc.stderr else ""
        proc.wait()
        with os.fdopen(read, "rb") as fh:
            read = -1
            code, cpu, rss = fh.read().split()
    finally:
        for fd in (read, write):
            if fd >= 0:
                os.close(fd)
    if proc.returncode != 0 or int(code) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err}")
    return float(cpu), int(rss) / 1024


def first_line(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds until the first line of output arrives."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.kill()
    proc.wait()
    return elapsed


def growing_copy(big: Path, work: Path) -> tuple[Path, Path]:
    """A folder of links to `big`'s files, and one more article beside it to add:
    the last article file with every id of its own renamed (and every mention of
    those ids; the records it shares with the others stay as they are), named to
    sort after every other file. Returns (folder, article)."""
    grow = work / f"{big.name}-growing"
    shutil.rmtree(grow, ignore_errors=True)
    grow.mkdir()
    for f in big.glob("*.toml"):
        os.link(f, grow / f.name)
    *others, last = sorted(big.glob("*.toml"))
    text = last.read_text(encoding="utf-8")
    # Its own records, not those it shares with the others (countries, units...).
    ids = re.compile(r'^id = "(.+)"$', flags=re.MULTILINE)
    shared = {i for f in others for i in ids.findall(f.read_text(encoding="utf-8"))}
    declared = set(ids.findall(text)) - shared
    renamed = re.sub(
        r'"([a-z0-9][a-z0-9._-]*)"',
        lambda m: f'"{m[1]}-added"' if m[1] in declared else m[0],
        text,
    )
    article = work / "zzz-added-article.toml"
    article.write_text(renamed, encoding="utf-8")
    return grow, article


def one_file(big: Path, work: Path) -> Path:
    """A folder holding `big`'s files end to end as one file (they hold only
    [[records]] and comments, so the whole is valid TOML)."""
    one = work / f"{big.name}-one-file"
    whole = one / "all.toml"
    if not whole.exists():
        one.mkdir(exist_ok=True)
        with whole.open("wb") as out:
            for f in sorted(big.glob("*.toml")):
                out.write(f.read_bytes())
    return one


def _met(ratios: dict[str, float], goal: float) -> str:
    """Which of `ratios` are over `goal`, said shortly."""
    over = [name for name, r in ratios.items() if r > goal]
    return "all within" if not over else "over: " + ", ".join(over)


def options(doc: str, runs: int) -> tuple[argparse.Namespace, Path]:
    """The options the benchmarks over generated knowledge share, and the folder
    to work in (a new one unless --work names one)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--work", type=Path, help="where to keep the generated data (reused)")
    args = parser.parse_args()
    return args, args.work or Path(tempfile.mkdtemp(prefix="sinokaz-bench-"))


def main() -> None:
    args, work = options(__doc__, runs=5)
    small, big = generated(work, 50), generated(work, args.facts)
    # The first article is the same at any size: its fact, person and words are
    # in both knowledge bases, and the answers stay small in both.
    marks = landmarks(small)
    if landmarks(big) != marks:
        raise SystemExit(f"{small} and {big} do not start with the same article")
    size_mb = sum(p.stat().st_size for p in big.glob("*.toml")) / 1e6

    py = sys.executable
    dropped = ("SINOKAZ_DATA", "PYTHONDONTWRITEBYTECODE")  # measure with bytecode cached
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["SINOKAZ_CACHE_DIR"] = str(work / "cache")

    def sk(data: Path, *rest: str) -> list[str]:
        return [py, "-m", "sinokaz_cli", "--data", str(data), *rest]

    Sample = tuple[float, float]

    def first_runs(
        data: Path, modes: tuple[str, ...]
    ) -> tuple[list[Sample], dict[str, list[Sample]], dict[str, list[float]]]:
        """First runs on `data` (an empty cache for it, so each parses, validates
        and indexes), each between bare loads of each mode ("drop", "keep") and
        compared with the mean of the two beside it: this machine's speed can
        swing by half within a minute, and a ratio of neighbours is steadier
        than a ratio of medians taken minutes apart. Returns the runs, and per
        mode the loads and the ratios."""
        firsts: list[Sample] = []
        loads: dict[str, list[Sample]] = {m: [] for m in modes}
        ratios: dict[str, list[float]] = {m: [] for m in modes}
        for _ in range(max(1, args.runs // 2)):
            for index in (work / "cache").glob("*.sqlite"):
                index.unlink()
            before = [run([py, "-c", BARE, str(data), m], env) for m in modes]
            firsts.append(run(sk(data, "trade", "--json"), env))
            after = [run([py, "-c", BARE, str(data), m], env) for m in reversed(modes)][::-1]
            for m, b, a in zip(modes, before, after, strict=True):
                loads[m] += [b, a]
                ratios[m].append(firsts[-1][0] / ((b[0] + a[0]) / 2))
        return firsts, loads, ratios

    # The same knowledge as one large file, which cannot be read file by file,
    # against a bare load of it: that keeps all it read, as any load of it must.
    one = one_file(big, work)
    one_firsts, one_loads, one_ratios = first_runs(one, ("keep",))
    firsts, loads, first_ratios = first_runs(big, ("drop", "keep"))
    bare_drop, bare_keep, one_bare = loads["drop"], loads["keep"], one_loads["keep"]
    run(sk(small, "trade", "--json"), env)  # index the small one too

    # Adding an article: the growing copy's index is saved once and put back
    # before each run, so that each run extends the same index by one file.
    grow, article = growing_copy(big, work)
    indexes = set((work / "cache").glob("*.sqlite"))
    run(sk(grow, "show", marks.fact, "--json"), env)
    (grown_index,) = set((work / "cache").glob("*.sqlite")) - indexes
    saved = work / "growing-index.sqlite"
    shutil.copyfile(grown_index, saved)
    adds, add_ratios, edits, edit_ratios = [], [], [], []
    for _ in range(max(1, args.runs // 2)):
        (grow / article.name).unlink(missing_ok=True)
        shutil.copyfile(saved, grown_index)
        shutil.copyfile(article, grow / article.name)
        before = run([py, "-c", BARE, str(big), "drop"], env)
        adds.append(run(sk(grow, "show", marks.fact, "--json"), env))
        # Then an edit to it, as when the article is being written: the index kept
        # from before it was added is extended again.
        with (grow / article.name).open("a", encoding="utf-8") as fh:
            fh.write("# edited\n")
        edits.append(run(sk(grow, "show", marks.fact, "--json"), env))
        after = run([py, "-c", BARE, str(big), "drop"], env)
        add_ratios.append(adds[-1][0] / ((before[0] + after[0]) / 2))
        edit_ratios.append(edits[-1][0] / ((before[0] + after[0]) / 2))
    shutil.rmtree(grow)
    for index in grown_index.parent.glob(grown_index.stem + ".*"):  # and the one kept before it
        index.unlink()

    queries = {
        "search ... --limit 10": ("search", marks.query, "--limit", "10", "--json"),
        "show ID": ("show", marks.fact, "--json"),
        "facts --entity X": ("facts", "--entity", marks.entity, "--json"),
        "brief": ("brief", "--json"),
        # Not among the goals; shown for reference: a topic's every fact,
        # and tables for people, which stop after 100 rows (the topic's summary
        # still reads all its facts).
        "trade --json": ("trade", "--json"),
        "trade --format table": ("trade", "--format", "table"),
        "timeline --format table": ("timeline", "--format", "table"),
    }
    reference = {"trade --json", "trade --format table", "timeline --format table"}
    results: dict[str, dict[str, list[tuple[float, float]]]] = {
        q: {"50": [], "N": []} for q in queries
    }
    trade_ratios = []  # trade --json at N against a bare load in the same round
    for _ in range(args.runs):  # alternate sizes and queries so drift hits all alike
        for name, q in queries.items():
            results[name]["50"].append(run(sk(small, *q), env))
            results[name]["N"].append(run(sk(big, *q), env))
            if name == "trade --json":
                bare = run([py, "-c", BARE, str(big), "drop"], env)
                trade_ratios.append(results[name]["N"][-1][0] / bare[0])
    jsonl = {"50": [], "N": []}  # type: dict[str, list[float]]
    for _ in range(args.runs):
        jsonl["50"].append(first_line(sk(small, "trade", "--format", "jsonl"), env))
        jsonl["N"].append(first_line(sk(big, "trade", "--format", "jsonl"), env))

    def med(samples: list[tuple[float, float]], i: int) -> float:
        return statistics.median(s[i] for s in samples)

    bare_cpu, bare_keep_cpu = med(bare_drop, 0), med(bare_keep, 0)
    print(
        f"N = {args.facts} facts ({size_mb:.0f} MB of TOML in {len(list(big.glob('*.toml')))} "
        f"files); medians of {args.runs} alternating runs; CPU time, peak RSS"
    )
    print(f"  bare tomli.load, file by file:  {bare_cpu:7.2f} s  {med(bare_drop, 1):6.0f} MB")
    print(f"  bare tomli.load, keeping all:   {bare_keep_cpu:7.2f} s  {med(bare_keep, 1):6.0f} MB")
    print(f"  first run (parse+index), trade: {med(firsts, 0):7.2f} s  {med(firsts, 1):6.0f} MB")
    print(f"  adding an article, show ID:     {med(adds, 0):7.2f} s  {med(adds, 1):6.0f} MB")
    print(f"  then editing it, show ID:       {med(edits, 0):7.2f} s  {med(edits, 1):6.0f} MB")
    print()
    print(f"  {'query':24} {'50 facts':>10} {'N facts':>10} {'time N/50':>10} {'mem N/50':>9}")
    for name in queries:
        a, b = results[name]["50"], results[name]["N"]
        print(
            f"  {name:24} {med(a, 0) * 1000:8.0f}ms {med(b, 0) * 1000:8.0f}ms "
            f"{med(b, 0) / med(a, 0):9.2f}x {med(b, 1) / med(a, 1):8.2f}x"
            f"{'   (reference)' if name in reference else ''}"
        )
    fl50, flN = statistics.median(jsonl["50"]), statistics.median(jsonl["N"])
    print(
        f"  {'trade jsonl, first line':24} {fl50 * 1000:8.0f}ms {flN * 1000:8.0f}ms "
        f"{flN / fl50:9.2f}x {'(wall)':>9}"
    )
    print(f"  (ID is {marks.fact}, X is {marks.entity}, the search is for {marks.query!r})")
    print()
    print("ratios against the goals:")
    small_q = [q for q in queries if q not in reference]
    times = {q: med(results[q]["N"], 0) / med(results[q]["50"], 0) for q in small_q}
    times["trade jsonl, first line"] = flN / fl50
    mems = {q: med(results[q]["N"], 1) / med(results[q]["50"], 1) for q in small_q}
    slowest, heaviest = max(times, key=times.__getitem__), max(mems, key=mems.__getitem__)
    print(
        f"  small-answer query, N vs 50, time (worst):   {times[slowest]:5.2f}x   goal <= 2x"
        f"     ({slowest}; {_met(times, 2)})"
    )
    print(
        f"  small-answer query, N vs 50, memory (worst): {mems[heaviest]:5.2f}x   goal <= 1.3x"
        f"   ({heaviest}; {_met(mems, 1.3)})"
    )
    drop, keep = first_ratios["drop"], first_ratios["keep"]
    print(
        f"  first run vs bare load (file by file):       {statistics.median(drop):5.2f}x   "
        f"goal <= 2.5x   (each run against the loads beside it; "
        f"{min(drop):.2f}x to {max(drop):.2f}x)"
    )
    print(
        f"  first run memory vs bare load, keeping all:  "
        f"{med(firsts, 1) / med(bare_keep, 1):5.2f}x   goal <= 1x"
    )
    # For reference: a load that keeps what it read takes longer too.
    print(
        f"  (first run vs bare load, keeping all:        {statistics.median(keep):5.2f}x   "
        f"{min(keep):.2f}x to {max(keep):.2f}x)"
    )
    print(
        f"  (first run memory vs bare load, by file:     "
        f"{med(firsts, 1) / med(bare_drop, 1):5.2f}x)"
    )
    print(
        f"  (trade --json vs bare load, file by file:    "
        f"{statistics.median(trade_ratios):5.2f}x   each against a load run just after it; "
        f"{min(trade_ratios):.2f}x to {max(trade_ratios):.2f}x)"
    )
    one_mb = (one / "all.toml").stat().st_size / 1e6
    print()
    print(f"the same knowledge as one {one_mb:.0f} MB file (first run against a bare load of it):")
    print(
        f"  bare tomli.load:                {med(one_bare, 0):7.2f} s  {med(one_bare, 1):6.0f} MB"
    )
    print(
        f"  first run (parse+index), trade: {med(one_firsts, 0):7.2f} s  "
        f"{med(one_firsts, 1):6.0f} MB"
    )
    print(
        f"  first run vs bare load:                   {statistics.median(one_ratios['keep']):5.2f}x"
        f"   goal <= 2.5x   ({min(one_ratios['keep']):.2f}x to {max(one_ratios['keep']):.2f}x)"
    )
    print(
        f"  first run memory vs bare load:            "
        f"{med(one_firsts, 1) / med(one_bare, 1):5.2f}x   goal <= 1x"
    )
    print()
    facts_added = article.read_text(encoding="utf-8").count("[[fact]]")
    print(f"adding an article ({facts_added} facts in a file that sorts last; no goal set):")
    print(
        f"  against a bare load (file by file):       {statistics.median(add_ratios):5.2f}x   "
        f"({min(add_ratios):.2f}x to {max(add_ratios):.2f}x)"
    )
    print(f"  against the first run (a full rebuild):   {med(adds, 0) / med(firsts, 0):5.2f}x")
    print(
        f"  then editing it, against a bare load:     {statistics.median(edit_ratios):5.2f}x   "
        f"({min(edit_ratios):.2f}x to {max(edit_ratios):.2f}x)"
    )


if __name__ == "__main__":
    main()
