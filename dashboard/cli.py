"""Command line: `python -m dashboard validate`, `export`, `search` and `index`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard import schema
from dashboard.filters import KINDS
from dashboard.problems import DataError
from dashboard.search import DEFAULT_LIMIT

if TYPE_CHECKING:
    from dashboard.dataset import Dataset
    from dashboard.filters import Filters


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Validate, export and search the precursor diplomacy dataset.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    folders = argparse.ArgumentParser(add_help=False)
    folders.add_argument(
        "--data", type=Path, help="tables folder (default: $DASHBOARD_DATA_DIR or data/)"
    )
    folders.add_argument(
        "--seeds", type=Path, help="articles folder (default: $DASHBOARD_SEEDS_DIR or seeds/)"
    )
    sub.add_parser("validate", parents=[folders], help="check the tables and the quotes")
    export = sub.add_parser("export", parents=[folders], help="write the (filtered) tables")
    export.add_argument("--out", type=Path, required=True, help="folder to write into")
    _filter_arguments(export)
    export.add_argument(
        "--window",
        default="article",
        choices=("article", "paragraph", "sentence", "event"),
        help="co-occurrence window (default: article)",
    )
    export.add_argument("--include-organizations", action="store_true",
                        help="add organizations to the network")  # fmt: skip
    export.add_argument("--exported", metavar="YYYY-MM-DD",
                        help="the export date written in README.md (default: today)")  # fmt: skip
    search = sub.add_parser(
        "search",
        parents=[folders],
        help="print the hits of a query in the (filtered) articles as CSV",
        description='Query syntax: words (all must match), "exact phrases", a OR b, '
        "-excluded, prefix*. Prints one CSV row per hit, best passages first.",
    )
    search.add_argument("query", help="the query, e.g. '\"precursor chemicals\" -China'")
    search.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
        help=f"at most N rows (default: {DEFAULT_LIMIT}; 0: all)",
    )  # fmt: skip
    _filter_arguments(search)
    index = sub.add_parser(
        "index",
        parents=[folders],
        help="build the mention index on disk ahead of time ($DASHBOARD_CACHE_DIR)",
    )
    index.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="processes scanning articles (default: one per CPU)")  # fmt: skip
    index.add_argument("--cache", type=Path, help="cache folder (default: $DASHBOARD_CACHE_DIR)")
    return parser


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    for kind in KINDS.values():
        parser.add_argument(
            f"--{kind.name}", action="append", default=[], metavar="IDS",
            help=f"{kind.help}; comma-separated or repeated",
        )  # fmt: skip
    parser.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="start of the date range"
    )
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="end of the date range")


def _validate(args: argparse.Namespace) -> int:
    from dashboard.validation import read_tables, validate_tables

    data, seeds = schema.data_dir(args.data), schema.seeds_dir(args.seeds)
    tables = read_tables(data)
    problems = validate_tables(tables, seeds, data)
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        print(problem, file=sys.stderr if problem.severity == "error" else sys.stdout)
    if errors:
        print(f"{len(errors)} problem(s) in {data}", file=sys.stderr)
        return 1
    rows = sum(len(t.frame) for t in tables.values())
    print(
        f"valid: {len(schema.TABLES)} tables, {rows} rows in {data}; every quote found in {seeds}"
    )
    return 0


def _filters(args: argparse.Namespace, dataset: Dataset) -> Filters | None:
    """The filters given as flags, or None (after printing why) when some are invalid."""
    from dashboard.filters import parse_filters, unknown_ids, valid_ids

    params: dict[str, list[str]] = {kind: getattr(args, kind) for kind in KINDS}
    bad = unknown_ids(params, dataset)
    if bad:
        known = valid_ids(dataset)
        for kind, ids in bad.items():
            print(f"error: unknown {kind} {', '.join(ids)}; valid: {', '.join(known[kind])}",
                  file=sys.stderr)  # fmt: skip
        return None
    params |= {k: [v] for k, v in (("from", args.date_from), ("to", args.date_to)) if v}
    filters, notices = parse_filters(params, dataset, source="command line")
    if notices:  # only malformed or reversed dates can remain here
        for notice in notices:
            print(f"error: {notice}", file=sys.stderr)
        return None
    return filters


def _load(args: argparse.Namespace) -> Dataset:
    from dashboard.dataset import load_dataset

    dataset = load_dataset(args.data, args.seeds)
    for warning in dataset.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return dataset


def _export(args: argparse.Namespace) -> int:
    from dashboard.export import export_files, write_files

    dataset = _load(args)
    filters = _filters(args, dataset)
    if filters is None:
        return 2
    exported = None
    if args.exported:
        try:
            exported = date.fromisoformat(args.exported)
        except ValueError:
            print(f"error: --exported {args.exported!r} is not YYYY-MM-DD", file=sys.stderr)
            return 2
    files = export_files(dataset, filters, args.window, args.include_organizations, exported)
    written = write_files(files, args.out)
    print(
        f"wrote {len(written)} files to {args.out}"
        + (f" ({filters.describe()})" if filters.active else "")
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    from dashboard.search import hit_counts, index_dataset, scope, search, search_csv

    if args.limit < 0:
        print("error: --limit must be 0 (all) or more", file=sys.stderr)
        return 2
    dataset = _load(args)
    filters = _filters(args, dataset)
    if filters is None:
        return 2
    index = index_dataset(dataset)
    articles = scope(dataset, filters)
    sys.stdout.buffer.write(search_csv(index, args.query, articles, args.limit))
    sys.stdout.flush()
    results = search(index, args.query, articles, per_page=1)
    for notice in results.notices:
        print(f"notice: {notice}", file=sys.stderr)
    hits = int(hit_counts(index, results.query, articles)["hits"].sum())
    cut = f"; printed the first {args.limit} (--limit 0 for all)" if hits > args.limit > 0 else ""
    print(
        f"searched: {results.query.reading() or '(nothing)'}"
        + (f" in {filters.describe()}" if filters.active else "")
        + f"; {_count(hits, 'hit')} in {_count(results.total, 'passage')} of "
        + f"{_count(results.articles, 'article')}{cut}",
        file=sys.stderr,
    )
    return 0


def _index(args: argparse.Namespace) -> int:
    from dashboard.keyword_index import fingerprint as keyword_print
    from dashboard.keyword_index import index_path as keyword_path
    from dashboard.keyword_index import keyword_matches
    from dashboard.mention_index import cache_dir, indexed_mentions
    from dashboard.seeds import load_articles
    from dashboard.validation import read_tables, validate_tables

    if args.workers < 1:
        print("error: --workers must be 1 or more", file=sys.stderr)
        return 2
    started = time.perf_counter()
    data, seeds = schema.data_dir(args.data), schema.seeds_dir(args.seeds)
    tables = read_tables(data)
    curated_texts: dict[str, str] = {}  # filled by validation, which reads each curated text
    problems = validate_tables(tables, seeds, data, curated_texts)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    frames = {name: t.frame for name, t in tables.items()}
    _, texts, warnings = load_articles(frames["articles"], seeds, curated_texts)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    mentions, run = indexed_mentions(
        texts, frames["people"], frames["organizations"], args.cache, args.workers
    )
    for notice in run.notices:
        print(f"notice: {notice}", file=sys.stderr)
    workers = min(args.workers, run.scanned)
    scanned = f"{run.scanned} scanned by {_count(workers, 'worker')}" if workers else "none scanned"
    print(
        f"indexed {_count(len(texts), 'article')} ({run.scanned + run.reused} distinct texts): "
        f"{scanned}, {run.reused} from the index; {_count(len(mentions), 'mention')}; "
        f"index {run.path or 'not written'}; {time.perf_counter() - started:.1f} s"
    )
    # The topic filter's keyword search, kept beside it (what the app's first run needs too).
    topics = dict(zip(frames["topics"]["topic_id"], frames["topics"]["keywords"], strict=True))
    keyword_matches(texts, topics, args.cache)
    print(f"topic keywords: {keyword_path(cache_dir(args.cache), keyword_print(topics))}")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        commands = {"validate": _validate, "export": _export, "search": _search, "index": _index}
        return commands[args.command](args)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            "the data has problems: run `python -m dashboard validate` for the list",
            file=sys.stderr,
        )
        return 1
