"""Large word lists stored one line per first three letters, so that loading one is a single read
and split (about a millisecond a megabyte) and a look-up scans one short line."""

from __future__ import annotations

from pathlib import Path


class GroupedWords:
    """A set of lower-case ASCII words read from a grouped file.

    The file holds `# key: value` header lines (returned by `header`) and lines of words sharing
    their first three letters, separated by single spaces. Words shorter than three letters are
    not stored.
    """

    def __init__(self, path: Path) -> None:
        lines = path.read_bytes().decode("ascii").split("\n")
        self.header: dict[str, str] = {}
        for line in lines:
            if not line.startswith("#"):
                break
            key, colon, value = line[1:].partition(":")
            if colon and " " not in key.strip():
                self.header[key.strip()] = value.strip()
        # each line of words starts and ends with a space: " abc abcs abd "
        self._groups = {line[1:4]: line for line in lines if line[:1] == " "}

    def __contains__(self, word: str) -> bool:
        group = self._groups.get(word[:3])
        return group is not None and f" {word} " in group

    def __iter__(self):
        for group in self._groups.values():
            yield from group.split()


def write_grouped(path: Path, words: set[str], header: list[str]) -> None:
    """Write `words` (lower-case ASCII, three letters or more) grouped by their first three
    letters, after `header` lines (each written as a `#` comment)."""
    groups: dict[str, set[str]] = {}
    for word in words:
        if len(word) >= 3:
            groups.setdefault(word[:3], set()).add(word)
    lines = [f"# {line}\n" for line in header]
    lines += [" " + " ".join(sorted(groups[key])) + " \n" for key in sorted(groups)]
    path.write_text("".join(lines), encoding="ascii")
