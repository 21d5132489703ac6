from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SEED = SEEDS / "000_de265e37088bf565.txt"


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A private copy of the seed article."""
    target = tmp_path / SEED.name
    shutil.copyfile(SEED, target)
    return target


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own cache folder: results never leak from one test to another
    (tests patch readers and rules), and nothing is written into the checkout."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path_factory.mktemp("newslint-cache")))
    # The cache's signing key lives in the user's cache folder: never the real one.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
