"""Open ``newslint report``'s page in headless Chromium: the charts render, nothing fails to load.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``), so
the test needs no Python package beyond the standard library, only a Chromium binary
(Debian's ``chromium``; ``.ci/run`` installs it). Without one, the tests are skipped.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newslint.quality import build_report, render_html

ROOT = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 30.0


def _find_browser() -> str | None:
    configured = os.environ.get("NEWSLINT_CHROMIUM")
    if configured:
        return configured
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """A headless Chromium, spoken to over the DevTools protocol on fds 3 and 4."""

    def __init__(self, executable: str, profile: str) -> None:
        to_browser_read, to_browser_write = os.pipe()
        from_browser_read, from_browser_write = os.pipe()
        # Above the low numbers, so that moving them to 3 and 4 in the child cannot clash.
        child_in = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
        child_out = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
        for descriptor in (to_browser_read, from_browser_write):
            os.close(descriptor)

        def wire_pipes() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        command = [
            executable,
            "--headless=new",
            "--remote-debugging-pipe",
            "--no-sandbox",  # containers and root, where CI runs
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--mute-audio",
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=wire_pipes,  # only dup2 runs in the child: safe enough in a test
            close_fds=False,
        )
        os.close(child_in)
        os.close(child_out)
        self._write = to_browser_write
        self._read = from_browser_read
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> str:
        """Stop the browser; return what it printed on standard error (for messages)."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError, TimeoutError, ConnectionError, RuntimeError):
                self.send("Browser.close")  # a clean exit; it is going away anyway
        for descriptor in (self._write, self._read):
            with contextlib.suppress(OSError):
                os.close(descriptor)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._read], [], [], remaining)
            if ready:
                chunk = os.read(self._read, 1 << 16)
                if not chunk:
                    raise ConnectionError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        """Call a DevTools method and return its result; events seen meanwhile are kept."""
        self._next_id += 1
        request: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            request["sessionId"] = session
        os.write(self._write, json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The first event called ``method`` (already received, or the next ones)."""
        for event in self.events:
            if event["method"] == method:
                return event
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._message(deadline)
            if "method" in message:
                self.events.append(message)
                if message["method"] == method:
                    return message

    def open_page(self, url: str) -> str:
        """Open ``url`` in a fresh tab with page, console, network and log events on; a session id."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session: str = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired")
        return session

    def evaluate(self, expression: str, session: str) -> Any:
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=session,
        )
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = _find_browser()
    if executable is None:
        pytest.skip(
            "no Chromium found (looked for chromium, chromium-browser, google-chrome; or set "
            "NEWSLINT_CHROMIUM): install Debian's chromium package (apt-get install chromium) "
            "to run the report's browser tests"
        )
    with tempfile.TemporaryDirectory(prefix="newslint-chromium-") as profile:
        started = Browser(executable, profile)
        try:
            started.send("Browser.getVersion")
        except (TimeoutError, ConnectionError, RuntimeError) as exc:
            output = started.close()
            pytest.skip(f"{executable} did not start ({exc}): {output.strip()[-400:]}")
        yield started
        started.close()


PAGE_FACTS = """(() => {
  const charts = {};
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    const rows = [];
    for (const row of svg.querySelectorAll('g.bar-row')) {
      const bars = [...row.querySelectorAll('rect.bar')].map(rect => {
        const r = rect.getBoundingClientRect();
        return {width: r.width, height: r.height, left: r.left, right: r.right,
                inside: r.left >= box.left - 1 && r.right <= box.right + 1};
      });
      rows.push({key: row.dataset.key, bars: bars,
                 label: row.querySelector('text.label').getBBox().width});
    }
    charts[svg.dataset.chart] = {width: box.width, height: box.height, rows: rows};
  }
  return {
    charts: charts,
    resources: performance.getEntriesByType('resource').map(e => e.name),
    scripts: document.scripts.length,
    images: document.images.length,
    pwned: window.__pwned === true,
    ruleRows: [...document.querySelectorAll('table.rules tr[data-code]')].map(r => r.dataset.code),
    marks: [...document.querySelectorAll('mark')].map(m => m.textContent),
    stylesheets: document.styleSheets.length,
    bodyFont: getComputedStyle(document.body).fontFamily,
  };
})()"""


