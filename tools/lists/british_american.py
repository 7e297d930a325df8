"""Add British -> American spelling pairs from breame to rules/lists/british-american.tsv.

The pairs already in the file (compiled by hand) stay as they are; a pair from breame's
`BRITISH_ENGLISH_SPELLINGS` is added when

- the British form is in lower case and is not itself an American spelling: it is in neither of
  SCOWL's American word lists (Debian's wamerican and wamerican-large: /usr/share/dict), so
  variants American dictionaries accept (`aesthetic`, `ageing`, `buses`, `cancellation`) are left
  alone;
- the American form is in those lists;
- it is not refused in `british-american-refused.tsv` (pairs whose American form is not AP's).

Run from the repository root after `pip install breame` and
`apt-get install wamerican wamerican-large`:

    python tools/lists/british_american.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "rules" / "lists" / "british-american.tsv"
REFUSED = Path(__file__).with_name("british-american-refused.tsv")
AMERICAN_LISTS = ("/usr/share/dict/american-english", "/usr/share/dict/american-english-large")
HEADER = """\
# British spellings and the American spellings AP uses instead, one pair a line:
# british<TAB>american. Read by ap.american-spelling (rules/ap.yaml) for lower-case words.
# Sources: pairs compiled by hand by the copylint developers from the spelling patterns described
# at https://en.wikipedia.org/wiki/American_and_British_English_spelling_differences
# (-our/-or, -re/-er, -ise/-ize, -ll-/-l-, -ae-/-oe-/-e-, -ence/-ense, single words), with the
# American forms of Merriam-Webster and Webster's New World College Dictionary (AP's
# dictionary); and pairs from breame's BRITISH_ENGLISH_SPELLINGS (breame 0.1.2, Apache-2.0,
# https://github.com/cdpierse/breame) whose British form no American word list of SCOWL holds,
# added by tools/lists/british_american.py (which says what it leaves out).
# Sorted; each British spelling is listed once (the loader refuses duplicates).
"""


def read_pairs(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            british, american = line.split("\t")
            pairs[british] = american
    return pairs


def american_words() -> set[str]:
    words: set[str] = set()
    for name in AMERICAN_LISTS:
        words.update(Path(name).read_text(encoding="utf-8", errors="replace").split("\n"))
    return words


def added_pairs(breame_pairs: dict[str, str], american: set[str], refused: dict[str, str],
                known: dict[str, str]) -> dict[str, str]:
    return {british: right for british, right in breame_pairs.items()
            if british == british.lower() and british not in known and british not in refused
            and british not in american and right in american}


def main() -> int:
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    known = read_pairs(TARGET)
    added = added_pairs(BRITISH_ENGLISH_SPELLINGS, american_words(), read_pairs(REFUSED), known)
    merged = dict(sorted({**known, **added}.items()))
    body = "".join(f"{british}\t{right}\n" for british, right in merged.items())
    TARGET.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(known)} pairs kept, {len(added)} added from breame: {len(merged)} in {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
