"""Run by tests/etl/test_hostile_files.py in a child process: read each file, report processor time and peak memory.

Arguments: a JSON list of [case name, file name, path], a database path, the address space (bytes) the process may
add once started, and the mode: `check` (the loader's checks) or `calamine` (calamine alone, as a control). One
JSON line `{"start": name}` before each file and one line with its outcome after, flushed, so that the parent knows
which file a crash or a hang belongs to.
"""

import json
import resource
import sys
import time
from pathlib import Path

from core.bootstrap import open_database
from etl.loader import LoadResult, check_files
from etl.reading import read_bytes


def proc_status(key: str) -> int:
    """A size from /proc/self/status, in bytes."""
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) * 1024 for line in lines if line.startswith(f"{key}:"))


def checked(db, data: bytes, file_name: str) -> LoadResult:
    """A file as an upload gives it, through the loader's checks (a batch of one); nothing is written."""
    return check_files(db, [read_bytes(data, file_name)])[0].result


def read_with_loader(db, data: bytes, file_name: str, _path: str) -> dict:
    result = checked(db, data, file_name)
    return {
        "status": result.status,
        "values": result.values,
        "messages": [p.message for p in result.errors + result.warnings],
        "errors": [p.message for p in result.errors],
    }


def read_with_calamine(_db, _data: bytes, _file_name: str, path: str) -> dict:
    """Every sheet as calamine alone gives it, as if our reader had no checks."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    rows = sum(len(book.get_sheet_by_index(i).to_python()) for i in range(len(book.sheet_names)))
    return {"status": "read", "rows": rows}


def main() -> None:
    manifest, db_path, headroom, mode = json.loads(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    read = {"check": read_with_loader, "calamine": read_with_calamine}[mode]
    db = open_database(db_path)
    # From here on an allocation beyond the headroom fails (calamine aborts) instead of hurting the machine.
    limit = proc_status("VmSize") + headroom
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    for name, file_name, path in manifest:
        data = Path(path).read_bytes()
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")  # the peak RSS (VmHWM) starts again from the current RSS
        print(json.dumps({"start": name}), flush=True)
        # Processor time, not wall time: the bound is on the reader's work, whatever else the machine runs meanwhile.
        started = time.process_time()
        outcome = read(db, data, file_name, path)
        outcome.update(name=name, seconds=time.process_time() - started, peak_mb=proc_status("VmHWM") / 2**20)
        print(json.dumps(outcome), flush=True)


if __name__ == "__main__":
    main()
