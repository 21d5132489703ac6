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
