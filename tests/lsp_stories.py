"""Stories of any length for the language-server tests and benchmark, made up here from a few
sentence parts (no real news text), with a known share of defects."""

from __future__ import annotations

import random

DATELINE = "ODESA, Ukraine (AP) — "
SUBJECTS = ["The regional governor", "A spokeswoman for the port authority", "Engineers",
            "The mayor of the town", "Residents of the lower districts", "Aid workers",
            "The city council", "A local farmer", "Emergency crews", "The harbor master"]
VERBS = ["said on Monday that", "told reporters that", "warned in a statement that",
         "confirmed late on Tuesday that", "wrote in a letter that", "added that"]
CLAUSES = ["the flood barriers had held through the night",
           "the pumps would run until the water receded",
           "repairs to the river wall could take several weeks",
           "the evacuation of the school had gone smoothly",
           "fresh water would be trucked in from the north",
           "the bridge would stay closed to heavy vehicles",
           "more volunteers were expected by the weekend",
           "the cost of the damage was still being counted"]
#: sentences with one defect each: doubled word, lower-case place, stacked punctuation
DEFECTS = ["Officials said the the crews were exhausted.",
           "Help arrived from kyiv before dawn.",
           "The water rose again overnight. , a pace that alarmed residents."]


def story(words: int, seed: int = 7, defect_every: int = 12) -> str:
    """A plain-text story of at least `words` words, paragraphs of three sentences, one defect
    sentence every `defect_every` sentences."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    sentence_number = 0
    while count < words:
        sentences = []
        for _ in range(3):
            sentence_number += 1
            if sentence_number % defect_every == 0:
                sentence = DEFECTS[(sentence_number // defect_every) % len(DEFECTS)]
            else:
                sentence = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
                            f"{rng.choice(CLAUSES)}.")
            sentences.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    paragraphs[0] = DATELINE + paragraphs[0]
    return "\n\n".join(paragraphs) + "\n"


def story_of_size(size: int, seed: int = 7) -> str:
    """A plain-text story of about `size` characters."""
    text = story(max(1, size // 6), seed)
    while len(text) < size:
        text += "\n" + story(max(1, (size - len(text)) // 6), seed + len(text))
    return text
