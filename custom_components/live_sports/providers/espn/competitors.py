"""ESPN's teams and a game's two sides, parsed: names, logos, scores, records, statistics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ...models import Competitor, Phase, Side, Team
from ..parsing import NO_SCORE_PHASES, to_float, to_int

UNRANKED: Final = 99
"""ESPN's ``curatedRank.current`` of a team outside the poll."""


def _logo(team: Mapping[str, Any]) -> str | None:
    if logo := team.get("logo"):
        return str(logo)
    for item in team.get("logos") or ():
        if href := item.get("href"):
            return str(href)
    return None


def _probability(value: Any) -> float | None:
    """Return a 0-1 chance, rounded off ESPN's float noise (0.07599999999999996)."""
    number = to_float(value)
    return round(number, 4) if number is not None and 0 <= number <= 1 else None


def pick_link(data: Mapping[str, Any], *preferred: str) -> str | None:
    """Return the href of the first link whose rel has a preferred word, in order.

    Without a match, the first desktop link, else the first link. One pass
    over the links (three per game: a hot path).
    """
    links = data.get("links")
    if not isinstance(links, list):
        return None
    ranks = (*preferred, "desktop")
    best: str | None = None
    best_rank = len(ranks)
    first: str | None = None
    for link in links:
        if not isinstance(link, dict) or not isinstance(href := link.get("href"), str):
            continue
        if first is None:
            first = href
        rels = link.get("rel") or ()
        for rank in range(best_rank):
            if ranks[rank] in rels:
                best, best_rank = href, rank
                break
        if best_rank == 0:
            break
    return best if best is not None else first


def parse_team(team: Mapping[str, Any]) -> Team:
    """Parse an ESPN team object."""
    name = team.get("displayName") or team.get("name") or team["abbreviation"]
    return Team(
        id=str(team["id"]),
        abbreviation=str(team.get("abbreviation") or name),
        name=str(name),
        short_name=str(team.get("shortDisplayName") or team.get("name") or name),
        logo=_logo(team),
        color=team.get("color"),
        alternate_color=team.get("alternateColor"),
        url=pick_link(team, "clubhouse"),
    )


def _record(competitor: Mapping[str, Any]) -> str | None:
    records = competitor.get("records") or competitor.get("record") or []
    if not isinstance(records, list) or not records:
        return None
    chosen = next((r for r in records if r.get("type") == "total"), records[0])
    summary = chosen.get("summary") or chosen.get("displayValue")
    return str(summary) if summary else None


def _score(value: Any, sport: str) -> int | None:
    """Return a side's score; cricket's "245/6" is 245 runs (6 wickets down).

    A Test's "314 & 145/7 (47 ov)" counts the runs of both innings.
    """
    if sport == "cricket" and isinstance(value, str):
        innings = [to_int(part.split("/", 1)[0].split("(", 1)[0]) for part in value.split("&")]
        return None if None in innings else sum(filter(None, innings))
    return to_int(value)


def _score_text(value: Any, sport: str) -> str | None:
    """Return cricket's whole score text (wickets, overs, target), else None."""
    if sport != "cricket" or not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def _set_scores(data: Mapping[str, Any], sport: str) -> tuple[int, ...]:
    """Return the points of each set so far (volleyball), the current one last."""
    if sport != "volleyball":
        return ()
    points = [
        to_int(line.get("value")) for line in data.get("linescores") or () if isinstance(line, dict)
    ]
    return tuple(point for point in points if point is not None)


def _rank(data: Mapping[str, Any]) -> int | None:
    rank = to_int((data.get("curatedRank") or {}).get("current"))
    return rank if rank and rank != UNRANKED else None


_COUNTED_STATS: Final = frozenset({"shotsOnTarget", "totalShots", "saves"})
"""The statistics a side's numbers are read from (baseball lists a score more)."""


def _statistics(data: Mapping[str, Any]) -> dict[str, int | None]:
    return {
        name: to_int(stat.get("displayValue"))
        for stat in data.get("statistics") or ()
        if isinstance(stat, dict) and (name := str(stat.get("name"))) in _COUNTED_STATS
    }


def _possession_share(data: Mapping[str, Any]) -> float | None:
    """Return soccer's share of possession, in percent ("48.2")."""
    return next(
        (
            to_float(stat.get("displayValue"))
            for stat in data.get("statistics") or ()
            if isinstance(stat, dict) and stat.get("name") == "possessionPct"
        ),
        None,
    )


def parse_competitor(
    data: Mapping[str, Any],
    opponent: Mapping[str, Any],
    side: Side,
    *,
    phase: Phase,
    sport: str,
    situation: Mapping[str, Any] | None,
) -> Competitor:
    """Parse one side; `situation` is the live situation, None outside play."""
    winner = data.get("winner")
    score = None if phase in NO_SCORE_PHASES else _score(data.get("score"), sport)
    stats = _statistics(data) if score is not None else {}
    shots_on_target = stats.get("shotsOnTarget")
    if sport == "hockey" and score is not None:
        # Shots on goal are the goals scored plus the saves of the other goalie.
        saves = _statistics(opponent).get("saves")
        shots_on_target = score + saves if saves is not None else None
    situation = situation or {}
    probability = (situation.get("lastPlay") or {}).get("probability") or {}
    return Competitor(
        team=parse_team(data["team"]),
        score=score,
        record=_record(data),
        winner=bool(winner) if phase is Phase.FINAL and winner is not None else None,
        shootout_score=to_int(data.get("shootoutScore")),
        rank=_rank(data),
        timeouts=to_int(situation.get(f"{side.value}Timeouts")),
        win_probability=_probability(probability.get(f"{side.value}WinPercentage")),
        shots_on_target=shots_on_target,
        total_shots=stats.get("totalShots"),
        sets_won=score if sport == "volleyball" else None,
        set_scores=_set_scores(data, sport) if score is not None else (),
        score_text=_score_text(data.get("score"), sport) if score is not None else None,
        possession_share=_possession_share(data) if score is not None else None,
    )
