"""The archive of originals: content-addressed, written whole, and no half-written copy left behind a crash."""

import os
import subprocess
import sys

import pytest

from core import archive
from core.archive import archive_path, write_originals

DATA = b"PK\x03\x04 a form"
SHA = "ab" + "0" * 62


def test_each_original_lands_at_its_content_address_whole(tmp_path):
    created = write_originals(tmp_path, [(SHA, "Bieu01.XLSX", DATA), (SHA, "again.xlsx", DATA)])
    target = tmp_path / archive_path(SHA, "Bieu01.XLSX")
    assert created == [target] and target.name == SHA + ".xlsx"
    assert target.read_bytes() == DATA
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # nothing partial beside it
    assert write_originals(tmp_path, [(SHA, "Bieu01.xlsx", DATA)]) == []  # already there: not written again


@pytest.mark.parametrize("syncfs", ["the system's", "none", "failing"])
def test_a_batch_is_synced_to_disk_at_once_or_file_by_file(tmp_path, monkeypatch, syncfs):
    """One syncfs(2) of the archive's filesystem for a batch; where there is none, or it fails, an fsync per file."""
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    if syncfs != "the system's":
        libc = type("Libc", (), {"syncfs": staticmethod(lambda fd: -1)} if syncfs == "failing" else {})()
        monkeypatch.setattr(archive, "_LIBC", libc)
    second = "cd" + "0" * 62
    created = write_originals(tmp_path, [(SHA, "a.xlsx", DATA), (second, "b.xlsx", DATA + b"!")])
    assert [path.read_bytes() for path in created] == [DATA, DATA + b"!"]
    assert len(synced) == (0 if syncfs == "the system's" else 2)


def test_a_copy_abandoned_by_a_killed_writer_is_removed_and_a_living_writers_is_kept(tmp_path):
    target = tmp_path / archive_path(SHA, "bieu.xlsx")
    target.parent.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = target.with_name(f"{target.name}.{dead.stdout.strip()}.1a2b3c4d.partial")
    in_progress = target.with_name(f"{target.name}.{os.getpid()}.5e6f7a8b.partial")
    for path in (abandoned, in_progress):
        path.write_bytes(DATA[:3])

    write_originals(tmp_path, [(SHA, "bieu.xlsx", DATA)])

    assert not abandoned.exists()
    assert in_progress.exists()  # another thread of a living process may be about to rename it
    assert target.read_bytes() == DATA
