"""Where the on-disk index lives: one SQLite file per knowledge path, in the
user's cache folder, and the names of the files beside it.

- $SINOKAZ_CACHE_DIR, else the platform's cache folder ($XDG_CACHE_HOME or
  ~/.cache on Linux), in sinokaz/.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    env = os.environ.get("SINOKAZ_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~/Library/Caches/sinokaz"))
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "sinokaz" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "sinokaz"
    try:
        return Path.home() / ".cache" / "sinokaz"
    except RuntimeError:  # no HOME and no password entry to find one
        raise OSError("no cache folder: no home folder is known; set SINOKAZ_CACHE_DIR") from None


def index_path(data: Path) -> Path:
    """One index per knowledge path. The name is a 64-bit FNV-1a hash of the path:
    no import needed, and a collision could only cost a rebuild, never a wrong
    answer, since the index records which files it was built from."""
    key = 0xCBF29CE484222325
    for byte in str(data.resolve()).encode("utf-8", "surrogateescape"):
        key = ((key ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return cache_dir() / f"index-{key:016x}.sqlite"


def previous_path(target: Path) -> Path:
    """Where the index before the last extension is kept (see build.Builder.finish)."""
    return target.with_suffix(".previous.sqlite")


def checked_path(index: Path) -> Path:
    """Where a run notes that it checked the index whole (see sealed.py)."""
    return index.with_name(index.name + ".checked")


def file_key(path: Path) -> str:
    """How the index names a knowledge file: by its name alone. The index is
    chosen by the resolved knowledge path (index_path), so the folder part is
    the same whichever way it was spelt ("kb", "./kb", "/home/me/kb"), and
    spelling it another way must not make the index look stale."""
    return path.name
