"""copylint: a linter for news wire copy."""

from __future__ import annotations

from .api import fix_text, lint_text
from .document import Document
from .findings import Finding, Severity

__version__ = "0.1.0"
__all__ = ["Document", "Finding", "Severity", "__version__", "fix_text", "lint_text"]
