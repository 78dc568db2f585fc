"""Reading knowledge files into a knowledge base: each file read, parsed and
validated in turn, every problem collected, then the rules that need every
file applied (validate.py). Which files a path means is paths.py; TOML is
toml.py.

What is read can also be handed, file by file, to a Sink (the index builder,
index/build.py), so that a large knowledge base is never held whole: reading
knows nothing of the index beyond that.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sinokaz_cli.errors import KnowledgeError, Problem
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.reading.paths import knowledge_files, read_bytes, resolve
from sinokaz_cli.reading.toml import decode, parse

if TYPE_CHECKING:
    from sinokaz_cli.knowledge.records import Entity, Fact, Source
    from sinokaz_cli.messages import Progress
    from sinokaz_cli.reading.collected import Collected

# Knowledge files larger than this take a second or more to index: a person at
# a terminal is told why the run is slow (scripts, with stderr elsewhere, are not).
NOTICE_BYTES = 4_000_000


class Sink(Protocol):
    """What takes each file's records as they are read (index.build.Builder)."""

    def add_file(self, path: Path, st: os.stat_result | None, data: bytes) -> None: ...

    def learn(self, entities: Sequence[Entity], sources: Sequence[Source]) -> None: ...

    def add_facts(
        self, facts: Sequence[Fact], done: Callable[[float], None] | None = None
    ) -> None: ...

    def place(self, first: dict[str, dict[str, tuple[str, int]]]) -> None: ...


def say_if_large(files: list[Path], message: str) -> Progress | None:
    """On a terminal, before reading large knowledge files: one line saying so
    (`message`, their size in place of {}), and a progress line to count up as
    they are read, so that a long run is not taken for a hang."""
    if not _stderr_is_terminal():
        return None
    sizes = [st.st_size if st is not None else 0 for st in map(_stat, files)]
    size = sum(sizes)
    if size <= NOTICE_BYTES:
        return None
    from sinokaz_cli.messages import Progress, counted, say

    say(message.format(f"{size / 1e6:.0f} MB in {counted(len(files), 'file')}"))

    return Progress(sizes)


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stderr, or closed
        return False


@contextmanager
def bulk() -> Iterator[None]:
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
            # Everything made meanwhile is still in the youngest generation, so
            # the first allocation after enabling the collector scanned it all
            # (0.4 s after reading 100,000 facts, for nothing: what is kept is
            # kept, the rest was freed by reference counting). Moved to the
            # oldest generation first, it is scanned only once that generation
            # has grown by a quarter (gc.freeze then gc.unfreeze: no scan).
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def load(path: str | None = None, notice: str | None = None) -> KnowledgeBase:
    """Parse and validate every knowledge file behind `path` (see `resolve`); no index.
    With a `notice` ("checking the knowledge files ({})"), a terminal is told first
    when the files are large."""
    return read_all(knowledge_files(resolve(path)), notice)


def read_all(files: list[Path], notice: str | None) -> KnowledgeBase:
    """Parse and validate `files`, telling a terminal first (`notice`) when they are large."""
    progress = say_if_large(files, notice) if notice else None
    try:
        with bulk():
            return load_files(files, progress=progress)
    finally:
        if progress is not None:
            progress.close()


def load_files(
    files: list[Path],
    builder: Sink | None = None,
    progress: Progress | None = None,
    declared: Collected | None = None,
) -> KnowledgeBase:
    """Read, validate and cross-check every file. With a `builder`, each file's facts
    go to it as soon as the file is read, and the knowledge base returned holds
    everything but the facts. `declared` is what other files, read before
    (index.extend.resume), declared: the files are checked against it too."""
    from sinokaz_cli.reading.collected import Collected
    from sinokaz_cli.reading.validate import cross_check, read_document

    out = Collected() if declared is None else declared
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
        from sinokaz_cli.reading.lines import locate

        raise KnowledgeError(parse_problems + locate(out.issues))
    kb = cross_check(out)
    if out.issues:
        from sinokaz_cli.reading.lines import locate

        raise KnowledgeError(locate(out.issues))
    kb.source_files = {sid: file for sid, (file, _) in out.first.get("source", {}).items()}
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
