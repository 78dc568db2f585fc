"""Malformed TOML: the TOML project's 499 invalid files, and worse, all exit 3 cleanly."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import tomli

from conftest import Run

SUITE = Path(__file__).resolve().parent / "toml-test"
LISTED = (SUITE / "files-toml-1.0.0-invalid.txt").read_text(encoding="utf-8").split()


def test_the_whole_suite_is_vendored() -> None:
    assert len(LISTED) == 499
    assert all((SUITE / name).is_file() for name in LISTED)
    assert (SUITE / "LICENSE").read_text(encoding="utf-8").startswith("The MIT License")


def _tomli_rejects(path: Path) -> bool:
    try:
        tomli.loads(path.read_bytes().decode("utf-8"))
    except (tomli.TOMLDecodeError, UnicodeDecodeError, ValueError):
        return True
    return False


@pytest.mark.parametrize("name", LISTED)
def test_invalid_toml_exits_3_with_a_position(run: Run, name: str) -> None:
    path = SUITE / name
    result = run("--data", str(path), "facts", "--json")
    assert result.exit_code == 3, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    if _tomli_rejects(path):
        # FILE:LINE:COL: what is wrong
        assert re.match(rf"^sinokaz: {re.escape(str(path))}:\d+:\d+: \S", first), first
    else:
        # Valid TOML 1.1 to tomli, so the knowledge-file rules must name what is wrong.
        assert first.startswith(f"sinokaz: {path}"), first


def _expect_exit_3(run: Run, path: Path, message: str) -> None:
    result = run("--data", str(path), "facts", "--json")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"sinokaz: {path}{message}"


def test_invalid_utf8(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[[fact]]\nid = "f"\nstatement = "caf\xe9"\n')
    _expect_exit_3(run, path, ":3:17: invalid UTF-8 (byte 0xe9)")


def test_utf16_with_and_without_bom(run: Run, tmp_path: Path) -> None:
    bom = tmp_path / "bom16.toml"
    bom.write_bytes('[[fact]]\nid = "f"\n'.encode("utf-16"))
    _expect_exit_3(run, bom, ":1:1: is UTF-16; knowledge files must be UTF-8")
    bare = tmp_path / "le16.toml"
    bare.write_bytes('[[fact]]\nid = "f"\n'.encode("utf-16-le"))
    result = run("--data", str(bare), "facts", "--json")
    assert result.exit_code == 3
    assert re.match(rf"^sinokaz: {re.escape(str(bare))}:1:\d+: ", result.stderr)


def test_utf8_byte_order_mark(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bom8.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'[[fact]]\nid = "f"\n')
    _expect_exit_3(run, path, ":1:1: starts with a byte-order mark; save it as UTF-8 without BOM")


def test_empty_file(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_bytes(b"")
    _expect_exit_3(run, path, ": holds no records (expected [[fact]], [[entity]], ...)")


def test_binary_file(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "binary.toml"
    path.write_bytes(bytes(random.Random(7).randrange(256) for _ in range(4096)))
    result = run("--data", str(path), "facts", "--json")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert re.match(rf"^sinokaz: {re.escape(str(path))}:\d+:\d+: ", result.stderr)


def test_nul_bytes(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "nul.toml"
    path.write_bytes(b'[[fact]]\nid = "f\x00"\n')
    result = run("--data", str(path), "facts", "--json")
    assert result.exit_code == 3
    assert re.match(rf"^sinokaz: {re.escape(str(path))}:2:\d+: ", result.stderr)


@pytest.mark.parametrize("kind", ["random bytes", "ascii noise"])
def test_50_mb_of_garbage(run: Run, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "garbage.toml"
    rng = random.Random(42)
    block = (
        rng.randbytes(1 << 20)
        if kind == "random bytes"
        else bytes(rng.choice(b"abc =[]{}\"'\n#.,") for _ in range(1 << 20))
    )
    path.write_bytes(block * 50)
    result = run("--data", str(path), "facts", "--json")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert re.match(rf"^sinokaz: {re.escape(str(path))}:\d+:\d+: ", result.stderr)
    assert len(result.stderr) < 1000
