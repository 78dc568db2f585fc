"""Text in the data is shown, never obeyed: markup and control characters stay inert."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI, Run, as_json

HOSTILE = (
    "Evil [bold]bold[/bold] [link=file:///etc/passwd]x[/link] [/x] "
    "\x1b[31mred\x1b[0m \x9b2J \x07 \x7f end"
)


@pytest.fixture
def hostile_kb(tmp_path: Path) -> Path:
    text = MINI.read_text(encoding="utf-8").replace(
        'statement = "More than 40 firms attended the forum."',
        'statement = "'
        + HOSTILE.replace("\x1b", "\\u001b")
        .replace("\x9b", "\\u009b")
        .replace("\x07", "\\u0007")
        .replace("\x7f", "\\u007f")
        + '"',
    )
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_keeps_the_exact_text_escaped(run: Run, hostile_kb: Path) -> None:
    result = run("--data", str(hostile_kb), "trade", "--json")
    assert as_json(result)[0]["statement"] == HOSTILE
    for raw in ("\x1b", "\x9b", "\x07", "\x7f"):
        assert raw not in result.stdout


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "markdown", "jsonl"])
def test_no_control_character_reaches_the_terminal(run: Run, hostile_kb: Path, fmt: str) -> None:
    env = {"TTY_COMPATIBLE": "1", "FORCE_COLOR": "1"}
    out = run("--data", str(hostile_kb), "trade", "--format", fmt, env=env).stdout
    for raw in ("\x9b", "\x07", "\x7f"):
        assert raw not in out, (fmt, raw)
    # Rich may colour its own output (FORCE_COLOR), but the data's escape never goes out raw.
    assert "\x1b[31mred" not in out
    assert "\x1b[0m end" not in out
    assert "x1b" in out or "\\u001b" in out


def test_markup_prints_literally_in_table(run: Run, hostile_kb: Path) -> None:
    out = run(
        "--data", str(hostile_kb), "trade", "--format", "table", env={"COLUMNS": "300"}
    ).stdout
    assert "[bold]bold[/bold]" in out
    assert "[link=file:///etc/passwd]x[/link]" in out
    assert "[/x]" in out
