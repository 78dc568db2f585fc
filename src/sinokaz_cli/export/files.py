"""Putting finished files in place: never half a file at the path, never a file
replaced unless that was asked for.

Each file is written to a temporary name beside its target, flushed to disk,
and only then renamed to the target. A failure at any point (a full disk, an
interrupt, a bug) removes the temporary files and leaves the targets as they
were. Without `replace`, the rename refuses to clobber a file that appeared
meanwhile (a hard link fails where the name exists).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sinokaz_cli.errors import OutputError, OutputExists

# What an export has made and not yet put in place or removed: temporary files,
# and a folder it made. Ctrl-C ends the command line at once, without unwinding
# (cli.py), so its handler removes these itself.
pending: list[str] = []


@contextmanager
def placed(
    targets: Sequence[Path],
    replace: bool,
    shown: str,
    make_folder: bool = False,
) -> Iterator[list[Path]]:
    """Temporary paths to write, one for each target, which are renamed to the
    targets when the block ends without an error, and removed when it fails. An
    OSError on the way is an OutputError naming `shown` (the file or folder asked
    for). With `make_folder`, the targets' folder is made if it is missing (its
    own folder must exist), and removed again if the writing fails. What would
    stop the files being put in place is said before any work is done."""
    folder = targets[0].parent
    if make_folder and folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write {folder}: not a folder")
    _check_folder(folder.parent if make_folder and not folder.exists() else folder, shown)
    for target in targets:
        _check(target, replace)
    made = False
    temps: list[Path] = []
    done = False
    try:
        if make_folder and not folder.is_dir():
            folder.mkdir()
            made = True
            pending.append(str(folder))
        for target in targets:
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            os.close(fd)
            temps.append(Path(name))
            pending.append(name)
        yield temps
        mode = 0o666 & ~_umask()  # as a file the user made: mkstemp's are private
        for temp in temps:
            _flush(temp)
            os.chmod(temp, mode)
        for temp, target in zip(temps, targets, strict=True):
            _rename(temp, target, replace)
        done = True
    except OSError as e:
        raise OutputError(f"cannot write {shown}: {e.strerror or e}") from None
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
        if made and not done:
            try:
                folder.rmdir()
            except OSError:
                pass
        del pending[:]


def _check_folder(folder: Path, shown: str) -> None:
    if not folder.is_dir():
        what = "not a folder" if folder.exists() else "no such folder"
        raise OutputError(f"cannot write {shown}: {what}: {folder}")


def _check(target: Path, replace: bool) -> None:
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder")
    if target.exists() and not target.is_file():
        # A device or a FIFO (/dev/null, a named pipe): --replace would swap it for
        # a file, and the export cannot be streamed into it.
        raise OutputError(f"cannot write {target}: not a regular file")
    if target.exists() and not replace:
        raise OutputExists(target)


def _rename(temp: Path, target: Path, replace: bool) -> None:
    if replace:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # fails, rather than clobbers, if the name was taken meanwhile
    except FileExistsError:
        raise OutputExists(target) from None
    except OSError:  # a file system without hard links: check, then rename
        if target.exists():
            raise OutputExists(target) from None
        os.replace(temp, target)


def _flush(path: Path) -> None:
    """To the disk before the rename, so that a crash cannot leave the name on an
    empty file."""
    fd = os.open(path, os.O_RDWR)  # Windows flushes only what it may write
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def abandon() -> None:
    """Remove what an export left unfinished (cli.py calls this on Ctrl-C)."""
    for path in reversed(pending):
        try:
            if os.path.isdir(path):
                os.rmdir(path)
            else:
                os.unlink(path)
        except OSError:
            pass
