"""Helpers for the real-browser tests: a database copy a server can lock, and opening a shared link."""

import shutil
from pathlib import Path


def copy_database(source: Path, target: Path) -> Path:
    """A copy the Streamlit server process can lock: this process may hold the original open."""
    shutil.copy(source, target)
    wal = source.with_suffix(source.suffix + ".wal")
    if wal.exists():
        shutil.copy(wal, target.with_suffix(target.suffix + ".wal"))
    return target


def open_deep_link(page, base_url: str, path: str, landmark: str) -> None:
    """Open a page by its URL, as a shared link does, and wait until `landmark` shows.

    The home page is opened first: on a server's very first session Streamlit 1.67 shows a
    "Page not found" dialog for any deep link before st.navigation has run once (a bare two-page
    app does the same). A deep link also makes the frontend probe <path>/_stcore/ for a base path
    and get 404 answers: those, and only those, are expected.
    """
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    page.goto(base_url, wait_until="networkidle")
    page.get_by_text("Theo dõi chỉ tiêu phòng, chống mại dâm").first.wait_for(timeout=30_000)
    page.goto(f"{base_url}{path}", wait_until="networkidle")
    page.get_by_text(landmark).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)  # let the data grids paint
    prefix = base_url + path.split("?")[0]
    assert all(url in (f"{prefix}/_stcore/health", f"{prefix}/_stcore/host-config") for url in failed), failed
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []
