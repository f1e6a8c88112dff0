"""What importing the integration costs a fan with history off: memory and time.

    .venv/bin/python benchmarks/import_cost.py [--repeat N]

Each run is a fresh interpreter that first imports what a running Home
Assistant has already loaded (every ``homeassistant.*`` module and third-party
library the integration names, except InfluxDB's client and pyarrow, which only
history uses), then imports every module of ``custom_components/live_sports``
and reports the growth of its resident memory (``/proc/self/statm``) and the
wall time of those imports, and whether ``influxdb_client_3`` / ``pyarrow``
got loaded. Medians over the runs. Last line:
``import_mib=<x> import_ms=<y> influxdb_client_3=<bool> pyarrow=<bool>``.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
from pathlib import Path
import statistics
import subprocess
import sys

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "custom_components" / "live_sports"
HEAVY = ("influxdb_client_3", "pyarrow")

CHILD = """
import importlib, json, os, sys, time
sys.path.insert(0, {root!r})
def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
for name in {already!r}:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
before, started = rss(), time.perf_counter()
for name in {modules!r}:
    importlib.import_module(name)
elapsed, after = time.perf_counter() - started, rss()
print(json.dumps({{"mib": (after - before) / 2**20, "ms": elapsed * 1000,
    "heavy": {{name: name in sys.modules for name in {heavy!r}}}}}))
"""


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _already_loaded() -> list[str]:
    """Return the outside modules the integration imports, but InfluxDB's client and pyarrow."""
    found: set[str] = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                found.add(node.module)
    return sorted(name for name in found if name.split(".")[0] not in HEAVY)


def main() -> None:
    """Run the imports in fresh interpreters and print the medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    code = CHILD.format(root=str(ROOT), already=_already_loaded(), modules=_modules(), heavy=HEAVY)
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        ).stdout
        runs.append(json.loads(out.splitlines()[-1]))
    mib = statistics.median(run["mib"] for run in runs)
    ms = statistics.median(run["ms"] for run in runs)
    heavy = runs[-1]["heavy"]
    print(f"modules={len(_modules())} runs={args.repeat} python={sys.version.split()[0]}")
    print(
        f"import_mib={mib:.1f} import_ms={ms:.0f} "
        + " ".join(f"{name}={heavy[name]}" for name in HEAVY)
    )


if __name__ == "__main__":
    main()
