"""The pre-commit hooks of ``.pre-commit-hooks.yaml``, run by real pre-commit in a throwaway repository.

pre-commit builds the hook's Python environment with ``pip install`` of this repository, so the
test needs PyPI (or a pip mirror) the first time.  The hook repository is a snapshot of the
working tree (committed and uncommitted files, untracked ones too, minus ``.gitignore``d ones)
committed with fixed dates: its commit id depends only on the content, so the environment that
pre-commit builds for it under the session's ``PRE_COMMIT_HOME`` (in the pytest cache) is reused
until the code changes.  ``pre-commit try-repo`` always builds a fresh environment in a temporary
store, so it is used once only.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# Our own damaged article in the seed's .txt layout: a bold photo credit (NL101) and a URL split
# by a space (NL201, NL004).  Both fixes are safe, so `newslint --fix` leaves nothing behind.
DAMAGED = """\
Harbour Plan Approved After Long Debate

By Jane Doe

November 01, 2024

The mayor at the harbour on Friday. **Anna Petrova / Harbour Agency**

The city council approved the new harbour plan on Friday after a debate that lasted most of the night.

Work on the first pier starts in the spring, the mayor said.

Original url:

https://example.com/2024/11/01/council-approves-harbour-pla n-after-long-debate-a1234
"""
FIXED = DAMAGED.replace("**Anna Petrova / Harbour Agency**", "Anna Petrova / Harbour Agency")
FIXED = FIXED.replace("harbour-pla n-after", "harbour-plan-after")

_SNAPSHOT_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "__pycache__", "*.pyc", ".*_cache", ".hypothesis", "build", "dist"
)


def _git_env(pre_commit_home: Path) -> dict[str, str]:
    """Git isolated from the user's configuration (hooksPath, signing), with a fixed identity."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="newslint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="newslint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_AUTHOR_DATE="2024-11-01T00:00:00+00:00",
        GIT_COMMITTER_DATE="2024-11-01T00:00:00+00:00",
        PRE_COMMIT_HOME=str(pre_commit_home),
        PRE_COMMIT_COLOR="never",
    )
    return env


