"""Text that output can always carry: no lone surrogates, no line breaks inside a text line.

Python keeps what UTF-8 cannot encode as surrogate code points: the bytes of a file name that
is not UTF-8 (U+DC80..U+DCFF, `surrogateescape`), and lone `\\ud800` escapes of a JSON story.
Written as they are, they stop the run with UnicodeEncodeError. The rules, used by every
reporter and the baseline:

- in messages and suggestions, a lone surrogate becomes U+FFFD (�);
- in file names, a byte that is not UTF-8 becomes `\\xNN`, and in text-line formats a control
  character (a newline) becomes `\\n`, `\\r`, `\\t` or `\\xNN`, so one finding stays one line;
- in SARIF URIs, a file name is percent-encoded from its bytes;
- in the baseline file, surrogates are kept as JSON `\\uDXXX` escapes, so entries round-trip.

`shown` renders a value from a rule or configuration file for an error message, short and
without the repr of a collection.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
#: characters that can end a line for some reader (str.splitlines), and other C0 controls
_LINE_BREAKING = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
#: characters XML 1.0 cannot hold, even as references
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
REPLACEMENT = "\ufffd"


def _control(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def _path_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else REPLACEMENT


def clean_text(text: str) -> str:
    """Message or suggestion text with every lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, text) if _SURROGATE.search(text) else text


def clean_path(path: str) -> str:
    """A file name whose non-UTF-8 bytes are written `\\xNN` (other surrogates: U+FFFD)."""
    return _SURROGATE.sub(_path_surrogate, path) if _SURROGATE.search(path) else path


def line_text(text: str) -> str:
    """Message text for a one-finding-a-line format: surrogates replaced, line breaks and
    other control characters (but tabs) written as escapes."""
    text = clean_text(text)
    return _LINE_BREAKING.sub(_control, text) if _LINE_BREAKING.search(text) else text


def line_path(path: str) -> str:
    """A file name for a one-finding-a-line format (see `clean_path` and `line_text`)."""
    path = clean_path(path)
    return _LINE_BREAKING.sub(_control, path) if _LINE_BREAKING.search(path) else path


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: characters it forbids (controls, surrogates) become U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text) if _NOT_XML.search(text) else text


def clean_data(value: Any) -> Any:
    """A JSON-ready value with every string made encodable (file-name rule: `\\xNN`)."""
    if isinstance(value, str):
        return clean_path(value)
    if isinstance(value, dict):
        return {clean_data(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_data(item) for item in value]
    return value


def path_bytes(path: str) -> bytes:
    """The bytes of a file name as the file system has them."""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate no file system produced
        return path.encode("utf-8", "replace")


def uri_path(path: str) -> str:
    """A relative file name as a URI reference: its bytes percent-encoded, `/` kept."""
    return urllib.parse.quote(path_bytes(path), safe="/@!$&'()*+,;=")


def json_with_escapes(value: Any, **options: Any) -> str:
    """JSON text (non-ASCII kept as is) in which surrogates are `\\uDXXX` escapes, which read
    back as the same strings."""
    import json  # not needed for text output

    text = json.dumps(value, ensure_ascii=False, **options)
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def shown(value: Any) -> str:
    """A value for an error message: short text as written, else what it is (never a repr of
    a collection, which an alias could have made huge)."""
    if isinstance(value, str):
        text = value.replace("\n", "\\n")
        return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) \
        else type(value).__name__
