"""Callbacks told when something changed: the schedules, the table, a refresh's end.

Each keeper of state beside the board tells its entities the same way: a
listener is added with the remover it needs to unsubscribe (on unload), and
all are told in the order they came, a listener removed meanwhile included.
"""

from __future__ import annotations

from collections.abc import Callable


class Listeners:
    """Who to tell when something changed."""

    __slots__ = ("_listeners",)

    def __init__(self) -> None:
        """Start with nobody to tell."""
        self._listeners: list[Callable[[], None]] = []

    def add(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Tell ``listener`` from now on; return what stops it (harmless twice)."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def notify(self) -> None:
        """Tell every listener, in the order they were added."""
        for listener in list(self._listeners):
            listener()
