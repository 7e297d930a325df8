"""Deriving the name checks' tables from the gazetteer's entries (stored by the build in
index.json, and derived here again when that file no longer matches the data)."""

from __future__ import annotations

import re
from collections import defaultdict

from .gazetteer_data import (
    NAME_SUFFIXES,
    TITLE_WORDS,
    Entry,
    Fix,
    NameIndexes,
    Target,
    deaccent,
    trigger_word,
)

_TOKEN = re.compile(r"\w+")


def _owners(entries: list[Entry]) -> dict[str, dict[str, int]]:
    """Right word -> the entry it belongs to (-1 when several share it), under each house."""
    owners: dict[str, dict[str, int]] = {"ap": {}, "reuters": {}}
    for entry in entries:
        index = entry.index
        for house, form in (("ap", entry.ap), ("reuters", entry.reuters)):
            owner = owners[house]
            for word in (*form.split(), *(w for a in entry.also for w in a.split())):
                if owner.setdefault(word, index) != index:
                    owner[word] = -1
    return owners


def _lower_words(words: set[str]) -> frozenset[str]:
    """Every right word (and hyphen part) of every name, lower case, accents kept and dropped."""
    lower_words: set[str] = set()
    for word in words:
        for part in word.split("-") if "-" in word else (word,):
            part = part.strip(".,")
            if part:
                lower = part.lower()
                lower_words.add(lower)
                if not lower.isascii():
                    lower_words.add(deaccent(lower))
    return frozenset(lower_words)


def _capitalized(entries: list[Entry], ordinary: frozenset[str]) -> dict[str, dict[str, str]]:
    """Names written in lower case -> as they must be written (kyiv -> Kyiv): one-word names and
    surnames, not the other words of longer names (de novo, bete noire, sweet william) (a
    hyphenated name as a whole: al-qaida, not the noire of Pointe-Noire), keyed by its longest
    word."""
    capitalized: dict[str, dict[str, str]] = defaultdict(dict)
    for entry in entries:
        for form in (entry.ap, entry.reuters):
            name = [w for w in form.split() if w not in NAME_SUFFIXES]
            if entry.type == "person" and len(name) >= 2:
                head = name[-1]
            elif len(name) == 1:
                head = name[0]
            else:
                continue
            parts = head.split("-")
            lower = head.lower()
            if (lower != head and all(p.isalpha() for p in parts) and len(head) >= 4
                    and not all(p.lower() in ordinary for p in parts if p[:1].isupper())):
                key = max(parts, key=len).lower()
                capitalized[key].setdefault(lower, head)
    return dict(capitalized)


def build_indexes(entries: list[Entry], ordinary: frozenset[str],
                  fast_words: frozenset[str]) -> NameIndexes:
    owners = _owners(entries)
    person_words: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    targets: dict[str, list[Target]] = defaultdict(list)
    surnames: dict[str, list[Target]] = defaultdict(list)
    fixes: list[Fix] = []
    for entry in entries:
        ap_words = entry.ap.split()
        reuters_words = ap_words if entry.reuters == entry.ap else entry.reuters.split()
        if entry.type == "person":
            for house, words in (("ap", ap_words), ("reuters", reuters_words)):
                if house == "reuters" and words is ap_words:
                    break
                for position, word in enumerate(words):
                    if word not in TITLE_WORDS:
                        person_words[word].append((entry.index, position, house))
        _add_targets(targets, surnames, entry, ap_words, reuters_words)
        if entry.variants:
            fixes.extend(_variant_fixes(entry, ap_words, reuters_words))
        if reuters_words is not ap_words and deaccent(entry.ap) != deaccent(entry.reuters):
            fixes.extend(_house_fixes(entry, ap_words, reuters_words, owners))
    by_phrase: dict[str, list[Fix]] = defaultdict(list)
    for fix in fixes:
        if " " not in fix.wrong:
            # never flag alone a word that is someone else's right name under that house
            houses = ("ap", "reuters") if fix.kind == "variant" else \
                ("ap",) if fix.ap is not None else ("reuters",)
            if any(owners[h].get(fix.wrong, fix.entry) != fix.entry for h in houses):
                continue
        if fix not in by_phrase[fix.wrong]:
            by_phrase[fix.wrong].append(fix)
    triggers: dict[str, list[str]] = defaultdict(list)
    for phrase in by_phrase:
        triggers[trigger_word(phrase, fast_words)].append(phrase)
    return NameIndexes(
        name_words_lower=_lower_words(set(owners["ap"]) | set(owners["reuters"])),
        capitalized=_capitalized(entries, ordinary),
        person_words=dict(person_words),
        targets=dict(targets),
        surnames=dict(surnames),
        fixes=dict(by_phrase),
        triggers=dict(triggers),
        variant_words_lower=frozenset(
            w.lower() for phrase in by_phrase for w in _TOKEN.findall(phrase)),
    )


