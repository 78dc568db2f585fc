"""Reading turns the cyclic garbage collector off while it makes millions of
objects, and hands them back to it without a scan (reading/load.py: bulk)."""

from __future__ import annotations

import gc
import weakref

from sinokaz_cli.reading.load import bulk


class _Node:
    me: object


def test_what_reading_made_is_not_left_for_the_next_allocation_to_scan() -> None:
    with bulk():
        assert not gc.isenabled()
        made = [[i] for i in range(200_000)]
    assert gc.isenabled()
    # In the oldest generation, which is scanned only once it has grown by a
    # quarter: not in a younger one, which the next allocations scan.
    assert any(o is made for o in gc.get_objects(generation=2))


def test_cycles_made_while_reading_are_still_collected() -> None:
    with bulk():
        node = _Node()
        node.me = node
        gone = weakref.ref(node)
        del node
    assert gone() is not None  # a cycle: only the collector frees it
    gc.collect()
    assert gone() is None


def test_a_collector_turned_off_before_stays_off() -> None:
    gc.disable()
    try:
        with bulk():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
