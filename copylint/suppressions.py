"""Inline suppressions, read from the source of any format:

    <!-- copylint-disable IDS -->  …  <!-- copylint-enable [IDS] -->
    <!-- copylint-disable-next-line IDS -->
    copy on this line <!-- copylint-disable-line IDS -->

IDS are rule ids or packs, separated by spaces or commas (none: every rule); text after ` -- ` is
a reason and is ignored. A `copylint-…` comment that is not one of these, or that names a rule or
pack that does not exist, silences nothing and is reported as `copylint.bad-directive`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from . import patterns
from .findings import Finding, selects

KINDS = ("disable-next-line", "disable-line", "disable", "enable")
BAD_DIRECTIVE = "copylint.bad-directive"
#: an HTML (or XML) comment that mentions copylint-
_COMMENT = patterns.compile(r"<!--((?:(?!-->).)*?copylint-(?:(?!-->).)*?)-->", regex.DOTALL)
_DIRECTIVE = patterns.compile(
    r"\s*copylint-(disable-next-line|disable-line|disable|enable)(?=\s|,|$)(.*?)\s*\Z",
    regex.DOTALL)
_WORD = patterns.compile(r"copylint-[\w-]*")
_REASON = patterns.compile(r"\s--(?:\s|\Z)")


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line, disable-line
    targets: tuple[str, ...]  # rule ids or packs; empty for all
    line: int
    column: int
    used: bool = False


@dataclass
class Problem:
    """A `copylint-…` comment that silences nothing because it is wrong."""

    line: int
    column: int
    message: str


@dataclass
class _Range:
    directive: Directive
    target: str | None  # None: every rule
    first: int
    last: int  # inclusive; a huge number when never re-enabled


def _covers(target: str | None, rule: str) -> bool:
    return target is None or selects(target, rule)


def blank_directives(text: str) -> str:
    """Plain text: a `copylint-` comment is not copy; blank it (offsets and line ends unchanged)."""
    if "copylint-" not in text:
        return text
    return _COMMENT.sub(lambda match: regex.sub(r"[^\n]", " ", match.group()), text)


def _position(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def _unknown_word(body: str) -> str:
    word = _WORD.search(body)
    written = word.group() if word else "copylint-"
    import difflib  # only for a misspelled directive

    near = difflib.get_close_matches(written, [f"copylint-{kind}" for kind in KINDS], n=1)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    return (f"'{written}' is not a copylint directive{hint} (use copylint-disable, "
            "copylint-enable, copylint-disable-next-line or copylint-disable-line); it silences "
            "nothing")


@dataclass
class Suppressions:
    """The directives of one file, the line ranges they silence, and the wrong ones."""

    directives: list[Directive] = field(default_factory=list)
    ranges: list[_Range] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def parse(cls, source: str, known: Callable[[str], bool] | None = None) -> Suppressions:
        """Read the directives of `source`; `known` tells whether a rule id or pack exists."""
        found = cls()
        if "copylint-" not in source:
            return found
        open_ranges: list[_Range] = []
        end = source.count("\n") + 2
        for comment in _COMMENT.finditer(source):
            line, column = _position(source, comment.start())
            parsed = _DIRECTIVE.match(comment.group(1))
            if parsed is None:
                found.problems.append(Problem(line, column, _unknown_word(comment.group(1))))
                continue
            listed = _REASON.split(parsed.group(2), maxsplit=1)[0]
            targets = tuple(t for t in regex.split(r"[\s,]+", listed.strip()) if t)
            unknown = [t for t in targets if known is not None and not known(t)]
            if unknown:
                found.problems.append(Problem(line, column, (
                    f"copylint-{parsed.group(1)} names {', '.join(map(repr, unknown))}, which is "
                    "no rule or pack (see 'copylint rules'); it silences nothing")))
                continue
            directive = Directive(parsed.group(1), targets, line, column)
            found.directives.append(directive)
            last_line = source.count("\n", 0, comment.end()) + 1
            if directive.kind == "disable-next-line":
                for target in targets or (None,):
                    found.ranges.append(_Range(directive, target, last_line + 1, last_line + 1))
            elif directive.kind == "disable-line":
                for target in targets or (None,):
                    found.ranges.append(_Range(directive, target, line, last_line))
            elif directive.kind == "disable":
                for target in targets or (None,):
                    span = _Range(directive, target, line, end)
                    open_ranges.append(span)
                    found.ranges.append(span)
            else:  # enable: closes matching open ranges (all of them when it names nothing)
                for span in list(open_ranges):
                    if not targets or span.target in targets:
                        span.last = line
                        open_ranges.remove(span)
        return found

    def filter(self, findings: list[Finding]) -> list[Finding]:
        """The findings no directive silences; directives that silenced something are marked used."""
        if not self.ranges:
            return findings
        kept = []
        for finding in findings:
            silenced = False
            for span in self.ranges:
                if span.first <= finding.line <= span.last and _covers(span.target, finding.rule):
                    span.directive.used = True
                    silenced = True
            if not silenced:
                kept.append(finding)
        return kept

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if d.kind != "enable" and not d.used]
