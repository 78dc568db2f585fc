"""Start-up cost of sinokaz against the floor it cannot go below.

Runs each command alternately, many times, and reports medians and the ratio
of each to its floor measured in the same run (this machine is shared and
noisy: absolute times drift, ratios within one run do not). Run it with the
Python of an environment where sinokaz is installed (`pip install .`): the
`sinokaz` script beside that Python is what is timed.

    python benchmarks/startup.py [--runs 40] [--data PATH]

Pairs (tool : floor):
  sinokaz trade --json            :  python -c "import typer"
  sinokaz trade --format table    :  python -c "import typer, rich.console, rich.table"
and, for what a user would reach for instead, tomlq (yq) and grep over the same file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) the command used.

    CPU time, not wall time: on a shared machine the wall clock also counts
    waiting for a core, which says nothing about the tool.
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} exited {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():  # warm the file cache once
        timed(cmd, env)
    for _ in range(runs):
        for name, cmd in commands.items():  # alternate, so drift hits all alike
            samples[name].append(timed(cmd, env))
    return {name: statistics.median(s) for name, s in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--data", help="knowledge file or folder (default: the bundled one)")
    args = parser.parse_args()

    py = sys.executable
    # What users run: the console script pip installed beside this Python, when
    # there is one (python -m adds runpy's few milliseconds).
    script = Path(py).with_name("sinokaz")
    sinokaz = [str(script)] if script.is_file() else [py, "-m", "sinokaz_cli"]
    sinokaz += ["--data", args.data] if args.data else []
    env = dict(os.environ)
    # Measure what users get: compiled bytecode cached (pip writes it at install).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SINOKAZ_DATA", None)
    commands = {
        "floor: import typer": [py, "-c", "import typer"],
        "sinokaz trade --json": [*sinokaz, "trade", "--json"],
        "floor: import typer, rich.console, rich.table": [
            py,
            "-c",
            "import typer, rich.console, rich.table",
        ],
        "sinokaz trade --format table": [*sinokaz, "trade", "--format", "table"],
    }
    data = Path(args.data) if args.data else HERE.parent / "data" / "facts.toml"
    if shutil.which("tomlq") and data.is_file():
        commands["tomlq (yq) selecting trade facts"] = [
            "tomlq",
            '.fact | map(select(.category == "trade"))',
            str(data),
        ]
    if data.is_file():
        commands["grep (floor for a text search)"] = ["grep", "-c", 'category = "trade"', str(data)]
    medians = measure(commands, args.runs, env)

    def ratio(a: str, b: str) -> str:
        return f"{medians[a] / medians[b]:.2f}x"

    print(f"median CPU time over {args.runs} alternating runs (python {sys.version.split()[0]})")
    for name, m in medians.items():
        print(f"  {m * 1000:8.1f} ms  {name}")
    print("ratios:")
    print(
        f"  trade --json        / import typer           = "
        f"{ratio('sinokaz trade --json', 'floor: import typer')}   (goal <= 1.2x)"
    )
    table_floor = "floor: import typer, rich.console, rich.table"
    print(
        f"  trade --format table/ import typer+rich      = "
        f"{ratio('sinokaz trade --format table', table_floor)}   (goal <= 1.2x)"
    )
    for name in medians:
        if name.startswith(("tomlq", "grep")):
            print(f"  trade --json        / {name:24} = {ratio('sinokaz trade --json', name)}")


if __name__ == "__main__":
    main()
