"""HuggingFace ``datasets`` caches ``map`` with newslint's functions, editable install or not.

``datasets`` fingerprints a ``map`` function by pickling it with dill.  dill copies a module
by value unless it lives under ``sys.prefix`` or ``site-packages``; with an editable install
(``pip install -e .``, as in this checkout's venv) a function using ``newslint.fix_record``
copied the package's namespace: with a ``Settings`` in the closure the hash raised
RecursionError, and without one it changed with each API name the process had loaded.
Each check runs in fresh interpreters (with different string-hash seeds), as a user's
second run of a script would.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import newslint
from newslint.readers import json_reader

pytestmark = pytest.mark.integration  # datasets comes with the integration extras

ROOT = Path(__file__).resolve().parents[1]

FUNCTIONS = """\
import newslint
from newslint import fix_text

settings = newslint.Settings(select=["NL1", "NL3"], fields={"body": "text"})
functions = {
    "fix_record": lambda r: newslint.fix_record(r).record,
    "fix_record with settings": lambda r: newslint.fix_record(r, settings).record,
    "fix_text with settings": lambda r: {"text": fix_text(r["text"], settings=settings)},
    "fix_batch": lambda batch: newslint.fix_batch(batch, settings).batch,
}
"""

ROWS = [
    {"title": "Talks resume", "url": "https://example.org/a", "text": "Salt &amp; **pepper**."},
    {"title": "CafÃ© owners", "url": "https://example.org/b", "text": "A quiet day in town."},
    {"title": "Genève", "url": "https://example.org/c", "text": "L’accord était « prêt »."},
]


def _python(script: str, tmp_path: Path, seed: str) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh interpreter of this venv, from ``tmp_path``, caches kept there."""
    environment = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "HF_HOME": str(tmp_path / "hf"),
        "HF_DATASETS_DISABLE_PROGRESS_BARS": "1",
        "HF_DATASETS_OFFLINE": "1",
    }
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent(script), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(path)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_map_functions_hash_alike_in_two_processes(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    script = (
        FUNCTIONS
        + """\
import json
from datasets.fingerprint import Hasher

# The API loaded and used first: what a process has loaded must not enter the hash.
newslint.lint_record({"title": "A", "url": "https://example.org/", "body": "B &amp; C."})
print(json.dumps({name: Hasher.hash(function) for name, function in functions.items()}))
"""
    )
    first = json.loads(_python(script, tmp_path, "1").stdout)
    second = json.loads(_python(script, tmp_path, "2").stdout)
    assert first == second
    assert len(set(first.values())) == len(first)  # four functions, four hashes
    # No settings built and no record checked: the same hash.
    script = FUNCTIONS.replace(
        'settings = newslint.Settings(select=["NL1", "NL3"], fields={"body": "text"})', ""
    )
    untouched = f"{script}from datasets.fingerprint import Hasher\nprint(Hasher.hash(functions['fix_record']))\n"
    assert _python(untouched, tmp_path, "3").stdout.strip() == first["fix_record"]


def test_a_second_map_loads_from_the_cache(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    datasets.Dataset.from_list(ROWS).save_to_disk(str(tmp_path / "articles"))
    script = (
        FUNCTIONS
        + """\
import json
import os
import datasets

datasets.logging.set_verbosity_info()  # "Loading cached processed dataset at ..."
articles = datasets.load_from_disk("articles")
found = {}
for name, function in functions.items():
    first = articles.map(function, batched=name == "fix_batch")
    again = articles.map(function, batched=name == "fix_batch")
    (cache,) = {f["filename"] for f in first.cache_files}
    assert {f["filename"] for f in again.cache_files} == {cache}, name
    found[name] = {
        "cache": cache,
        "written": os.stat(cache).st_mtime_ns,
        "rows": first.to_list(),
    }
print(json.dumps(found))
"""
    )
    first = _python(script, tmp_path, "1")
    second = _python(script, tmp_path, "2")
    made, loaded = json.loads(first.stdout), json.loads(second.stdout)
    assert made == loaded  # the same cache files, not written again, the same rows
    assert len({found["cache"] for found in made.values()}) == len(made)
    # In the first process each second map hit the cache; in the second, every map did.
    assert first.stderr.count("Loading cached processed dataset") == len(made)
    assert second.stderr.count("Loading cached processed dataset") == 2 * len(made)
    settings = newslint.Settings(select=["NL1", "NL3"], fields={"body": "text"})
    assert made["fix_record with settings"]["rows"] == [
        newslint.fix_record(r, settings).record for r in ROWS
    ]
    assert made["fix_text with settings"]["rows"][0]["text"] == "Salt & pepper."
    assert made["fix_batch"]["rows"] == made["fix_record with settings"]["rows"]


# -- what made the hash fail, one object at a time ------------------------------------------------


def test_newslint_modules_pickle_by_name() -> None:
    import newslint.api
    import newslint.jsonstr
    import newslint.model

    for module in (newslint, newslint.api, json_reader, newslint.jsonstr, newslint.model):
        data = pickle.dumps(module)
        assert len(data) < 200  # a name, not a namespace
        assert pickle.loads(data) is module


def test_the_json_decoder_pickles() -> None:
    """The module-level decoder held a C scanner that pickle (and dill) refuse."""
    decoder = pickle.loads(pickle.dumps(json_reader._DECODER))
    assert decoder.raw_decode('{"body": "Genève"} tail', 0) == ({"body": "Genève"}, 18)
    hasher = pytest.importorskip("datasets.fingerprint").Hasher
    assert hasher.hash(json_reader._DECODER) == hasher.hash(json_reader._Decoder())
    assert hasher.hash(json_reader)  # the module as a whole, as dill once copied it
