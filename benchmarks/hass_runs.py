"""Run a benchmark's scenarios through Home Assistant's test harness, collect their figures.

A benchmark that needs a real ``hass`` (the recorder, a refresh through every
entity) writes its scenarios as tests in its own file; its ``main`` runs that
file under pytest in-process and reads back what each scenario stored with
`store`, one JSON object a line. The environment variable ``RESULTS_ENV``
names the file; anything else a scenario needs travels the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
import json
import os
from pathlib import Path
import sys
import tempfile
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
RESULTS_ENV = "LIVE_SPORTS_BENCHMARK_RESULTS"


class TableNotReached:
    """A league's table source that keeps a table but is never reached: no request leaves.

    A benchmark asks no network, and the table is not what it measures; its
    teams still have their League position sensors, as a user's do.
    """

    after_final = timedelta(minutes=10)
    max_age = timedelta(hours=6)
    keeps_table = True

    async def async_get_standings(self, now: datetime) -> Any:
        """Fail as an unreachable provider does."""
        from custom_components.live_sports.providers.base import (  # noqa: PLC0415
            ProviderConnectionError,
        )

        raise ProviderConnectionError("a benchmark asks no network")


def store(result: Mapping[str, Any]) -> None:
    """Append one scenario's figures to the results (blocking: run it in an executor)."""
    with Path(os.environ[RESULTS_ENV]).open("a", encoding="utf-8") as out:
        out.write(json.dumps(result) + "\n")


def run_scenarios(script: str, env: Mapping[str, str], what: str) -> list[dict[str, Any]]:
    """Run the scenarios of `script` under pytest; return what each stored, in order."""
    with tempfile.TemporaryDirectory() as tmp:
        results_file = Path(tmp) / "results.jsonl"
        results_file.touch()
        os.environ[RESULTS_ENV] = str(results_file)
        os.environ.update(env)
        code = pytest.main(
            [
                script,
                "-q",
                "-n",
                "0",
                "-p",
                "no:cacheprovider",
                "--no-header",
                "--disable-warnings",
                "-o",
                "log_level=WARNING",
                "--rootdir",
                str(ROOT),
                "-c",
                str(ROOT / "pyproject.toml"),
            ]
        )
        if code != 0:
            sys.exit(f"the {what} did not run ({code})")
        return [json.loads(line) for line in results_file.read_text().splitlines()]