def _add_targets(targets: dict[str, list[Target]], surnames: dict[str, list[Target]],
                 entry: Entry, ap_words: list[str], reuters_words: list[str]) -> None:
    person = entry.type == "person"
    aligned = len(ap_words) == len(reuters_words)
    for house, words in (("ap", ap_words), ("reuters", reuters_words)):
        if house == "reuters" and words is ap_words:
            break
        last = ""
        if person:
            named = [w for w in words if w not in NAME_SUFFIXES]
            last = named[-1] if len(named) >= 2 else ""
        for position, word in enumerate(words):
            if len(word) < 4 or not word[0].isupper() or word in TITLE_WORDS:
                continue
            if person and word != last:
                continue  # a given name is checked beside the surname, never alone
            if house == "reuters" and word in ap_words:
                continue
            if aligned:
                target = Target(word, entry.index, position, ap_words[position],
                                reuters_words[position])
            elif word in (ap_words if house == "reuters" else reuters_words):
                target = Target(word, entry.index, position, word, word)
            else:
                target = Target(word, entry.index, position, word if house == "ap" else None,
                                word if house == "reuters" else None)
            key = word[0].lower()
            targets[key].append(target)
            if person:
                surnames[key].append(target)


def _variant_fixes(entry: Entry, ap_words: list[str], reuters_words: list[str]) -> list[Fix]:
    fixes = []
    aligned = len(ap_words) == len(reuters_words)
    for variant in entry.variants:
        wrong, _, named = variant.partition(">")
        if named:  # one wrong word of the name: "Volodomir>Volodymyr"
            ap = reuters = named
            if aligned and named in ap_words:
                reuters = reuters_words[ap_words.index(named)]
        else:
            ap, reuters = entry.ap, entry.reuters
        fixes.append(Fix(wrong, ap, reuters, entry.index, "variant"))
    return fixes


def _house_fixes(entry: Entry, ap: list[str], reuters: list[str],
                 owners: dict[str, dict[str, int]]) -> list[Fix]:
    """One house's spelling, flagged under the other (Zelenskiy under AP, Zelenskyy under
    Reuters). For people, a differing surname is matched alone unless it is someone else's
    right name (Qassem Soleimani), a differing given name only with the next word (Sergei
    Lavrov, not every Sergei), and an article only by the house that drops it (al-Assad under
    AP; Bashar Assad under Reuters). Other names are matched whole."""

    def fix(wrong_house: str, wrong: str, right: str) -> Fix:
        if wrong_house == "reuters":   # a Reuters form, wrong under AP
            return Fix(wrong, right, None, entry.index, "house")
        return Fix(wrong, None, right, entry.index, "house")

    if entry.type != "person" or len(ap) != len(reuters):
        return [fix("reuters", entry.reuters, entry.ap), fix("ap", entry.ap, entry.reuters)]
    fixes = []
    for i, (a, r) in enumerate(zip(ap, reuters, strict=True)):
        if deaccent(a) == deaccent(r):
            continue
        last = all(w in NAME_SUFFIXES for w in ap[i + 1:])
        for house, wrong, right, wrong_words, right_words in (
                ("reuters", r, a, reuters, ap), ("ap", a, r, ap, reuters)):
            judged = "ap" if house == "reuters" else "reuters"   # the house it is wrong under
            longer = wrong.endswith("-" + right)    # al-Assad where the house writes Assad
            shorter = right.endswith("-" + wrong)   # Assad where the house writes al-Assad
            alone = owners[judged].get(wrong, entry.index) == entry.index
            if longer or (last and not shorter and alone):
                fixes.append(fix(house, wrong, right))
            elif (last or shorter) and i > 0:
                fixes.append(fix(house, f"{wrong_words[i - 1]} {wrong}",
                                 f"{right_words[i - 1]} {right}"))
            elif not last:
                fixes.append(fix(house, f"{wrong} {wrong_words[i + 1]}",
                                 f"{right} {right_words[i + 1]}"))
    return fixes
