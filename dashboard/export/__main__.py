"""Command line: ``python -m dashboard.export png|svg --year 2008 --out map.png`` draws the map of a year; ``site DIR`` the static atlas.

One subcommand per kind of output, each a parser and a handler in ``COMMANDS``, so another
export (a static atlas in a directory, say) is one more entry. The facts are loaded once, here,
and handed to the handler. Mistakes in the arguments exit with status 2 and one line saying
what to do; facts that fail their checks exit with status 1 and the problems.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from facts import FIRST_YEAR, Facts, FactsError, load_facts, today

USAGE_ERROR, DATA_ERROR = 2, 1
MAX_PROBLEMS_SHOWN = 10


class UsageError(Exception):
    """An argument the reader can fix; the message says how."""


@dataclass(frozen=True)
class Command:
    """A subcommand: how to declare its arguments, check them without the facts, and run it."""

    help: str
    declare: Callable[[argparse.ArgumentParser], None]
    precheck: Callable[[argparse.Namespace], None]
    run: Callable[[argparse.Namespace, Facts], int]


def _declare_picture(parser: argparse.ArgumentParser) -> None:
    from dashboard.export.texts import DEFAULT_BASE_URL

    parser.add_argument("--year", type=int, required=True, help=f"the year to draw, {FIRST_YEAR} to this year")
    parser.add_argument("--out", type=Path, required=True, help="the file to write")
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    parser.add_argument(
        "--url", default=DEFAULT_BASE_URL, help=f"the atlas's address, printed with the view (default {DEFAULT_BASE_URL})"
    )
    parser.add_argument("--country", default=None, help="a unit id to outline, such as MNE (as in the atlas's ?country=)")


def _precheck_picture(args: argparse.Namespace) -> None:
    """Everything that can be refused before the facts are loaded: the year, the file, the URL."""
    from dashboard.export.texts import view_url

    last = today().year
    if not FIRST_YEAR <= args.year <= last:
        raise UsageError(f"--year {args.year} is outside the atlas: give a year from {FIRST_YEAR} to {last}.")
    if args.out.is_dir():
        raise UsageError(f"--out {args.out} is a directory: give a file name such as {args.out / f'map.{args.command}'}.")
    if args.out.exists() and not args.force:
        raise UsageError(f"{args.out} already exists: add --force to overwrite it, or choose another --out.")
    if not args.out.parent.is_dir():
        raise UsageError(f"the directory {args.out.parent} does not exist: create it first.")
    try:
        view_url(args.url, args.year)
    except ValueError as error:
        raise UsageError(f"--url: {error}.") from None


def _run_picture(args: argparse.Namespace, facts: Facts) -> int:
    from dashboard.export.picture import render_picture
    from dashboard.export.texts import view_url

    country = args.country.strip().upper() if args.country else None
    if country is not None and country not in facts.units:
        raise UsageError(f"--country {args.country} is not a country of the atlas: use one of {', '.join(sorted(facts.units))}.")
    started = time.perf_counter()
    data = render_picture(facts, args.year, fmt=args.command, url=view_url(args.url, args.year, country), selected=country)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data) / 1000:.0f} kB, the map of {args.year}, in {time.perf_counter() - started:.1f} s)")
    return 0


def _declare_site(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="DIR", type=Path, help="the directory to write the site into (created if missing)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty DIR, replacing the site's own files (index.html, atlas-files/); other files are kept",
    )
    parser.add_argument("--url", default=None, help="the live atlas's address, linked in the site's footer")


def _precheck_site(args: argparse.Namespace) -> None:
    """Refused before the facts are loaded: DIR a file, DIR not empty without --force, a malformed --url."""
    from dashboard.export.site import refusal
    from dashboard.export.texts import view_url

    problem = refusal(args.out, args.force)
    if problem:
        raise UsageError(problem)
    if args.url is not None:
        try:
            view_url(args.url, today().year)
        except ValueError as error:
            raise UsageError(f"--url: {error}.") from None


def _run_site(args: argparse.Namespace, facts: Facts) -> int:
    from dashboard.export.site import SiteExists, site_files, write_site

    started = time.perf_counter()
    files = site_files(facts, args.url)
    try:
        write_site(args.out, files, force=args.force)
    except SiteExists as error:
        raise UsageError(str(error)) from None
    size = sum(len(data) for data in files.values()) / 1000
    print(
        f"wrote the static atlas to {args.out} ({len(files)} files, {size:.0f} kB, in {time.perf_counter() - started:.1f} s); "
        f"serve it with any static file server, e.g. python -m http.server -d {args.out}"
    )
    return 0


COMMANDS: dict[str, Command] = {
    "png": Command("the map of a year as a PNG picture", _declare_picture, _precheck_picture, _run_picture),
    "svg": Command("the map of a year as an SVG drawing (text kept as text)", _declare_picture, _precheck_picture, _run_picture),
    "site": Command("the static atlas: a folder for any static host", _declare_site, _precheck_site, _run_site),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.export", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in COMMANDS.items():
        command.declare(commands.add_parser(name, help=command.help, description=command.help))
    return parser


def _facts_problem(error: FactsError) -> str:
    shown = "\n".join(f"  {problem}" for problem in error.problems[:MAX_PROBLEMS_SHOWN])
    more = len(error.problems) - MAX_PROBLEMS_SHOWN
    tail = f"\n  ... and {more} more" if more > 0 else ""
    return (
        f"error: the facts data fails its checks ({len(error.problems)} problem(s)); "
        f"run `python -m facts check` for all of them:\n{shown}{tail}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; the exit status: 0 done, 1 the facts are invalid, 2 a bad argument."""
    parser = _parser()
    args = parser.parse_args(argv)
    command = COMMANDS[args.command]
    try:
        command.precheck(args)
        try:
            facts = load_facts()
        except FactsError as error:
            print(_facts_problem(error), file=sys.stderr)
            return DATA_ERROR
        return command.run(args, facts)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except OSError as error:
        print(f"error: cannot write {getattr(args, 'out', 'the output')}: {error.strerror or error}", file=sys.stderr)
        return USAGE_ERROR
    except ValueError as error:
        # The facts passed their checks but do not fit the boundaries (a unit without land, say).
        print(f"error: the map cannot be drawn from these facts: {error}", file=sys.stderr)
        return DATA_ERROR


if __name__ == "__main__":
    sys.exit(main())
