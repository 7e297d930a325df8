"""`--changed-since REV`: the lines of each file changed since a git revision.

File names come from `git diff -z --name-only`, NUL-separated and never quoted, so names with
spaces, tabs, quotes or non-ASCII letters are exact; the patch is read only for its hunk headers,
section by section in the same order.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import regex

from .errors import CopylintError

_HUNK = regex.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", regex.MULTILINE)
_SECTION = regex.compile(r"^diff --git ", regex.MULTILINE)
#: the same diff for both calls: no renames (a moved file counts as new), no external tools
_DIFF = ["diff", "--no-renames", "--no-ext-diff", "--no-color", "--no-textconv"]


class GitError(CopylintError):
    """git failed or is missing; the message is one line."""


def _git(args: list[str], cwd: Path, what: str) -> str:
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd,
                              capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"--changed-since needs git: {error.strerror or error}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = lines[-1] if lines else f"git exited with status {done.returncode}"
        raise GitError(f"--changed-since: {what}: {detail}")
    return done.stdout.decode("utf-8", "surrogateescape")


class ChangedLines:
    """Which lines of which files changed since `revision` (untracked files: every line)."""

    def __init__(self, revision: str, cwd: Path | None = None) -> None:
        cwd = cwd or Path.cwd()
        self.root = Path(_git(["rev-parse", "--show-toplevel"], cwd,
                              "not inside a git work tree").strip())
        try:
            _git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], self.root, "")
        except GitError:
            raise GitError(f"--changed-since: '{revision}' is not a commit git knows (a branch, "
                           "tag or commit id; fetch it first in a shallow clone)") from None
        names = _git([*_DIFF, "-z", "--name-only", revision, "--"], self.root,
                     "git diff failed").split("\0")
        patch = _git([*_DIFF, "--unified=0", revision, "--"], self.root, "git diff failed")
        sections = _SECTION.split(patch)[1:]
        self.lines: dict[Path, set[int]] = {}
        for name, body in zip([n for n in names if n], sections, strict=False):
            changed = self.lines.setdefault((self.root / name).resolve(), set())
            for hunk in _HUNK.finditer(body):
                start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
                changed.update(range(start, start + count))
        untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], self.root,
                         "git ls-files failed")
        self.untracked = {(self.root / name).resolve() for name in untracked.split("\0") if name}

    def changed(self, path: Path, line: int, end_line: int) -> bool:
        resolved = path.resolve()
        if resolved in self.untracked:
            return True
        lines = self.lines.get(resolved)
        return bool(lines) and any(n in lines for n in range(line, end_line + 1))
