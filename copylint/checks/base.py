"""What every rule kind shares: parameter specs, validation, templates and timed regex runs."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from ..context import RunContext
from ..document import Document
from ..findings import Match
from ..template import Template, TemplateError

REGEX_TIMEOUT_SECONDS = 2.0


class ParamError(ValueError):
    """A rule parameter is wrong; `key` names it so the error can point at its line."""

    def __init__(self, key: str, problem: str, index: int | None = None) -> None:
        super().__init__(problem)
        self.key = key
        self.index = index


class RuleTimeout(RuntimeError):
    """A rule's regex ran past its time limit on one document."""

    def __init__(self, rule_id: str) -> None:
        super().__init__(rule_id)
        self.rule_id = rule_id
        self.seconds = REGEX_TIMEOUT_SECONDS


@dataclass(frozen=True)
class Param:
    """One parameter of a rule kind: its type, whether it is required and its default."""

    #: (names for the regex module's `\L<name>` lists, each a list of strings)
    #: (names for the regex module's \\L<name> lists, each a list of strings)
    kind: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    doc: str = ""


_TYPE_NAMES = ((bool, "true/false"), (int, "a number"), (float, "a number"), (str, "a string"),
               (list, "a list"), (dict, "a mapping"))


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)),
                type(value).__name__)


def as_written(text: str, limit: int = 120) -> str:
    """Text from a rule file for an error message: as written, one line, not too long."""
    text = text.replace("\n", "\\n")
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def _item_problem(bad: Any) -> str:
    if isinstance(bad, bool):
        return (f"{'true' if bad else 'false'} (YAML reads yes/no/on/off that way: quote the "
                "word)")
    if isinstance(bad, (int, float)):
        return f"a number ({bad}; quote it)"
    return _type_name(bad)


def _is_str_list(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(item, str) for item in items)


def _type_problem(param: Param, value: Any) -> tuple[str, int | None] | None:
    """What is wrong with a parameter's type (and the list index it is at), or None."""
    expected = {
        "str": (isinstance(value, str), "a string"),
        "bool": (isinstance(value, bool), "true or false"),
        "int": (isinstance(value, int) and not isinstance(value, bool), "a whole number"),
        "group": (
            (isinstance(value, int) and not isinstance(value, bool)) or isinstance(value, str),
            "a group number or name",
        ),
        "str-list": (_is_str_list(value), "a list of strings"),
        "str-map": (
            isinstance(value, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()),
            "a mapping of strings to strings",
        ),
        "str-lists": (
            isinstance(value, list) and all(_is_str_list(item) for item in value),
            "a list of lists of strings",
        ),
        "named-lists": (
            isinstance(value, dict) and all(_is_str_list(item) for item in value.values()),
            "a mapping of names to lists of strings (or list files)",
        ),
    }[param.kind]
    ok, description = expected
    if not ok and param.kind == "str-list" and isinstance(value, list):
        index, bad = next((i, item) for i, item in enumerate(value) if not isinstance(item, str))
        return f"must be {description}; item {index + 1} is {_item_problem(bad)}", index
    if not ok and param.kind == "str-map" and isinstance(value, dict):
        key, bad = next((k, v) for k, v in value.items() if not isinstance(v, str))
        return f"must be {description}; the value of '{key}' is {_item_problem(bad)}", None
    if not ok:
        return f"must be {description}, not {_type_name(value)}", None
    if param.choices and value not in param.choices:
        return f"must be one of {', '.join(param.choices)}, not {as_written(str(value))}", None
    return None


