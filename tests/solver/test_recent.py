"""Recent: what was used lately within a bound, the least recently used leaving first."""

from __future__ import annotations

from solver.recent import Recent


def test_the_least_recently_used_leaves_first() -> None:
    recent: Recent[str, int] = Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get("a") == 1  # a is now the most recent
    recent.put("c", 3)
    assert (recent.get("a"), recent.get("b"), recent.get("c")) == (1, None, 3)
    assert len(recent) == 2 and recent.used == 2


def test_sizes_count_against_the_room() -> None:
    """Values take their size: one too large is not kept, others leave until a new one fits."""
    recent: Recent[str, str] = Recent(10, lambda key, value: len(value))
    recent.put("big", "x" * 11)
    assert recent.get("big") is None and recent.used == 0
    recent.put("a", "aaaa")
    recent.put("b", "bbbb")
    recent.put("c", "cccccc")
    assert recent.get("a") is None and recent.get("b") == "bbbb" and recent.used == 10


def test_a_key_kept_meanwhile_keeps_its_value_and_counts_once() -> None:
    recent: Recent[str, str] = Recent(100, lambda key, value: len(value))
    recent.put("a", "first")
    recent.put("a", "second!")
    assert recent.get("a") == "first" and recent.used == len("first")


def test_clear_forgets_everything() -> None:
    recent: Recent[str, int] = Recent(3)
    recent.put("a", 1)
    recent.clear()
    assert recent.get("a") is None and len(recent) == 0 and recent.used == 0
