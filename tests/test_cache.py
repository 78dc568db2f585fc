"""The on-disk index: used when fresh, never wrong, never in the way."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sinokaz_cli.index import fresh, opening, sealed, where
from sinokaz_cli.index.indexed import IndexedKB
from sinokaz_cli.reading import load

from conftest import MINI, SHIPPED, Run, as_json, locked_elsewhere


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    path = tmp_path / "kb.toml"
    shutil.copy(MINI, path)
    return path


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(files: object) -> None:
        raise AssertionError("parsed the files although the index was fresh")

    monkeypatch.setattr(load, "load_files", refuse)


def test_first_run_writes_the_index_and_later_runs_use_it(
    run: Run, cache: Path, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("--data", str(kb), "facts", "--json")
    assert first.stderr == ""
    assert [p.name for p in cache.iterdir()] == [where.index_path(kb).name]
    _no_parsing(monkeypatch)
    second = run("--data", str(kb), "facts", "--json")
    assert second.stdout == first.stdout


COMMANDS = [
    ["trade", "--json"],
    ["tourism"],
    ["dialogue", "-f", "table"],
    ["policy", "-f", "markdown"],
    ["policy", "--pairs", "--json"],
    ["facts", "--tag", "cars"],
    ["facts", "-e", "nurgaliyeva"],
    ["show", "ciie-kazakh-companies", "--json"],
    ["search", "tsingtau", "beer", "--json"],
    ["search", "zzqqx"],
    ["entities", "-k", "person"],
    ["entity", "cca-dialogue-2", "--json"],
    ["timeline", "-f", "table"],
    ["sources", "--json"],
    ["brief"],
    ["brief", "--json"],
    ["brief", "--topic", "trade", "-f", "table"],
    ["facts", "--tag", "car"],
    ["facts", "--tag", "Company", "-t", "visas", "--json"],
    ["facts", "-e", "Madina Nurgaliyeva", "-e", "import expo"],
    ["show", "nope"],
    ["show", "CIIE-CONTRACTS-TOTAL", "--json"],
    ["entity", "Madina Nurgaliyeva", "-f", "table"],
    ["entity", "import expo", "--json"],
    ["entity", "party"],
    ["entity", "Madina Nurgalieva"],
    ["tags", "--json"],
    ["tags", "--category", "trade", "-c", "policy", "-f", "table"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_index_answers_exactly_as_the_files_do(
    run: Run, cache: Path, command: list[str]
) -> None:
    direct = run("--no-cache", *command)
    run(*command)  # writes the index
    indexed = run(*command)
    assert (indexed.exit_code, indexed.stdout, indexed.stderr) == (
        direct.exit_code,
        direct.stdout,
        direct.stderr,
    )


def test_no_cache_neither_reads_nor_writes(
    run: Run, cache: Path, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--no-cache", "--data", str(kb), "trade").exit_code == 0
    assert not cache.exists()
    run("--data", str(kb), "trade")  # now an index exists...

    def refuse(*args: object) -> None:
        raise AssertionError("opened the index under --no-cache")

    monkeypatch.setattr(sealed, "open_index", refuse)
    assert run("--no-cache", "--data", str(kb), "trade").exit_code == 0  # ...and is ignored


def _facts(run: Run, kb: Path) -> list[dict[str, object]]:
    return as_json(run("--data", str(kb), "facts", "--json"))  # type: ignore[no-any-return]


def test_an_edit_is_seen(run: Run, cache: Path, kb: Path) -> None:
    _facts(run, kb)
    kb.write_text(
        kb.read_text(encoding="utf-8").replace(
            "The forum met in Astana.", "The forum met in Almaty, again."
        ),
        encoding="utf-8",
    )
    assert "The forum met in Almaty, again." in [f["statement"] for f in _facts(run, kb)]


def test_a_same_size_edit_with_the_same_mtime_is_seen(run: Run, cache: Path, kb: Path) -> None:
    """What a coarse clock or a quick second save looks like: size, mtime and inode unchanged."""
    _facts(run, kb)
    _edit_keeping_size_and_mtime(kb)
    assert "The forum met in Astanb." in [f["statement"] for f in _facts(run, kb)]


def _edit_keeping_size_and_mtime(kb: Path) -> os.stat_result:
    """Change a word of `kb` in place (the same inode), put its mtime back, and
    return its stat from before."""
    before = kb.stat()
    text = kb.read_text(encoding="utf-8")
    assert "The forum met in Astana." in text
    with kb.open("r+", encoding="utf-8") as fh:
        fh.write(text.replace("The forum met in Astana.", "The forum met in Astanb."))
    os.utime(kb, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = kb.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    return before


def test_an_old_untouched_file_is_trusted_without_reading_it(
    cache: Path, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Indexed a minute after the file was last changed (its ctime, which no tool
    # can set back: setting its mtime to 2020 would change its ctime to now).
    later = fresh.time.time_ns() + 60_000_000_000
    with monkeypatch.context() as m:
        m.setattr(fresh.time, "time_ns", lambda: later)
        opening.open_kb(str(kb))
    real = Path.read_bytes

    def counting(self: Path) -> bytes:
        assert self != kb, "re-read a file whose stat had not changed"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    assert isinstance(opening.open_kb(str(kb)), IndexedKB)


def test_an_edit_that_puts_size_and_mtime_back_is_seen_by_its_ctime(
    cache: Path, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What extracting a reproducible tarball (a fixed --mtime) of a new version
    over the folder does: the same inode, size and mtime, other content. Long
    after indexing, when the stat alone is trusted, only the ctime shows it."""
    later = fresh.time.time_ns() + 60_000_000_000
    with monkeypatch.context() as m:
        m.setattr(fresh.time, "time_ns", lambda: later)  # indexed long after the last change
        opening.open_kb(str(kb))
    time.sleep(0.02)  # past the kernel's clock tick, which ctime is taken from
    before = _edit_keeping_size_and_mtime(kb)
    assert kb.stat().st_ctime_ns != before.st_ctime_ns
    with monkeypatch.context() as m:
        m.setattr(fresh.time, "time_ns", lambda: later + 60_000_000_000)
        statements = [f.statement for f in opening.open_kb(str(kb)).facts]
    assert "The forum met in Astanb." in statements