class Check:
    """A compiled rule of one kind. Subclasses set `kind` and `params` and implement `find`."""

    kind: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    params: ClassVar[Mapping[str, Param]] = {}
    #: template fields every match of this kind can fill
    fields: ClassVar[frozenset[str]] = frozenset({"match"})

    def __init__(self, rule_id: str, options: Mapping[str, Any], message: str,
                 suggest: str | None) -> None:
        self.rule_id = rule_id
        values: dict[str, Any] = {}
        for name, param in self.params.items():
            if name in options:
                problem = _type_problem(param, options[name])
                if problem:
                    raise ParamError(name, f"'{name}' {problem[0]}", problem[1])
                values[name] = options[name]
            elif param.required:
                raise ParamError(name, f"kind '{self.kind}' needs '{name}'")
            else:
                values[name] = param.default
        self.options = values
        self.setup(values)
        available = set(self.template_fields())
        try:
            self.message = Template(message)
            self.message.check_fields(available)
        except TemplateError as error:
            raise ParamError("message", str(error)) from None
        try:
            self.suggest = Template(suggest) if suggest is not None else None
            if self.suggest is not None:
                self.suggest.check_fields(available)
        except TemplateError as error:
            raise ParamError("suggest", str(error)) from None

    def setup(self, options: dict[str, Any]) -> None:
        """Compile the kind's parameters; raise ParamError on bad values."""

    def template_fields(self) -> set[str]:
        return set(self.fields)

    #: whether `find` can confine its search to given regions of the text
    supports_regions: ClassVar[bool] = False

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        """Matches in the document; kinds that support it search only `regions` when given."""
        raise NotImplementedError

    def matches(self, doc: Document, regions: list[tuple[int, int]] | None,
                context: RunContext) -> Iterable[Match]:
        """`find` with the run's context (vocabulary, caches): what the engine calls."""
        return self.find(doc, regions)

    # helpers shared by the kinds
    def make(self, start: int, end: int, values: Mapping[str, object],
             suggest: bool = True) -> Match:
        """A match with the rule's message and (unless `suggest` is false) its suggestion."""
        suggestion = self.suggest.render(values) if self.suggest is not None and suggest else None
        suggestions = (suggestion,) if suggestion is not None else ()
        return Match(start, end, self.message.render(values), suggestions)

    def run(self, pattern: regex.Pattern, text: str, pos: int = 0,
            endpos: int | None = None, deadline: float | None = None) -> list[regex.Match]:
        """All matches of `pattern` in `text`, or RuleTimeout past the time limit.

        A kind that searches one document in several calls (region by region, line by line)
        passes the `deadline` it took once with `start_clock()`: the limit is per rule per file.
        """
        timeout = self.time_left(deadline)
        try:
            if endpos is None:
                return list(pattern.finditer(text, pos, timeout=timeout))
            return list(pattern.finditer(text, pos, endpos, timeout=timeout))
        except TimeoutError:
            raise RuleTimeout(self.rule_id) from None

    @staticmethod
    def start_clock() -> float:
        """The deadline of one rule's search of one document."""
        return time.monotonic() + REGEX_TIMEOUT_SECONDS

    def time_left(self, deadline: float | None) -> float:
        """Seconds left before `deadline` (the whole limit without one); RuleTimeout when none."""
        if deadline is None:
            return REGEX_TIMEOUT_SECONDS
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuleTimeout(self.rule_id)
        return left


class ContextCheck(Check):
    """A kind that needs the run's context: it implements `search`; `find` alone (without a run)
    searches with an empty context."""

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        return iter(self.search(doc, regions, RunContext()))

    def matches(self, doc: Document, regions: list[tuple[int, int]] | None,
                context: RunContext) -> Iterable[Match]:
        return self.search(doc, regions, context)

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterable[Match]:
        raise NotImplementedError


def compile_regex(key: str, source: str, flags: int = 0, index: int | None = None,
                  **lists: Any) -> regex.Pattern:
    """Compile a rule regex, turning a syntax error into a ParamError on `key`."""
    try:
        return regex.compile(source, flags, **lists)
    except (regex.error, TypeError, ValueError, OverflowError) as error:
        raise ParamError(key, f"invalid regex {as_written(source)}: {error}", index) from None


def word_list_pattern(key: str, words: list[str], ignore_case: bool,
                      context: dict[str, str | None] | None = None) -> regex.Pattern:
    """One pass over a text for many literal terms, matched as whole words.

    `context` may add lookarounds: preceded_by, followed_by, not_preceded_by, not_followed_by.
    """
    context = context or {}
    for name, value in context.items():
        if value is not None:
            compile_regex(name, value)
    flags = regex.IGNORECASE if ignore_case else 0
    before = f"(?<={context['preceded_by']})" if context.get("preceded_by") else r"(?<!\w)"
    if context.get("not_preceded_by"):
        before += f"(?<!{context['not_preceded_by']})"
    after = r"(?!\w)"
    if context.get("followed_by"):
        after += f"(?={context['followed_by']})"
    if context.get("not_followed_by"):
        after += f"(?!{context['not_followed_by']})"
    return compile_regex(key, before + r"\L<words>" + after, flags, words=words)


