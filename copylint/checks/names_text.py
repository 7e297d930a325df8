"""Text helpers the name checks share: word boundaries, addresses, titles, the slots of a name's
words, edit distances and how a suggestion is shaped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Match
from ..spelling import undoubled
from ..tokens import Tokens

DEFAULT_TITLES = (
    "President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "Prince", "Emir",
    "Sheikh", "Sultan", "Pope", "Ayatollah", "Secretary-General", "Secretary General", "Minister",
)
TITLE = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(t) for t in DEFAULT_TITLES) + r")\Z")
TITLE_ENDS = frozenset(t.split()[-1] for t in DEFAULT_TITLES)
UPPER_RUN = re.compile(r"[A-Z]{2,}")
POSSESSIVE = re.compile(r"['’]s?\Z")
_WEB = re.compile(r"https?:|www\.|@|\.(?:com|org|net|gov|edu|io|ua|ru|uk)\b")

def bounded(text: str, start: int, end: int) -> bool:
    """A whole word, not part of a handle, a path, an address or a longer word."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum() or before in "_@#/\\" or (
                before == "." and start > 1 and text[start - 2].isalnum()):
            return False
    if end < len(text):
        after = text[end]
        if after.isalnum() or after in "_@/\\" or (
                after == "." and end + 1 < len(text) and text[end + 1].isalnum()):
            return False
    return True


def in_address(text: str, start: int, end: int) -> bool:
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min((i for i in (text.find(" ", end), text.find("\n", end)) if i != -1), default=len(text))
    return bool(_WEB.search(text, left, right))


def after_title(text: str, end: int) -> bool:
    """A title (President, Prime Minister ...) ends at `end`."""
    return bool(TITLE.search(text, max(0, end - 30), end))


def name_slots(tokens: Tokens, words: list[str], index: int) -> Iterator[tuple[int, str, str]]:
    """Where the name's other words stand as written, one space apart, around one capitalized
    word in the place of words[index]: (its start, the word, the whole phrase). String searches
    only (no pattern to compile per name)."""
    text = tokens.text
    before = " ".join(words[:index])
    after = " ".join(words[index + 1:])
    anchor = before + " " if before else " " + after
    for position in tokens.occurrences(anchor):
        if before:
            if position > 0 and not text[position - 1].isspace():
                continue
            start = position + len(anchor)
            end = start
            while end < len(text) and (text[end].isalnum() or text[end] in "’'-"):
                end += 1
        else:
            end = position
            start = end
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "’'-"):
                start -= 1
            if start > 0 and not text[start - 1].isspace():
                continue
        found = text[start:end]
        if len(found) < 3 or not found[0].isupper():
            continue
        if before and after and not text.startswith(" " + after, end):
            continue
        # the end of the whole phrase: the words after it were found with it when none precede
        tail = end + (len(after) + 1 if after else 0) if before else position + len(anchor)
        if tail < len(text) and (text[tail].isalnum() or text[tail] == "-"):
            continue  # the name runs on into a longer word
        phrase_start = position if before else start
        yield start, found, text[phrase_start:tail]


def after_opening(text: str, start: int, ends: str) -> bool:
    """Whether `start` is at the start of the text, or after one of the characters `ends` with
    only spaces and opening quotes or brackets between (a backward scan, not a copy)."""
    position = start
    while position > 0 and text[position - 1] in " “\"‘'(":
        position -= 1
    return position == 0 or text[position - 1] in ends


def term_edge(char: str, also: str) -> bool:
    """A character that joins a term to what stands beside it (a word or an address)."""
    return char.isalnum() or char == "_" or char in also


def find_all(haystack: str, needle: str) -> Iterator[int]:
    position = haystack.find(needle)
    while position != -1:
        yield position
        position = haystack.find(needle, position + 1)



def edit_distance(a: str, b: str, cutoff: int = 3) -> int:
    """Damerau-Levenshtein distance of two lower-case words, or `cutoff + 1` when it is more than
    `cutoff`. Most pairs a story offers are far apart, and a bound tells so without rapidfuzz
    (whose import costs more than checking a story): every edit changes the length by one at
    most, and removes at most one letter that the other word lacks."""
    bound = max(abs(len(a) - len(b)), len(set(a).difference(b)), len(set(b).difference(a)))
    if bound > cutoff:
        return cutoff + 1
    from rapidfuzz.distance import DamerauLevenshtein

    return DamerauLevenshtein.distance(a, b, score_cutoff=cutoff)


def ending_only(word: str, target: str) -> bool:
    """The words differ only in their last letter or by a letter added at the end: the shape of a
    name in another language or a derived word (Germano, Yaroslav, Kentuck), not of a typo."""
    stem = min(len(word), len(target)) - (1 if len(word) == len(target) else 0)
    return word[:stem] == target[:stem]


def doubling_only(word: str, target: str) -> bool:
    """The words differ only in which letters are doubled (carribean, caribbean): the commonest
    slip in spelling a long name."""
    return word != target and undoubled(word) == undoubled(target)


def close_enough(distance: int, candidate: str, target: str, anchor: str = "") -> bool:
    """The edits a name of this length may carry and still be taken for that name."""
    if distance == 0 or abs(len(candidate) - len(target)) > 2:
        return False
    if len(target) >= 6:
        return distance == 1 or (distance == 2 and len(target) >= 7
                                 and candidate[0] == target[0].lower())
    if len(target) == 5:
        return distance == 1
    return distance == 1 and len(anchor) >= 5      # Modi: only beside a long given name


def like(found: str, right: str) -> str:
    """The suggestion in the case of what was found (KIEV -> KYIV; Al Qaeda -> Al-Qaida)."""
    if found.isupper() and len(found) > 1:
        return right.upper()
    if found[:1].isupper() and right[:1].islower():
        return right[:1].upper() + right[1:]
    return right


def narrow(start: int, found: str, right: str) -> tuple[int, str, str]:
    """Report only the words that differ: `Volodymyr Zelensky` -> `Zelensky` (Zelenskyy)."""
    wrong_words, right_words = found.split(" "), right.split(" ")
    if len(wrong_words) != len(right_words) or len(wrong_words) == 1:
        return start, found, right
    differ = [i for i, (w, r) in enumerate(zip(wrong_words, right_words, strict=True)) if w != r]
    if not differ:
        return start, found, right
    first, last = differ[0], differ[-1]
    offset = sum(len(w) + 1 for w in wrong_words[:first])
    return (start + offset, " ".join(wrong_words[first:last + 1]),
            " ".join(right_words[first:last + 1]))



def longest(matches: list[Match]) -> list[Match]:
    """Drop a match that lies inside a longer one (Zelensky inside Vladimir Zelensky)."""
    matches.sort(key=lambda m: (m.start, -m.end))
    kept: list[Match] = []
    for match in matches:
        if kept and match.start < kept[-1].end and match.end <= kept[-1].end:
            continue
        kept.append(match)
    return kept



def outside_allowed(matches: list[Match], tokens: Tokens, allow: tuple[str, ...]) -> list[Match]:
    """The matches that do not lie inside one of the `allow` phrases (chicken Kiev)."""
    allowed = [(s, s + len(p)) for p in allow for s in tokens.occurrences(p)]
    if not allowed:
        return matches
    return [m for m in matches if not any(a <= m.start and m.end <= b for a, b in allowed)]
