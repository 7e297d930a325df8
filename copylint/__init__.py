"""copylint: a linter for news wire copy."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .document import Document
from .engine import Linter, choose_rules
from .findings import Finding, Severity
from .rulebook import load_rulebook

__version__ = "0.1.0"
__all__ = ["Document", "Finding", "Severity", "__version__", "lint_text"]


@lru_cache(maxsize=8)
def _linter(house: str, select: tuple[str, ...], ignore: tuple[str, ...],
            rule_dirs: tuple[str, ...]) -> Linter:
    rulebook = load_rulebook([Path(d) for d in rule_dirs], house=house)
    return Linter(choose_rules(rulebook, select, ignore))


def lint_text(text: str, path: str = "<text>", *, house: str = "ap",
              select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
              rule_dirs: tuple[str, ...] = (), vocab: tuple[str | Path, ...] = ()) -> list[Finding]:
    """Check `text` with the default packs (plus `rule_dirs`) and return its findings.

    `vocab` names vocabulary files (as `--vocab`), read at each call. This is the engine the
    CLI uses; rule packs are loaded and compiled once per combination of arguments.
    """
    linter = _linter(house, tuple(select), tuple(ignore), tuple(str(d) for d in rule_dirs))
    context = None
    if vocab:
        from .vocabulary import read_vocabulary

        context = linter.context.with_vocabulary(read_vocabulary([Path(v) for v in vocab]))
    return linter.check(Document(text, path), context).findings
