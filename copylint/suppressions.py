"""Inline suppressions: `<!-- copylint-disable ids -->` … `<!-- copylint-enable -->` and
`<!-- copylint-disable-next-line ids -->`, read from the source of any format."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .findings import Finding, selects

_DIRECTIVE = regex.compile(
    r"<!--[ \t]*copylint-(disable-next-line|disable|enable)\b([^>]*?)-->")
_ALONE = regex.compile(r"(?m)^[ \t]*<!--[ \t]*copylint-[a-z-]+\b[^>]*?-->[ \t]*$")


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line
    targets: tuple[str, ...]  # rule ids or packs; empty for all
    line: int
    column: int
    used: bool = False


@dataclass
class _Range:
    directive: Directive
    target: str | None  # None: every rule
    first: int
    last: int  # inclusive; a huge number when never re-enabled


def _covers(target: str | None, rule: str) -> bool:
    return target is None or selects(target, rule)


def blank_directive_lines(text: str) -> str:
    """Plain text: a line holding only a directive is not copy; blank it (offsets unchanged)."""
    if "copylint-" not in text:
        return text
    return _ALONE.sub(lambda match: regex.sub(r"[^\n]", " ", match.group()), text)


@dataclass
class Suppressions:
    """The directives of one file and the line ranges they silence."""

    directives: list[Directive] = field(default_factory=list)
    ranges: list[_Range] = field(default_factory=list)

    @classmethod
    def parse(cls, source: str) -> Suppressions:
        found = cls()
        if "copylint-" not in source:
            return found
        open_ranges: list[_Range] = []
        end = source.count("\n") + 2
        for match in _DIRECTIVE.finditer(source):
            line = source.count("\n", 0, match.start()) + 1
            column = match.start() - (source.rfind("\n", 0, match.start()) + 1) + 1
            targets = tuple(t for t in regex.split(r"[\s,]+", match.group(2).strip()) if t)
            directive = Directive(match.group(1), targets, line, column)
            found.directives.append(directive)
            if directive.kind == "disable-next-line":
                for target in targets or (None,):
                    found.ranges.append(_Range(directive, target, line + 1, line + 1))
            elif directive.kind == "disable":
                for target in targets or (None,):
                    span = _Range(directive, target, line, end)
                    open_ranges.append(span)
                    found.ranges.append(span)
            else:  # enable: closes matching open ranges (all of them when it names nothing)
                for span in list(open_ranges):
                    if not targets or span.target in targets or (span.target is None and not targets):
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
