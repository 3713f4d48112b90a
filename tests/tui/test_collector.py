"""Full garbage collections wait for a pause in searching, and the app leaves CPython's
policy as it found it."""

from __future__ import annotations

import gc

from tui.collector import HELD, PausedCollector


def test_full_collections_are_held_until_a_pause_and_restored_after():
    before = gc.get_threshold()
    collector = PausedCollector(pause_seconds=0.0)
    collector.start()
    try:
        assert gc.get_threshold() == (*before[:2], HELD)
        assert gc.get_freeze_count() > 0
        gc.collect(1)  # a younger collection: something reached the oldest generation
        collector.activity()
        assert collector.collect_if_paused()
        assert gc.get_count()[2] == 0
        assert not collector.collect_if_paused()  # nothing new since
        collector.pause_seconds = 60.0
        gc.collect(1)
        collector.activity()
        assert not collector.collect_if_paused()  # still typing
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    collector.stop()  # twice is harmless


def test_a_collector_never_started_changes_nothing():
    before = gc.get_threshold()
    collector = PausedCollector()
    assert not collector.collect_if_paused()
    collector.stop()
    assert gc.get_threshold() == before
