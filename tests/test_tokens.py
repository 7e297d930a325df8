"""The token index answers exactly what the string searches it replaces answer, for short texts
(searched) and long ones (indexed), whatever the text holds: words, digits, underscores,
accents, apostrophes, and the letters whose lower case is not one letter for one (Σ, İ)."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from copylint.tokens import Tokens, split_words

PIECES = ["Kyiv", "kyiv", "KYIV", "the", "The", "theme", "other", "Sinegubov", "sinegubova",
          "goverment", "Goverment", "e-mail", "it’s", "it's", "don't", "x_y", "42", "4th",
          "Zelenskyy", "naïve", "Σίσυφος", "ΟΔΟΣ'Α", "İstanbul", "the the", "Tim Scott",
          "white home", "White Home", "committee", "aaaa", "banana", "Banana"]
SEPARATORS = [" ", "  ", "\n", "\n\n", ", ", ". ", "; ", " (", ") ", "—", "“", "” ", "-", "/", "@"]

texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda parts: "".join(word + gap for word, gap in parts))
needles = st.one_of(st.sampled_from(PIECES), st.sampled_from(["he", "th", "ki", "e", "v t", "4",
                                                               "Scott", " Scott", "home", "’s", "ee",
                                                               "aa", "ana", "nana", "a a"]))


def find_all(haystack: str, needle: str) -> list[int]:
    found, position = [], haystack.find(needle)
    while position != -1:
        found.append(position)
        position = haystack.find(needle, position + 1)
    return found


def scan(haystack: str, needle: str) -> list[int]:
    """A find loop that goes on from the end of each occurrence."""
    found, position = [], haystack.find(needle)
    while position != -1:
        found.append(position)
        position = haystack.find(needle, position + len(needle))
    return found


def whole(haystack: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\w+", haystack) if m.group() == word]


def both(text: str) -> list[Tokens]:
    """The text's tokens searched and indexed (the index is used when the text allows it)."""
    return [Tokens(text), Tokens(text, small=0)]


@settings(max_examples=300, deadline=None)
@given(texts, needles)
@example("x aaaa y banana", "aa")                 # overlapping occurrences: count takes 2 of 3
@example("banana Banana nanana", "ana")
@example("the theme, other; The the", "the")     # inside longer tokens, at their start and end
@example("Tim Scott and Scotts, Scott_x", " Scott")
@example("İstanbul and istanbul", "istanbul")      # İ: two characters in lower case
@example("ΟΔΟΣ'Α οδοσ", "οδοσ")                  # Σ: final or not by what follows it
@example("white home. White Home", "white home")
def test_every_question_has_the_answer_of_the_string_search(text: str, needle: str) -> None:
    lower = text.lower()
    for tokens in both(text):
        assert tokens.occurrences(needle) == find_all(text, needle)
        assert tokens.lower_occurrences(needle) == find_all(lower, needle)
        assert tokens.contains(needle) == (needle in text)
        assert tokens.lower_contains(needle) == (needle in lower)
        assert tokens.count(needle) == text.count(needle)
        assert tokens.lower_count(needle) == lower.count(needle)
        assert tokens.first(needle) == text.find(needle)
        assert tokens.lower_scan(needle) == scan(lower, needle)
        if re.fullmatch(r"\w+", needle):
            assert tokens.starts(needle) == whole(text, needle)
            assert tokens.lower_starts(needle) == whole(lower, needle)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_the_tokens_are_those_of_the_text_and_of_its_lower_case(text: str) -> None:
    for tokens in both(text):
        assert tokens.words == re.findall(r"\w+", text.lower())
        assert tokens.vocabulary == frozenset(re.findall(r"\w+", text.lower()))
        assert tokens.forms == frozenset(re.findall(r"\w+", text))
        assert tokens.lower == text.lower()


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(), st.text(alphabet=st.sampled_from("ab_1 \n-“”—\u00a0é\u2028"))))
@example("“Quoted” — ΟΔΟΣ x\u00a0y\u2028z\x1c" + "".join(map(chr, range(128, 400))))
def test_the_words_are_split_as_the_regex_finds_them(text: str) -> None:
    assert split_words(text) == re.findall(r"\w+", text)


