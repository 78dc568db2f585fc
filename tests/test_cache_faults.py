"""Faults in the cache never cost an answer (issue #21).

Each case damages the cache the way an operations engineer found it damaged,
or kills a run at a named step of writing it (tests/killed.py), on generated
knowledge. Every run after that must give the answer `--no-cache` gives,
with at most one warning line, and so must every run after it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sinokaz_cli.index import sealed, where
from sinokaz_cli.index.format import RACY_NS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate  # noqa: E402

HERE = Path(__file__).resolve().parent
KILLED = HERE / "killed.py"
SRC = HERE.parent / "src" / "sinokaz_cli"
Done = subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("generated") / "kb"
    generate(600, data, files=3, seed=21)
    return data


@pytest.fixture
def kb(generated: Path, tmp_path: Path) -> Path:
    """A fresh copy of the generated knowledge (its files just written)."""
    return Path(shutil.copytree(generated, tmp_path / "kb"))


def sinokaz(
    cache: Path, *args: str, kill: tuple[str, str] | None = None, wrap: list[str] | None = None
) -> Done:
    """One real run; killed at step kill[0] by signal kill[1] when given."""
    launcher = [str(KILLED), *kill] if kill else ["-m", "sinokaz_cli"]
    return subprocess.run(
        [*(wrap or []), sys.executable, *launcher, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SINOKAZ_CACHE_DIR": str(cache)},
        check=False,
    )


def answered(done: Done, direct: Done, warning: str | None = None) -> None:
    """`done` gave the files' answer, warning as said (a start of the line) or not at all."""
    assert (done.returncode, done.stdout) == (direct.returncode, direct.stdout), done.stderr
    if warning is None:
        assert done.stderr == direct.stderr
    else:
        assert done.stderr.startswith(f"sinokaz: warning: {warning}"), done.stderr
        assert done.stderr.count("\n") == 1, done.stderr


def leftovers(cache: Path) -> list[str]:
    """Temporary files (and links) in the cache folder."""
    return sorted(p.name for p in cache.iterdir() if p.name.startswith("."))


def index_of(kb: Path, cache: Path) -> Path:
    """The index of `kb` in the cache folder `cache`."""
    return cache / where.index_path(kb).name


def settled_after(kb: Path) -> None:
    """Wait until every file of `kb` was last changed longer ago than the racy window."""
    last = max(max(p.stat().st_mtime, p.stat().st_ctime) for p in kb.iterdir())
    time.sleep(max(0.0, last + RACY_NS / 1e9 + 0.1 - time.time()))


def kill_points() -> set[str]:
    """Every step the tool names in writing the cache."""
    import re

    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        found.update(re.findall(r'points\.reached\("([a-z-]+)"\)', path.read_text("utf-8")))
    return found


SETTLE_POINTS = ["temporary", "settle-write", "settle-seal", "put-in-place", "placed"]
BUILD_POINTS = ["temporary", "seal", "put-in-place", "placed"]
EXTEND_POINTS = ["temporary", "seal", "keep-previous", "put-in-place", "placed"]


def test_every_kill_point_is_tested() -> None:
    assert kill_points() == {*SETTLE_POINTS, *BUILD_POINTS, *EXTEND_POINTS}


# ─── fault 1: the index updated in place, killed ───────────────────────────


def ready_to_settle(kb: Path, cache: Path, args: tuple[str, ...]) -> tuple[Done, bytes]:
    """The files' answer, and the index of a fresh copy of `kb` as first written,
    once its files have stood long enough that the next run settles them."""
    direct = sinokaz(cache, "--no-cache", *args)
    answered(sinokaz(cache, *args), direct)
    before = index_of(kb, cache).read_bytes()
    settled_after(kb)
    return direct, before


