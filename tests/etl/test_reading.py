"""Reading files ahead in another process: same results, same order, and a reader that dies costs one file."""

from __future__ import annotations

import os
import threading
import time

from etl import reading
from etl.reading import ReadFile, read_ahead, read_path
from tests.support.forms import make_form


def _forms(db, folder, count: int) -> list:
    folder.mkdir(exist_ok=True)
    return [
        make_form(db, folder, period=period, name=f"{n}_{period}.xlsx")
        for n, period in enumerate(["2023Q1", "2023Q2"] * (count // 2))
    ]


def test_reading_ahead_gives_what_reading_one_by_one_gives_in_order(db, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "AHEAD_FROM", 2)
    monkeypatch.setattr(reading, "AHEAD", 3)
    paths = _forms(db, tmp_path / "forms", 8) + [tmp_path / "missing.xlsx"]
    ahead = list(read_ahead(paths))
    one_by_one = [read_path(p) for p in paths]
    assert [r.file_name for r in ahead] == [p.name for p in paths]
    assert [(r.data, r.form, r.problem) for r in ahead] == [(r.data, r.form, r.problem) for r in one_by_one]
    assert ahead[-1].problem is not None  # the missing file is a rejection, not an exception


DEADLY = "2_2023Q1.xlsx"


def _read_or_die(path, parse=True) -> ReadFile:
    if path.name == DEADLY:
        os._exit(1)  # as a crash inside the workbook library would end the reader
    return read_path(path, parse)


def test_a_file_that_kills_the_reader_is_rejected_and_the_rest_is_read(db, tmp_path, monkeypatch):
    paths = _forms(db, tmp_path / "forms", 6)
    assert paths[2].name == DEADLY
    monkeypatch.setattr(reading, "AHEAD_FROM", 2)
    monkeypatch.setattr(reading, "read_path", _read_or_die)  # the forked reader runs it
    results = list(read_ahead(paths))
    assert [r.file_name for r in results] == [p.name for p in paths]
    assert results[2].problem is not None and results[2].form is None
    assert all(r.problem is None and r.form is not None for n, r in enumerate(results) if n != 2)


DEADLY_TWO = {"1_2023Q2.xlsx", "4_2023Q1.xlsx"}


def _read_or_die_twice(path, parse=True) -> ReadFile:
    if path.name in DEADLY_TWO:
        os._exit(1)
    return read_path(path, parse)


def test_with_two_readers_each_file_that_kills_one_is_found_and_the_others_are_read(db, tmp_path, monkeypatch):
    """A reader died, but which of the files in hand did it? They are read again by one reader, in order: the file a
    crash interrupts there is the one; then two readers again."""
    started: list[int] = []

    def reader(processes: int):
        started.append(processes)
        return make_reader(processes)

    make_reader = reading._reader
    paths = _forms(db, tmp_path / "forms", 10)
    monkeypatch.setattr(reading, "AHEAD_FROM", 2)
    monkeypatch.setattr(reading, "AHEAD", 3)
    monkeypatch.setattr(reading, "READERS", 2)
    monkeypatch.setattr(reading, "read_path", _read_or_die_twice)
    monkeypatch.setattr(reading, "_reader", reader)
    results = list(read_ahead(paths))
    assert [r.file_name for r in results] == [p.name for p in paths]
    assert {r.file_name for r in results if r.problem is not None} == DEADLY_TWO
    assert all(r.form is not None for r in results if r.file_name not in DEADLY_TWO)
    assert started[0] == 2 and 1 in started and started[-1] == 2


LAST_WORDS = "1_2023Q2.xlsx"


def _read_then_die_idle(path, parse=True) -> ReadFile:
    """Reads the file, then ends its reader a moment later, with nothing in hand (as a reader killed from outside)."""
    if path.name == LAST_WORDS:
        threading.Timer(0.3, os._exit, (1,)).start()
    return read_path(path, parse)


def test_a_reader_that_dies_between_two_files_blames_none_and_the_rest_is_read(db, tmp_path, monkeypatch):
    # The pool breaks while this process is busy elsewhere: the next file sent to it finds it broken. That is not
    # an error of the load: the files in hand are accounted for, and new readers go on.
    paths = _forms(db, tmp_path / "forms", 8)
    monkeypatch.setattr(reading, "AHEAD_FROM", 2)
    monkeypatch.setattr(reading, "AHEAD", 2)
    monkeypatch.setattr(reading, "read_path", _read_then_die_idle)
    results = []
    for result in read_ahead(paths):
        results.append(result)
        time.sleep(0.6)  # the checks and the recording of the file: the reader dies meanwhile
    assert [r.file_name for r in results] == [p.name for p in paths]
    assert all(r.problem is None and r.form is not None for r in results)