def _problems_in_events(events: list[dict[str, Any]]) -> list[str]:
    """Console errors, page exceptions, failed or external requests, dialogs: anything amiss."""
    problems = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            problems.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "warning"}:
            problems.append(f"console {params['type']}: {params.get('args')}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in {"error", "warning"}:
            problems.append(f"log: {params['entry'].get('text')}")
        elif method == "Network.loadingFailed":
            problems.append(f"failed load: {params.get('errorText')} {params.get('blockedReason')}")
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith("file://"):
                problems.append(f"request: {url}")
        elif method == "Page.javascriptDialogOpening":
            problems.append(f"dialog: {params.get('message')}")
    return problems


def _write_report(paths: list[str], target: Path) -> Any:
    report = build_report(paths, isolated=True)
    target.write_text(render_html(report), encoding="utf-8")
    return report


def _check_page(browser: Browser, page: Path, report: Any) -> dict[str, Any]:
    session = browser.open_page(page.as_uri())
    facts: dict[str, Any] = browser.evaluate(PAGE_FACTS, session)
    assert _problems_in_events(browser.events) == []
    assert facts["resources"] == [], "the page loaded something besides itself"
    assert facts["scripts"] == 0 and facts["images"] == 0
    assert facts["stylesheets"] == 1  # the inline one
    assert "system-ui" in facts["bodyFont"]
    found = [rule for rule in report.rules if rule.problems]
    charts = facts["charts"]
    assert [row["key"] for row in charts["rules"]["rows"]] == [rule.code for rule in found]
    assert facts["ruleRows"] == [rule.code for rule in found]
    for chart in charts.values():
        assert chart["width"] > 100 and chart["height"] > 10
        for row in chart["rows"]:
            assert row["bars"], f"no bar drawn for {row['key']}"
            assert row["label"] > 0
            for bar in row["bars"]:
                assert bar["width"] >= 1 and bar["height"] >= 5 and bar["inside"], row
    # Longer bars for bigger numbers: the chart says what the table says.
    widths = [sum(bar["width"] for bar in row["bars"]) for row in charts["rules"]["rows"]]
    assert widths == sorted(widths, reverse=True)
    for row, rule in zip(charts["rules"]["rows"], found, strict=True):
        drawn = {
            kind
            for kind, count in (("safe", rule.fixable_safe), ("unsafe", rule.fixable_unsafe))
            if count
        }
        assert len(row["bars"]) == len(drawn) + (
            rule.problems > rule.fixable_safe + rule.fixable_unsafe
        )
    domains = [d.domain for d in report.domains if d.problems][:15]
    assert [row["key"] for row in charts["domains"]["rows"]] == domains
    return facts


def test_seed_report_renders_in_chromium(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "seed.html"
    report = _write_report([str(ROOT / "seeds")], page)
    facts = _check_page(browser, page, report)
    assert set(facts["charts"]) == {"fixability", "rules", "domains"}
    assert "**Valery Sharifulin / TASS**" in facts["marks"]


def test_generated_corpus_report_renders_in_chromium(browser: Browser, tmp_path: Path) -> None:
    corpus = pytest.importorskip("benchmarks.corpus")
    corpus.write_corpus(tmp_path / "corpus", 80, seed=3, txt_share=0.5, jsonl_files=2)
    page = tmp_path / "corpus.html"
    report = _write_report([str(tmp_path / "corpus")], page)
    assert len([rule for rule in report.rules if rule.problems]) >= 5
    facts = _check_page(browser, page, report)
    assert len(facts["charts"]["domains"]["rows"]) >= 2


def test_hostile_text_stays_inert_in_chromium(browser: Browser, tmp_path: Path) -> None:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    body = (
        "First paragraph <script>window.__pwned = true; alert(1)</script> and </style> "
        '<img src="https://tracker.invalid/p.gif" onerror="window.__pwned = true"> '
        "<link rel=stylesheet href=https://cdn.invalid/x.css> &amp; **bold**"
    )
    record = {
        "title": "Title <iframe src=https://evil.invalid></iframe>",
        "url": "https://<script>x</script>.invalid/a b",
        "body": body,
    }
    (corpus / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    page = tmp_path / "hostile.html"
    report = build_report([str(corpus)], isolated=True)
    assert report.totals.problems > 0
    page.write_text(render_html(report), encoding="utf-8")
    session = browser.open_page(page.as_uri())
    facts = browser.evaluate(PAGE_FACTS, session)
    assert _problems_in_events(browser.events) == []
    assert facts["pwned"] is False
    assert facts["resources"] == [] and facts["scripts"] == 0 and facts["images"] == 0
    text = browser.evaluate("document.body.innerText", session)
    assert "<script>window.__pwned = true; alert(1)</script>" in text
    assert "</style>" in text


def test_issue_15_sections_render_inert_in_chromium(browser: Browser, tmp_path: Path) -> None:
    """Groups, the domain ranking, the after-fix table and examples with ids and decoded text:
    hostile field values (a group name, an id) stay text."""
    from newslint.quality.aggregate import GroupBy

    corpus = tmp_path / "issue15"
    corpus.mkdir()
    hostile = '<img src=x onerror="window.__pwned = true">'
    records = [
        {
            "id": f"<script>window.__pwned = true</script>{index}",
            "url": f"https://site{index % 2}.invalid/{index}",
            "source": hostile if index % 2 else "wire",
            "title": "A title",
            "body": "Fish &amp; chips, caf\u00c3\u00a9 owners said.",
        }
        for index in range(6)
    ]
    (corpus / "a.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=True) + "\n" for r in records), encoding="utf-8"
    )
    page = tmp_path / "issue15.html"
    report = build_report(
        [str(corpus)], isolated=True, group_by=GroupBy.parse("field:source"), min_articles=1
    )
    page.write_text(render_html(report), encoding="utf-8")
    session = browser.open_page(page.as_uri())
    facts = browser.evaluate(PAGE_FACTS, session)
    assert _problems_in_events(browser.events) == []
    assert facts["pwned"] is False
    assert facts["resources"] == [] and facts["scripts"] == 0 and facts["images"] == 0
    groups = browser.evaluate(
        "[...document.querySelectorAll('table.groups tr[data-group]')].map(r => r.dataset.group)",
        session,
    )
    assert sorted(groups) == sorted([hostile, "wire"])
    ranked = browser.evaluate(
        "[...document.querySelectorAll('table.ranking tr[data-domain]')].length", session
    )
    assert ranked == 2
    text = browser.evaluate("document.body.innerText", session)
    assert hostile in text and "id <script>window.__pwned = true</script>0" in text
    assert "caf\u00c3\u00a9" in facts["marks"] or "\u00c3\u00a9" in facts["marks"]
    assert "&amp;" in facts["marks"]  # the decoded field text, the entity as written
