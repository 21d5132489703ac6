"""A progress bar for long runs on a terminal (rich); nothing at all when piped or in CI."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from newslint.scheduler import Progress

MIN_FILES = 200
MIN_BYTES = 20 << 20
"""A run smaller than this is over before a bar would help (a pre-commit run, say)."""
_REFRESH_SECONDS = 0.1
_DELAY_SECONDS_DEFAULT = 0.5


def wanted(stream: TextIO, environ: Mapping[str, str], files: int, size: int) -> bool:
    """A bar only for a person watching a long run: a terminal, not CI, enough work."""
    ci = environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}
    if not stream.isatty() or ci or environ.get("TERM") == "dumb":
        return False
    return files >= MIN_FILES or size >= MIN_BYTES


@contextmanager
def progress_bar(
    stream: TextIO, files: int, size: int, delay: float = _DELAY_SECONDS_DEFAULT
) -> Iterator[Progress]:
    """A callback that moves the bar: files done of ``files``, articles/s, MB/s.

    The bar is redrawn from the calling thread at most ten times a second (no
    refresh thread, so a process pool forks no thread and the bar costs nothing).
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("[bold]newslint[/]"),
        BarColumn(complete_style="green", finished_style="green"),
        TextColumn("{task.fields[files]:,}/{task.fields[total_files]:,} files"),
        TextColumn("{task.fields[articles]:,} articles ({task.fields[rate]:,.0f}/s)"),
        TextColumn("{task.fields[mb_s]:.1f} MB/s"),
        TimeElapsedColumn(),
        console=Console(file=stream),
        auto_refresh=False,
        transient=True,
    )
    started = time.perf_counter()
    last = 0.0
    task = bar.add_task(
        "check", total=max(size, 1), files=0, total_files=files, articles=0, rate=0.0, mb_s=0.0
    )

    shown = False

    def update(files_done: int, articles: int, done: int) -> None:
        nonlocal last, shown
        now = time.perf_counter()
        if now - started < delay:
            return  # a run that ends this soon (a warm cache) gets no flash of a bar
        if not shown:
            bar.start()
            shown = True
        if now - last < _REFRESH_SECONDS and files_done < files:
            return
        last = now
        seconds = max(now - started, 1e-6)
        bar.update(
            task,
            completed=done,
            files=files_done,
            articles=articles,
            rate=articles / seconds,
            mb_s=done / seconds / 1e6,
        )
        bar.refresh()

    try:
        yield update
    finally:
        if shown:
            bar.stop()
