"""Recount the module map of docs/architecture.md: each row's line counts, as `wc -l` gives them.

    .venv/bin/python scripts/module_map.py          rewrite the counts in place
    .venv/bin/python scripts/module_map.py --check  exit 1 if a count is stale

Prints the modules the map does not list, and the package's totals.
"""

from __future__ import annotations

import argparse
from pathlib import Path
import re
import sys

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "custom_components" / "live_sports"
DOC = ROOT / "docs" / "architecture.md"
ROW = re.compile(r"^\| (?P<modules>`[^|]+`) \| (?P<lines>[^|]+) \|(?P<rest>.*)$")


def _lines(module: str) -> int:
    return len((PACKAGE / module).read_text(encoding="utf-8").splitlines())


def package_modules() -> set[str]:
    """Return every module of the package, by its path inside it."""
    return {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")}


def map_modules(text: str) -> set[str]:
    """Return the modules the map of `text` (docs/architecture.md) lists."""
    return {
        module
        for line in text.splitlines()
        if (match := ROW.match(line))
        for module in re.findall(r"`([^`]+\.py)`", match["modules"])
    }


def main() -> int:
    """Recount, report, and write (or check)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = DOC.read_text(encoding="utf-8")
    listed: set[str] = set()
    out: list[str] = []
    for line in text.splitlines():
        match = ROW.match(line)
        if match and match["modules"].rstrip("`").endswith(".py"):
            modules = re.findall(r"`([^`]+\.py)`", match["modules"])
            listed.update(modules)
            counts = " + ".join(str(_lines(module)) for module in modules)
            out.append(f"| {match['modules']} | {counts} |{match['rest']}")
        else:
            out.append(line)
    new = "\n".join(out) + "\n"
    every = package_modules()
    for module in sorted(every - listed):
        print(f"not in the map: {module}")
    for module in sorted(listed - every):
        print(f"in the map, not in the package: {module}")
    total = sum(_lines(module) for module in every)
    largest = max(every, key=_lines)
    print(f"modules={len(every)} lines={total} largest={largest} ({_lines(largest)})")
    if args.check:
        return int(new != text or every != listed)
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
