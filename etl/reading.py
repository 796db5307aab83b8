"""Reading submitted files without the database: bytes, workbook, the form's parts; ahead, in another process."""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from core import texts
from etl.form import FormData, parse_form
from etl.problems import Problem
from etl.readers import MAX_FILE_BYTES, WorkbookRejected, check_file_size, read_workbook

log = logging.getLogger(__name__)
AHEAD_FROM = 24  # fewer files are read in this process: starting a reader costs about a second
AHEAD = 32  # files read ahead at most (bounds the memory they hold)
READERS = 2  # reader processes: reading a file takes longer than checking and recording it (bench/loaders.py)


def read_form(data: bytes, file_name: str) -> FormData | Problem:
    """Read a workbook and find the form's parts; no database, so it can run in another process."""
    try:
        return parse_form(read_workbook(data, file_name))
    except WorkbookRejected as rejected:
        return rejected.problem
    except Exception:  # a file must never crash the loader: reject it and keep the trace for us
        log.exception("unexpected failure reading %s", file_name)
        return Problem(texts.UNEXPECTED_FAILURE)


@dataclass
class ReadFile:
    """A file's bytes and what `read_form` found in them (None: not parsed yet), or why it could not be read at all."""

    file_name: str
    data: bytes = field(default=b"", repr=False)
    form: FormData | Problem | None = None
    problem: Problem | None = None


def read_bytes(data: bytes, file_name: str) -> ReadFile:
    """An uploaded file, refused by its size alone before anything looks inside (again on the server: the
    browser's limit can be bypassed); parsed when it is checked, unless its very bytes are recorded already."""
    try:
        check_file_size(len(data), file_name)
    except WorkbookRejected as rejected:
        return ReadFile(file_name, problem=rejected.problem)
    return ReadFile(file_name, data)


def read_path(path: Path, parse: bool = True) -> ReadFile:
    path = Path(path)
    try:
        check_file_size(path.stat().st_size, path.name)  # a huge file is never read into memory
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # a file grown since, or a device: cut there, then refused
    except WorkbookRejected as rejected:
        return ReadFile(path.name, problem=rejected.problem)
    except OSError as exc:
        return ReadFile(path.name, problem=_unreadable(path, exc))
    return ReadFile(path.name, data, read_form(data, path.name) if parse else None)


def _unreadable(path: Path, exc: OSError) -> Problem:
    """What the clerk is told about a path that cannot be read: missing, a folder, not allowed, or else."""
    if isinstance(exc, FileNotFoundError):
        text = texts.FILE_MISSING.format(file_name=path.name, path=path)
        return Problem(text, found=texts.FILE_FOUND_NOTHING, expected=texts.FILE_EXPECTED)
    if isinstance(exc, IsADirectoryError):
        found = texts.FILE_FOUND_FOLDER
    elif isinstance(exc, PermissionError):
        found = texts.FILE_FOUND_NO_PERMISSION
    else:
        found = texts.FILE_FOUND_OS_ERROR.format(errno=exc.errno)
    text = texts.FILE_UNREADABLE.format(file_name=path.name, path=path, found=found)
    return Problem(text, found=found, expected=texts.FILE_EXPECTED)


def read_ahead(paths: list[Path]) -> Iterator[ReadFile]:
    """`read_path` of each path, in order; for many files, done ahead by READERS other processes (the checks and the
    database work stay here). A file that kills a reader (a crash in the workbook library) is rejected as damaged and
    new readers go on with the rest: which file it was is found by reading the files in hand again with one reader,
    one after the other, where the file a crash interrupts is the one that caused it."""
    if len(paths) < AHEAD_FROM:
        yield from map(read_path, paths)
        return
    waiting = deque(paths)
    pending: deque[tuple[Path, Future]] = deque()
    suspects = 0  # files read again with one reader: a reader died while they were in hand
    pool = _reader(READERS)
    try:
        while waiting or pending:
            while waiting and len(pending) < (suspects or AHEAD):
                try:
                    future = pool.submit(read_path, waiting[0])
                except BrokenProcessPool:  # a reader died since the last result: the files in hand tell which
                    break
                pending.append((waiting.popleft(), future))
            if not pending:  # a reader died with no file in hand (killed from outside): nobody to blame
                pool.shutdown(cancel_futures=True)
                pool = _reader(1 if suspects else READERS)
                continue
            path, future = pending.popleft()
            try:
                yield future.result()
            except BrokenProcessPool:
                in_hand = [path, *(p for p, _ in pending)]
                pending.clear()
                pool.shutdown(cancel_futures=True)
                if not suspects and READERS > 1:  # any of them may have done it
                    suspects = len(in_hand)
                    waiting.extendleft(reversed(in_hand))
                else:  # one reader, reading them in order: this one did
                    log.error("the reader process died reading %s", path)
                    yield ReadFile(Path(path).name, problem=Problem(texts.UNEXPECTED_FAILURE))
                    suspects = max(suspects - 1, 0)
                    waiting.extendleft(reversed(in_hand[1:]))
                pool = _reader(1 if suspects else READERS)
                continue
            if suspects:
                suspects -= 1
                if not suspects:  # every file in hand when a reader died is read: back to READERS readers
                    pool.shutdown()
                    pool = _reader(READERS)
    finally:
        pool.shutdown(cancel_futures=True)


def _reader(processes: int) -> ProcessPoolExecutor:
    # fork: the readers start at once with the modules loaded (spawn would re-run the caller's main script);
    # they only read files and never touch the database this process may have open.
    return ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork"))
