"""Rule kinds: one module each, registered here by their YAML name."""

from __future__ import annotations

from .base import Check, ParamError, RuleTimeout
from .boilerplate import BoilerplateCheck
from .capitalization import CapitalizationCheck
from .collocations import CollocationCheck
from .consistency import ConsistencyCheck
from .name_case import NameCaseCheck
from .name_possessive import NamePossessiveCheck
from .name_variants import NameVariantsCheck
from .names import NamesCheck
from .pattern import PatternCheck
from .quotes import QuotesCheck
from .repetition import RepetitionCheck
from .sentence_start import SentenceStartCheck
from .spelling import SpellingCheck
from .swap import SwapCheck

KINDS: dict[str, type[Check]] = {
    check.kind: check
    for check in (
        PatternCheck,
        SwapCheck,
        RepetitionCheck,
        SentenceStartCheck,
        QuotesCheck,
        ConsistencyCheck,
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
