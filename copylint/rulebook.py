"""Rule packs: load YAML, validate it with file:line errors, compile each rule once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

from .checks import Check
from .errors import RuleError, RuleErrors, UsageError
from .findings import Severity

# compiled on first use (through `regex`'s cache): a run whose packs come from the cache needs none
_SENTENCE_END = r"[.!?](?=\s+\p{Lu}|\s*\Z)"
_MARKED = r"(?s)\[\[(.*?)\]\](?!\])"


@dataclass(frozen=True)
class FixSpec:
    """How a rule's findings are fixed: `safety` is "safe" (meaning unchanged: applied by --fix)
    or "unsafe" (needs a human: applied only with --unsafe-fixes); `delete` is None (apply the
    suggestion; an empty one deletes the match), "match" or "line" (delete the whole line)."""

    safety: str
    delete: str | None = None


@dataclass(frozen=True)
class Example:
    """Copy a rule must flag (with the spans it must report) or must leave alone."""

    text: str
    spans: tuple[tuple[int, int], ...]
    line: int


@dataclass
class Rule:
    id: str
    pack: str
    kind: str
    severity: Severity
    check: Check
    description: str
    link: str | None
    path: str
    line: int
    flag: list[Example] = field(default_factory=list)
    clean: list[Example] = field(default_factory=list)
    #: block roles the rule checks (None: all) and roles it skips
    roles: frozenset[str] | None = None
    skip_roles: frozenset[str] = frozenset()
    #: rule ids or packs whose findings this rule's finding replaces where they overlap (one
    #: defect, one finding: the more specific rule speaks)
    supersedes: tuple[str, ...] = ()
    #: how findings are fixed (None: not fixable), and what each flag example becomes fixed
    fix: FixSpec | None = None
    fixed: list[Example] = field(default_factory=list)

    def applies_to(self, role: str) -> bool:
        return role not in self.skip_roles and (self.roles is None or role in self.roles)

    @property
    def message(self) -> str:
        return self.check.message.text

    @property
    def message_outline(self) -> str:
        """The message with each field shown as “…”, for listings where no match fills it."""
        template = self.check.message
        return template.render({name: "…" for name in template.fields})

    @property
    def summary(self) -> str:
        """One line: the description's first sentence, or else the message."""
        text = " ".join(self.description.split())
        if not text:
            return self.message
        end = regex.search(_SENTENCE_END, text)
        return text[: end.start() + 1] if end else text


@dataclass
class Pack:
    name: str
    description: str
    house: str | None
    path: str
    rules: list[Rule]
    #: the list files its rules read (`NAME_file:`, `lists:`)
    files: tuple[str, ...] = ()


@dataclass
class Rulebook:
    """The packs a run uses (`packs`), and the house packs of other houses (`inactive`)."""

    packs: list[Pack]
    inactive: list[Pack] = field(default_factory=list)
    house: str = "ap"

    @property
    def rules(self) -> list[Rule]:
        return [rule for pack in self.packs for rule in pack.rules]

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def inactive_rule(self, rule_id: str) -> tuple[Rule, Pack] | None:
        """A rule of a house pack the chosen house leaves out, with its pack."""
        return next(((rule, pack) for pack in self.inactive for rule in pack.rules
                     if rule.id == rule_id), None)


def builtin_rules_dir() -> Path:
    """The shipped packs: inside the package when installed, beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(str(here / "rules"), None, None, "the built-in rule packs are missing")


def parse_example(text: str, line: int) -> Example:
    """Strip `[[...]]` markers from an example and record the spans they mark."""
    spans = []
    plain = []
    position = 0
    removed = 0
    for marked in regex.finditer(_MARKED, text):
        plain.append(text[position : marked.start()])
        start = marked.start() - removed
        inner = marked.group(1)
        plain.append(inner)
        spans.append((start, start + len(inner)))
        removed += 4
        position = marked.end()
    plain.append(text[position:])
    return Example("".join(plain), tuple(spans), line)


def rule_files(directory: Path) -> list[Path]:
    """The YAML files of a rule directory, recursively, in a stable order."""
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        raise RuleError(str(directory), None, None, "no such rule directory")
    files = sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [p for p in files if not any(part.startswith(".") for part in p.relative_to(directory).parts)]


def load_pack(path: Path) -> Pack:
    """One pack file; RuleErrors lists every mistake in it."""
    from .packreader import PackReader  # it builds this module's Rules

    return PackReader(path).read()


def load_packs(paths: list[Path]) -> list[Pack]:
    """Every pack in `paths`, compiled: from the cache (`copylint.cache`) while neither a pack
    file nor a list file one reads has changed; RuleErrors lists the mistakes of all of them."""
    from .cache import cached, depends

    parts: list[bytes] = []
    for path in paths:
        try:
            parts += [str(path).encode("utf-8", "surrogatepass"), path.read_bytes()]
        except OSError:
            return _read_packs(paths)   # the reader says what is wrong
    return cached("rules", parts, lambda: _read_packs(paths),
                  lambda packs: depends([file for pack in packs for file in pack.files]))


def _read_packs(paths: list[Path]) -> list[Pack]:
    packs = []
    errors: list[RuleError] = []
    for path in paths:
        try:
            packs.append(load_pack(path))
        except RuleErrors as error:
            errors.extend(error.errors)
        except RuleError as error:
            errors.append(error)
    if errors:
        raise RuleErrors(errors)
    return packs


def load_rulebook(rule_dirs: list[Path] | tuple[Path, ...] = (), house: str = "ap",
                  builtin: bool = True) -> Rulebook:
    """Load the built-in packs (for `house`) and the user's, checking ids are unique."""
    directories = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in rule_dirs]
    packs = load_packs([path for directory in directories for path in rule_files(directory)])
    houses = {pack.house for pack in packs if pack.house}
    if house != "none" and house not in houses:
        choices = ", ".join(sorted(houses | {"none"}))
        raise UsageError(f"unknown house style '{house}'; choose one of {choices}")
    chosen = [pack for pack in packs if pack.house in (None, house)]
    seen: dict[str, Rule] = {}
    for pack in chosen:
        for rule in pack.rules:
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError(rule.path, rule.line, rule.id,
                                f"duplicate rule id (also at {first.path}:{first.line})")
            seen[rule.id] = rule
    return Rulebook(chosen, [pack for pack in packs if pack not in chosen], house)
