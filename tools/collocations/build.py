#!/usr/bin/env python3
"""Build the spun-phrase table (rules/collocations/variants.tsv) from the collocations here and
WordNet's synonyms.

    apt-get install wordnet-base            # WordNet 3.0, in /usr/share/wordnet
    pip install nltk wordfreq               # nltk reads that directory; wordfreq for frequencies
    python tools/collocations/build.py [--corpus DIR]

For each two-word collocation in collocations.txt (White House, health care), every single-word
WordNet synonym of either word (a lemma of any of its synsets; for adjectives, also of the
synsets WordNet marks as similar) gives a variant a spinner could write (White Home, strength
care? no: WordNet's synonyms only). A variant is dropped when it may be a real phrase:
  - it is a WordNet lemma itself, or one of the collocations;
  - it is listed in real-phrases.txt (checked by hand: top minister, health maintenance);
  - it appears in the reference corpus (`--corpus`: a directory of real English text, such as the
    Brown Corpus part of the shared benchmark corpus);
  - the synonym is a form of the original word (house, houses) or too short to be a word swap.
The output has one variant a line: `variant<TAB>collocation<TAB>proper`, `proper` 1 when the
collocation is written with capitals (the variant then counts only in capitals too).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUT = REPO / "rules" / "collocations" / "variants.tsv"
WORDNET = Path("/usr/share/wordnet")
_WORD = re.compile(r"[a-z]+")
#: senses of a word whose synonyms replace it in a collocation written in lower case (all senses
#: for names written with capitals, where the capitals keep real phrases apart)
LOWER_SENSES = 2
#: synonyms at least this frequent (zipf) never replace a word of a lower-case collocation
LOWER_MAX_ZIPF = 5.0


#: WordNet 3.0's lexicographer files (nltk wants the `lexnames` file Debian does not ship)
LEXNAMES = (
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
    "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event",
    "noun.feeling", "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object",
    "noun.person", "noun.phenomenon", "noun.plant", "noun.possession", "noun.process",
    "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time",
    "verb.body", "verb.change", "verb.cognition", "verb.communication", "verb.competition",
    "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
    "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl",
)
_POS_NUMBER = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}


def wordnet(scratch: Path):
    """nltk's reader over Debian's WordNet files, copied into `scratch` with a `lexnames`."""
    if not (WORDNET / "data.noun").exists():
        sys.exit(f"no WordNet in {WORDNET}: apt-get install wordnet-base")
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    for source in WORDNET.iterdir():
        if source.is_file():
            shutil.copyfile(source, scratch / source.name)
    (scratch / "lexnames").write_text("".join(
        f"{i:02d}\t{name}\t{_POS_NUMBER[name.split('.')[0]]}\n" for i, name in enumerate(LEXNAMES)),
        encoding="ascii")
    class DebianWordNet(WordNetCorpusReader):
        def map_wn(self, version: str = "wordnet") -> None:
            return None      # these are WordNet 3.0's files: nothing to map from nltk's copy

    nltk.data.path.append(str(scratch))     # nltk reads only from its data paths
    return DebianWordNet(str(scratch), None)


def zipf(word: str) -> float:
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def synonyms(wn, word: str, last: bool, senses: int | None) -> set[str]:
    """Single-word synonyms of `word`: the lemmas of its synsets (the first `senses` of each part
    of speech, or all), and for adjectives those of the synsets WordNet marks as similar. The
    last word of a collocation is taken as a noun; the first as a noun or an adjective."""
    found: set[str] = set()
    for pos in ("n",) if last else ("n", "a"):
        synsets = wn.synsets(word, pos=pos)
        for synset in synsets[:senses]:
            found.update(lemma.name() for lemma in synset.lemmas())
            if synset.pos() in "as":
                for similar in synset.similar_tos():
                    found.update(lemma.name() for lemma in similar.lemmas())
    return {s.lower() for s in found if "_" not in s and "-" not in s and s.isalpha()}


ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "al", "ion", "ions", "ment", "ness",
           "y", "ies", "ity")


def same_word(a: str, b: str) -> bool:
    """Forms of one word (house, houses, housing): one is the other with an ending, or they share
    a stem of five letters and differ in length by three at most (court and courtroom differ)."""
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and long[len(short):] in ENDINGS:
        return True
    return len(short) >= 5 and short[:5] == long[:5] and len(long) - len(short) <= 3


def corpus_bigrams(directory: Path | None) -> set[str]:
    if directory is None:
        return set()
    bigrams = set()
    for path in sorted(directory.rglob("*.txt")):
        words = _WORD.findall(path.read_text(encoding="utf-8", errors="replace").lower())
        bigrams.update(f"{a} {b}" for a, b in pairwise(words))
    return bigrams


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="real English text whose word pairs are real")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="copylint-wordnet-"))
    wn = wordnet(scratch)
    collocations: dict[str, str] = {}
    for phrase in read_lines(HERE / "collocations.txt"):
        if len(phrase.split()) == 2:
            collocations.setdefault(phrase.lower(), phrase)
    real = {p.lower() for p in read_lines(HERE / "real-phrases.txt")}
    seen = corpus_bigrams(args.corpus)
    lemmas = {name.replace("_", " ").lower() for name in wn.all_lemma_names() if "_" in name}
    rows: dict[str, tuple[str, int]] = {}
    for lower, phrase in collocations.items():
        words = lower.split()
        proper = int(phrase != lower)
        for position, word in enumerate(words):
            last = position == len(words) - 1
            for synonym in sorted(synonyms(wn, word, last, None if proper else LOWER_SENSES)):
                if len(synonym) < 3 or same_word(synonym, word):
                    continue
                if not proper and zipf(synonym) >= LOWER_MAX_ZIPF:
                    continue      # a very common word makes real phrases (best deal, home run)
                variant_words = list(words)
                variant_words[position] = synonym
                variant = " ".join(variant_words)
                if (variant in collocations or variant in lemmas or variant in real
                        or variant in seen):
                    continue
                rows.setdefault(variant, (phrase, proper))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "# variant\tcollocation\tproper\tkey: a fixed collocation with one word swapped for a "
        "WordNet synonym; key: its rarer word (generated by tools/collocations/build.py; see "
        "rules/collocations/README.md)\n"
        + "".join(f"{v}\t{p}\t{proper}\t{min(v.split(), key=zipf)}\n"
                  for v, (p, proper) in sorted(rows.items())),
        encoding="utf-8")
    print(f"{len(collocations)} collocations, {len(rows)} variants", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
