"""Slips that spelling checks pass over (every word is spelled right): set phrases with a
sound-alike word or a typing slip that makes another word, `everyday` for `every day`, a helping
verb dropped before an -ing form, an article dropped before a singular noun, a noun for its
adjective. A story written for these tests, in both layouts, with exact rule ids, lines and
columns."""

from __future__ import annotations

from conftest import FIXTURES
from story_support import assert_in_both_layouts, rule_findings

STORY = (FIXTURES / "words" / "slips-story.txt").read_text(encoding="utf-8")
RULES = ("spelling.eggcorn", "spelling.every-day", "garble.missing-auxiliary",
         "garble.missing-article", "garble.noun-for-adjective")

# (line, column, rule, the words flagged, the suggestion or None), one paragraph a line
EXPECTED = [
    (3, 33, "spelling.eggcorn", "free reign", "free rein"),
    (3, 86, "spelling.eggcorn", "baited breath", "bated breath"),
    (4, 16, "spelling.every-day", "everyday", "every day"),
    (5, 23, "garble.missing-auxiliary", "we only praying", None),
    (6, 18, "spelling.eggcorn", "to stump out", "to stamp out"),
    (8, 18, "garble.missing-article", "there was report", None),
    (8, 72, "garble.missing-article", "constitute threat", None),
    (9, 5, "garble.noun-for-adjective", "economy downturn", "economic downturn"),
    (10, 28, "spelling.eggcorn", "retraining order", "restraining order"),
    (10, 82, "spelling.eggcorn", "pubic health", "public health"),
]


def test_the_story_gets_its_slips_in_both_layouts() -> None:
    assert_in_both_layouts(STORY, RULES, EXPECTED)


def test_the_right_forms_are_clean() -> None:
    fixed = (STORY.replace("free reign", "free rein").replace("baited", "bated")
             .replace("everyday", "every day").replace("we only praying", "we are only praying")
             .replace("stump out", "stamp out").replace("was report", "was a report")
             .replace("constitute threat", "constitute a threat").replace("economy", "economic")
             .replace("retraining", "restraining").replace("pubic", "public"))
    assert rule_findings(fixed, RULES) == []
