"""Command line: ``python -m facts check [--sources]`` validates the data; ``export`` writes CSV or a data package."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from facts.checks import check_all
from facts.datapackage import write_datapackage
from facts.dates import today
from facts.export import EXPORTS
from facts.load import validate
from facts.loading import read_data
from facts.source_report import sources_report

DATA_HELP = "data directory (default: $NATO_ATLAS_DATA or facts/data)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m facts", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every data file, report all problems")
    check.add_argument("--data", default=None, help=DATA_HELP)
    check.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD: what counts as the future")
    check.add_argument("--sources", action="store_true", help="also print the primary-first shares and the records to fix")
    export = commands.add_parser("export", help="write a table as CSV, or every table and datapackage.json into DIR")
    export.add_argument("table", choices=[*EXPORTS, "datapackage"])
    export.add_argument("directory", nargs="?", type=Path, help="for datapackage: the directory to write into")
    export.add_argument("--out", type=Path, default=None, help="write the CSV to this file instead of standard output")
    export.add_argument("--force", action="store_true", help="overwrite files that already exist")
    export.add_argument("--data", default=None, help=DATA_HELP)
    return parser


def _check(args: argparse.Namespace) -> int:
    data = read_data(args.data)
    problems = check_all(data, args.today or today())
    if args.sources:
        print(sources_report(data, problems))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.")
        return 1
    milestones = sum(len(unit.milestones) for _, unit in data.units)
    print(
        f"OK: {len(data.units)} units, {milestones} milestones, {len(data.sites)} sites, {len(data.events)} events, {len(data.texts)} texts."
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    if (args.table == "datapackage") != (args.directory is not None):
        print(
            "error: give a directory for datapackage (and only for it): python -m facts export datapackage DIR", file=sys.stderr
        )
        return 2
    if args.out is not None and args.out.exists() and not args.force:
        print(f"error: {args.out} already exists; use --force to overwrite it", file=sys.stderr)
        return 2
    facts, problems = validate(args.data)
    if facts is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) found; nothing exported.", file=sys.stderr)
        return 1
    if args.table == "datapackage":
        try:
            written = write_datapackage(facts, args.directory, force=args.force)
        except FileExistsError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"wrote {', '.join(str(path) for path in written)}", file=sys.stderr)
        return 0
    text = EXPORTS[args.table](facts)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run a command; the exit status is 0 on success, 1 when the data fails a check, 2 on a usage error."""
    args = _parser().parse_args(argv)
    return _check(args) if args.command == "check" else _export(args)


if __name__ == "__main__":
    sys.exit(main())
