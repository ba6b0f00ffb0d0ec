"""Command line: ``python -m facts check`` validates the data; ``export`` writes CSV."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from facts.dates import today
from facts.export import milestones_csv, sites_csv, statuses_csv
from facts.load import validate

EXPORTS = {"statuses": statuses_csv, "milestones": milestones_csv, "sites": sites_csv}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m facts", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every data file, report all problems")
    check.add_argument("--data", default=None, help="data directory (default: $NATO_ATLAS_DATA or facts/data)")
    check.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD: what counts as the future")
    export = commands.add_parser("export", help="write a CSV to standard output")
    export.add_argument("table", choices=sorted(EXPORTS))
    export.add_argument("--data", default=None, help="data directory (default: $NATO_ATLAS_DATA or facts/data)")
    args = parser.parse_args(argv)

    if args.command == "check":
        facts, problems = validate(args.data, args.today or today())
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s) found.")
            return 1
        print(
            f"OK: {len(facts.units)} units, {sum(len(u.milestones) for u in facts.units.values())} milestones, "
            f"{len(facts.sites)} sites, {len(facts.events)} events, {len(facts.texts)} texts."
        )
        return 0

    facts, problems = validate(args.data)
    if facts is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    sys.stdout.write(EXPORTS[args.table](facts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
