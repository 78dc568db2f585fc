"""The installed tool finds its bundled knowledge and runs as a module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sinokaz_cli import __version__
from sinokaz_cli.reading.paths import bundled_path

from conftest import SHIPPED


def test_bundled_file_is_the_shipped_file() -> None:
    bundled = bundled_path()
    assert bundled.is_file()
    assert bundled.read_bytes() == SHIPPED.read_bytes()
    assert (bundled.parent / "facts.schema.json").is_file()


def test_python_m_runs_from_any_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SINOKAZ_DATA"}
    result = subprocess.run(
        [sys.executable, "-m", "sinokaz_cli", "check"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_version(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--version")
    assert result.stdout == f"sinokaz {__version__}\n"
