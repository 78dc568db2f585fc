"""Temporary files in the cache folder, each owned by a lock, not by a process id.

Every new index (a build, an extension, a copy that records settled files) is
written to a temporary file beside its target and renamed into place. While a
run writes one, it holds an exclusive lock (flock) on it; the kernel lets the
lock go when the run ends, however it ends. So a temporary file whose lock can
be taken has no writer left and is removed, whichever process, container or
PID namespace wrote it; one whose lock is held is left alone. (A process id
said neither: PID 1 always exists, and another namespace's ids are not ours.)

Where there is no flock (Windows), an open file cannot be deleted, which
serves the same end: a file that can be deleted has no writer left.

A temporary file is only ever renamed into place or removed while its lock is
held, and the lock is let go after: a run cleaning up never removes a file
that is about to be renamed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sinokaz_cli.index import points

try:
    from fcntl import LOCK_EX, LOCK_NB, flock
except ImportError:  # pragma: no cover  (Windows)
    flock = None  # type: ignore[assignment]

__all__ = ["Owned", "remove_orphans", "stale_journals_removed", "writer_alive"]

_SUFFIX = ".tmp"  # a temporary index: ".index-….sqlite.<random>.tmp"
_LINK = ".keep"  # a link made while keeping the previous index, owned by the .tmp beside it
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _lock(fd: int) -> bool | None:
    """Take the exclusive lock on `fd` without waiting: True if taken, False if
    another holds it, None if this file system cannot lock (some network ones)."""
    if flock is None:  # pragma: no cover  (Windows: an open file is its own lock)
        return None
    try:
        flock(fd, LOCK_EX | LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


class Owned:
    """A new temporary file beside `target`, locked by this run until it is put
    in place or discarded. Orphans beside the target are removed first."""

    def __init__(self, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_orphans(target)
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _CLOEXEC | _BINARY
        for _ in range(8):
            path = target.with_name(f".{target.name}.{os.urandom(8).hex()}{_SUFFIX}")
            fd = os.open(path, flags, 0o644)
            # Locked as soon as made; and, should a run cleaning up have taken it
            # for an orphan in the instant between, made again under a new name.
            # Where nothing can be locked, no run takes anything for an orphan.
            if _lock(fd) is not False and _same_file(path, fd):
                break
            os.close(fd)
        else:
            raise OSError(f"cannot make a temporary file beside {target}")
        self.path, self.fd = path, fd
        points.reached("temporary")

    def fill_from(self, src: int) -> None:
        """Copy the whole of the file open as `src` into this (empty) one: in the
        kernel where it can (copy_file_range), else through a buffer."""
        size, done = os.fstat(src).st_size, 0
        if hasattr(os, "copy_file_range"):
            try:
                while done < size:
                    n = os.copy_file_range(src, self.fd, size - done, done, done)
                    if n == 0:
                        break
                    done += n
            except OSError:  # not between these two files: copy the rest by hand
                pass
        os.lseek(src, done, os.SEEK_SET)
        os.lseek(self.fd, done, os.SEEK_SET)
        while chunk := os.read(src, 1 << 20):
            view = memoryview(chunk)
            while view:
                view = view[os.write(self.fd, view) :]

    def link_name(self) -> Path:
        """A name for a link this run makes and renames at once (see build's
        _keep_previous): an orphan whenever this file is one."""
        return self.path.with_suffix(_LINK)

    def put_in_place(self, target: Path) -> None:
        """Rename the file over `target`, after removing any journal left beside
        it: a journal from another writer would otherwise be played back into
        this new file by the next connection that finds it."""
        stale_journals_removed(target)
        points.reached("put-in-place")
        os.replace(self.path, target)
        points.reached("placed")
        self._release()

    def discard(self) -> None:
        """Remove the file (safe to call twice)."""
        if self.fd >= 0:
            self.path.unlink(missing_ok=True)
            self._release()

    def _release(self) -> None:
        os.close(self.fd)  # lets the lock go
        self.fd = -1


def stale_journals_removed(target: Path) -> None:
    """Remove SQLite's journals beside `target`. The tool never writes an index in
    place, so any journal there is a leftover (of an older version, or another
    program). Best effort: reading never looks at one (see sealed.connect)."""
    for suffix in ("-journal", "-wal", "-shm"):
        try:
            os.unlink(f"{target}{suffix}")
        except OSError:
            pass


def remove_orphans(target: Path) -> None:
    """Remove the temporary files beside `target` that no run is writing."""
    prefix = f".{target.name}."
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        if name.endswith(_SUFFIX):
            _remove_if_orphaned(target.parent / name)
    for name in names:
        link = target.parent / name
        if name.endswith(_LINK) and not link.with_suffix(_SUFFIX).exists():
            # Its owner is gone: the link was left between being made and renamed.
            _unlink(link)


def writer_alive(path: Path) -> bool:
    """Whether a run still holds the temporary file `path` (for a link made while
    keeping the previous index, its owner): whether its lock is taken. True when
    that cannot be told (no flock here): the file is then left alone."""
    if path.name.endswith(_LINK):
        owner = path.with_suffix(_SUFFIX)
        return owner.exists() and writer_alive(owner)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW | _CLOEXEC)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and _lock(fd) is not True
    finally:
        os.close(fd)  # and with it a lock just taken to ask


def _remove_if_orphaned(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW | _CLOEXEC)
    except FileNotFoundError:
        return  # renamed into place, or removed, meanwhile
    except OSError:
        _unlink(path)  # a symlink or a socket under our name: never an index being written
        return
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            _unlink(path)
        elif flock is None:  # pragma: no cover  (Windows)
            os.close(fd)
            fd = -1
            _unlink(path)  # fails while its writer holds it open
        elif _lock(fd) is True and _same_file(path, fd):
            _unlink(path)  # while holding the lock: no writer can come back to it
    finally:
        if fd >= 0:
            os.close(fd)


def _same_file(path: Path, fd: int) -> bool:
    """Whether `path` still names the file open as `fd`."""
    try:
        a, b = os.stat(path, follow_symlinks=False), os.fstat(fd)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
