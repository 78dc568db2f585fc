"""Opening the knowledge: from the on-disk index when it is fresh, else by
reading the files (reading/) and writing the index for next time, or only
extending it when files were added at the end.

The index can only ever cost a warning: when it is corrupt, of another
version or cannot be written, the files are read directly.
"""

from __future__ import annotations

from pathlib import Path

from sinokaz_cli.index import fresh, where
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.messages import warn
from sinokaz_cli.reading.paths import knowledge_files, resolve


def open_kb(path: str | None = None, use_cache: bool = True) -> KnowledgeBase:
    """The knowledge behind `path`: from the on-disk index when it is fresh,
    else parsed and validated (and the index rewritten for next time, or only
    extended when files were added at the end: see _extend).

    The index can only ever cost a warning: when it is corrupt, of another
    version or cannot be written, the files are read directly.
    """
    root = resolve(path)
    files = knowledge_files(root)
    kb = _open(root, files, use_cache)
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
    try:
        found = fresh.open_fresh(target, files)
    except fresh.IndexUnusable as e:
        warn(f"ignoring the index {target}: {e}; rebuilding it")
    else:
        if found is not None:
            return found
        # Files added at the end extend this index; files just added and then
        # edited extend the one it extended.
        for start in (target, where.previous_path(target)):
            extended = _extend(target, files, start, root)
            if extended is not None:
                return extended
    built = _build(target, files, root)
    return built if built is not None else _read(files)


def _read(files: list[Path], notice: str | None = None) -> KnowledgeBase:
    """The files read without the index. (Reading is imported only when files
    must be read: a lookup from a fresh index never parses.)"""
    from sinokaz_cli.reading.load import read_all

    return read_all(files, notice)


def _build(target: Path, files: list[Path], root: Path) -> KnowledgeBase | None:
    """A new index at `target` from every file, opened; None (after a warning)
    when it cannot be written."""
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
                builder.finish(kb)
            except BaseException:
                builder.abandon()
                raise
        return fresh.open_built(target)
    except (OSError, fresh.DatabaseError) as e:
        reason = getattr(e, "strerror", None) or str(e)
        warn(f"cannot write the index {target} ({reason}); reading the knowledge files directly")
        return None
    finally:
        if progress is not None:
            progress.close()  # before anything else is printed


def _extend(target: Path, files: list[Path], start: Path, root: Path) -> KnowledgeBase | None:
    """The index at `start` extended with the files added after it was written,
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
            builder.finish(kb)
        return fresh.open_built(target)
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
