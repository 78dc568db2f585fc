"""The entry point's own exit status for an interrupt matches the documented one."""

from __future__ import annotations

from sinokaz_cli.errors import ExitCode


def test_entry_point_interrupt_status_is_the_documented_one() -> None:
    import importlib.util
    from pathlib import Path

    import sinokaz_cli

    # Read the constant without importing cli.py (which would take over SIGINT here).
    source = (Path(sinokaz_cli.__file__).parent / "cli.py").read_text(encoding="utf-8")
    line = next(x for x in source.splitlines() if x.startswith("INTERRUPTED = "))
    assert int(line.split("=")[1].split("#")[0]) == ExitCode.INTERRUPTED
    assert importlib.util.find_spec("sinokaz_cli.cli") is not None


def test_entry_point_output_and_system_statuses_are_the_documented_ones() -> None:
    from pathlib import Path

    import sinokaz_cli

    source = (Path(sinokaz_cli.__file__).parent / "cli.py").read_text(encoding="utf-8")
    for name in ("OUTPUT", "SYSTEM"):
        line = next(x for x in source.splitlines() if x.startswith(f"{name} = "))
        assert int(line.split("=")[1].split("#")[0]) == ExitCode[name]
