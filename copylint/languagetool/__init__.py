"""LanguageTool as an optional grammar backend (through language-tool-python).

    from copylint.languagetool import LanguageToolBackend, LanguageToolError, LanguageToolSettings

    settings = LanguageToolSettings(enabled=True, server="http://localhost:8081")
    with LanguageToolBackend(settings) as backend:
        extra = backend.check(doc, native_findings)   # raises LanguageToolError (one line)

Importing this package does not import language_tool_python; it is loaded on first use.
"""

from __future__ import annotations

from .backend import ISSUE_SEVERITY, LanguageToolBackend, LTMatch, check_document, severity_of
from .dedupe import Equivalence, load_map, remove_duplicates
from .errors import LanguageToolError
from .settings import LanguageToolSettings, default_cache_dir

__all__ = [
    "ISSUE_SEVERITY",
    "Equivalence",
    "LTMatch",
    "LanguageToolBackend",
    "LanguageToolError",
    "LanguageToolSettings",
    "check_document",
    "default_cache_dir",
    "load_map",
    "remove_duplicates",
    "severity_of",
]