def test_a_long_text_is_indexed_unless_lower_case_changes_its_tokens() -> None:
    long = "Kyiv and the capital. " * 2000
    assert Tokens(long).indexed and not Tokens("Kyiv and the capital.").indexed
    assert not Tokens(long + "İstanbul").indexed     # İ lower-cases to two characters
    assert not Tokens(long + "ΟΔΟΣ").indexed         # Σ lower-cases by what follows it
    tokens = Tokens(long + "theme")
    assert tokens.starts("the") == whole(long, "the")
    assert tokens.occurrences("the")[-1] == len(long)   # inside "theme" too
    assert tokens.count("Kyiv") == 2000 and tokens.lower_count("kyiv") == 2000


LONG_EXTRA = """
Gov. Oleg Sinegubov said the the water rose. Officials in Kharkiv said Sinegubav was away.
Prime Minister Modhi met the press. The rally was held on Tuesday on Tuesday in sri lanka.
The goverment said the White Home and the white home were closed. Trumps team left.
He said it was it was over, then the the committee met. They’ll they’ll see to the well-being
well-being of the staff, and we'll we'll wait; the e-mail e mail came. The Patriotsbut lost
asurge of votes to theEuropean bloc, sensitising and mobilisation, Organisation and organisation.
"""
#: a letter that folds specially: a case-insensitive pattern matches it where lower case differs
SPECIAL_FOLD = ("A ſtate of the ſtate of emergency. A STATE OF THE state of the state.\n"
                "In the ſtate of the state of war, the state of the state of peace.\n")


@pytest.mark.parametrize("extra", [LONG_EXTRA, LONG_EXTRA + SPECIAL_FOLD])
def test_a_long_text_has_the_findings_whether_indexed_or_searched(monkeypatch, extra) -> None:
    """Every rule on a long document (the fixture stories joined, with doubled words and
    phrases, misspelled and lower-case names, spun phrases): the same findings when the token
    index answers and when the text is searched directly."""
    import importlib.util

    from conftest import TESTS

    import copylint.tokens
    from copylint.api import build_run
    from copylint.config import Config

    spec = importlib.util.spec_from_file_location("digest", TESTS.parent / "tools" / "findings_digest.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = (tool.joined_text() + extra) * 2
    run = build_run(Config())
    indexed = run.check_data(text.encode(), "long.txt")
    monkeypatch.setattr(copylint.tokens, "SMALL_TEXT", len(text) + 1)
    searched = run.check_data(text.encode(), "long.txt")
    assert indexed.error is None and len(indexed.findings) > 100
    assert {f.rule for f in indexed.findings} >= {"garble.doubled-word", "garble.doubled-phrase",
                                                  "spelling.misspelled", "names.capitalization"}
    assert indexed.findings == searched.findings


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text("abcs", min_size=5, max_size=8).map(lambda w: "s" + w), max_size=40))
def test_two_spellings_meet_every_near_neighbour_through_dropped_letters(words: set[str]) -> None:
    """The pairs `name-variants` compares, found through the forms with one letter dropped, are
    every pair one edit apart (same first letter) that comparing each word with all those of its
    first letter and length, or one more, finds; each ordered shorter first, then alphabetically."""
    from copylint.checks.name_variants import _pairs
    from copylint.checks.names_text import edit_distance

    every = {(a, b) for a in words for b in words
             if a[0] == b[0] and (len(a), a) < (len(b), b) and len(b) - len(a) <= 1}
    one_edit = {pair for pair in every if edit_distance(*pair) == 1}
    assert {pair for pair in _pairs(words) if edit_distance(*pair) == 1} == one_edit
    assert _pairs(words) <= every


def test_every_ascii_character_and_common_mark_splits_as_the_regex_does() -> None:
    """The fast path (ASCII once the common marks are spaces) against `\\w+`, character by
    character: inside a word, at its edges, doubled, and with a mark beyond ASCII beside it."""
    from copylint.tokens import _COMMON_MARKS

    for char in [*map(chr, range(128)), *_COMMON_MARKS]:
        for text in (f"ab{char}cd", f"{char}ab", f"ab{char}", f"a{char}{char}b", f"a{char}“b”"):
            assert split_words(text) == re.findall(r"\w+", text), repr(text)
