"""A short fuzz run in the suite: every reader and every reporter on mutated fixtures
(tools/fuzz/fuzzing.py holds the properties; tools/fuzz/run.py runs them for minutes)."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(REPO / "tools" / "fuzz"))
from fuzzing import STORIES, cases, check_case


@pytest.mark.parametrize("story", list(STORIES))
def test_readers_and_reporters_survive_mutated_stories(story: str) -> None:
    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(cases(stories=(story,)))
    def run(case: tuple[str, str, bytes]) -> None:
        check_case(*case)

    run()
