"""The committed provider fixtures are what the derivation makes of the recordings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .fixture_derivation import DEFAULT_SOURCE, ESPN, SPECS, TARGET, derive, keep

SOURCE = Path(os.environ.get("LIVE_SPORTS_SHARED_FIXTURES", DEFAULT_SOURCE))


@pytest.mark.skipif(not SOURCE.is_dir(), reason="no recordings beside the repository")
def test_committed_fixtures_match_the_recordings() -> None:
    """Re-deriving from ../shared/fixtures gives the committed files byte for byte."""
    derived = dict(derive(SOURCE))
    assert derived, f"no recordings under {SOURCE}"
    committed = {str(path.relative_to(TARGET)) for path in TARGET.rglob("*.json")}
    assert committed == set(derived), "run: python -m tests.fixture_derivation"
    drifted = [name for name, text in derived.items() if (TARGET / name).read_text("utf-8") != text]
    assert not drifted, f"drifted from the recordings: {drifted}"


def test_free_text_is_dropped_and_facts_kept() -> None:
    """Headlines and notes go; ids, scores, status, logos and ESPN's line stay."""
    event = {
        "id": "1",
        "name": "A at B",
        "headlines": [{"description": "A long story."}],
        "competitions": [
            {
                "notes": [{"headline": "Game 3"}],
                "odds": [{"details": "A -3.5", "overUnder": 44.5}],
                "status": {"type": {"name": "STATUS_FINAL", "description": "Final"}},
                "competitors": [
                    {"score": "21", "team": {"id": "7", "logos": [], "links": []}},
                ],
            }
        ],
    }
    assert keep({"events": [event], "articles": [{"story": "x"}]}, ESPN) == {
        "events": [
            {
                "id": "1",
                "name": "A at B",
                "competitions": [
                    {
                        "odds": [{"details": "A -3.5", "overUnder": 44.5}],
                        "status": {"type": {"name": "STATUS_FINAL"}},
                        "competitors": [
                            {"score": "21", "team": {"id": "7", "logos": [], "links": []}}
                        ],
                    }
                ],
            }
        ]
    }


def test_committed_fixtures_hold_no_free_text() -> None:
    """No committed fixture carries a key the whitelist does not name."""
    for path in TARGET.rglob("*.json"):
        payload = json.loads(path.read_text("utf-8"))
        assert keep(payload, SPECS[path.parent.relative_to(TARGET).as_posix()]) == payload, path
