"""Start-up stays near the floor: a command imports only what its code path uses.

Each case runs the real process with `-X importtime` over a knowledge base
already indexed, and reads back the modules it imported. A lookup answered
from the index must not parse or validate TOML, JSON output must not load
Rich or the `json` package, and only `search` loads the search machinery.
The table case checks the method itself: drawing a table must load Rich.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sinokaz_cli.index.format import RACY_NS

from conftest import SHIPPED

# Loaded only when a file must be parsed, validated or hashed: never by a
# lookup over an index whose files have long stood unchanged.
BUILDING = {
    "tomli",
    "hashlib",
    "sinokaz_cli.reading.toml",
    "sinokaz_cli.reading.validate",
    "sinokaz_cli.reading.fields",
    "sinokaz_cli.reading.kinds",
}
SEARCHING = {"sinokaz_cli.search.engine", "sinokaz_cli.search.textnorm", "unicodedata"}
DRAWING = {"rich", "rich.console", "rich.table"}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of the bundled knowledge, its index built, and settled: its last
    change (its ctime, which no tool can set back) long enough before a run that
    its stat is trusted, as it is for the bundled file a while after install."""
    base = tmp_path_factory.mktemp("imports")
    data = base / "facts.toml"
    shutil.copyfile(SHIPPED, data)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env["SINOKAZ_CACHE_DIR"] = str(base / "cache")
    command = [sys.executable, "-m", "sinokaz_cli", "--data", str(data), "trade", "--json"]
    built = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert built.returncode == 0, built.stderr
    assert list((base / "cache").glob("index-*.sqlite"))
    settled_at = data.stat().st_ctime + RACY_NS / 1e9 + 0.1
    time.sleep(max(0.0, settled_at - time.time()))
    settled = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert settled.returncode == 0, settled.stderr
    return data, env


def imported(indexed: tuple[Path, dict[str, str]], *args: str) -> set[str]:
    data, env = indexed
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sinokaz_cli", "--data", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # "import time: <self> | <cumulative> | <indent><module>"
    names = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    assert "sinokaz_cli.cli" in names, done.stderr[-2000:]
    return names


@pytest.mark.parametrize(
    "args",
    [
        ("trade", "--json"),
        ("trade", "--format", "jsonl"),
        ("trade", "--format", "tsv"),
        ("facts", "--entity", "kazakhstan", "--json"),
        ("brief", "--json"),
    ],
)
def test_machine_output_from_the_index_loads_neither_rich_nor_the_parser(
    indexed: tuple[Path, dict[str, str]], args: tuple[str, ...]
) -> None:
    names = imported(indexed, *args)
    assert not {n for n in names if n == "rich" or n.startswith("rich.")}
    assert "json" not in names  # the C encoder (_json) is enough
    assert not names & BUILDING
    assert not names & SEARCHING


def test_show_loads_nothing_to_search_or_draw(indexed: tuple[Path, dict[str, str]]) -> None:
    fid = _first_fact_id()
    names = imported(indexed, "show", fid, "--json")
    assert not names & (BUILDING | SEARCHING | DRAWING | {"json"})


def test_search_loads_the_search_machinery_but_not_rich(
    indexed: tuple[Path, dict[str, str]],
) -> None:
    names = imported(indexed, "search", "charter train", "--json")
    assert {"sinokaz_cli.search.engine", "sinokaz_cli.search.textnorm"} <= names
    assert not names & (BUILDING | DRAWING | {"json"})


def test_a_table_loads_rich_and_still_not_the_parser(
    indexed: tuple[Path, dict[str, str]],
) -> None:
    names = imported(indexed, "trade", "--format", "table")
    assert DRAWING <= names
    assert not names & BUILDING


def _first_fact_id() -> str:
    import tomli

    with SHIPPED.open("rb") as fh:
        return str(tomli.load(fh)["fact"][0]["id"])
