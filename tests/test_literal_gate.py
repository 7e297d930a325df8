"""A rule's `contains` gate answers exactly what `any(literal in text)` answers, however it
searches (from a string's rarest character, or the whole string), whatever the text holds."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from copylint.checks.base import LiteralGate, _holds, _pivot
from copylint.document import Document

PIECES = ["said", "Reply", "Photo:", "Photo by", " ,", " ;", "...", "…", "U.S", "U.S.",
          "”.", "”,", "\",", "’s", " at and", "at", "and", "Credit:", "\t,", ",", ".", "x",
          "advertisement", "dvertisement", "Print E", "12", "1", "FILE", "- ", " -", "”  “"]
texts = st.lists(st.sampled_from([*PIECES, " ", "  ", "\n", "\t", "the ", "U", "S", ":"]),
                 max_size=80).map("".join)
literals = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(texts, literals)
@example("Reply; Reply; Reply", [" ;"])                       # the rare character everywhere
@example("a" * 3 + ";" * 30 + " ;", [" ;"])                    # found past the tries
@example(";" * 8 + " ;", [" ;"])                               # just after the last try
@example(";" * 7 + " ;", [" ;"])                               # at the last try
@example(":" + "Photo" + ":" * 20 + "Photo:", ["Photo:"])       # the mark before the string
@example("U.S" * 12, ["U.S."])
def test_the_gate_answers_as_the_substring_search(text: str, strings: list[str]) -> None:
    doc = Document(text)
    assert LiteralGate(strings).passes(doc) == any(string in doc.text for string in strings)
    for string in strings:
        assert _holds(doc.text, string, _pivot(string)) == (string in doc.text)


def test_a_string_is_searched_from_its_rarest_character() -> None:
    assert _pivot(" ,") == -1            # a comma and a space: both common, the whole string
    assert _pivot(" ;") == 1             # the semicolon
    assert _pivot("Photo:") == 5         # the colon, rarer than the capital
    assert _pivot("Reply") == 0          # the capital
    assert _pivot("continues") == -1     # lower-case letters only
    assert _pivot("”.") == 0             # the quotation mark
