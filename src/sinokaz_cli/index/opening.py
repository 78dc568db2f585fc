"""Opening the knowledge: from the on-disk index when it is fresh, else by
reading the files (reading/) and writing the index for next time, or only
extending it when files were added at the end.

The index can only ever cost a warning: when it is damaged or of another
version it is set aside and rebuilt, and when it cannot be written the files
are read directly.
"""

from __future__ import annotations

from pathlib import Path

from sinokaz_cli.index import fresh, sealed, where
from sinokaz_cli.index.indexed import IndexedKB
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.messages import warn
from sinokaz_cli.reading.paths import knowledge_files, resolve


def open_kb(path: str | None = None, use_cache: bool = True) -> KnowledgeBase:
    """The knowledge behind `path`: from the on-disk index when it is fresh,
    else parsed and validated (and the index rewritten for next time, or only
    extended when files were added at the end: see _extend).

    The index can only ever cost a warning, one line at most: when it is
    damaged, of another version or not a file, it is set aside and rebuilt;
    when it cannot be written, the files are read directly. Every index is
    checked whole before anything is read from it (sealed.py), so that the
    answer never comes from a damaged one, nor stops half-way for one.
    """
    global answering_from
    root = resolve(path)
    files = knowledge_files(root)
    kb = _open(root, files, use_cache)
    answering_from = where.index_path(root) if isinstance(kb, IndexedKB) else None
    # The files as this run names them (an index keeps the spelling of the run
    # that built it, which may have stood in another folder): a source's `file`
    # is found relative to them.
    kb.files = tuple(str(f) for f in files)
    return kb


def _open(root: Path, files: list[Path], use_cache: bool) -> KnowledgeBase:
    if not use_cache:
        return _read(files, "reading the knowledge files ({}) without the index")
    try:
        target = where.index_path(root)
    except OSError as e:  # no cache folder can be named (no home folder, say)
        warn(f"{e}; reading the knowledge files directly")
        return _read(files)
    said = False  # a fault in the cache is told in one line at most
    try:
        opened = sealed.open_index(target)
        found = fresh.fresh_kb(opened, files) if opened is not None else None
    except sealed.IndexUnusable as e:
        if not _set_aside(target):
            warn(
                f"ignoring the index {target}: {e}, and it cannot be removed; "
                "reading the knowledge files directly"
            )
            return _read(files)
        warn(f"ignoring the index {target}: {e}; rebuilding it")
        opened = found = None
        said = True
    if found is not None:
        if opened is not None:
            opened.close()  # the file's descriptor; the answer reads through SQLite's
        return found
    # Files added at the end extend this index; files just added and then
    # edited extend the one it extended.
    previous = where.previous_path(target)
    for start in (opened, previous):
        if isinstance(start, Path):
            try:
                start = sealed.open_index(start)
            except sealed.IndexUnusable as e:
                if not said:
                    warn(f"ignoring the index {previous}: {e}; rebuilding it")
                    said = True
                _set_aside(previous)
                continue
        if start is None:
            continue
        try:
            extended = _extend(target, files, start, root)
        finally:
            start.conn.close()
            start.close()
        if extended is not None:
            return extended
    return _rebuilt(target, files, root, said)


answering_from: Path | None = None  # the index this run answers from, if any


def set_aside_in_use() -> Path | None:
    """After SQLite failed to read the index the answer comes from: remove it, and
    the note that it was checked, so that the next run rebuilds it rather than
    fail the same way. That can only be damage made below the file system, which
    left the file's stat as it was checked (sealed.py)."""
    if answering_from is None:
        return None
    _set_aside(where.checked_path(answering_from))
    _set_aside(answering_from)
    return answering_from


def _set_aside(index: Path) -> bool:
    """Remove an unusable index (a FIFO, say, or a damaged file), so that a new
    one can take its name; whether it is gone."""
    try:
        index.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        try:
            index.rmdir()  # an empty folder
        except OSError:
            return False
    return True


def _read(files: list[Path], notice: str | None = None) -> KnowledgeBase:
    """The files read without the index. (Reading is imported only when files
    must be read: a lookup from a fresh index never parses.)"""
    from sinokaz_cli.reading.load import read_all

    return read_all(files, notice)


def _rebuilt(target: Path, files: list[Path], root: Path, said: bool) -> KnowledgeBase:
    """A new index at `target` from every file, opened; or the files read, when it
    cannot be written (after a warning, unless one was given already)."""
    from sinokaz_cli.index.build import Builder
    from sinokaz_cli.reading.load import bulk, load_files, say_if_large

    progress = say_if_large(
        files, "indexing the knowledge files ({}); later runs answer from the index"
    )
    try:
        with bulk():
            builder = Builder(target)
            builder.knowledge = _shown(root)
            try:
                kb = load_files(files, builder, progress)
                return IndexedKB(builder.finish(kb))
            except BaseException:
                builder.abandon()
                raise
    except (OSError, fresh.DatabaseError) as e:
        if not said:
            reason = getattr(e, "strerror", None) or str(e)
            warn(
                f"cannot write the index {target} ({reason}); reading the knowledge files directly"
            )
    finally:
        if progress is not None:
            progress.close()  # before anything else is printed
    return _read(files)


def _extend(
    target: Path, files: list[Path], start: sealed.Opened, root: Path
) -> KnowledgeBase | None:
    """The index `start` extended with the files added after it was written,
    put in place at `target`, when that is all that changed (extend.resume); None
    when it is not, or when the copy cannot be written: the caller rebuilds.

    Problems in the new files raise a KnowledgeError, worded as a rebuild words
    them: the indexed files are valid, so every problem is in the new files,
    checked against the same ids (and the index knows where each was written,
    for "first defined at")."""
    from sinokaz_cli.index import extend
    from sinokaz_cli.reading.load import bulk, load_files, say_if_large

    resumed = extend.resume(target, files, start)
    if resumed is None:
        return None
    builder, declared, added = resumed
    builder.knowledge = _shown(root)
    progress = say_if_large(
        added, "indexing the new knowledge files ({}); later runs answer from the index"
    )
    try:
        with bulk():
            kb = load_files(added, builder, progress, declared)
            kb.files = tuple(map(str, files))
            return IndexedKB(builder.finish(kb))
    except (OSError, fresh.DatabaseError):
        builder.abandon()
        return None
    except BaseException:
        builder.abandon()
        raise
    finally:
        if progress is not None:
            progress.close()


def _shown(root: Path) -> str:
    """The knowledge path as an index records it: resolved, as index_path hashes it."""
    try:
        return str(root.resolve())
    except (OSError, RuntimeError):
        return str(root)


def read_added(root: Path, files: list[Path]) -> tuple[list[str], KnowledgeBase] | None:
    """Without writing anything: when the only change since the index at `root`
    (or the one kept before it) was written is files added at the end, its fact
    ids and the knowledge of the added files, read and checked against it (the
    knowledge base holds every entity, but only the added files' facts). None for
    any other change. A problem in the added files raises a KnowledgeError."""
    from sinokaz_cli.index import extend
    from sinokaz_cli.reading.load import bulk, load_files

    try:
        target = where.index_path(root)
    except OSError:
        return None
    for start in (target, where.previous_path(target)):
        found = extend.declared(start, files)
        if found is not None:
            declared, added, ids = found
            with bulk():
                return ids, load_files(added, declared=declared)
    return None
