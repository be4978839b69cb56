"""What was used lately, within a bound: the least recently used leaves first.

The service's cache of optimal weeks (bounded by the bytes of its JSON) and the solver's kept
week models (bounded by their number) are both one; every thread may share one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def _one(key: object, value: object) -> int:
    return 1


class Recent(Generic[K, V]):
    """At most `room` of values, each taking `size_of(key, value)` of it (1 unless given)."""

    def __init__(self, room: int, size_of: Callable[[K, V], int] = _one) -> None:
        self.room = room
        self.used = 0
        self._size_of = size_of
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """The value kept for `key`, now the most recently used; None when none is."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        """Keep the value, the least recently used leaving until it fits. A value larger than
        the room is not kept; a key kept meanwhile (another thread put it) keeps its value."""
        size = self._size_of(key, value)
        if size > self.room:
            return
        with self._lock:
            if key in self._values:
                return
            self._values[key] = value
            self.used += size
            while self.used > self.room:
                old_key, old_value = self._values.popitem(last=False)
                self.used -= self._size_of(old_key, old_value)

    def clear(self) -> None:
        """Forget everything kept."""
        with self._lock:
            self._values.clear()
            self.used = 0

    def __len__(self) -> int:
        return len(self._values)
