"""Named points in writing the cache, where a test can stop a run.

Each step that changes the cache folder calls `reached` with its name just
before it acts. Here that does nothing; the fault-injection tests replace it,
in a process of their own, with one that kills the process at a chosen point
(tests/killed.py), to show that a run killed at any of them leaves the cache
usable. No environment variable or option reaches it: only code that imports
this module and replaces the function can.
"""

from __future__ import annotations


def reached(point: str) -> None:
    """About to take the step named `point`."""
