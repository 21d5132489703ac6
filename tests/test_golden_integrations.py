"""Every integration gives, byte for byte, the output that commit f52a05e gave on the real corpora.

The expected digests are ``tests/data/golden/integrations.json`` ({integration: {input:
sha256}}); ``tests/golden.py`` says what each digest covers and how to regenerate them.  A
failure names the integration (the test's id) and the inputs whose output changed.  The Ray
and datatrove integrations are marked ``integration`` and skip without their extras.

The work of every selected test is done once, up front, two jobs at a time (the CLI runs are
separate processes), so the first test's set-up holds the module's run time.
"""

from __future__ import annotations

import importlib
import json
from functools import cache
from pathlib import Path

import pytest

from tests import golden

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

pytestmark = pytest.mark.skipif(
    not CORPORA.is_dir(), reason=f"the shared corpora are not here ({CORPORA})"
)

EXTRA_MODULES = {"ray": "ray.data", "datatrove": "datatrove"}
"""The module each optional integration needs."""

REGENERATE = (
    "if the change is intended, regenerate the goldens with the code they must freeze "
    "(see tests/golden.py)"
)


@cache
def _available(extra: str) -> bool:
    try:
        importlib.import_module(EXTRA_MODULES[extra])
    except ImportError:
        return False
    return True


def _params() -> list[object]:
    return [
        pytest.param(
            integration,
            # Each one runs newslint over every shared corpus (a minute of CPU in all): CI's
            # second step (`pytest -m integration`), not the lean README command.
            marks=[pytest.mark.integration],
            id=integration,
        )
        for integration in golden.INTEGRATIONS
    ]


@pytest.fixture(scope="module")
def expected() -> golden.Digests:
    data: golden.Digests = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def computed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> golden.Digests:
    """The digests of every integration selected in this run, computed with the current code."""
    selected = {
        item.callspec.params["integration"]
        for item in request.session.items
        if item.path == request.path and hasattr(item, "callspec")
    }
    jobs = {
        job
        for job in map(golden.JOB_OF.__getitem__, selected)
        if job.extra is None or _available(job.extra)
    }
    workdir = tmp_path_factory.mktemp("golden")
    names = golden.prepare(workdir, CORPORA)
    return golden.compute(jobs, workdir, names)


def test_the_inputs_are_every_corpus_file() -> None:
    golden.check_inputs(CORPORA)


def test_the_goldens_cover_every_integration(expected: golden.Digests) -> None:
    assert sorted(expected) == sorted(golden.INTEGRATIONS), REGENERATE


@pytest.mark.parametrize("integration", _params())
def test_output_is_unchanged(
    integration: str, expected: golden.Digests, computed: golden.Digests
) -> None:
    extra = golden.JOB_OF[integration].extra
    if extra is not None:
        pytest.importorskip(EXTRA_MODULES[extra])
    want, got = expected[integration], computed[integration]
    changed = sorted(name for name in set(want) | set(got) if want.get(name) != got.get(name))
    note = (
        f" ({golden.RUN}: the run over all inputs: exit status, stderr, summary, order of the inputs)"
        if golden.RUN in changed
        else ""
    )
    assert not changed, (
        f"{integration}: the output changed for {len(changed)} of {len(want)} inputs: "
        f"{', '.join(changed)}{note}; {REGENERATE}"
    )
