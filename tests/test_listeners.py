"""Who is told when the schedules, the table or a refresh changed something."""

from __future__ import annotations

from custom_components.live_sports.listeners import Listeners


def test_each_listener_is_told_in_order_until_removed() -> None:
    """Told in the order added; a removed one is not told again; removing twice is harmless."""
    told: list[str] = []
    listeners = Listeners()
    remove_first = listeners.add(lambda: told.append("first"))
    listeners.add(lambda: told.append("second"))
    listeners.notify()
    remove_first()
    remove_first()  # an entity unloaded twice (its entry and then itself)
    listeners.notify()
    assert told == ["first", "second", "second"]


def test_a_listener_removed_while_they_are_told_is_still_told_this_once() -> None:
    """An entity removed by the change it is told of (a table sensor) ends no one's turn."""
    told: list[str] = []
    listeners = Listeners()
    removers: list[object] = []

    def first() -> None:
        told.append("first")
        remove_second = removers[0]
        assert callable(remove_second)
        remove_second()

    listeners.add(first)
    removers.append(listeners.add(lambda: told.append("second")))
    listeners.notify()
    listeners.notify()
    assert told == ["first", "second", "first"]
