"""Rule kinds: one module each, registered here by their YAML name."""

from __future__ import annotations

from .base import Check, ParamError, RuleTimeout
from .boilerplate import BoilerplateCheck
from .capitalization import CapitalizationCheck
from .collocations import CollocationCheck
from .consistency import ConsistencyCheck
from .encoding import EntitiesCheck, MojibakeCheck
from .glued import GluedWordsCheck
from .ize import IzeSpellingCheck
from .name_case import NameCaseCheck
from .name_possessive import NamePossessiveCheck
from .name_variants import NameVariantsCheck
from .names import NamesCheck
from .paragraph_end import ParagraphEndCheck, ParagraphStartCheck
from .pattern import PatternCheck
from .quotes import QuotesCheck
from .repeated_lines import RepeatedLinesCheck
from .repetition import RepetitionCheck
from .sentence_length import SentenceLengthCheck
from .sentence_start import SentenceStartCheck
from .spelling import SpellingCheck
from .swap import SwapCheck

KINDS: dict[str, type[Check]] = {
    check.kind: check
    for check in (
        PatternCheck,
        ParagraphEndCheck,
        ParagraphStartCheck,
        SwapCheck,
        RepetitionCheck,
        SentenceLengthCheck,
        SentenceStartCheck,
        QuotesCheck,
        RepeatedLinesCheck,
        ConsistencyCheck,
        EntitiesCheck,
        MojibakeCheck,
        GluedWordsCheck,
        IzeSpellingCheck,
        BoilerplateCheck,
        CapitalizationCheck,
        NamesCheck,
        NameCaseCheck,
        NameVariantsCheck,
        NamePossessiveCheck,
        SpellingCheck,
        CollocationCheck,
    )
}

__all__ = ["KINDS", "Check", "ParamError", "RuleTimeout"]
