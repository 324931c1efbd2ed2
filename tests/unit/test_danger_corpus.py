"""Danger is recognised in every phrasing of the corpus; harmless look-alikes rarely alarm."""

from __future__ import annotations

from bench.danger_recall import measure


def test_recall_on_danger_is_complete_and_false_alarms_stay_under_five_percent() -> None:
    recall, false_alarms, misses, alarms = measure()
    assert recall == 1.0, misses
    assert false_alarms <= 0.05, alarms


def test_the_corpus_is_big_enough_to_mean_something() -> None:
    from bench.danger_recall import CORPUS
    from content.loader import load_yaml

    danger = load_yaml((CORPUS / "danger.yml").read_text(encoding="utf-8"))
    harmless = load_yaml((CORPUS / "harmless.yml").read_text(encoding="utf-8"))
    assert sum(len(texts) for texts in danger.values()) >= 60
    assert len(harmless) >= 60
