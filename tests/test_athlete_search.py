"""Finding athletes by name as people type it, on the derived golf fields."""

from __future__ import annotations

import pytest

from custom_components.live_sports.athlete_search import fold, matches, search
from custom_components.live_sports.models.field import Athlete, field_athletes

from .test_golf import MEMORIAL, ZOZO, board

FAA = Athlete(id="3784", name="Félix Auger-Aliassime", short_name="F. Auger-Aliassime")


@pytest.mark.parametrize(
    "query",
    [
        "Félix Auger-Aliassime",
        "felix auger aliassime",
        "AUGER-ALIASSIME",
        "auger aliassime",
        "Auger-Aliassime Félix",
        "augeraliassime",
        "  FELIX  ",
    ],
)
def test_accents_hyphens_spaces_and_case_fold(query: str) -> None:
    """Every way of typing the name finds him (ha-teamtracker found only one)."""
    assert matches(query, FAA.name)
    assert search(query, [FAA]) == [FAA]


def test_what_does_not_match() -> None:
    """A word not in the name, or an empty query, finds nothing."""
    assert not matches("felix nadal", FAA.name)
    assert not matches(" - ", FAA.name)
    assert fold("Højgaard Ø") == "hojgaardo"


def test_search_a_golf_field() -> None:
    """Åberg by "aberg", Muñoz by "munoz"; exact names rank first; one entry per id."""
    athletes = field_athletes([board(MEMORIAL), board(MEMORIAL), board(ZOZO)])
    assert len({athlete.id for athlete in athletes}) == len(athletes)
    assert [a.name for a in search("aberg", athletes)] == ["Ludvig Åberg"]
    assert [a.name for a in search("MUNOZ", athletes)] == ["Sebastián Muñoz"]
    scheffler = search("scottie scheffler", athletes)
    assert scheffler[0].name == "Scottie Scheffler"
    names = [a.name for a in search("s", athletes)]
    assert names[0] != names[-1]
    assert [a.id for a in search("S. Scheffler", athletes)] == ["9478"]
