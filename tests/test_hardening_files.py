"""Paths that are not knowledge files: each one clear line on stderr, exit 3."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import MINI, Run


def _one_line(run: Run, path: Path, message: str, data: Path | None = None) -> None:
    result = run("--data", str(data or path), "trade", "--json")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == f"sinokaz: {path}: {message}\n"


def test_missing_path(run: Run, tmp_path: Path) -> None:
    _one_line(run, tmp_path / "nope.toml", "no such file or folder")


def test_folder_without_toml(run: Run, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    _one_line(run, tmp_path, "folder holds no *.toml knowledge files")


def test_unreadable_file(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    shutil.copy(MINI, path)
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: make the read itself fail as it would for a user
        real = Path.read_bytes

        def denied(self: Path) -> bytes:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
    _one_line(run, path, "permission denied")


def test_symlink_loop(run: Run, tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.symlink_to(b)
    b.symlink_to(a)
    _one_line(run, a, "Too many levels of symbolic links")


def test_symlink_loop_inside_a_folder(run: Run, tmp_path: Path) -> None:
    shutil.copy(MINI, tmp_path / "good.toml")
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    result = run("--data", str(tmp_path), "trade", "--json")
    assert result.exit_code == 3
    assert result.stderr == f"sinokaz: {loop}: Too many levels of symbolic links\n"


def test_dangling_symlink(run: Run, tmp_path: Path) -> None:
    link = tmp_path / "gone.toml"
    link.symlink_to(tmp_path / "missing.toml")
    _one_line(run, link, "no such file or folder")


def test_fifo_is_not_read(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    _one_line(run, fifo, "not a regular file (a FIFO, device or socket cannot be read)")


def test_fifo_inside_a_folder(run: Run, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    result = run("--data", str(tmp_path), "trade", "--json")
    assert result.exit_code == 3
    assert result.stderr == (
        f"sinokaz: {tmp_path / 'pipe.toml'}: not a regular file "
        "(a FIFO, device or socket cannot be read)\n"
    )


def test_folder_where_a_file_is_expected(run: Run, tmp_path: Path) -> None:
    shutil.copy(MINI, tmp_path / "good.toml")
    (tmp_path / "sub.toml").mkdir()
    result = run("--data", str(tmp_path), "trade", "--json")
    assert result.exit_code == 3
    assert result.stderr == f"sinokaz: {tmp_path / 'sub.toml'}: is a folder, not a file\n"


def test_device_file(run: Run) -> None:
    _one_line(
        run, Path("/dev/null"), "not a regular file (a FIFO, device or socket cannot be read)"
    )


def test_env_var_path_problems_too(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = run("trade", env={"SINOKAZ_DATA": str(missing)})
    assert result.exit_code == 3
    assert result.stderr == f"sinokaz: {missing}: no such file or folder\n"
