"""Write a synthetic benchmark corpus to a folder (see benchmarks/README.md).

The articles go to OUT_DIR/corpus/ (txt/ and jsonl/), the big JSONL file for the
memory test beside it, so that checking the corpus folder does not include it.

    python benchmarks/generate.py OUT_DIR --articles 100000 [--seed 0] [--txt-share 0.5]
        [--jsonl-files 1] [--big-jsonl-gb 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import write_big_jsonl, write_corpus

BIG_JSONL_NAME = "big.jsonl"


def _share(value: str) -> float:
    share = float(value)
    if not 0.0 <= share <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return share


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="generate.py", description="Write a synthetic news corpus for newslint benchmarks."
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="folder to write into")
    parser.add_argument("--articles", type=_non_negative, default=100_000, help="article count")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same text)")
    parser.add_argument(
        "--txt-share", type=_share, default=0.5, help="share of articles written as .txt files"
    )
    parser.add_argument(
        "--jsonl-files", type=_non_negative, default=1, help="JSONL files for the rest"
    )
    parser.add_argument(
        "--big-jsonl-gb",
        type=float,
        default=0.0,
        help=f"also write OUT_DIR/{BIG_JSONL_NAME}, one JSONL file of this many GB",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out_dir: Path = args.out_dir
    try:
        if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
            print(
                f"generate.py: error: {out_dir} exists and is not an empty folder", file=sys.stderr
            )
            return 2
        out_dir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        corpus_dir = out_dir / "corpus"
        summary = write_corpus(
            corpus_dir, args.articles, args.seed, args.txt_share, max(1, args.jsonl_files)
        )
        print(
            f"{corpus_dir}: {summary['articles']} articles ({summary['txt_articles']} .txt, "
            f"{summary['jsonl_articles']} in JSONL), {summary['files']} files, "
            f"{summary['bytes'] / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s"
        )
        if args.big_jsonl_gb > 0:
            started = time.perf_counter()
            big = out_dir / BIG_JSONL_NAME
            count = write_big_jsonl(big, int(args.big_jsonl_gb * 1e9), args.seed + 1)
            print(
                f"{big}: {count} articles, {big.stat().st_size / 1e6:.1f} MB "
                f"in {time.perf_counter() - started:.1f} s"
            )
    except OSError as exc:
        print(f"generate.py: error: {exc.strerror or exc}: {exc.filename}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
