"""What one run shares with its checks: the user's vocabulary, and caches that live as long as the
run (or as long as one document is being checked).

The CLI makes one `RunContext` for a check run and `lint_text` one per call; the `Linter` passes
it to every check (`Check.matches`). Nothing a run learns is kept in a module, so two runs in one
process (a server, a language server, tests) never see each other's vocabulary or caches. Data
read from the package's files (the gazetteer, the dictionary) is loaded once per process by
its loader and never changed after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .vocabulary import Vocabulary

T = TypeVar("T")


class RunContext:
    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocabulary = vocabulary or Vocabulary()
        self._run: dict[str, Any] = {}
        self._document: object | None = None
        self._per_document: dict[str, Any] = {}

    def with_vocabulary(self, vocabulary: Vocabulary) -> RunContext:
        """A context with another vocabulary that shares this one's run caches (which hold only
        what the shipped data says, never anything from a vocabulary)."""
        other = RunContext(vocabulary)
        other._run = self._run
        return other

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """A value kept for the whole run, built on first use."""
        try:
            return self._run[key]
        except KeyError:
            value = self._run[key] = build()
            return value

    def for_document(self, doc: object, key: str, build: Callable[[], T]) -> T:
        """A value kept while `doc` is being checked (shared by every rule that asks for it)."""
        if self._document is not doc:
            self._document = doc
            self._per_document = {}
        try:
            return self._per_document[key]
        except KeyError:
            value = self._per_document[key] = build()
            return value

    def release(self) -> None:
        """Forget the per-document values (the Linter calls it after each document)."""
        self._document = None
        self._per_document = {}
