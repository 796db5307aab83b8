"""Repeated timings and their percentiles; resident memory of a process."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000  # memory is reported in MB (10^6 bytes), the unit of the targets


@dataclass
class Timing:
    seconds: list[float]  # one per run, in run order

    @property
    def runs(self) -> int:
        return len(self.seconds)

    def percentile(self, share: float) -> float:
        """Nearest rank: the smallest run time that `share` of the runs do not exceed."""
        ordered = sorted(self.seconds)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]

    @property
    def p50(self) -> float:
        return self.percentile(0.50)

    @property
    def p95(self) -> float:
        return self.percentile(0.95)


def timed(call: Callable[[], object], runs: int, warm_up: int = 1) -> Timing:
    """`call` run `warm_up` times untimed (first-use costs: query plans, imports), then `runs` times timed."""
    for _ in range(warm_up):
        call()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return Timing(seconds)


def status_bytes(pid: int | str, field: str) -> int:
    """A memory line of /proc/<pid>/status (VmRSS: resident now, VmHWM: peak resident), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)
