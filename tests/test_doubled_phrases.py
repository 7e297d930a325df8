"""Doubled phrases (`garble.doubled-phrase`): the phrase twice is matched without lookarounds
and checked where it stands, which finds exactly what the pattern inside the lookarounds
`(?<![\\w’'-])` and `(?![\\w’'-])` finds with `finditer`, whatever touches the phrase."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from copylint import lint_text
from copylint.checks.repetition import _standing

PIECES = ["on Tuesday", "On tuesday", "ON TUESDAY", "on", "Tuesday", "xon", "Tuesdays", "’",
          "'", "-", "_", "4", "é", " ", "  ", "\t", "\n", ", "]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
BODY = r"on[ \t]+Tuesday"


@settings(max_examples=400, deadline=None)
@given(texts)
@example("xon Tuesday on Tuesday on Tuesday")       # touched at the first start, alone at the next
@example("on Tuesday on Tuesday-on Tuesday on Tuesday")
@example("on Tuesday on Tuesdays on Tuesday on Tuesday")
def test_a_phrase_standing_alone_is_found_as_with_lookarounds(text: str) -> None:
    alone = re.compile(rf"(?<![\w’'-])({BODY})[ \t]+{BODY}(?![\w’'-])", re.IGNORECASE)
    bare = re.compile(rf"({BODY})[ \t]+{BODY}", re.IGNORECASE)
    assert [(m.span(), m.group(1)) for m in _standing(bare, text)] == \
        [(m.span(), m.group(1)) for m in alone.finditer(text)]


def test_doubled_phrases_in_a_story() -> None:
    story = ("The council will meet on Tuesday on Tuesday to vote.\n\n"
             "Xon Tuesday on Tuesday is no double; the vote on Tuesday-on Tuesday is none either.")
    found = [(f.line, f.column, f.end_column) for f in lint_text(story)
             if f.rule == "garble.doubled-phrase"]
    assert found == [(1, 23, 44)]
