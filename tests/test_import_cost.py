"""What the integration costs a fan who does not use history: no InfluxDB client, no pyarrow.

The check runs in a fresh interpreter (tests/probes/history_off.py), so that
the history tests' imports in this process cannot mask an import at set-up.
"""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO_ROOT


def test_setup_without_history_imports_no_influxdb_client() -> None:
    """Importing the integration and running an entry without history loads neither."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-n",
            "0",
            "-q",
            "tests/probes/history_off.py",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    why = [line for line in result.stdout.splitlines() if line.startswith("E ")]
    assert result.returncode == 0, "\n".join(why[:20]) or result.stderr[-2000:]
    assert "1 passed" in result.stdout
