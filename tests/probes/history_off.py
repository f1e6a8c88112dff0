"""Run in a fresh interpreter by tests/test_import_cost.py, never with the other tests.

Imports every module of the integration, sets up a Demo league entry without
history and lets it refresh; then neither InfluxDB's client nor pyarrow may
have been imported.
"""

from __future__ import annotations

import importlib
import sys

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant

from tests.conftest import REPO_ROOT, league_entry, setup_entry, tick

HEAVY = ("influxdb_client_3", "pyarrow")


async def test_history_off_imports_no_influxdb(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A fan without history never pays for InfluxDB's client."""
    root = REPO_ROOT / "custom_components" / "live_sports"
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    entry = league_entry("demo", ["1", "2"])
    await setup_entry(hass, entry)
    await tick(hass, freezer, 60, times=3)
    assert hass.states.async_all("sensor")
    assert [name for name in HEAVY if name in sys.modules] == []