def _run(
    args: list[str], cwd: Path, env: Mapping[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


def _git(cwd: Path, env: Mapping[str, str], *args: str) -> str:
    result = _run(["git", *args], cwd, env)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stdout}{result.stderr}"
    return result.stdout.strip()


def _pre_commit(cwd: Path, env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", *args], cwd, env)


def _project_files() -> list[Path]:
    """The project's files as a checkout would have them, uncommitted and untracked ones too."""
    if (ROOT / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8", "surrogateescape")
        return [Path(name) for name in listed.split("\0") if name and (ROOT / name).is_file()]
    return []


@pytest.fixture(scope="session")
def hook_env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``PRE_COMMIT_HOME`` and the hook repository, kept across sessions."""
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("newslint-pre-commit"))
    return tmp_path_factory.mktemp("newslint-pre-commit")


@pytest.fixture(scope="session")
def hook_repo(hook_env: Path) -> Iterator[tuple[Path, str]]:
    """A git repository holding a snapshot of this project, and its commit id.

    At the end of the session, ``pre-commit gc`` drops the environments of older snapshots
    (once pytest has removed the throwaway repositories whose configurations named them).
    """
    snapshot = hook_env / "hook-repo"
    env = _git_env(hook_env / "home")
    if snapshot.exists():
        shutil.rmtree(snapshot)
    files = _project_files()
    if files:
        for name in files:
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    else:  # not a git checkout (an unpacked sdist): copy the tree
        shutil.copytree(ROOT, snapshot, ignore=_SNAPSHOT_IGNORE)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    _git(snapshot, env, "init", "--quiet")
    _git(snapshot, env, "add", "--all")
    _git(snapshot, env, "commit", "--quiet", "--no-verify", "-m", "snapshot")
    yield snapshot, _git(snapshot, env, "rev-parse", "HEAD")
    _pre_commit(hook_env, env, "gc")


@pytest.fixture
def article_repo(tmp_path: Path, hook_env: Path) -> tuple[Path, dict[str, str]]:
    """An empty throwaway git repository with the damaged article written (not yet added)."""
    repo = tmp_path / "articles"
    repo.mkdir()
    env = _git_env(hook_env / "home")
    _git(repo, env, "init", "--quiet")
    (repo / "harbour.txt").write_text(DAMAGED, encoding="utf-8", newline="\n")
    return repo, env


@pytest.mark.integration  # 10-12 s each (pre-commit builds the hook's environment)
def test_hook_blocks_the_commit_then_the_fix_hook_repairs_the_article(
    hook_repo: tuple[Path, str], article_repo: tuple[Path, dict[str, str]]
) -> None:
    """The workflow a user has: the hook installed, a commit refused, the fix hook run, a commit."""
    snapshot, rev = hook_repo
    repo, env = article_repo
    article = repo / "harbour.txt"
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"- repo: {snapshot.as_posix()}\n"
        f"  rev: {rev}\n"
        "  hooks:\n"
        "  - id: newslint\n"
        "  - id: newslint-fix\n"
        "    stages: [manual]\n",
        encoding="utf-8",
    )
    installed = _pre_commit(repo, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(repo, env, "add", ".pre-commit-config.yaml", "harbour.txt")

    refused = _run(["git", "commit", "-m", "Add the harbour article"], repo, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1, output
    assert "newslint" in output and "Failed" in output
    assert "harbour.txt:7:37: NL101 [*] Markdown bold markers around" in output
    assert "NL201" in output
    assert _run(["git", "rev-parse", "--verify", "HEAD"], repo, env).returncode != 0
    assert article.read_text(encoding="utf-8") == DAMAGED  # the check hook writes nothing

    fixing = _pre_commit(
        repo, env, "run", "newslint-fix", "--hook-stage", "manual", "--files", "harbour.txt"
    )
    output = fixing.stdout + fixing.stderr
    assert fixing.returncode == 1, output  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in output
    assert article.read_text(encoding="utf-8") == FIXED

    _git(repo, env, "add", "harbour.txt")
    accepted = _run(["git", "commit", "-m", "Add the harbour article"], repo, env)
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert "Passed" in output and "Failed" not in output
    assert _git(repo, env, "show", "HEAD:harbour.txt") + "\n" == FIXED


@pytest.mark.integration  # 10-12 s each (pre-commit builds the hook's environment)
def test_try_repo_runs_the_check_hook(
    hook_repo: tuple[Path, str], article_repo: tuple[Path, dict[str, str]]
) -> None:
    """`pre-commit try-repo`, the documented way to try a hook repository before adopting it."""
    snapshot, rev = hook_repo
    repo, env = article_repo
    tried = _pre_commit(
        repo, env, "try-repo", str(snapshot), "newslint", "--ref", rev, "--files", "harbour.txt"
    )
    output = tried.stdout + tried.stderr
    assert tried.returncode == 1, output
    assert "- hook id: newslint" in output
    assert "harbour.txt:7:37: NL101 [*]" in output
    assert (repo / "harbour.txt").read_text(encoding="utf-8") == DAMAGED


# -- the README's snippets, verbatim (issue 15) ------------------------------------------------

README_TAG = "v0.1.0"
"""The ``rev`` the README's snippet names: the tag of the release on main (pyproject's version)."""

REMOTE_SNIPPET = """\
repos:
  - repo: https://example.invalid/newslint.git   # where you get newslint from
    rev: v0.1.0
    hooks:
      - id: newslint          # check; or newslint-fix to apply safe fixes
        files: ^corpus/       # optional: only the corpus (its README.md is left out)
"""
"""The README's snippet; the test puts a clone of this project (tagged ``v0.1.0``) in place of
the repository's URL, and changes nothing else."""

LOCAL_SNIPPET = """\
repos:
  - repo: local
    hooks:
      - id: newslint
        name: newslint
        entry: newslint --force-exclude
        language: system      # the newslint installed where git commit runs
        types: [file]
        files: '(?i)\\.(txt|json|jsonl)(\\.gz|\\.zst)?$'
        require_serial: true
"""
"""The README's second snippet: the newslint installed in the environment (no hook repository
to fetch), word for word."""


@pytest.fixture(scope="session")
def tagged_clone(hook_repo: tuple[Path, str], hook_env: Path) -> Path:
    """A clone of the hook repository with the README's tag, as a user's clone of newslint's
    repository has it once the release is tagged.  Its folder is named after the commit, so that
    pre-commit's store (keyed by repository and rev) never serves an older snapshot's hook."""
    snapshot, rev = hook_repo
    env = _git_env(hook_env / "home")
    clone = hook_env / f"tagged-{rev[:16]}"
    if not clone.exists():
        _git(hook_env, env, "clone", "--quiet", str(snapshot), str(clone))
        _git(clone, env, "tag", README_TAG)
    assert _git(clone, env, "rev-parse", f"{README_TAG}^{{commit}}") == rev
    return clone


@pytest.fixture
def corpus_repo(tmp_path: Path, hook_env: Path) -> tuple[Path, dict[str, str]]:
    """A repository with a damaged article under corpus/, the corpus's README.md beside it and
    a damaged article outside corpus/, all staged."""
    repo = tmp_path / "project"
    (repo / "corpus").mkdir(parents=True)
    env = _git_env(hook_env / "home")
    _git(repo, env, "init", "--quiet")
    (repo / "corpus" / "harbour.txt").write_text(DAMAGED, encoding="utf-8", newline="\n")
    (repo / "corpus" / "README.md").write_text("# Our corpus\n\nScraped in 2024.\n", "utf-8")
    (repo / "notes.txt").write_text(DAMAGED, encoding="utf-8", newline="\n")
    return repo, env


def _run_all_files(repo: Path, env: Mapping[str, str], config: str) -> str:
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(repo, env, "add", ".")
    result = _pre_commit(repo, env, "run", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # the damaged article in corpus/
    return output


def _assert_corpus_checked(output: str) -> None:
    assert "corpus/harbour.txt:7:37: NL101 [*] Markdown bold markers around" in output
    assert "exit code: 1" in output and "exit code: 2" not in output
    assert "README.md" not in output and "unsupported file type" not in output
    assert "notes.txt" not in output  # files: ^corpus/


@pytest.mark.integration  # pre-commit builds the hook's environment from the clone
def test_the_readme_snippet_works_as_written_with_the_tag(
    tagged_clone: Path, corpus_repo: tuple[Path, dict[str, str]]
) -> None:
    repo, env = corpus_repo
    url = "https://example.invalid/newslint.git"
    config = REMOTE_SNIPPET.replace(url, tagged_clone.as_posix())
    assert config.count(tagged_clone.as_posix()) == 1
    _assert_corpus_checked(_run_all_files(repo, env, config))
    fixing = config.replace("- id: newslint ", "- id: newslint-fix ")
    assert fixing != config
    output = _run_all_files(repo, env, fixing)
    assert "files were modified by this hook" in output and "exit code: 2" not in output
    assert (repo / "corpus" / "harbour.txt").read_text(encoding="utf-8") == FIXED
    assert (repo / "notes.txt").read_text(encoding="utf-8") == DAMAGED


@pytest.mark.integration  # 1-2 s: no environment to build
def test_the_readme_local_snippet_works_as_written(
    corpus_repo: tuple[Path, dict[str, str]],
) -> None:
    repo, env = corpus_repo
    env = {**env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"}
    output = _run_all_files(repo, env, LOCAL_SNIPPET)
    assert "corpus/harbour.txt:7:37: NL101 [*] Markdown bold markers around" in output
    assert "notes.txt:7:37: NL101" in output  # no files: every article of the repository
    assert "README.md" not in output and "exit code: 2" not in output


def test_the_readme_shows_the_tested_snippets() -> None:
    """The snippets above are the README's, word for word (its pre-commit section)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### pre-commit", 1)[1].split("\n### ", 1)[0]
    blocks = [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:]]
    assert blocks == [REMOTE_SNIPPET, LOCAL_SNIPPET]


def test_the_hooks_leave_out_what_newslint_does_not_read() -> None:
    """A user's ``files:`` replaces the hook's pattern, so the hook itself must leave out
    files newslint does not read (``--force-exclude``), and must not ask for text: a
    compressed corpus is binary."""
    import yaml  # pre-commit's own dependency

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["entry"] for hook in hooks] == [
        "newslint --force-exclude",
        "newslint --force-exclude --fix",
    ]
    assert [hook["types"] for hook in hooks] == [["file"], ["file"]]
    pattern = re.compile(hooks[0]["files"])
    names = ["a.txt", "a.json", "a.jsonl", "A.JSONL", "a.jsonl.gz", "a.json.zst"]
    assert [name for name in names if pattern.search(name)] == names
    assert not [name for name in ("README.md", "a.gz", "a.txt~") if pattern.search(name)]
