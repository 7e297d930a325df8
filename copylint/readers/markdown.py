"""Markdown (CommonMark with tables) through markdown-it-py, mapped back to source columns.

markdown-it gives each block its source lines; the text of each inline token is found in those
lines in order, so every character maps to its exact line and column. Entities and backslash
escapes map to the start of their raw form. Skipped: code spans and code blocks, HTML blocks and
inline HTML (comments too: suppression comments are read from the source by the engine), link
targets, autolinks and images. `#` (and setext `===`) headings are headlines, other headings body
subheads; blockquotes are quotes; YAML front matter fields `headline` (or `title`), `byline` and
`dateline` become those blocks.

markdown-it stops reading block quotes and lists nested past its limit (20 levels) and drops
what is inside; the Document then carries a warning naming the lines that were not checked
(`Document.warnings`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..document import Document, normalise
from ..errors import InputError
from ._build import TextBuilder, decode
from .options import DEFAULT_OPTIONS, ReadOptions

_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^(headline|title|byline|dateline)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when it is there
FRONT_MATTER_ROLES = {"headline": "headline", "title": "headline", "byline": "byline",
                      "dateline": "dateline"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # text_join off: entities and escapes stay separate tokens, so each maps to its raw form
    return MarkdownIt("commonmark").enable("table").disable("text_join")


@lru_cache(maxsize=8)
def _backtick_run(length: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{length}}}(?!`)")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _close_bracket(source: str, position: int, limit: int) -> int:
    """Offset just past the `]` that closes the `[` at `position` (escapes and nesting honoured)."""
    depth = 0
    while position < limit:
        char = source[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return limit


def _skip_destination(source: str, position: int, limit: int) -> int:
    """Offset past a link's `(destination "title")` or `[label]` starting at `position`."""
    if position < limit and source[position] == "[":
        end = source.find("]", position, limit)
        return end + 1 if end != -1 else position
    if position >= limit or source[position] != "(":
        return position
    depth = 0
    quote = None
    index = position
    while index < limit:
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and depth == 1:
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return position


