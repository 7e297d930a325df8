"""Reading one rule pack: validating its YAML with file:line errors and building its rules.

Every mistake found is collected, so one run reports them all (RuleErrors), not one per run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import regex
import yaml

from .checks import KINDS, Check, ParamError
from .document import ROLES
from .errors import RuleError, RuleErrors
from .escapes import shown
from .findings import SEVERITY_NAMES, Severity
from .listfiles import FILE_SUFFIX, LIST_KINDS, merge, read_bounded, read_list_file, resolve
from .rulebook import Example, FixSpec, Pack, Rule, parse_example
from .yamlsource import LineDict, LineList, error_line, error_text, load_yaml

PACK_KEYS = {"pack", "description", "house", "rules"}
RULE_KEYS = {"id", "kind", "severity", "message", "suggest", "link", "description", "examples",
             "scope", "supersedes", "fix"}
FIX_SAFETY = ("safe", "unsafe")
FIX_DELETE = ("match", "line")
EXTENTS = ("line", "sentence", "paragraph", "document")
EXAMPLE_KEYS = {"flag", "clean", "fixed"}
#: kinds whose matches carry suggestions without a `suggest` template
SUGGESTING_KINDS = frozenset({"names", "name-case", "capitalization", "swap", "consistency"})
_PACK_NAME = regex.compile(r"[a-z][a-z0-9_-]*\Z")
_RULE_NAME = regex.compile(r"[a-z0-9][a-z0-9_.-]*\Z")
MAX_PACK_BYTES = 16 * 1024 * 1024
"""The largest pack file read (16 MB)."""


def _close(word: str, choices: set[str]) -> str:
    import difflib  # only error messages need it

    near = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""


class PackReader:
    """Validates one pack file and builds its rules, collecting every mistake it finds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        self.errors: list[RuleError] = []
        #: the list files the pack's rules read (what a cached copy of the pack depends on)
        self.files: list[str] = []

    def fail(self, line: int | None, rule_id: str | None, problem: str) -> RuleError:
        return RuleError(self.name, line, rule_id, problem)

    def report(self, line: int | None, rule_id: str | None, problem: str) -> None:
        self.errors.append(self.fail(line, rule_id, problem))

    def read(self) -> Pack:
        """The pack, or RuleErrors listing every mistake in it."""
        try:
            text = read_bounded(self.path, MAX_PACK_BYTES).decode("utf-8")
        except UnicodeDecodeError as error:
            raise self.fail(None, None, f"not valid UTF-8 at byte {error.start}") from None
        except OSError as error:
            raise self.fail(None, None, f"cannot read: {error.strerror}") from None
        except ValueError as error:
            raise self.fail(None, None, f"cannot read: {error}") from None
        try:
            data = load_yaml(text)
        except yaml.YAMLError as error:
            raise self.fail(error_line(error), None, f"invalid YAML: {error_text(error)}") from None
        if not isinstance(data, LineDict):
            raise self.fail(1, None, "a pack must be a mapping with 'pack' and 'rules'")
        pack = self.pack(data)
        if self.errors:
            raise RuleErrors(self.errors)
        assert pack is not None
        return pack

    def pack(self, data: LineDict) -> Pack | None:
        for key in data:
            if key not in PACK_KEYS:
                self.report(data.line_of(key), None, f"unknown pack key '{key}'{_close(key, PACK_KEYS)}")
        name = data.get("pack")
        if not isinstance(name, str) or not _PACK_NAME.match(name):
            self.report(data.line_of("pack"), None,
                        "'pack' must be a lower-case name (letters, digits, - and _)")
            name = "pack"
        house = data.get("house")
        if house is not None and (not isinstance(house, str) or not _PACK_NAME.match(house)):
            self.report(data.line_of("house"), None, "'house' must be a lower-case name")
        description = data.get("description", "")
        if not isinstance(description, str):
            self.report(data.line_of("description"), None, "'description' must be a string")
        items = data.get("rules")
        if not isinstance(items, LineList):
            self.report(data.line_of("rules"), None, "'rules' must be a list of rules")
            return None
        rules = [self.rule(item, line, name) for item, line in zip(items, items.item_lines, strict=True)]
        seen: dict[str, int] = {}
        for rule in rules:
            if rule is None:
                continue
            if rule.id in seen:
                self.report(rule.line, rule.id, f"duplicate rule id (first at line {seen[rule.id]})")
            seen.setdefault(rule.id, rule.line)
        if self.errors:
            return None
        return Pack(name, str(description).strip(), house, self.name,
                    [rule for rule in rules if rule is not None], tuple(self.files))

    def rule(self, item: Any, line: int, pack: str) -> Rule | None:
        """One rule, or None after reporting what is wrong with it."""
        if not isinstance(item, LineDict):
            self.report(line, None, "each rule must be a mapping")
            return None
        before = len(self.errors)
        local = item.get("id")
        if not isinstance(local, str) or not _RULE_NAME.match(local):
            self.report(item.line_of("id"), None,
                        "a rule needs an 'id' of lower-case letters, digits, '.', '-', '_'")
            rule_id = None
        else:
            rule_id = local if local.startswith(pack + ".") else f"{pack}.{local}"
        kind = item.get("kind")
        check_class = KINDS.get(kind) if isinstance(kind, str) else None
        if check_class is None:
            hint = _close(kind, set(KINDS)) if isinstance(kind, str) else ""
            self.report(item.line_of("kind"), rule_id,
                        f"unknown kind {shown(kind)}{hint}; kinds: {', '.join(sorted(KINDS))}")
        params = check_class.params if check_class is not None else {}
        file_keys = {name + FILE_SUFFIX for name, param in params.items() if param.kind in LIST_KINDS}
        allowed = RULE_KEYS | set(params) | file_keys
        if check_class is not None:
            for key in item:
                if key not in allowed:
                    self.report(item.line_of(key), rule_id,
                                f"unknown key '{key}' for kind '{kind}'{_close(key, allowed)}")
        severity = item.get("severity")
        if severity not in SEVERITY_NAMES:
            self.report(item.line_of("severity"), rule_id,
                        f"'severity' must be one of {', '.join(SEVERITY_NAMES)}")
        message = item.get("message")
        if not isinstance(message, str) or not message.strip():
            self.report(item.line_of("message"), rule_id, "'message' must be a non-empty string")
        for key in ("suggest", "link", "description"):
            if key in item and not isinstance(item[key], str):
                self.report(item.line_of(key), rule_id, f"'{key}' must be a string")
        if not str(item.get("description") or "").strip():
            self.report(item.line_of("description") if "description" in item else item.line, rule_id,
                        "a rule needs a 'description': what it flags, why, an example and what "
                        "to write instead")
        try:
            roles, skip_roles, extent = self.scope(item, rule_id, kind)
        except RuleError as error:
            self.errors.append(error)
            roles, skip_roles, extent = None, frozenset(), None
        flag, clean, fixed = self.examples(item, rule_id)
        fix = self.fixes(item, rule_id, kind, flag, fixed)
        supersedes = self.supersedes(item, rule_id)
        if check_class is None or len(self.errors) > before:
            return None
        options = self.options(item, rule_id, check_class)
        if options is None:
            return None
        if extent is not None:
            options["scope"] = extent
        try:
            check = check_class(rule_id, options, message, item.get("suggest"))
        except ParamError as error:
            where = item.line_of(error.key)
            value = item.get(error.key)
            if error.index is not None and isinstance(value, LineList):
                where = value.item_lines[error.index]
            self.report(where, rule_id, str(error))
            return None
        assert rule_id is not None
        return Rule(rule_id, pack, kind, Severity.parse(severity), check,
                    item["description"].strip(), item.get("link"), self.name,
                    item.line, flag, clean, roles, skip_roles, supersedes, fix, fixed)

    def supersedes(self, item: LineDict, rule_id: str | None) -> tuple[str, ...]:
        """`supersedes`: rule ids or packs whose overlapping findings this rule's replace. A list
        given inside the list (a YAML alias of another rule's list: `[*not-copy, scrape.rail]`)
        is taken in place."""
        value = item.get("supersedes", [])
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            value = [entry for part in value
                     for entry in (part if isinstance(part, list) else [part])]
        if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
            self.report(item.line_of("supersedes"), rule_id,
                        "'supersedes' must be a list of rule ids or packs")
            return ()
        return tuple(value)

    def fixes(self, item: LineDict, rule_id: str | None, kind: Any, flag: list[Example],
              fixed: list[Example]) -> FixSpec | None:
        """The rule's `fix`, checked against its `suggest` and its `fixed` examples."""
        try:
            fix = self.fix_spec(item, rule_id)
        except RuleError as error:
            self.errors.append(error)
            return None
        if fix is not None and fix.delete is None and "suggest" not in item \
                and kind not in SUGGESTING_KINDS:
            self.report(item.line_of("fix"), rule_id,
                        "'fix' needs a 'suggest' template (or 'delete: match|line')")
        if fixed and fix is None:
            self.report(item.line_of("examples"), rule_id,
                        "'fixed' examples need a 'fix' for the rule")
        if fix is not None and len(fixed) != len(flag):
            self.report(item.line_of("examples"), rule_id,
                        f"a fixable rule needs one 'fixed' example for each 'flag' example "
                        f"({len(flag)} flag, {len(fixed)} fixed)")
        return fix

    def fix_spec(self, item: LineDict, rule_id: str | None) -> FixSpec | None:
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

    def options(self, item: LineDict, rule_id: str | None, check_class: type[Check],
                ) -> dict[str, Any] | None:
        """The kind's parameters, with list files read in; None after reporting a bad file."""
        options = {key: value for key, value in item.items()
                   if key in check_class.params and key != "scope"}
        base = self.path.parent
        ok = True
        for name, param in check_class.params.items():
            key = name + FILE_SUFFIX
            try:
                if param.kind in LIST_KINDS and key in item:
                    if not isinstance(item[key], str):
                        raise self.fail(item.line_of(key), rule_id, f"'{key}' must be a file path")
                    loaded = read_list_file(self.listed(resolve(base, item[key])), param.kind,
                                            rule_id)
                    options[name] = merge(options.get(name), loaded)
                elif param.kind == "named-lists" and isinstance(item.get(name), dict):
                    options[name] = {
                        list_name: read_list_file(self.listed(resolve(base, value)), "str-list",
                                                  rule_id)
                        if isinstance(value, str) else value
                        for list_name, value in item[name].items()}
            except RuleError as error:
                self.errors.append(error)
                ok = False
        return options if ok else None

    def listed(self, path: Path) -> Path:
        """Note a list file the pack reads."""
        self.files.append(str(path))
        return path

    def scope(self, item: LineDict, rule_id: str | None, kind: Any,
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

    def examples(self, item: LineDict, rule_id: str | None,
                 ) -> tuple[list[Example], list[Example], list[Example]]:
        """The flag, clean and fixed examples; each mistake in them is reported."""
        block = item.get("examples")
        if not isinstance(block, LineDict):
            self.report(item.line_of("examples") if "examples" in item else item.line, rule_id,
                        "a rule needs 'examples' with 'flag' and 'clean' lists")
            return [], [], []
        for key in block:
            if key not in EXAMPLE_KEYS:
                self.report(block.line_of(key), rule_id,
                            f"unknown examples key '{key}'; use 'flag', 'clean' and 'fixed'")
        result: dict[str, list[Example]] = {"flag": [], "clean": [], "fixed": []}
        fixed = block.get("fixed", [])
        if not isinstance(fixed, list) or not all(isinstance(text, str) for text in fixed):
            self.report(block.line_of("fixed"), rule_id, "'fixed' must be a list of strings")
        else:
            lines = fixed.item_lines if isinstance(fixed, LineList) else [block.line] * len(fixed)
            result["fixed"] = [Example(text, (), line) for text, line in zip(fixed, lines, strict=True)]
        for key in ("flag", "clean"):
            texts = block.get(key)
            if not isinstance(texts, LineList) or not texts or \
                    not all(isinstance(text, str) for text in texts):
                self.report(block.line_of(key), rule_id,
                            f"examples need a non-empty '{key}' list of strings")
                continue
            pairs = zip(texts, texts.item_lines, strict=True)
            result[key] = [parse_example(text, line) for text, line in pairs]
        for example in result["flag"]:
            if not example.spans:
                self.report(example.line, rule_id,
                            "a 'flag' example must mark what is flagged with [[...]]")
        for example in result["clean"]:
            if example.spans:
                self.report(example.line, rule_id, "a 'clean' example has no [[...]] marks")
        return result["flag"], result["clean"], result["fixed"]