def test_a_file_indexed_as_soon_as_written_is_hashed_until_it_settles(
    cache: Path, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Racy git: a file written just before indexing is compared by content, and
    once it has been unchanged for longer than the clock can blur, the index is
    told so and later runs trust its stat (as after `pip install`, say)."""
    now = fresh.time.time_ns()
    os.utime(kb, ns=(now, now))
    opening.open_kb(str(kb))
    real = Path.read_bytes
    reads: list[Path] = []

    def counting(self: Path) -> bytes:
        reads.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    assert isinstance(opening.open_kb(str(kb)), IndexedKB)
    assert reads == [kb]  # still within the racy window: compared, not settled
    later = now + 10 * fresh.RACY_NS
    monkeypatch.setattr(fresh.time, "time_ns", lambda: later)
    assert isinstance(opening.open_kb(str(kb)), IndexedKB)
    assert reads == [kb, kb]  # compared once more, and settled
    assert isinstance(opening.open_kb(str(kb)), IndexedKB)
    assert reads == [kb, kb]  # trusted by its stat from now on
    text = kb.read_text(encoding="utf-8")
    kb.write_text(text.replace("The forum met in Astana.", "The forum met in Astanb."), "utf-8")
    os.utime(kb, ns=(later, later))
    statements = [f.statement for f in opening.open_kb(str(kb)).facts]
    assert "The forum met in Astanb." in statements  # and an edit is still seen


def test_files_added_to_or_removed_from_a_folder_are_seen(
    run: Run, cache: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "kbdir"
    folder.mkdir()
    shutil.copy(MINI, folder / "a.toml")
    assert len(_facts(run, folder)) == 5
    (folder / "b.toml").write_text(
        '[[fact]]\nid = "extra"\ncategory = "trade"\nstatement = "x"\n'
        'source = "src-a"\nparagraphs = [1]\n',
        encoding="utf-8",
    )
    assert len(_facts(run, folder)) == 6
    (folder / "b.toml").unlink()
    assert len(_facts(run, folder)) == 5


def test_a_knowledge_path_spelt_another_way_uses_the_same_index(
    run: Run, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script may name the folder by its full path and a person by a relative
    one: both must answer from one index, not rebuild it each time they alternate."""
    folder = tmp_path / "kbdir"
    folder.mkdir()
    shutil.copy(MINI, folder / "a.toml")
    monkeypatch.chdir(tmp_path)
    spellings = {
        folder: ("kbdir", str(folder), "./kbdir/", "kbdir/../kbdir"),
        folder / "a.toml": ("kbdir/a.toml", str(folder / "a.toml"), "./kbdir//a.toml"),
    }
    for first_spelling, *others in spellings.values():
        first = run("--data", first_spelling, "facts", "--json")
        assert first.exit_code == 0, first.stderr
        with monkeypatch.context() as m:
            _no_parsing(m)
            for spelt in others:
                again = run("--data", spelt, "facts", "--json")
                assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, "")
    assert {p.name for p in cache.iterdir()} == {where.index_path(p).name for p in spellings}


def test_a_broken_edit_is_reported_not_hidden_by_the_index(run: Run, cache: Path, kb: Path) -> None:
    _facts(run, kb)
    kb.write_text(
        kb.read_text(encoding="utf-8").replace('category = "tourism"', 'category = "tourism-x"'),
        encoding="utf-8",
    )
    result = run("--data", str(kb), "facts", "--json")
    assert result.exit_code == 3
    assert "unknown category 'tourism-x'" in result.stderr


def test_a_corrupt_index_falls_back_with_a_warning(run: Run, cache: Path, kb: Path) -> None:
    good = _facts(run, kb)
    index = where.index_path(kb)
    index.write_bytes(b"this is not a database" * 100)
    result = run("--data", str(kb), "facts", "--json")
    assert result.exit_code == 0
    assert as_json(result) == good
    assert result.stderr == (
        f"sinokaz: warning: ignoring the index {index}: file is not a database; rebuilding it\n"
    )
    again = run("--data", str(kb), "facts", "--json")  # rebuilt: quiet again
    assert again.stderr == ""


def test_a_foreign_version_falls_back_with_a_warning(run: Run, cache: Path, kb: Path) -> None:
    good = _facts(run, kb)
    index = where.index_path(kb)
    with sqlite3.connect(index) as conn:
        conn.execute("PRAGMA user_version = 7")
    conn.close()
    result = run("--data", str(kb), "facts", "--json")
    assert as_json(result) == good
    assert result.stderr.startswith(
        f"sinokaz: warning: ignoring the index {index}: made by another version of sinokaz"
    )
    assert run("--data", str(kb), "facts", "--json").stderr == ""