def test_a_run_killed_at_any_step_of_settling_leaves_a_usable_index(
    kb: Path, tmp_path: Path
) -> None:
    """Two seconds after indexing a fresh copy, the next run records that its
    files have settled. Killed at any step of that, by SIGKILL or SIGTERM, it
    leaves the old index or the new one: the next run answers with no warning,
    and removes what the killed one left."""
    cache = tmp_path / "cache"
    args = ("--data", str(kb), "trade", "--json")
    direct, before = ready_to_settle(kb, cache, args)
    for point in SETTLE_POINTS:
        for how in ("KILL", "TERM"):
            index_of(kb, cache).write_bytes(before)  # not yet settled, every time
            killed = sinokaz(cache, *args, kill=(point, how))
            assert killed.returncode == -getattr(signal, f"SIG{how}"), (point, killed.stderr)
            answered(sinokaz(cache, *args), direct)
            assert leftovers(cache) == [], point
            answered(sinokaz(cache, *args), direct)
            assert index_of(kb, cache).read_bytes() != before  # settled by then


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
def test_the_issue_repro_under_strace(kb: Path, tmp_path: Path) -> None:
    """The issue's repro, and kills at the system calls that make a write last
    (the tool makes none: the checksum stands in for them) and put it in place."""
    cache = tmp_path / "cache"
    args = ("--data", str(kb), "trade", "--json")
    direct, before = ready_to_settle(kb, cache, args)
    for inject in (
        "fdatasync:signal=SIGTERM:when=4",  # the issue's
        "fsync,fdatasync:signal=SIGKILL:when=1",
        "rename,renameat,renameat2:signal=SIGKILL:when=1",
    ):
        index_of(kb, cache).write_bytes(before)  # not yet settled, every time
        strace = ["strace", "-f", "-qq", "-o", os.devnull, "-e", f"inject={inject}"]
        injected = sinokaz(cache, *args, wrap=strace)
        if injected.returncode == 0:  # nothing to inject into: it answered
            answered(injected, direct)
        for _ in range(2):
            answered(sinokaz(cache, *args), direct)
        assert leftovers(cache) == [], inject


