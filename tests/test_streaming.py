"""Listings in the machine formats stream: each fact is written before the next
is read, so the first line of a long answer appears at once (issue: performance).

A spy wraps the knowledge base's `select` and, each time a further fact is
asked for, notes what has reached stdout so far. Were a renderer to gather the
records first, or a command to make a list of them, the first fact would not
be there yet when the second is asked for.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from sinokaz_cli.index.indexed import IndexedKB
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Fact

from conftest import Run

STREAMED = ["json", "jsonl", "csv", "tsv", "markdown"]


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(id of the fact about to be handed out, stdout so far), one per fact after the first."""
    log: list[tuple[str, str]] = []

    def spy(real: Any) -> Any:
        def select(self: Any, *args: Any, **kwargs: Any) -> Iterator[Fact]:
            for i, f in enumerate(real(self, *args, **kwargs)):
                if i:
                    sys.stdout.flush()
                    out: Any = sys.stdout.buffer  # the runner's BytesIO
                    log.append((f.id, out.getvalue().decode()))
                yield f

        return select

    monkeypatch.setattr(KnowledgeBase, "select", spy(KnowledgeBase.select))
    monkeypatch.setattr(IndexedKB, "select", spy(IndexedKB.select))
    return log


def _ids_in_order(run: Run, *args: str) -> list[str]:
    import json

    result = run(*args, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["index", "no-cache"])
@pytest.mark.parametrize("fmt", STREAMED)
@pytest.mark.parametrize("command", [["trade"], ["facts", "--category", "tourism"]])
def test_each_fact_is_written_before_the_next_is_read(
    run: Run, seen: list[tuple[str, str]], command: list[str], fmt: str, cache: list[str]
) -> None:
    order = _ids_in_order(run, *cache, *command)
    assert len(order) >= 3  # else there is nothing to stream
    seen.clear()
    result = run(*cache, *command, "--format", fmt, "--fields", "id,statement")
    assert result.exit_code == 0, result.stderr
    assert [fid for fid, _ in seen] == order[1:]
    for i, (_, so_far) in enumerate(seen):
        # When the fact after order[i] is asked for, order[i] is already out,
        # and nothing later is.
        assert _shows(so_far, order[i])
        assert not any(_shows(so_far, later) for later in order[i + 1 :])


def _shows(text: str, fid: str) -> bool:
    """Whether `fid` stands in `text` as a whole id, not as part of a longer one."""
    return re.search(rf"(?<![\w.-]){re.escape(fid)}(?![\w.-])", text) is not None
