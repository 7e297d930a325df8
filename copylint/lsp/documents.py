"""The documents open in the editor: their text, version and language, kept in step with the
client's incremental edits (positions in the negotiated encoding, lines as LSP counts them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from .positions import LineIndex

#: LSP languageId -> copylint input format, for documents whose name tells nothing
LANGUAGE_FORMATS = {
    "plaintext": "text", "text": "text", "markdown": "markdown", "html": "html",
    "xhtml": "html", "xml": "xml", "json": "ninjs", "nitf": "nitf", "newsml": "newsml",
    "ninjs": "ninjs",
}


def uri_path(uri: str) -> Path | None:
    """The file system path of a `file:` URI (None for untitled buffers and other schemes)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if parsed.netloc and parsed.netloc != "localhost":
        path = f"//{parsed.netloc}{path}"
    if len(path) >= 3 and path[0] == "/" and path[2] == ":":  # file:///C:/... on Windows
        path = path[1:]
    return Path(path)


def uri_name(uri: str) -> str:
    """A name for messages and format detection: the path, or the last part of the URI."""
    path = uri_path(uri)
    if path is not None:
        return str(path)
    return PurePosixPath(unquote(urlparse(uri).path)).name or uri


@dataclass
class OpenDocument:
    """One open document. `text` is exactly the client's; `index` is rebuilt after each edit."""

    uri: str
    text: str
    version: int
    language: str = ""
    _index: LineIndex | None = field(default=None, repr=False)

    @property
    def path(self) -> Path | None:
        return uri_path(self.uri)

    @property
    def name(self) -> str:
        return uri_name(self.uri)

    @property
    def index(self) -> LineIndex:
        if self._index is None or self._index.text is not self.text:
            self._index = LineIndex(self.text)
        return self._index

    def replace(self, start: tuple[int, int] | None, end: tuple[int, int] | None, new: str,
                encoding: str) -> None:
        """Apply one content change: a range edit, or the whole text when `start` is None."""
        if start is None or end is None:
            self.text = new
            return
        index = self.index
        begin = index.offset(*start, encoding)
        finish = max(begin, index.offset(*end, encoding))
        self.text = self.text[:begin] + new + self.text[finish:]


class DocumentStore:
    """The open documents by URI."""

    def __init__(self) -> None:
        self._documents: dict[str, OpenDocument] = {}

    def open(self, uri: str, text: str, version: int, language: str) -> OpenDocument:
        document = OpenDocument(uri, text, version, language)
        self._documents[uri] = document
        return document

    def get(self, uri: str) -> OpenDocument | None:
        return self._documents.get(uri)

    def close(self, uri: str) -> None:
        self._documents.pop(uri, None)

    def all(self) -> list[OpenDocument]:
        return list(self._documents.values())
