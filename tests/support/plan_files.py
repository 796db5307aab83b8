"""The repository's plan files copied for a test that writes plans (never the repository's own)."""

import shutil
from pathlib import Path

from core.plans import PLANS_DIR

DEMO_DRAFTS = ("lang-son-2024.yaml", "lang-son-2026.yaml")  # copied from lang-son-2023: tests make them again


def copy_seed_plans(folder: Path) -> Path:
    """The plans of the five source documents (without the demo's drafts made from them) in `folder`."""
    shutil.copytree(PLANS_DIR, folder, ignore=shutil.ignore_patterns("README.md", *DEMO_DRAFTS))
    return folder