def test_an_unwritable_cache_falls_back_with_a_warning(
    run: Run, tmp_path: Path, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("SINOKAZ_CACHE_DIR", str(blocker / "cache"))
    result = run("--data", str(kb), "facts", "--json")
    assert result.exit_code == 0
    assert len(as_json(result)) == 5
    assert result.stderr.startswith(f"sinokaz: warning: cannot write the index {blocker}/cache/")
    assert result.stderr.endswith("; reading the knowledge files directly\n")


def test_runs_at_once_do_not_corrupt_it(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "big"
    data.mkdir()
    shutil.copy(SHIPPED, data / "facts.toml")
    env = {**os.environ, "SINOKAZ_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "sinokaz_cli", "--data", str(data), "brief", "--json"]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        for _ in range(6)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert len({o for o, _ in outs}) == 1
    assert all(e == "" for _, e in outs)
    assert not list(cache.glob(".*.tmp"))  # no temporary file left behind
    with sqlite3.connect(f"file:{where.index_path(data)}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SINOKAZ_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert where.cache_dir() == tmp_path / "xdg" / "sinokaz"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert where.cache_dir() == tmp_path / "home" / ".cache" / "sinokaz"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert where.cache_dir() == tmp_path / "home" / ".cache" / "sinokaz"


def test_env_var_moves_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SINOKAZ_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert where.index_path(MINI).parent == tmp_path / "elsewhere"


def test_one_index_per_knowledge_path(cache: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    assert where.index_path(a) != where.index_path(b)
    assert where.index_path(a) == where.index_path(tmp_path / "." / "a.toml")


def test_no_home_folder_falls_back_with_a_warning(
    run: Run, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SINOKAZ_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")

    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(nowhere))
    result = run("--data", str(kb), "facts", "--json")
    assert result.exit_code == 0
    assert len(as_json(result)) == 5
    assert result.stderr == (
        "sinokaz: warning: no cache folder: no home folder is known; set SINOKAZ_CACHE_DIR; "
        "reading the knowledge files directly\n"
    )


def test_a_broken_knowledge_base_leaves_no_index_behind(run: Run, cache: Path, kb: Path) -> None:
    kb.write_text(
        kb.read_text(encoding="utf-8").replace('category = "tourism"', 'category = "x"'),
        encoding="utf-8",
    )
    assert run("--data", str(kb), "facts", "--json").exit_code == 3
    assert list(cache.iterdir()) == []  # neither an index nor a temporary file


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_an_interrupted_runs_temporary_index_is_removed_later(cache: Path, kb: Path) -> None:
    """A temporary index belongs to the run holding its lock, whatever its name
    says: one whose lock is free is removed, even named after PID 1 (a run killed
    in a container, where PID 1 always exists), and one whose writer still holds
    it stays, even named after a process this one cannot see (another PID
    namespace)."""
    cache.mkdir()
    name = where.index_path(kb).name
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphans = [
        cache / f".{name}.1.1.tmp",  # written as PID 1, the way older versions named it
        cache / f".{name}.{dead.pid}.2.tmp",
        cache / f".{name}.5f1e0c6b9a8d7e21.tmp",
        cache / f".{name}.5f1e0c6b9a8d7e21.keep",  # its owner's link, left behind
    ]
    working = cache / f".{name}.{dead.pid}.3.tmp"  # its writer runs, in "another namespace"
    for path in (*orphans, working):
        path.write_bytes(b"half an index")
    with locked_elsewhere(working):
        opening.open_kb(str(kb))
        assert [p.name for p in orphans if p.exists()] == []
        assert working.exists()
        assert where.index_path(kb).exists()
    os.utime(kb)  # the next build finds the writer gone, and its file with it
    where.index_path(kb).unlink()
    opening.open_kb(str(kb))
    assert not working.exists()


def generated_commands(fact_entity: str, words: str) -> list[list[str]]:
    return [
        ["trade", "--json"],
        ["facts", "--entity", fact_entity, "--format", "tsv"],
        ["search", *words.split(), "--json"],
        ["brief", "--json"],
        ["brief", "--topic", "dialogue", "--format", "markdown"],
        ["brief", "--topic", "trade", "--topic", "dialogue", "--format", "table"],
        ["sources", "--json"],
        ["timeline", "--format", "jsonl"],
        ["entities", "--json"],
        ["policy", "--pairs", "--json"],
        ["tags", "--json"],
        ["tags", "--category", "trade"],
    ]


@pytest.mark.parametrize("shared_last", [False, True], ids=["as-generated", "shared-last"])
def test_a_many_file_knowledge_base_indexed_file_by_file_answers_as_read_whole(
    run: Run, cache: Path, tmp_path: Path, shared_last: bool
) -> None:
    """The index is built file by file, with what needs every file (events, the
    sources' ranking, search documents) gathered on the way: on a generated
    knowledge base of many files it must answer exactly as the files read whole do.
    With the shared records (the countries, cities, national bodies, recurring
    events, units) in the last file, no fact that names one can have its search
    document written with it; each article's policy pair, after its facts, adds
    its theme to documents already written: both must still be found as the
    files read whole find them."""
    import re

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import SHARED_FILE, generate, landmarks

    data = tmp_path / "generated"
    generate(600, data, seed=7)
    marks = landmarks(data)
    if shared_last:
        (data / SHARED_FILE).rename(data / "zzz-shared.toml")
    text = "".join(f.read_text(encoding="utf-8") for f in sorted(data.glob("*.toml")))
    theme = re.findall(r'^\[\[alignment\]\]\n(?:.+\n)*?theme = "(.*)"$', text, re.MULTILINE)[1]
    commands = [
        *generated_commands(marks.entity, marks.query),
        ["search", theme, "--limit", "5", "--json"],
    ]
    for command in commands:
        direct = run("--data", str(data), "--no-cache", *command)
        first = run("--data", str(data), *command)  # writes the index, answers from it
        again = run("--data", str(data), *command)
        assert direct.exit_code == first.exit_code == again.exit_code == 0, direct.stderr
        assert first.stdout == direct.stdout, command
        assert again.stdout == direct.stdout, command
        where.index_path(data).unlink()  # each command's first run builds it again


def one_file_progress(drawn: str) -> list[int]:
    """The percentages that a progress line over one file showed, in order.

    Checks its shape on the way: each state drawn over the last after a carriage
    return, counting up while the file is read ("(0 of 1 file)"), 100% only once
    it has been read ("(1 of 1 file)"), and the line wiped at the end."""
    parts = drawn.split("\r")
    assert parts[0] == parts[-1] == "", drawn
    *states, wipe = parts[1:-1]
    assert wipe == " " * len(states[-1]), drawn
    shown = [re.fullmatch(r"sinokaz: (\d+)% \(([01]) of 1 file\) *", line) for line in states]
    assert all(shown), drawn
    percents = [int(m.group(1)) for m in shown if m]
    assert [m.group(2) for m in shown if m] == ["0"] * (len(states) - 1) + ["1"], drawn
    assert percents == sorted(set(percents)) and percents[-1] == 100, drawn
    return percents


def test_a_long_first_run_says_why_on_a_terminal_only(
    run: Run, cache: Path, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indexing a large knowledge base takes seconds: a person at a terminal is
    told why, once, before it starts; a script (stderr not a terminal) is not,
    and neither is a run that reads the index. --no-cache reads the files each
    time, and says so."""
    monkeypatch.setattr(load, "NOTICE_BYTES", 0)  # as if the file were large
    monkeypatch.setattr(load, "_stderr_is_terminal", lambda: False)
    assert run("--data", str(kb), "trade", "--json").stderr == ""
    where.index_path(kb).unlink()

    monkeypatch.setattr(load, "_stderr_is_terminal", lambda: True)
    size = kb.stat().st_size / 1e6
    notice, _, drawn = run("--data", str(kb), "trade", "--json").stderr.partition("\n")
    assert notice == (
        f"sinokaz: indexing the knowledge files ({size:.0f} MB in 1 file); "
        "later runs answer from the index"
    )
    # Parsed, validated, indexed (in one batch here), read.
    assert len(one_file_progress(drawn)) == 4
    assert run("--data", str(kb), "trade", "--json").stderr == ""  # from the index
    # Without the index every run reads the files, and says so when they are large.
    notice, _, drawn = run("--data", str(kb), "--no-cache", "trade", "--json").stderr.partition(
        "\n"
    )
    assert notice == (
        f"sinokaz: reading the knowledge files ({size:.0f} MB in 1 file) without the index"
    )
    assert one_file_progress(drawn) == [50, 100]  # parsed, read

    monkeypatch.setattr(load, "NOTICE_BYTES", kb.stat().st_size)  # small: no notice
    where.index_path(kb).unlink()
    assert run("--data", str(kb), "trade", "--json").stderr == ""


def test_a_long_check_says_what_it_is_doing_on_a_terminal_only(
    run: Run, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check reads every file without the index: on large files a person is told,
    on stderr, before it starts; the report itself and a script see no change."""
    monkeypatch.setattr(load, "NOTICE_BYTES", 0)  # as if the file were large
    monkeypatch.setattr(load, "_stderr_is_terminal", lambda: True)
    size = kb.stat().st_size / 1e6
    result = run("check", str(kb))
    assert result.exit_code == 0, result.stderr
    notice, _, drawn = result.stderr.partition("\n")
    assert notice == f"sinokaz: checking the knowledge files ({size:.0f} MB in 1 file)"
    assert one_file_progress(drawn) == [50, 100]
    assert result.stdout.startswith("ok: ")
    monkeypatch.setattr(load, "_stderr_is_terminal", lambda: False)
    assert run("check", str(kb)).stderr == ""


def test_an_index_checked_whole_is_trusted_by_its_stat_until_it_changes(
    run: Run, cache: Path, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a 76 MB index whole costs 24 ms: once a run has checked it, long
    enough after it was written, it notes the file's stat, and later runs trust an
    equal stat. Any change to the file (its ctime) makes them check it again."""
    good = _facts(run, kb)
    index = where.index_path(kb)
    note = where.checked_path(index)
    assert not note.exists()  # just written: no run may vouch for it yet
    for minutes in (1, 2):  # the first settles the knowledge file: a new index
        later = fresh.time.time_ns() + minutes * 60_000_000_000
        with monkeypatch.context() as m:
            m.setattr(sealed.time, "time_ns", lambda t=later: t)
            assert _facts(run, kb) == good
    assert note.exists()

    def unread(fd: int) -> int:
        raise AssertionError("read a checked index whole again")

    with monkeypatch.context() as m:
        m.setattr(sealed, "checksum", unread)
        assert _facts(run, kb) == good
        data = bytearray(index.read_bytes())
        data[len(data) // 2] ^= 0x20
        before = index.stat()
        index.write_bytes(data)
        os.utime(index, ns=(before.st_atime_ns, before.st_mtime_ns))  # its ctime moved
        with pytest.raises(AssertionError, match="read a checked index whole again"):
            opening.open_kb(str(kb))
    result = run("--data", str(kb), "facts", "--json")
    assert (result.exit_code, as_json(result)) == (0, good)
    assert result.stderr == (
        f"sinokaz: warning: ignoring the index {index}: damaged (its checksum does not "
        "match its content); rebuilding it\n"
    )


@pytest.mark.parametrize("junk", [b"", b"sinokaz-checked 1 2 3\n", b"\x00" * 40, None])
def test_a_note_that_is_not_one_is_ignored(
    run: Run, cache: Path, kb: Path, junk: bytes | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index is then checked whole, as if there were no note (and a FIFO in the
    note's place never blocks the run)."""
    good = _facts(run, kb)
    note = where.checked_path(where.index_path(kb))
    if junk is None:
        os.mkfifo(note)
    else:
        note.write_bytes(junk)
    checked: list[int] = []
    checksum = sealed.checksum
    monkeypatch.setattr(sealed, "checksum", lambda fd: checked.append(fd) or checksum(fd))
    result = run("--data", str(kb), "facts", "--json")
    assert (result.exit_code, as_json(result), result.stderr) == (0, good, "")
    assert checked, "trusted a note that is not one"