class _Reader:
    def __init__(self, source: str, builder: TextBuilder, name: str) -> None:
        self.source = source
        self.builder = builder
        self.name = name
        self.cursor = 0

    def front_matter(self) -> int:
        """Read YAML front matter into headline/byline/dateline blocks; return where it ends."""
        found = _FRONT_MATTER.match(self.source)
        if not found:
            return 0
        return found.end() if self._fields(found) else 0

    def _fields(self, found: re.Match[str]) -> bool:
        body = found.group(1) or ""
        try:
            values = yaml.load(body, Loader=_YAML_LOADER)  # a safe loader
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f":{mark.line + 2}" if mark is not None else ""
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise InputError(f"{self.name}{line}: front matter is not valid YAML: {problem}") from None
        if not isinstance(values, dict):
            return values is None
        has_headline = isinstance(values.get("headline"), str)
        offset = found.start(1)
        for field in _FIELD.finditer(body):
            key = field.group(1)
            value = values.get(key)
            if not isinstance(value, str) or (key == "title" and has_headline):
                continue
            value = value.strip()
            raw, start = field.group(2), offset + field.start(2)
            if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
                raw, start = raw[1:-1], start + 1
            role = FRONT_MATTER_ROLES[key]
            self.builder.paragraph(start)
            if raw == value:
                self.builder.copy(value, start, role)
            else:  # escapes, folded or multi-line values: all of it maps to where the value starts
                self.builder.put(value, start, role, start + len(raw))
        self.builder.paragraph(found.end())
        return True

    def tokens(self, tokens: list[Token], line_starts: list[int]) -> None:
        quote = 0
        heading = None
        builder = self.builder
        source_length = len(self.source)
        for token in tokens:
            kind = token.type
            if kind == "inline":
                if token.map:
                    first, last = token.map
                    self.cursor = max(self.cursor, line_starts[first])
                    limit = line_starts[last] if last < len(line_starts) else source_length
                else:
                    limit = source_length
                role = "headline" if heading == "h1" else "quote" if quote else "body"
                builder.paragraph(self.cursor)
                self.inline(token.children or [], limit, role)
                builder.paragraph(self.cursor)
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "heading_open":
                heading = token.tag
            elif kind == "heading_close":
                heading = None

    def _one_past(self, limit: int) -> int:
        """The end of a put run at the cursor whose raw form was not found: one character on, so
        a finding over it never ends before it starts."""
        return min(self.cursor + 1, max(limit, self.cursor))

    def inline(self, children: list[Token], limit: int, role: str) -> None:
        source = self.source
        builder = self.builder
        in_autolink = False
        for child in children:
            kind = child.type
            if kind == "text":
                content = child.content
                if not content or in_autolink:
                    continue
                found = source.find(content, self.cursor, limit)
                if found == -1:  # not expected; keep the text, mapped to where we are
                    builder.put(content, self.cursor, role, self._one_past(limit))
                else:
                    builder.copy_spaced(content, found, role)
                    self.cursor = found + len(content)
            elif kind == "text_special":  # an entity or a backslash escape
                found = source.find(child.markup, self.cursor, limit) if child.markup else -1
                if found == -1:
                    builder.put(child.content, self.cursor, role, self._one_past(limit))
                else:
                    self.cursor = found + len(child.markup)
                    builder.put(child.content, found, role, self.cursor)
            elif kind in ("softbreak", "hardbreak"):
                found = source.find("\n", self.cursor, limit)
                if found == -1:
                    builder.put("\n", self.cursor, role, self._one_past(limit))
                else:
                    builder.copy("\n", found, role)
                    self.cursor = found + 1
            elif kind == "code_inline":
                run = _backtick_run(len(child.markup or "`"))
                opening = run.search(source, self.cursor, limit)
                if opening:
                    closing = run.search(source, opening.end(), limit)
                    if closing:
                        self.cursor = closing.end()
                builder.gap()
            elif kind == "html_inline":
                found = source.find(child.content, self.cursor, limit)
                if found != -1:
                    self.cursor = found + len(child.content)
                builder.gap()
            elif kind == "image":
                found = source.find("![", self.cursor, limit)
                if found != -1:
                    end = _close_bracket(source, found + 1, limit)
                    self.cursor = _skip_destination(source, end, limit)
                builder.gap()
            elif kind == "link_open" and child.markup == "autolink":
                in_autolink = True
            elif kind == "link_close":
                if in_autolink:
                    in_autolink = False
                    found = source.find(">", self.cursor, limit)
                    if found != -1:
                        self.cursor = found + 1
                    builder.gap()
                else:
                    found = source.find("]", self.cursor, limit)
                    if found != -1:
                        self.cursor = _skip_destination(source, found + 1, limit)


def _nesting_warnings(tokens: list[Token], body: str, name: str) -> list[str]:
    """A warning for each block quote or list nested so deep that markdown-it skipped its text
    (the innermost container it opened is empty while its lines hold words). markdown-it skips
    to the end of the outermost container, so that is the range named."""
    limit = _parser().options["maxNesting"]
    starts = _line_starts(body)
    warnings = []
    outer: Token | None = None
    for token, following in pairwise(tokens):
        if token.level == 0 and token.nesting == 1:
            outer = token
        if not (token.nesting == 1 and token.level >= limit - 1 and token.map
                and following.nesting == -1 and outer is not None and outer.map):
            continue
        first, last = token.map[0], max(outer.map[1], token.map[1])
        end = starts[last] if last < len(starts) else len(body)
        if any(char.isalnum() for char in body[starts[first]:end]):
            lines = f"line {first + 1}" if last - first <= 1 else f"lines {first + 1}-{last}"
            warnings.append(f"{name}:{first + 1}: Markdown nested more than {limit} levels deep "
                            f"(block quotes or lists): {lines} not checked")
    return warnings


def read_markdown(data: bytes, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read a Markdown story (UTF-8)."""
    source = normalise(decode(data, name, requested=options.encoding))
    builder = TextBuilder()
    reader = _Reader(source, builder, name)
    start = reader.front_matter()
    # blank out the front matter (same offsets) so Markdown does not read it as a heading
    body = source if not start else re.sub(r"[^\n]", " ", source[:start]) + source[start:]
    reader.source = body
    reader.cursor = start
    tokens = _parser().parse(body)
    reader.tokens(tokens, _line_starts(body))
    doc = builder.document(name, source)
    doc.escapes = ((0, len(source), ("markdown",)),)
    warnings = _nesting_warnings(tokens, body, name)
    if warnings:  # the runner reports them with the file's other warnings
        doc.warnings = [*doc.warnings, *warnings]
    return doc
