"""`python -m web.serve [streamlit options]`: serve the dashboard, and stop quietly.

Streamlit's own command, run in this process; once the server has stopped (Ctrl+C, SIGTERM) the process ends with
the server's exit code without tearing the interpreter down: DuckDB's bindings print some forty "nanobind: leaked"
lines while Python dismantles its modules at exit, harmless and alarming. Every report is already committed to the
database file by then (each load is one transaction), so skipping that teardown loses nothing.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

from streamlit.web import cli

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
MALLOC_ARENAS = 2


def limit_malloc_arenas() -> None:
    """Two malloc arenas instead of glibc's up to eight per core: Streamlit runs each session's script in a thread of
    its own, and each arena keeps what was freed in it for the threads that use it (fifty browser sessions of the
    country's pages: 50 MB less resident at the end). Before any thread starts; elsewhere than glibc (macOS, musl)
    there is nothing to set."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS)


def main(options: list[str]) -> int:
    limit_malloc_arenas()
    try:
        cli.main(["run", str(DASHBOARD), *options], standalone_mode=False)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
