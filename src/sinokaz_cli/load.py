"""Parse the knowledge files and build the knowledge base: from the on-disk
index when it is fresh, else by reading, validating and indexing the files
(which files a path means, and reading them: knowledge_path.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sinokaz_cli.errors import KnowledgeError, Problem
from sinokaz_cli.knowledge_path import decode, knowledge_files, read_bytes, resolve
from sinokaz_cli.model import KnowledgeBase

if TYPE_CHECKING:
    from sinokaz_cli.boundary import Progress
    from sinokaz_cli.index_build import Builder
    from sinokaz_cli.validate import Collected

# Knowledge files larger than this take a second or more to index: a person at
# a terminal is told why the run is slow (scripts, with stderr elsewhere, are not).
NOTICE_BYTES = 4_000_000


def parse(text: str, file: str) -> dict[str, object]:
    from sinokaz_cli import plain_toml

    doc = plain_toml.loads(text)  # the usual file, read fast
    if doc is not None:
        return doc
    import tomli  # the rest, and every error message

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        message = getattr(e, "msg", None) or str(e).split(" (at ")[0]
        line = getattr(e, "lineno", None)
        column = getattr(e, "colno", None)
        raise KnowledgeError(
            [Problem(file, message[0].lower() + message[1:], line, column)]
        ) from None
    except (ValueError, RecursionError) as e:  # e.g. nesting too deep for the parser
        raise KnowledgeError([Problem(file, f"cannot be parsed as TOML: {e}")]) from None


def open_kb(path: str | None = None, use_cache: bool = True) -> KnowledgeBase:
    """The knowledge behind `path`: from the on-disk index when it is fresh,
    else parsed and validated (and the index rewritten for next time, or only
    extended when files were added at the end: see _extend).

    The index can only ever cost a warning: when it is corrupt, of another
    version or cannot be written, the files are read directly.
    """
    root = resolve(path)
    files = knowledge_files(root)
    if not use_cache:
        return _read(files, "reading the knowledge files ({}) without the index")
    from sinokaz_cli import store

    try:
        target = store.index_path(root)
    except OSError as e:  # no cache folder can be named (no home folder, say)
        _warn(f"{e}; reading the knowledge files directly")
        with _bulk():
            return _load(files)
    try:
        fresh = store.open_fresh(target, files)
    except store.IndexUnusable as e:
        _warn(f"ignoring the index {target}: {e}; rebuilding it")
    else:
        if fresh is not None:
            return fresh
        # Files added at the end extend this index; files just added and then
        # edited extend the one it extended.
        for start in (target, store.previous_path(target)):
            extended = _extend(target, files, start)
            if extended is not None:
                return extended
    from sinokaz_cli.index_build import Builder

    progress = _say_if_large(
        files, "indexing the knowledge files ({}); later runs answer from the index"
    )
    try:
        with _bulk():
            builder = Builder(target)
            try:
                kb = _load(files, builder, progress)
                builder.finish(kb)
            except BaseException:
                builder.abandon()
                raise
        return store.open_built(target)
    except (OSError, store.DatabaseError) as e:
        reason = getattr(e, "strerror", None) or str(e)
        _warn(f"cannot write the index {target} ({reason}); reading the knowledge files directly")
    finally:
        if progress is not None:
            progress.close()  # before anything else is printed
    with _bulk():
        return _load(files)


def _extend(target: Path, files: list[Path], start: Path) -> KnowledgeBase | None:
    """The index at `start` extended with the files added after it was written,
    put in place at `target`, when that is all that changed (index_extend.resume); None
    when it is not, or when the copy cannot be written: the caller rebuilds.

    Problems in the new files raise a KnowledgeError, worded as a rebuild words
    them: the indexed files are valid, so every problem is in the new files,
    checked against the same ids (and the index knows where each was written,
    for "first defined at")."""
    from sinokaz_cli import index_extend, store

    resumed = index_extend.resume(target, files, start)
    if resumed is None:
        return None
    builder, read, added = resumed
    progress = _say_if_large(
        added, "indexing the new knowledge files ({}); later runs answer from the index"
    )
    try:
        with _bulk():
            kb = _load(added, builder, progress, read)
            kb.files = tuple(map(str, files))
            builder.finish(kb)
        return store.open_built(target)
    except (OSError, store.DatabaseError):
        builder.abandon()
        return None
    except BaseException:
        builder.abandon()
        raise
    finally:
        if progress is not None:
            progress.close()


def read_added(root: Path, files: list[Path]) -> tuple[list[str], KnowledgeBase] | None:
    """Without writing anything: when the only change since the index at `root`
    (or the one kept before it) was written is files added at the end, its fact
    ids and the knowledge of the added files, read and checked against it (the
    knowledge base holds every entity, but only the added files' facts). None for
    any other change. A problem in the added files raises a KnowledgeError."""
    from sinokaz_cli import index_extend, store

    try:
        target = store.index_path(root)
    except OSError:
        return None
    for start in (target, store.previous_path(target)):
        found = index_extend.declared(start, files)
        if found is not None:
            read, added, ids = found
            with _bulk():
                return ids, _load(added, read=read)
    return None


def _say_if_large(files: list[Path], message: str) -> Progress | None:
    """On a terminal, before reading large knowledge files: one line saying so
    (`message`, their size in place of {}), and a progress line to count up as
    they are read, so that a long run is not taken for a hang."""
    if not _stderr_is_terminal():
        return None
    sizes = [st.st_size if st is not None else 0 for st in map(_stat, files)]
    size = sum(sizes)
    if size <= NOTICE_BYTES:
        return None
    from sinokaz_cli.boundary import Progress
    from sinokaz_cli.display import counted

    _say(message.format(f"{size / 1e6:.0f} MB in {counted(len(files), 'file')}"))

    return Progress(sizes)


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stderr, or closed
        return False


@contextmanager
def _bulk() -> Iterator[None]:
    """Reading a knowledge base makes millions of small objects and frees almost
    none of them, so the cyclic garbage collector, triggered by allocations,
    scanned the ever larger heap again and again: a third of the first run's
    time at 100,000 facts. Nothing made here needs it (see Collected.clear)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _warn(message: str) -> None:
    _say("warning: " + message)


def _say(message: str) -> None:
    from sinokaz_cli.boundary import say

    say(message)


def load(path: str | None = None, notice: str | None = None) -> KnowledgeBase:
    """Parse and validate every knowledge file behind `path` (see `resolve`); no index.
    With a `notice` ("checking the knowledge files ({})"), a terminal is told first
    when the files are large."""
    return _read(knowledge_files(resolve(path)), notice)


def _read(files: list[Path], notice: str | None) -> KnowledgeBase:
    """Parse and validate `files`, telling a terminal first (`notice`) when they are large."""
    progress = _say_if_large(files, notice) if notice else None
    try:
        with _bulk():
            return _load(files, progress=progress)
    finally:
        if progress is not None:
            progress.close()


def _load(
    files: list[Path],
    builder: Builder | None = None,
    progress: Progress | None = None,
    read: Collected | None = None,
) -> KnowledgeBase:
    """Read, validate and cross-check every file. With a `builder`, each file's facts
    go into the new index as soon as the file is read, and the knowledge base
    returned holds everything but the facts. `read` is what other files, read
    before (index_extend.resume), declared: the files are checked against it too."""
    from sinokaz_cli.validate import Collected, cross_check, read_document

    out = Collected() if read is None else read
    parse_problems: list[Problem] = []
    # Roughly where in a file's time parsing and validating end, for the progress
    # line (writing the index takes most of the rest).
    parsed, validated = (0.15, 0.3) if builder is not None else (0.5, 1.0)
    # How many of out.entities and out.sources the builder has seen.
    learnt = (len(out.entities), len(out.sources))
    for f in files:
        shown = str(f)
        st = _stat(f) if builder is not None else None  # before reading: see add_file
        try:
            data = read_bytes(f)
            if builder is not None:
                builder.add_file(f, st, data)  # what was read, before anything else is made of it
            text = decode(data, shown)
            del data
            doc = parse(text, shown)
            del text
        except KnowledgeError as e:
            # Keep going: report every broken file at once.
            parse_problems.extend(e.problems)
            if progress is not None:
                progress.advance()
            continue
        if progress is not None:
            progress.within(parsed)
        read_document(doc, shown, out)  # which empties it as it goes
        del doc
        if builder is not None:
            if progress is not None:
                progress.within(validated)
            if not out.issues and not parse_problems:  # else there will be no index
                builder.learn(
                    [e for e, _ in out.entities[learnt[0] :]],
                    [s for s, _ in out.sources[learnt[1] :]],
                )
                learnt = (len(out.entities), len(out.sources))
                builder.add_facts(
                    [fact for fact, _ in out.facts],
                    None if progress is None else _share(progress, validated),
                )
            out.facts.clear()
        if progress is not None:
            progress.advance()
    if parse_problems:
        from sinokaz_cli.lines import locate

        raise KnowledgeError(parse_problems + locate(out.issues))
    kb = cross_check(out)
    if out.issues:
        from sinokaz_cli.lines import locate

        raise KnowledgeError(locate(out.issues))
    if builder is not None:
        builder.place(out.first)  # before out is cleared
    out.clear()  # readers and collection refer to each other: free them now
    kb.files = tuple(str(f) for f in files)
    return kb


def _share(progress: Progress, start: float) -> Callable[[float], None]:
    """What Builder.add_facts calls as it goes: the rest of the file's share."""
    return lambda share: progress.within(start + (1 - start) * share)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None  # read_bytes says why
