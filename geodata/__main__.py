"""Command line: ``check`` the committed file, ``build`` it again from the npm tarball."""

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
    args = parser.parse_args(argv)

    # Imported per command: `check` must not need the build's dependencies (GDAL's tarball reader).
    if args.command == "check":
        from pathlib import Path

        from geodata import check as checking

        if args.file:
            return checking.run(args.file, Path(args.file).parent / "README.md")
        return checking.run()
    from geodata.build import rebuild

    return rebuild.main(args.tarball, args.out)


if __name__ == "__main__":
    sys.exit(main())