HOT_JOURNAL = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 2")
conn.execute("BEGIN")
conn.execute("UPDATE facts SET rec = rec || x'00'")
os._exit(0)  # mid-transaction: its journal is left hot
"""


def test_a_hot_journal_beside_the_index_is_never_played_into_it(kb: Path, tmp_path: Path) -> None:
    """A journal left beside the index (by an older version killed while it wrote
    the index in place, or by another program) is never read, and is removed
    before a new index is renamed into place: SQLite would otherwise play the old
    file's pages back into the new one."""
    cache = tmp_path / "cache"
    args = ("--data", str(kb), "facts", "--json")
    direct = sinokaz(cache, "--no-cache", *args)
    answered(sinokaz(cache, *args), direct)
    index = index_of(kb, cache)
    other = tmp_path / "other.sqlite"
    shutil.copyfile(index, other)
    subprocess.run([sys.executable, "-c", HOT_JOURNAL, str(other)], check=True)
    journal = Path(f"{index}-journal")
    os.replace(f"{other}-journal", journal)
    assert journal.stat().st_size > 0
    for _ in range(2):
        answered(sinokaz(cache, *args), direct)
    # A change to a file: the index is rebuilt, and the journal goes first.
    first = sorted(kb.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    answered(sinokaz(cache, *args), direct)
    assert not journal.exists()
    answered(sinokaz(cache, *args), direct)


# ─── faults 2, 3 and 4: a damaged index, or none at all ─────────────────────

DAMAGED = "damaged (its checksum does not match its content)"


def set_aside(
    kb: Path, cache: Path, args: tuple[str, ...], damage: Callable[[Path], None], why: str
) -> None:
    """Index `kb`, `damage` the index, then: one warning saying `why` and the
    files' answer; then no warning (it was rebuilt) and the same answer."""
    args = ("--data", str(kb), *args)
    direct = sinokaz(cache, "--no-cache", *args)
    answered(sinokaz(cache, *args), direct)
    index = index_of(kb, cache)
    damage(index)
    answered(sinokaz(cache, *args), direct, f"ignoring the index {index}: {why}; rebuilding it")
    answered(sinokaz(cache, *args), direct)


def test_a_zeroed_page_is_found_before_the_first_byte(kb: Path, tmp_path: Path) -> None:
    """64 KiB of zeros in the middle of the index used to end `trade --json`
    after most of its answer, with exit 1, on every run."""

    def zeros(index: Path) -> None:
        with index.open("r+b") as fh:
            fh.seek(index.stat().st_size // 2)
            fh.write(bytes(65536))

    set_aside(kb, tmp_path / "cache", ("trade", "--json"), zeros, DAMAGED)


def test_a_flipped_bit_in_a_stored_statement_is_found(kb: Path, tmp_path: Path) -> None:
    """A statement's "23%" read back as "93%", with no warning, before."""
    cache = tmp_path / "cache"
    facts = json.loads(sinokaz(cache, "--no-cache", "--data", str(kb), "facts", "--json").stdout)
    fact = next(f for f in facts if any(g["unit"] == "percent" for g in f["figures"]))

    def flip(index: Path) -> None:
        data = bytearray(index.read_bytes())
        data[data.index(fact["statement"].encode())] ^= 0x08  # a bit of its first letter
        index.write_bytes(data)

    set_aside(kb, cache, ("show", fact["id"], "--json"), flip, DAMAGED)


def test_an_empty_index_is_empty_not_another_version(kb: Path, tmp_path: Path) -> None:
    def empty(index: Path) -> None:
        index.write_bytes(b"")

    set_aside(kb, tmp_path / "cache", ("sources", "--json"), empty, "the file is empty")


def test_damage_under_an_unchanged_stat_fails_once_and_is_rebuilt(
    kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a disk or memory fault does: the index damaged while its stat stays as
    a run checked it (made here by noting the damaged file as checked). The run
    that meets the damage cannot take back what it wrote; it says so in one line,
    exits 6 (not 1), and removes the index, so that the next run rebuilds it
    instead of failing the same way."""
    cache = tmp_path / "cache"
    args = ("--data", str(kb), "trade", "--json")
    direct = sinokaz(cache, "--no-cache", *args)
    answered(sinokaz(cache, *args), direct)
    index = index_of(kb, cache)
    size = index.stat().st_size
    with index.open("r+b") as fh:
        fh.seek(size // 4)
        fh.write(bytes(size // 2))
    later = time.time_ns() + 60_000_000_000
    with monkeypatch.context() as m:
        m.setattr(sealed.time, "time_ns", lambda: later)
        sealed._vouch(index, index.stat())
    failed = sinokaz(cache, *args)
    assert failed.returncode == 6, failed.stderr
    assert failed.stderr.startswith(f"sinokaz: the index {index} failed while answering (")
    assert failed.stderr.endswith("); it is removed, and the next run rebuilds it\n")
    assert failed.stderr.count("\n") == 1
    assert not index.exists()
    for _ in range(2):
        answered(sinokaz(cache, *args), direct)


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@needs_fifo
def test_a_fifo_at_the_index_path_is_unusable_not_a_hang(kb: Path, tmp_path: Path) -> None:
    def fifo(index: Path) -> None:
        index.unlink()
        os.mkfifo(index)

    set_aside(kb, tmp_path / "cache", ("trade", "--json"), fifo, "not a regular file")


@needs_fifo
def test_a_fifo_as_the_journal_or_a_temporary_file_is_never_opened(
    kb: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    args = ("--data", str(kb), "trade", "--json")
    direct = sinokaz(cache, "--no-cache", *args)
    answered(sinokaz(cache, *args), direct)
    journal = Path(f"{index_of(kb, cache)}-journal")
    os.mkfifo(journal)
    os.mkfifo(cache / f".{index_of(kb, cache).name}.0123456789abcdef.tmp")
    answered(sinokaz(cache, *args), direct)
    index_of(kb, cache).unlink()  # the next run writes one, and clears the way first
    answered(sinokaz(cache, *args), direct)
    assert not journal.exists()
    assert leftovers(cache) == []


def _grown(kb: Path, cache: Path, args: tuple[str, ...]) -> tuple[Path, Done]:
    """`kb` indexed without its last file, that file then added (the index is
    extended, the one before kept as .previous); the last file and the answer."""
    last = sorted(kb.iterdir())[-1]
    aside = last.with_name("aside")
    last.rename(aside)
    assert sinokaz(cache, *args).returncode == 0
    aside.rename(last)
    direct = sinokaz(cache, "--no-cache", *args)
    return last, direct


@needs_fifo
def test_a_fifo_as_the_kept_previous_index_is_unusable_not_a_hang(kb: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ("--data", str(kb), "policy", "--pairs", "--json")
    last, direct = _grown(kb, cache, args)
    answered(sinokaz(cache, *args), direct)  # extended: .previous kept
    previous = where.previous_path(index_of(kb, cache))
    previous.unlink()
    os.mkfifo(previous)
    with last.open("a", encoding="utf-8") as fh:  # an edit to the file just added
        fh.write("# edited\n")
    answered(
        sinokaz(cache, *args),
        direct,
        f"ignoring the index {previous}: not a regular file; rebuilding it",
    )
    answered(sinokaz(cache, *args), direct)


# ─── fault 5: an edit that keeps size and mtime ─────────────────────────────


@pytest.mark.skipif(shutil.which("tar") is None, reason="needs tar")
def test_a_reproducible_tarball_extracted_over_the_folder_is_seen(kb: Path, tmp_path: Path) -> None:
    """Version 2 differs from version 1 in one digit of a figure; both tarballs
    are made with one fixed --mtime, so size and mtime match on extraction."""
    cache = tmp_path / "cache"
    facts = json.loads(sinokaz(cache, "--no-cache", "--data", str(kb), "facts", "--json").stdout)
    figure = next(g for f in facts for g in f["figures"] if g["unit"] == "percent")
    v1, v2 = tmp_path / "v1.tar", tmp_path / "v2.tar"
    fixed = ["--mtime=@1600000000", "--sort=name", "--owner=0", "--group=0", "--numeric-owner"]
    subprocess.run(["tar", "-cf", v1, *fixed, "-C", kb, "."], check=True)
    edited = tmp_path / "edit"
    shutil.copytree(kb, edited)
    value = f"value = {figure['value']},"
    other = f"value = {(figure['value'] + 1) % 10 + 10 * (figure['value'] // 10)},"
    assert len(other) == len(value)
    for path in edited.iterdir():
        text = path.read_text(encoding="utf-8")
        if value in text:
            path.write_text(text.replace(value, other, 1), encoding="utf-8")
            break
    subprocess.run(["tar", "-cf", v2, *fixed, "-C", edited, "."], check=True)
    subprocess.run(["tar", "-xf", v1, "-C", kb], check=True)
    args = ("--data", str(kb), "facts", "--json")
    first = sinokaz(cache, "--no-cache", *args)
    answered(sinokaz(cache, *args), first)
    settled_after(kb)
    answered(sinokaz(cache, *args), first)  # its files settled: their stat is trusted now
    before = {p.name: p.stat() for p in kb.iterdir()}
    subprocess.run(["tar", "-xf", v2, "-C", kb], check=True)
    after = {p.name: p.stat() for p in kb.iterdir()}
    assert {n: (s.st_size, s.st_mtime_ns) for n, s in before.items()} == {
        n: (s.st_size, s.st_mtime_ns) for n, s in after.items()
    }
    second = sinokaz(cache, "--no-cache", *args)
    assert second.stdout != first.stdout
    for _ in range(2):
        answered(sinokaz(cache, *args), second)


# ─── fault 6: temporary files and the kept previous index ───────────────────


def recovers_from_a_kill(cache: Path, args: tuple[str, ...], point: str, direct: Done) -> None:
    """A run killed at `point`; then the files' answer, no warning, nothing left over."""
    assert sinokaz(cache, *args, kill=(point, "KILL")).returncode == -signal.SIGKILL
    answered(sinokaz(cache, *args), direct)
    assert leftovers(cache) == []
    answered(sinokaz(cache, *args), direct)


@pytest.mark.parametrize("point", BUILD_POINTS)
def test_a_build_killed_at_any_step_leaves_a_usable_cache(
    kb: Path, tmp_path: Path, point: str
) -> None:
    cache = tmp_path / "cache"
    args = ("--data", str(kb), "brief", "--json")
    recovers_from_a_kill(cache, args, point, sinokaz(cache, "--no-cache", *args))


@pytest.mark.parametrize("point", EXTEND_POINTS)
def test_an_extension_killed_at_any_step_leaves_a_usable_cache(
    kb: Path, tmp_path: Path, point: str
) -> None:
    cache = tmp_path / "cache"
    args = ("--data", str(kb), "sources", "--json")
    recovers_from_a_kill(cache, args, point, _grown(kb, cache, args)[1])


def test_runs_at_once_extending_one_index_keep_that_index_as_previous(
    kb: Path, tmp_path: Path
) -> None:
    """Eight runs extend the same index at once: whichever finishes first keeps the
    index they all extended, and none replaces it with its own extension, so the
    next edit of the added file extends it again instead of rebuilding."""
    cache = tmp_path / "cache"
    args = ("--data", str(kb), "sources", "--json")
    last, direct = _grown(kb, cache, args)
    first = os.stat(index_of(kb, cache))  # the index they all extend
    env = {**os.environ, "SINOKAZ_CACHE_DIR": str(cache)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "sinokaz_cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for _ in range(8)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(out == (direct.stdout, "") for out in outs)
    kept = os.stat(where.previous_path(index_of(kb, cache)))
    assert (kept.st_dev, kept.st_ino) == (first.st_dev, first.st_ino)
    with last.open("a", encoding="utf-8") as fh:
        fh.write("# edited\n")
    answered(sinokaz(cache, *args), direct)
    kept = os.stat(where.previous_path(index_of(kb, cache)))  # extended again, so still kept
    assert (kept.st_dev, kept.st_ino) == (first.st_dev, first.st_ino)
    assert leftovers(cache) == []
