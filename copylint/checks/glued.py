"""`glued-words`: two words run together where a space was lost (`theEuropean`, `Patriotsbut`).

A token is split only when the dictionary says so: the joined form is not a word, and each part
is. The dictionary is the English word list shipped in rules/names (wordfreq's 50,000 most
frequent words, the first 10,000 of them counted as common, plus the rarer words and place names
of words.txt), read through the gazetteer that the name checks load anyway. So spellings that
are words of their own (`YouTube`, `LinkedIn`, `McDonald`, `whitehouse` as a web word) stay
whole, and `iPhone`, `eBay`, `3.5%`, `U.S.`, `No. 2` and web addresses are never candidates.
Four shapes are tried:

- lower case joined to a capital (`theEuropean`, `advertisementBrady`): the lower-case part is a
  function word or a common word of three letters or more;
- a capitalized word joined to a capitalized function word (`SpotifyThe`), a name of the news
  that is no ordinary word joined to a word (`CarolinaMen`), or the two words of a name or of a
  collocation written with capitals (`WhiteHouse`, `NewYork`, `PrimeMinister`); two ordinary
  capitalized words (`KeyBank`, `SoftBank`) are a brand's spelling, not a lost space;
- a word joined to a function word after it (`Patriotsbut`, `Canadaand`);
- in lower case, a function word joined to a common word after it (`asurge`).

Candidates are found with two cheap searches (tokens with a capital inside them; the document's
distinct words that begin or end with a function word); only they are looked up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..context import RunContext
from ..document import Document
from ..findings import Match
from .base import ContextCheck, Param, ParamError
from .name_queries import rare_words

#: a token with one capital inside it, not part of an address, an e-mail, a code identifier or a
#: number (the standard library's engine: it scans a character class fastest)
_LOWER = "a-zß-öø-ÿ"
_UPPER = "A-ZÀ-ÖØ-Þ"
_CAMEL = re.compile(
    rf"([{_LOWER}]{{2,}}|[{_UPPER}][{_LOWER}]{{2,}})([{_UPPER}][{_LOWER}]+|[{_UPPER}]{{3,}})")
#: where a capital follows a lower-case letter: the only places a camel join can be
_JUNCTION = re.compile(rf"[{_UPPER}](?<=[{_LOWER}][{_UPPER}])")  # capitals are the rarer letters
#: a token touching one of these is part of an address, an e-mail, a path or code
_ATTACHED = frozenset("@/.\\’'-_")


def _token_at(text: str, offset: int) -> tuple[int, int]:
    """The run of letters around `offset`."""
    start = offset
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    end = offset + 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _standalone(text: str, start: int, end: int) -> bool:
    """Whether a token stands alone: not part of an address, path, code call or number."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _ATTACHED or before.isdigit() or after.isdigit() or after in "@/(\\-_":
        return False
    if after in ".’'" and end + 1 < len(text) and text[end + 1].isalpha():
        # a possessive 's is not part of the token; a web address or a contraction is
        return after in "’'" and text[end + 1] == "s" and not text[end + 2:end + 3].isalpha()
    return True


#: capitalized function words that end brand names (LinkedIn, MoveOn, CheckIn): never split off
_PARTICLES = frozenset({"in", "on", "up", "out", "off"})


class GluedWordsCheck(ContextCheck):
    kind = "glued-words"
    summary = "Two words run together where a space was lost, split with the word list."
    params = {
        "function_words": Param("str-list", required=True,
                                doc="closed-class words (the, of, but, he): the lower-case part of "
                                    "theEuropean, the capitalized part of SpotifyThe"),
        "join_before": Param("str-list", default=[],
                             doc="function words found glued to the front of the next word (asurge)"),
        "join_after": Param("str-list", default=[],
                            doc="function words found glued to the end of the word before "
                                "(Patriotsbut)"),
        "min_part": Param("int", default=4,
                          doc="the shortest other part of a split at a function word"),
    }
    fields = frozenset({"match", "split"})

    def setup(self, options: dict[str, Any]) -> None:
        lists = {key: sorted({word.casefold() for word in options[key]}, key=len, reverse=True)
                 for key in ("function_words", "join_before", "join_after")}
        for key, words in lists.items():
            if any(not word.isalpha() for word in words):
                raise ParamError(key, f"'{key}' must be words of letters")
        self.function_words = frozenset(lists["function_words"])
        self.before = frozenset(lists["join_before"])
        self.after = frozenset(lists["join_after"])
        self.min_part: int = options["min_part"]
        if self.min_part < 2:
            raise ParamError("min_part", "'min_part' must be at least 2")
        self.suffixes = tuple(lists["join_after"])
        self.prefixes = tuple(lists["join_before"])

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterator[Match]:
        text = doc.text
        lexicon = None
        done = -1
        for junction in _JUNCTION.finditer(text):
            if junction.start() < done:
                continue
            start, end = _token_at(text, junction.start() - 1)
            done = end
            humps = _CAMEL.fullmatch(text, start, end)
            if humps is None or not _standalone(text, start, end):
                continue
            if lexicon is None:
                lexicon = _lexicon()
            parts = self._split_camel(humps.group(1), humps.group(2), lexicon)
            if parts:
                yield self._match(start, end, text, parts)
        if not (self.suffixes or self.prefixes):
            return
        if lexicon is None:
            lexicon = _lexicon()
        if len(doc.lower) != len(text):
            return  # lower-casing moved offsets (rare letters): no safe way to locate words
        # the document's rarer words (the set difference the name checks share), then those
        # that begin or end with a function word and are no word at all
        for candidate in rare_words(doc, context):
            if len(candidate) <= self.min_part or not candidate.isalpha():
                continue
            if not (candidate.endswith(self.suffixes) or candidate.startswith(self.prefixes)):
                continue
            if lexicon.is_known_word(candidate):
                continue
            lower = doc.lower
            # a whole word stands as a whole token (and overlaps no other place it stands)
            for position in doc.tokens.lower_starts(candidate):
                end = position + len(candidate)
                if (position == 0 or not _word_char(lower[position - 1])) and \
                        (end == len(lower) or not _word_char(lower[end])):
                    parts = self._split_join(text[position:end], lexicon)
                    if parts:
                        yield self._match(position, end, text, parts)

    def _match(self, start: int, end: int, text: str, parts: tuple[str, str]) -> Match:
        return self.make(start, end, {"match": text[start:end], "split": " ".join(parts)})

    def _split_camel(self, left: str, right: str, lexicon: Any) -> tuple[str, str] | None:
        """theEuropean -> (the, European); None when the token is a word or a brand."""
        left_lower, right_lower = left.lower(), right.lower()
        # a name or a capitalized collocation of two words with its space lost (WhiteHouse,
        # NewYork, PrimeMinister), even where the web has made the joined form a word
        # (whitehouse); a brand joins words that are no such name (BlackRock, SoftBank)
        spaced = f"{left} {right}"
        if left[0].isupper() and (spaced.lower() in lexicon.name_forms or
                                  spaced in _proper_collocations()) and \
                (left_lower + right_lower) not in lexicon.name_forms:
            return left, right
        if lexicon.is_known_word(left_lower + right_lower):
            return None
        if right.isupper():  # a headline run into a dateline: PandemicWASHINGTON
            return (left, right) if len(left) >= 3 and lexicon.is_known_word(left_lower) else None
        if left[0].islower():
            if left_lower in self.function_words or (
                    len(left) >= 3 and left_lower in lexicon.fast_words):
                return left, right
            return None
        if right_lower in self.function_words and right_lower not in _PARTICLES and \
                lexicon.is_known_word(left_lower):
            return left, right
        # a name of the news (a place, a person) that is no ordinary word, run into a word:
        # South CarolinaMen's (brands join two ordinary words: KeyBank, SoftBank)
        if left_lower in lexicon.name_words_lower and left_lower not in lexicon.ordinary and \
                lexicon.is_known_word(right_lower):
            return left, right
        return None

    def _split_join(self, word: str, lexicon: Any) -> tuple[str, str] | None:
        """Patriotsbut -> (Patriots, but); asurge -> (a, surge); None when it is not two words."""
        lower = word.lower()
        for size in range(len(lower) - self.min_part, 0, -1):
            head, tail = lower[:-size], lower[-size:]
            if tail in self.after and len(head) >= max(self.min_part, size + 2) and \
                    lexicon.is_known_word(head) and (head in lexicon.fast_words or word[0].isupper()):
                return word[:-size], word[-size:]
        if word.islower():
            for size in range(1, len(lower) - self.min_part + 1):
                head, tail = lower[:size], lower[size:]
                if head in self.before and tail in lexicon.fast_words:
                    return word[:size], word[size:]
        return None


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "_’'-"


def _proper_collocations() -> frozenset[str]:
    """The collocations written with capitals (White House, Prime Minister), from the spun-phrase
    table (read once per process)."""
    from .collocations import load_variants

    return load_variants().proper_collocations


def _lexicon() -> Any:
    """The word lists behind the name checks (loaded once per process, shared with them)."""
    from ..gazetteer import load_gazetteer

    return load_gazetteer()
