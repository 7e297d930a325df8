"""copylint: a linter for news wire copy.

The public names are imported on first use (PEP 562), so that `copylint.launcher`, which starts
every `copylint` command, can hand a command to a resident process without loading the engine.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a few ms at start-up)
__version__ = "0.1.0"
__all__ = ["Document", "Finding", "Severity", "__version__", "fix_text", "lint_text"]

#: public name -> the module that defines it
_PUBLIC = {"fix_text": ".api", "lint_text": ".api", "Document": ".document",
           "Finding": ".findings", "Severity": ".findings"}

if TYPE_CHECKING:
    from .api import fix_text, lint_text
    from .document import Document
    from .findings import Finding, Severity


def __getattr__(name: str) -> object:
    from importlib import import_module

    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'copylint' has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)
