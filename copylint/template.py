"""Message and suggestion templates: `{match}`, `{1}`, `{name}`; `{{` and `}}` are literal braces."""

from __future__ import annotations

from collections.abc import Mapping

from . import patterns

_FIELD = patterns.compile(r"\{\{|\}\}|\{([A-Za-z_0-9]+)\}|\{|\}")


class TemplateError(ValueError):
    """A template is malformed or names a field the rule cannot fill."""


class Template:
    """A parsed template; `render` fills the fields from a mapping."""

    __slots__ = ("fields", "parts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts: list[tuple[bool, str]] = []  # (is_field, literal-or-name)
        position = 0
        for token in _FIELD.finditer(text):
            if token.start() > position:
                self.parts.append((False, text[position : token.start()]))
            piece = token.group()
            if piece in ("{{", "}}"):
                self.parts.append((False, piece[0]))
            elif token.group(1) is None:
                raise TemplateError(f"unbalanced brace in {text!r} (write {{{{ for a literal brace)")
            else:
                self.parts.append((True, token.group(1)))
            position = token.end()
        if position < len(text):
            self.parts.append((False, text[position:]))
        self.fields = {name for is_field, name in self.parts if is_field}

    def check_fields(self, available: set[str]) -> None:
        """Raise TemplateError when the template names a field outside `available`."""
        unknown = sorted(self.fields - available)
        if unknown:
            raise TemplateError(
                f"unknown field {{{unknown[0]}}} in {self.text!r}; "
                f"available: {', '.join('{' + name + '}' for name in sorted(available))}"
            )

    def render(self, values: Mapping[str, object]) -> str:
        if not self.fields:
            return self.text
        out = []
        for is_field, piece in self.parts:
            if is_field:
                value = values.get(piece)
                out.append("" if value is None else str(value))
            else:
                out.append(piece)
        return "".join(out)
