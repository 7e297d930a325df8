"""`--changed-since REV`: the lines of each file changed since a git revision."""

from __future__ import annotations

import subprocess
from pathlib import Path

import regex

from .errors import CopylintError

_HUNK = regex.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", regex.MULTILINE)
_FILE = regex.compile(r"^\+\+\+ (?:b/(.*)|/dev/null)$", regex.MULTILINE)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise CopylintError(f"--changed-since needs git: {error.strerror}") from None
    if done.returncode != 0:
        raise CopylintError(f"git {' '.join(args)}: {done.stderr.strip().splitlines()[-1:] or ''}")
    return done.stdout


class ChangedLines:
    """Which lines of which files changed since `revision` (untracked files: every line)."""

    def __init__(self, revision: str, cwd: Path | None = None) -> None:
        cwd = cwd or Path.cwd()
        self.root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
        _git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], cwd)
        diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", revision, "--"], self.root)
        self.lines: dict[Path, set[int]] = {}
        sections = _FILE.split(diff)
        # split gives [before, name1, body1, name2, body2, ...]
        for name, body in zip(sections[1::2], sections[2::2], strict=True):
            if not name:
                continue
            changed = self.lines.setdefault((self.root / name).resolve(), set())
            for hunk in _HUNK.finditer(body):
                start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
                changed.update(range(start, start + count))
        untracked = _git(["ls-files", "--others", "--exclude-standard"], self.root)
        self.untracked = {(self.root / name).resolve() for name in untracked.splitlines()}

    def changed(self, path: Path, line: int, end_line: int) -> bool:
        resolved = path.resolve()
        if resolved in self.untracked:
            return True
        lines = self.lines.get(resolved)
        return bool(lines) and any(n in lines for n in range(line, end_line + 1))
