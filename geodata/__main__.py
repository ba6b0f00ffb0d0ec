"""Command line: ``check`` the committed file, ``build`` it from the npm tarball, ``render`` PNGs."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="figures of the committed file; exit 1 on any defect")
    check.add_argument("--file", help="another boundary file to check (its README beside it)")
    build = commands.add_parser("build", help="rebuild data/region.geojson from the world-atlas tarball")
    build.add_argument("tarball", help="world-atlas-2.0.2.tgz, as written by `npm pack world-atlas@2.0.2`")
    build.add_argument("--out", help="write here instead of data/region.geojson")
    render = commands.add_parser("render", help="draw the units of some years or dates to PNG (needs matplotlib)")
    render.add_argument("when", nargs="+", help="YYYY (the day that stands for the year) or YYYY-MM-DD")
    render.add_argument("--out", default=".", help="folder for the PNGs")
    args = parser.parse_args(argv)

    # Imported per command: `check` must not need the build's or the renderer's dependencies.
    if args.command == "check":
        from pathlib import Path

        from geodata import check as checking

        if args.file:
            return checking.run(args.file, Path(args.file).parent / "README.md")
        return checking.run()
    if args.command == "build":
        from geodata import build as building

        return building.main(args.tarball, args.out)
    from geodata import render as rendering

    return rendering.main(args.when, args.out)


if __name__ == "__main__":
    sys.exit(main())
