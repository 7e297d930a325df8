"""The one exception the LanguageTool backend raises: a single line that says what to do."""

from __future__ import annotations

from ..errors import CopylintError


class LanguageToolError(CopylintError):
    """LanguageTool could not be used; the message is one line: what failed and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
