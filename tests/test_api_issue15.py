"""Issue 15's API items: ``py.typed``, ``fix_text``/``lint_text``, the dataset's own field names."""

from __future__ import annotations

import importlib.resources
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# -- py.typed (PEP 561) --------------------------------------------------------------------------


def test_the_installed_package_is_marked_typed() -> None:
    marker = importlib.resources.files("newslint") / "py.typed"
    assert marker.is_file()


def test_the_built_wheel_ships_py_typed(tmp_path: Path) -> None:
    """The wheel hatchling builds from this checkout (the build backend pyproject names)."""
    wheel = pytest.importorskip("hatchling.builders.wheel")
    builder = wheel.WheelBuilder(str(ROOT))
    (built,) = builder.build(directory=str(tmp_path), versions=["standard"])
    with zipfile.ZipFile(built) as archive:
        assert "newslint/py.typed" in archive.namelist()
