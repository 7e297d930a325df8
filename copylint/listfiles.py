"""Word lists a rule loads from a data file instead of carrying them inline.

Every list parameter of a rule kind (`terms`, `abbreviations`, `swap`, `groups`, ...) can be
given as a file too: `NAME_file: path` beside or instead of `NAME:`, the path relative to the
pack file. A pattern rule's `lists:` maps names to files (or inline lists) for the regex
module's named lists, `\\L<name>` in the pattern.

File formats, UTF-8, one entry a line; blank lines and lines starting with `#` are skipped, so a
file opens with comments naming its source:

- a list (`str-list`): one entry a line;
- a mapping (`str-map`): `key<TAB>value`;
- a list of groups (`str-lists`): the members of one group on a line, separated by tabs.

An entry listed twice is an error (`file:line`), so lists stay free of duplicates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import RuleError

FILE_SUFFIX = "_file"
LIST_KINDS = ("str-list", "str-map", "str-lists")
MAX_LIST_BYTES = 16 * 1024 * 1024
"""The largest list file read (16 MB); a bigger one is refused, not read into memory."""


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; OSError or ValueError otherwise."""
    if not path.is_file():
        raise ValueError("not a regular file" if path.exists() else "no such file")
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"larger than {limit // (1024 * 1024)} MB")
    return data


def _entries(path: Path, rule_id: str | None) -> list[tuple[int, str]]:
    """(line number, text) of the file's entries, comments and blank lines left out."""
    try:
        text = read_bounded(path, MAX_LIST_BYTES).decode("utf-8")
    except UnicodeDecodeError as error:
        raise RuleError(str(path), None, rule_id, f"not valid UTF-8 at byte {error.start}") from None
    except OSError as error:
        raise RuleError(str(path), None, rule_id, f"cannot read the list: {error.strerror}") from None
    except ValueError as error:
        raise RuleError(str(path), None, rule_id, f"cannot read the list: {error}") from None
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            entries.append((number, stripped))
    return entries


def read_list_file(path: Path, kind: str, rule_id: str | None) -> Any:
    """A parameter value read from a list file: a list, a mapping or a list of groups."""
    entries = _entries(path, rule_id)
    seen: dict[str, int] = {}

    def once(entry: str, number: int) -> None:
        if entry in seen:
            raise RuleError(str(path), number, rule_id,
                            f"'{entry}' is listed twice (first at line {seen[entry]})")
        seen[entry] = number

    if kind == "str-list":
        for number, entry in entries:
            once(entry, number)
        return [entry for _, entry in entries]
    if kind == "str-map":
        mapping: dict[str, str] = {}
        for number, entry in entries:
            cells = [cell.strip() for cell in entry.split("\t") if cell.strip()]
            if len(cells) != 2:
                raise RuleError(str(path), number, rule_id,
                                "expected a key and a value separated by a tab")
            once(cells[0], number)
            mapping[cells[0]] = cells[1]
        return mapping
    groups = []
    for number, entry in entries:
        group = [cell.strip() for cell in entry.split("\t") if cell.strip()]
        for member in group:
            once(member, number)
        groups.append(group)
    return groups


def merge(inline: Any, loaded: Any) -> Any:
    """Inline values and a file's values together (inline first)."""
    if inline is None:
        return loaded
    if isinstance(inline, dict) and isinstance(loaded, dict):
        return {**loaded, **inline}
    if isinstance(inline, list) and isinstance(loaded, list):
        return [*inline, *loaded]
    return inline  # the inline value is of the wrong type: its own check reports it


def resolve(base: Path, value: str) -> Path:
    """A list file named in a pack, relative to the pack's directory."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path
