"""Rule packs: load YAML, validate it with file:line errors, compile each rule once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .checks import KINDS, Check, ParamError
from .document import ROLES
from .errors import RuleError, UsageError
from .findings import SEVERITY_NAMES, Severity
from .yamlsource import LineDict, LineList, YamlError, load_yaml

PACK_KEYS = {"pack", "description", "house", "rules"}
RULE_KEYS = {"id", "kind", "severity", "message", "suggest", "link", "description", "examples",
             "scope", "supersedes", "fix"}
FIX_SAFETY = ("safe", "unsafe")
FIX_DELETE = ("match", "line")
EXTENTS = ("line", "sentence", "paragraph", "document")
EXAMPLE_KEYS = {"flag", "clean", "fixed"}
#: kinds whose matches carry suggestions without a `suggest` template
SUGGESTING_KINDS = frozenset({"names", "name-case", "capitalization", "swap", "consistency"})
# compiled on first use (through `regex`'s cache): a run whose packs come from the cache needs none
_PACK_NAME = r"[a-z][a-z0-9_-]*\Z"
_RULE_NAME = r"[a-z0-9][a-z0-9_.-]*\Z"
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


@dataclass
class Rulebook:
    packs: list[Pack]

    @property
    def rules(self) -> list[Rule]:
        return [rule for pack in self.packs for rule in pack.rules]

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


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


def _close(word: str, choices: set[str]) -> str:
    import difflib  # only error messages need it

    near = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""


class _PackReader:
    """Validates one pack file and builds its rules."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)

    def fail(self, line: int | None, rule_id: str | None, problem: str) -> RuleError:
        return RuleError(self.name, line, rule_id, problem)

    def read(self) -> Pack:
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise self.fail(None, None, f"not valid UTF-8 at byte {error.start}") from None
        except OSError as error:
            raise self.fail(None, None, f"cannot read: {error.strerror}") from None
        try:
            data = load_yaml(text)
        except YamlError as error:
            raise self.fail(error.line, None, f"invalid YAML: {error.problem}") from None
        if not isinstance(data, LineDict):
            raise self.fail(1, None, "a pack must be a mapping with 'pack' and 'rules'")
        for key in data:
            if key not in PACK_KEYS:
                raise self.fail(data.line_of(key), None,
                                f"unknown pack key '{key}'{_close(key, PACK_KEYS)}")
        name = data.get("pack")
        if not isinstance(name, str) or not regex.match(_PACK_NAME, name):
            raise self.fail(data.line_of("pack"), None,
                            "'pack' must be a lower-case name (letters, digits, - and _)")
        house = data.get("house")
        if house is not None and (not isinstance(house, str) or not regex.match(_PACK_NAME, house)):
            raise self.fail(data.line_of("house"), None, "'house' must be a lower-case name")
        description = data.get("description", "")
        if not isinstance(description, str):
            raise self.fail(data.line_of("description"), None, "'description' must be a string")
        items = data.get("rules")
        if not isinstance(items, LineList):
            raise self.fail(data.line_of("rules"), None, "'rules' must be a list of rules")
        rules = [self.rule(item, line, name) for item, line in zip(items, items.item_lines, strict=True)]
        seen: dict[str, int] = {}
        for rule in rules:
            if rule.id in seen:
                raise self.fail(rule.line, rule.id, f"duplicate rule id (first at line {seen[rule.id]})")
            seen[rule.id] = rule.line
        return Pack(name, description.strip(), house, self.name, rules)

    def rule(self, item: Any, line: int, pack: str) -> Rule:
        if not isinstance(item, LineDict):
            raise self.fail(line, None, "each rule must be a mapping")
        local = item.get("id")
        if not isinstance(local, str) or not regex.match(_RULE_NAME, local):
            raise self.fail(item.line_of("id"), None,
                            "a rule needs an 'id' of lower-case letters, digits, '.', '-', '_'")
        rule_id = local if local.startswith(pack + ".") else f"{pack}.{local}"
        kind = item.get("kind")
        if kind not in KINDS:
            hint = _close(str(kind), set(KINDS)) if isinstance(kind, str) else ""
            raise self.fail(item.line_of("kind"), rule_id,
                            f"unknown kind {kind!r}{hint}; kinds: {', '.join(sorted(KINDS))}")
        check_class = KINDS[kind]
        allowed = RULE_KEYS | set(check_class.params)
        for key in item:
            if key not in allowed:
                raise self.fail(item.line_of(key), rule_id,
                                f"unknown key '{key}' for kind '{kind}'{_close(key, allowed)}")
        severity = item.get("severity")
        if severity not in SEVERITY_NAMES:
            raise self.fail(item.line_of("severity"), rule_id,
                            f"'severity' must be one of {', '.join(SEVERITY_NAMES)}")
        message = item.get("message")
        if not isinstance(message, str) or not message.strip():
            raise self.fail(item.line_of("message"), rule_id, "'message' must be a non-empty string")
        for key in ("suggest", "link", "description"):
            if key in item and not isinstance(item[key], str):
                raise self.fail(item.line_of(key), rule_id, f"'{key}' must be a string")
        options = {key: value for key, value in item.items()
                   if key in check_class.params and key != "scope"}
        roles, skip_roles, extent = self.scope(item, rule_id, kind)
        if extent is not None:
            options["scope"] = extent
        try:
            check = check_class(rule_id, options, message, item.get("suggest"))
        except ParamError as error:
            where = item.line_of(error.key)
            value = item.get(error.key)
            if error.index is not None and isinstance(value, LineList):
                where = value.item_lines[error.index]
            raise self.fail(where, rule_id, str(error)) from None
        flag, clean, fixed = self.examples(item, rule_id)
        fix = self.fix_spec(item, rule_id)
        if fix is not None and fix.delete is None and "suggest" not in item \
                and kind not in SUGGESTING_KINDS:
            raise self.fail(item.line_of("fix"), rule_id,
                            "'fix' needs a 'suggest' template (or 'delete: match|line')")
        if fixed and fix is None:
            raise self.fail(item.line_of("examples"), rule_id,
                            "'fixed' examples need a 'fix' for the rule")
        if fix is not None and len(fixed) != len(flag):
            raise self.fail(item.line_of("examples"), rule_id,
                            f"a fixable rule needs one 'fixed' example for each 'flag' example "
                            f"({len(flag)} flag, {len(fixed)} fixed)")
        supersedes = item.get("supersedes", [])
        if isinstance(supersedes, str):
            supersedes = [supersedes]
        if not isinstance(supersedes, list) or not all(isinstance(s, str) for s in supersedes):
            raise self.fail(item.line_of("supersedes"), rule_id,
                            "'supersedes' must be a list of rule ids or packs")
        return Rule(rule_id, pack, kind, Severity.parse(severity), check,
                    item.get("description", "").strip(), item.get("link"), self.name,
                    item.line, flag, clean, roles, skip_roles, tuple(supersedes), fix, fixed)

    def fix_spec(self, item: LineDict, rule_id: str) -> FixSpec | None:
        """`fix: safe|unsafe`, or `fix: {safety: safe|unsafe, delete: match|line}`."""
        if "fix" not in item:
            return None
        value = item["fix"]
        if isinstance(value, str):
            value = {"safety": value}
        if not isinstance(value, dict) or set(value) - {"safety", "delete"}:
            raise self.fail(item.line_of("fix"), rule_id,
                            "'fix' must be safe, unsafe, or {safety: ..., delete: match|line}")
        safety, delete = value.get("safety"), value.get("delete")
        if safety not in FIX_SAFETY:
            raise self.fail(item.line_of("fix"), rule_id,
                            f"'fix' safety must be one of {', '.join(FIX_SAFETY)}")
        if delete is not None and delete not in FIX_DELETE:
            raise self.fail(item.line_of("fix"), rule_id,
                            f"'fix' delete must be one of {', '.join(FIX_DELETE)}")
        return FixSpec(safety, delete)

    def scope(self, item: LineDict, rule_id: str, kind: str,
              ) -> tuple[frozenset[str] | None, frozenset[str], str | None]:
        """`scope`: block roles (headline, body, ...; `~role` or `!role` to skip one) and, for
        patterns, the extent one match may span (line, sentence, paragraph, document)."""
        if "scope" not in item:
            return None, frozenset(), None
        value = item["scope"]
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values or \
                not all(isinstance(v, str) for v in values):
            raise self.fail(item.line_of("scope"), rule_id, "'scope' must be a name or a list")
        roles: set[str] = set()
        skipped: set[str] = set()
        extent = None
        for entry in values:
            name = entry.lstrip("~!").strip()
            if name in EXTENTS and name == entry:
                if kind != "pattern":
                    raise self.fail(item.line_of("scope"), rule_id,
                                    f"scope '{name}' (a match's extent) is for pattern rules only")
                extent = name
            elif name in ROLES:
                (skipped if entry != name else roles).add(name)
            else:
                choices = (*EXTENTS, *ROLES)
                raise self.fail(item.line_of("scope"), rule_id,
                                f"unknown scope '{entry}'{_close(name, set(choices))}; use one of "
                                f"{', '.join(choices)} (~role to skip a role)")
        return (frozenset(roles) if roles else None), frozenset(skipped), extent

    def examples(self, item: LineDict, rule_id: str,
                 ) -> tuple[list[Example], list[Example], list[Example]]:
        block = item.get("examples")
        if not isinstance(block, LineDict):
            raise self.fail(item.line_of("examples") if "examples" in item else item.line, rule_id,
                            "a rule needs 'examples' with 'flag' and 'clean' lists")
        for key in block:
            if key not in EXAMPLE_KEYS:
                raise self.fail(block.line_of(key), rule_id,
                                f"unknown examples key '{key}'; use 'flag', 'clean' and 'fixed'")
        result: dict[str, list[Example]] = {}
        fixed = block.get("fixed", [])
        if not isinstance(fixed, list) or not all(isinstance(text, str) for text in fixed):
            raise self.fail(block.line_of("fixed"), rule_id, "'fixed' must be a list of strings")
        fixed_lines = fixed.item_lines if isinstance(fixed, LineList) else [block.line] * len(fixed)
        result["fixed"] = [Example(text, (), line) for text, line in zip(fixed, fixed_lines,
                                                                          strict=True)]
        for key in ("flag", "clean"):
            texts = block.get(key)
            if not isinstance(texts, LineList) or not texts or \
                    not all(isinstance(text, str) for text in texts):
                raise self.fail(block.line_of(key), rule_id,
                                f"examples need a non-empty '{key}' list of strings")
            pairs = zip(texts, texts.item_lines, strict=True)
            result[key] = [parse_example(text, line) for text, line in pairs]
        for example in result["flag"]:
            if not example.spans:
                raise self.fail(example.line, rule_id,
                                "a 'flag' example must mark what is flagged with [[...]]")
        for example in result["clean"]:
            if example.spans:
                raise self.fail(example.line, rule_id, "a 'clean' example has no [[...]] marks")
        return result["flag"], result["clean"], result["fixed"]


def rule_files(directory: Path) -> list[Path]:
    """The YAML files of a rule directory, recursively, in a stable order."""
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        raise RuleError(str(directory), None, None, "no such rule directory")
    files = sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [p for p in files if not any(part.startswith(".") for part in p.relative_to(directory).parts)]


def load_pack(path: Path) -> Pack:
    return _PackReader(path).read()


def load_packs(paths: list[Path]) -> list[Pack]:
    """The packs of these files, compiled: from the cache (`copylint.cache`) while no file has
    changed, else read, validated and compiled (and cached for the next run)."""
    from .cache import cached

    parts: list[bytes] = []
    for path in paths:
        try:
            parts += [str(path).encode("utf-8", "surrogatepass"), path.read_bytes()]
        except OSError:
            return [load_pack(path) for path in paths]   # the reader says what is wrong
    return cached("rules", parts, lambda: [load_pack(path) for path in paths])


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
    return Rulebook(chosen)
