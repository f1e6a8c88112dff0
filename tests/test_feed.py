"""The feed debugging command."""

from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys

import pytest

from custom_components.live_sports.feed import main

from .conftest import RECORDED_FIXTURES, REPO_ROOT


def test_feed_prints_canonical_games(capsys: pytest.CaptureFixture[str]) -> None:
    """The recorded NFL board prints as a canonical JSON array."""
    assert main([str(RECORDED_FIXTURES / "espn" / "nfl.json")]) == 0
    games = json.loads(capsys.readouterr().out)
    assert len(games) == 16
    assert games[0]["league"] == "nfl"
    assert games[0]["home"]["abbreviation"] == "ATL"


def test_feed_with_league(capsys: pytest.CaptureFixture[str]) -> None:
    """--league overrides inference."""
    assert main([str(RECORDED_FIXTURES / "espn" / "mls.json"), "--league", "nwsl"]) == 0
    assert {game["league"] for game in json.loads(capsys.readouterr().out)} == {"nwsl"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "is not JSON"),
        ('{"leagues": [{"slug": "nfl"}], "events": [{"id": 1}]}', "malformed"),
        ('{"events": []}', "names no league"),
    ],
)
def test_feed_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    """Bad input exits 2 with a one-line error."""
    path = tmp_path / "board.json"
    if content is not None:
        path.write_text(content)
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_feed_as_module() -> None:
    """The documented command line works as a module."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "custom_components.live_sports.feed",
            str(RECORDED_FIXTURES / "espn" / "nba.json"),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["sport"] == "basketball"


def test_feed_into_head_exits_quietly() -> None:
    """`feed board.json | head` ends without a BrokenPipeError traceback."""
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "custom_components.live_sports.feed",
            str(RECORDED_FIXTURES / "espn" / "mlb.json"),
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        head = [process.stdout.readline() for _ in range(3)]
        process.stdout.close()  # like head: stop reading a 1 MB answer
        stderr = process.stderr.read()
        assert process.wait(timeout=60) == 0
    assert head == ["[\n", "  {\n", '    "id": "401423263",\n']
    assert "Traceback" not in stderr
