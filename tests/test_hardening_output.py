"""Hostile text, colour, internal errors, and knowledge files left untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import tomlwrite
from conftest import MINI, SHIPPED, Run, as_json

# Rich markup, an unmatched closing tag, ESC (a colour and a screen clear), CSI as a
# single C1 byte, BEL, DEL, a bidi override, and C0 controls that tabular formats use.
EVIL = (
    "[bold]bold[/bold] [link=file:///etc/passwd]x[/link] [/x] "
    "\x1b[31mred\x1b[0m\x1b[2J \x9b2J \x07 \x7f \u202e \x00 \x08 \r end"
)
RAW = ["\x1b", "\x9b", "\x07", "\x7f", "\u202e", "\x00", "\x08", "\r"]


@pytest.fixture
def evil_kb(tmp_path: Path) -> Path:
    text = "\n".join(
        [
            tomlwrite.records(
                "source",
                [
                    {
                        "id": "s",
                        "title": EVIL,
                        "publisher": EVIL,
                        "published": "2025-11",
                        "paragraphs": 2,
                        "contact": EVIL,
                    }
                ],
            ),
            tomlwrite.records("unit", [{"id": "thing", "singular": EVIL, "plural": EVIL}]),
            tomlwrite.records(
                "entity",
                [
                    {
                        "id": "p",
                        "kind": "person",
                        "name": EVIL,
                        "aliases": [EVIL],
                        "roles": [{"title": EVIL, "of": "ev"}],
                    },
                    {
                        "id": "ev",
                        "kind": "event",
                        "name": EVIL,
                        "theme": EVIL,
                        "hosts": ["p"],
                        "date": {
                            "text": EVIL,
                            "start": "2025-11-03",
                            "inferred": True,
                            "basis": EVIL,
                        },
                    },
                    {"id": "china", "kind": "place", "name": EVIL},
                    {"id": "kazakhstan", "kind": "place", "name": EVIL},
                    {"id": "cn", "kind": "programme", "name": EVIL, "part_of": "china"},
                    {"id": "kz", "kind": "programme", "name": EVIL, "part_of": "kazakhstan"},
                ],
            ),
            tomlwrite.records(
                "fact",
                [
                    {
                        "id": f"f-{cat}",
                        "category": cat,
                        "statement": EVIL + " car",
                        "entities": ["p", "ev"],
                        "speaker": "p",
                        "quote": EVIL,
                        "attribution": EVIL,
                        "note": EVIL,
                        "source": "s",
                        "paragraphs": [1, 2],
                        "figures": [{"value": 3, "unit": "thing", "about": EVIL}],
                        "date": {
                            "text": EVIL,
                            "start": "2024",
                            "qualifier": "about",
                            "inferred": True,
                            "basis": EVIL,
                        },
                    }
                    for cat in ("trade", "tourism", "dialogue", "policy")
                ],
            ),
            tomlwrite.records(
                "alignment",
                [
                    {
                        "id": "a",
                        "china": "cn",
                        "kazakhstan": "kz",
                        "theme": EVIL,
                        "facts": ["f-policy"],
                    }
                ],
            ),
        ]
    )
    path = tmp_path / "evil.toml"
    path.write_text(text, encoding="utf-8")
    return path


COMMANDS = [
    ["trade"],
    ["tourism"],
    ["dialogue"],
    ["policy"],
    ["policy", "--pairs"],
    ["facts"],
    ["show", "f-trade"],
    ["search", "car"],
    ["entities"],
    ["entity", "p"],
    ["entity", "ev"],
    ["timeline"],
    ["sources"],
    ["brief"],
]
TEXT_FORMATS = ["table", "tsv", "csv", "markdown"]
FORCED = {"TTY_COMPATIBLE": "1", "FORCE_COLOR": "1", "COLUMNS": "400"}


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_control_character_reaches_the_terminal(
    run: Run, evil_kb: Path, command: list[str], fmt: str
) -> None:
    result = run("--data", str(evil_kb), *command, "--format", fmt, env=FORCED)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "table":
        # Rich styles its own output (colour is forced on); strip its SGR sequences,
        # then nothing from the data may remain raw.
        import re

        out = re.sub(r"\x1b\[[0-9;]*m", "", out)
    for ch in RAW:
        assert ch not in out, (fmt, repr(ch))
    assert "x1b" in out  # shown, visibly


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_markup_prints_literally(run: Run, evil_kb: Path, command: list[str]) -> None:
    out = run("--data", str(evil_kb), *command, "--format", "table", env=FORCED).stdout
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "[bold]bold[/bold]" in plain
    assert "[link=file:///etc/passwd]x[/link]" in plain
    assert "[/x]" in plain
    assert "\x1b]8;" not in out  # no hyperlink was made


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_keeps_the_exact_text(run: Run, evil_kb: Path, fmt: str) -> None:
    result = run("--data", str(evil_kb), "facts", "--format", fmt)
    import json

    first = json.loads(result.stdout.splitlines()[0] if fmt == "jsonl" else result.stdout)
    fact = first if fmt == "jsonl" else first[0]
    assert fact["statement"] == EVIL + " car"
    assert fact["quote"] == EVIL
    for ch in RAW:
        assert ch not in result.stdout, repr(ch)


def test_brief_json_keeps_the_exact_text(run: Run, evil_kb: Path) -> None:
    b = as_json(run("--data", str(evil_kb), "brief", "--json"))
    assert b["sources"][0]["title"] == EVIL


def test_error_messages_are_sanitised_too(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b[31m.toml"
    result = run("--data", str(path), "trade")
    assert result.exit_code == 3
    assert "\x1b" not in result.stderr
    assert "\\x1b[31m.toml: no such file or folder" in result.stderr


# ─── colour ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({}, False),  # not a terminal
        ({"TTY_COMPATIBLE": "1", "FORCE_COLOR": "1"}, True),  # the control: colour can happen
        ({"TTY_COMPATIBLE": "1", "FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"TTY_COMPATIBLE": "1", "FORCE_COLOR": "1", "TERM": "dumb"}, False),
    ],
)
def test_colour_follows_the_environment(run: Run, env: dict[str, str], coloured: bool) -> None:
    for command in (
        ["trade", "-f", "table"],
        ["brief", "-f", "table"],
        ["show", "chinese-cars-share", "-f", "table"],
    ):
        out = run(*command, env=env).stdout
        assert ("\x1b[" in out) is coloured, (command, env)


# ─── internal errors ────────────────────────────────────────────────────────


def test_internal_error_is_one_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from sinokaz_cli.index import opening

    def boom(*args: object, **kwargs: object) -> None:
        secret = "do-not-print-me"  # noqa: F841  (a local that must never be shown)
        raise RuntimeError("boom")

    monkeypatch.setattr(opening, "open_kb", boom)
    result = run("trade", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "sinokaz: internal error: RuntimeError: boom — rerun with SINOKAZ_DEBUG=1 for the "
        "traceback\n"
    )
    assert "do-not-print-me" not in result.output


def test_debug_shows_the_traceback(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from sinokaz_cli.index import opening

    monkeypatch.setattr(opening, "open_kb", lambda *a, **k: 1 / 0)
    result = run("trade", "--json", env={"SINOKAZ_DEBUG": "1"})
    assert isinstance(result.exception, ZeroDivisionError)


def test_locals_are_never_shown() -> None:
    from sinokaz_cli.commands.app import app

    assert app.pretty_exceptions_show_locals is False


def test_interrupt_inside_a_command(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from sinokaz_cli.index import opening

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(opening, "open_kb", interrupted)
    result = run("trade", "--json")
    assert result.exit_code == 130
    assert result.stderr == "sinokaz: interrupted\n"
    assert result.stdout == ""


# ─── read-only ──────────────────────────────────────────────────────────────

EVERY_COMMAND = [
    *COMMANDS,
    ["check"],
    ["schema"],
    ["search", "expo", "--json"],
    ["brief", "--json"],
]


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_no_command_writes_to_the_knowledge_files(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(SHIPPED, folder / "facts.toml")
    # Both declare China and Kazakhstan, alike: one record each.
    shutil.copy(MINI, folder / "mini.toml")
    checked = run("--data", str(folder), "check")
    assert checked.exit_code == 0, checked.stderr
    before = _snapshot(folder)
    shipped_before = SHIPPED.read_bytes()
    for command in EVERY_COMMAND:
        args = [a if a != "p" else "nurgaliyeva" for a in command]
        args = [a if a != "ev" else "cca-dialogue-2" for a in args]
        args = [a if a != "f-trade" else "ciie-kazakh-companies" for a in args]
        plain = "--json" in args or args[0] in ("check", "schema")
        for fmt in [[]] if plain else [["--format", f] for f in ("table", "json", "tsv")]:
            result = run("--data", str(folder), *args, *fmt)
            assert result.exit_code == 0, (args, result.stderr)
    assert _snapshot(folder) == before
    assert SHIPPED.read_bytes() == shipped_before