class LiteralGate:
    """A rule's `contains` speed hint: strings one of which the text must hold for the rule to
    run. The first characters of the strings are looked for first (a single-character search is
    C's memchr, far cheaper than a substring search or a regex scan); only strings whose first
    character occurs are then searched. When every string has a character beyond ASCII, an
    all-ASCII document fails at once.

    A string is searched from its rarest character (`_rarity`: a mark before a capital or a
    digit, before a comma, full stop, lower-case letter or space): where that character stands in the text is
    found with single-character searches and the string compared there; a text without the
    character is done at once. A substring search whose first characters are common (` ,`) reads
    the whole text slowly; this reads only where the rare character stands."""

    __slots__ = ("by_first", "literals", "needs_unicode")

    def __init__(self, literals: list[str]) -> None:
        self.literals = tuple(sorted(set(literals), key=len))
        self.needs_unicode = all(not literal.isascii() for literal in self.literals)
        by_first: dict[str, list[tuple[str, int]]] = {}
        for literal in self.literals:
            by_first.setdefault(literal[0], []).append((literal, _pivot(literal)))
        self.by_first = tuple((first, tuple(group)) for first, group in by_first.items())

    def passes(self, doc: Document) -> bool:
        text = doc.text
        if self.needs_unicode and text.isascii():
            return False
        for first, group in self.by_first:
            if first in text and (len(group[0][0]) == 1 or any(
                    _holds(text, literal, pivot) for literal, pivot in group)):
                return True
        return False

    def in_span(self, text: str, start: int, end: int) -> bool:
        """Whether one of the strings occurs in text[start:end]."""
        return any(text.find(literal, start, end) >= 0 for literal in self.literals)


#: how many places of a string's rarest character are compared before the string is searched
#: for as a whole
_PIVOT_TRIES = 8


def _rarity(char: str) -> int:
    """How rare a character is in prose, roughly: spaces and lower-case letters are everywhere,
    line ends, commas and full stops nearly so, capitals and digits less so, other marks least."""
    if char == " " or ("a" <= char <= "z"):
        return 0
    if char in "\n,.":
        return 1
    return 2 if char.isalnum() else 3


def _pivot(literal: str) -> int:
    """The index of the character a string is searched from (-1: search it whole, as a string
    of common characters is)."""
    rarest = max(range(len(literal)), key=lambda index: _rarity(literal[index]))
    return rarest if len(literal) > 1 and _rarity(literal[rarest]) >= 2 else -1


def _holds(text: str, literal: str, pivot: int) -> bool:
    """`literal in text`, searched from the character at `pivot` when there is one."""
    if pivot < 0:
        return literal in text
    find = text.find  # each place of the rare character, then the string compared there
    mark = literal[pivot]
    position = find(mark, pivot)
    tries = 0
    while position != -1:
        if text.startswith(literal, position - pivot):
            return True
        tries += 1
        if tries == _PIVOT_TRIES:
            return text.find(literal, position - pivot + 1) != -1
        position = find(mark, position + 1)
    return False


#: keyword arguments of regex.compile that a named list cannot take as its name
RESERVED_LIST_NAMES = ("flags", "ignore_unused", "cache_pattern", "pattern")


def check_list_names(lists: dict[str, list[str]], patterns: list[str]) -> None:
    """The `lists` parameter: each name a word `regex.compile` takes, used as \\L<name>."""
    for name in lists:
        if not name.isidentifier() or name in RESERVED_LIST_NAMES:
            raise ParamError("lists", f"list name '{name}' must be a word other than "
                                      f"{', '.join(RESERVED_LIST_NAMES)}")
        if not any(regex.search(rf"\\L<{name}>", pattern) for pattern in patterns):
            raise ParamError("lists", f"the pattern does not use the list \\L<{name}>")


def literal_gate(key: str, literals: list[str]) -> LiteralGate | None:
    """The gate of a `contains` list, or None when it is empty."""
    if any(not literal for literal in literals):
        raise ParamError(key, f"'{key}' holds an empty string")
    return LiteralGate(literals) if literals else None


_TOKEN = re.compile(r"\w+")


def trigger_words(terms: list[str]) -> frozenset[str]:
    """The first word token of each term, lower-cased: if none occurs in a document, no term can."""
    triggers = set()
    for term in terms:
        tokens = _TOKEN.findall(term.lower())
        if not tokens:
            return frozenset()  # a term without word characters: no prefilter possible
        triggers.add(tokens[0])
    return frozenset(triggers)


def may_contain(doc: Document, triggers: frozenset[str]) -> bool:
    """Cheap test before a word-list regex runs: an empty trigger set always passes."""
    return not triggers or not triggers.isdisjoint(doc.vocabulary)


def case_like(model: str, word: str) -> str:
    """Give `word` the case pattern of `model` (UPPER, Capitalised or as written)."""
    letters = [c for c in model if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters and letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word
