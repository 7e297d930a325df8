"""AP dates, times and decades in copy written in the international style: day-first dates,
full stops in times of day, decades with an apostrophe. A story written for these tests, in both
layouts, with exact rule ids, lines and columns, and the safe fixes applied."""

from __future__ import annotations

from conftest import FIXTURES
from story_support import assert_in_both_layouts, rule_findings

STORY = (FIXTURES / "house" / "international-dates.txt").read_text(encoding="utf-8")
RULES = ("ap.date-order", "ap.time-separator", "ap.decade")

EXPECTED = [
    (2, 72, "ap.date-order", "21 March 2024", None),
    (2, 134, "ap.decade", "1990's", "1990s"),
    (3, 22, "ap.time-separator", "9.30", "9:30"),
    (3, 56, "ap.time-separator", "1.15", "1:15"),
    (4, 51, "ap.date-order", "3rd of May", None),
    (5, 36, "ap.decade", "2000’s", "2000s"),
]


def test_dates_times_and_decades_in_both_layouts() -> None:
    assert_in_both_layouts(STORY, RULES, EXPECTED)


def test_the_ap_forms_are_clean() -> None:
    fixed = (STORY.replace("21 March 2024", "March 21, 2024").replace("1990's", "1990s")
             .replace("9.30", "9:30").replace("1.15", "1:15").replace("the 3rd of May", "May 3")
             .replace("2000’s", "2000s"))
    assert rule_findings(fixed, RULES) == []


def test_the_safe_fixes_give_ap_times_and_decades(cli, tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    cli("check", "--fix", "--select", ",".join(RULES), story)
    fixed = story.read_text(encoding="utf-8")
    assert fixed == (STORY.replace("1990's", "1990s").replace("9.30", "9:30")
                     .replace("1.15", "1:15").replace("2000’s", "2000s"))
