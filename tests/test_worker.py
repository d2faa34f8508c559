"""A web worker loads its URL tree before it freezes what start-up loaded (config/worker.py)."""

import gc

import pytest

from config import worker


def test_it_loads_the_url_tree_then_freezes_then_sets_the_thresholds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps: list[object] = []

    class Resolver:
        @property
        def url_patterns(self) -> list[object]:
            steps.append("url tree")
            return []

    monkeypatch.setattr(worker, "get_resolver", Resolver)
    monkeypatch.setattr(gc, "collect", lambda: steps.append("collect"))
    monkeypatch.setattr(gc, "freeze", lambda: steps.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *limits: steps.append(limits))

    worker.settle_worker()

    assert steps == ["url tree", "collect", "freeze", (10_000, 50, 100)]
