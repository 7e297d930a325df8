"""A walker over markup events (HTML or XML) that feeds a TextBuilder.

A parser calls `start`, `end`, `data` and `entity` with source offsets; a format decides, through
its `classify` function, which elements are skipped, which are blocks (they separate paragraphs)
and which give their text a role. Elements are kept on a stack; an end tag closes the nearest open
element of that name, and a stray end tag is ignored, so unclosed HTML does no harm. Where each
tag stands on the stack is indexed, so finding the element an end tag closes costs the same
however deep the stack: thousands of unclosed tags and stray end tags stay linear.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ._build import TextBuilder, plain_piece


class Frame:
    """An open element: whether its text is skipped, whether it is a block, its role and mode."""

    __slots__ = ("block", "capture", "mode", "role", "skip", "tag")

    def __init__(self, tag: str, *, skip: bool = False, block: bool = False, role: str = "body",
                 mode: str = "", capture: bool = False) -> None:
        self.tag = tag
        self.skip = skip
        self.block = block
        self.role = role
        self.mode = mode
        self.capture = capture

    def __repr__(self) -> str:
        return (f"Frame({self.tag!r}, skip={self.skip}, block={self.block}, role={self.role!r}, "
                f"mode={self.mode!r})")


Classify = Callable[[str, Mapping[str, str], Frame], Frame]


class Walker:
    """Turns start/end/data/entity events into text, offsets and blocks."""

    def __init__(self, classify: Classify, root: Frame, builder: TextBuilder | None = None,
                 void: frozenset[str] = frozenset(), layout: str = "auto") -> None:
        self.classify = classify
        self.layout = layout  # how captured plain text (NewsML inlineData) splits into paragraphs
        self.builder = builder if builder is not None else TextBuilder()
        self.stack = [root]
        #: stack positions of the open elements of each tag name, innermost last (root excluded)
        self.open_at: dict[str, list[int]] = {}
        self.void = void
        self._capture: TextBuilder | None = None  # text/plain content being collected

    def start(self, tag: str, attrs: Mapping[str, str], origin: int) -> None:
        parent = self.stack[-1]
        if parent.skip:
            frame = Frame(tag, skip=True, role=parent.role, mode=parent.mode)
        else:
            frame = self.classify(tag, attrs, parent)
            if frame.block:
                self.builder.paragraph(origin)
            elif frame.skip:
                self.builder.gap()
            if frame.capture:
                self._capture = TextBuilder()
        if tag in self.void:
            return
        self.open_at.setdefault(tag, []).append(len(self.stack))
        self.stack.append(frame)

    def end(self, tag: str, origin: int) -> None:
        stack = self.stack
        where = self.open_at.get(tag)
        if not where:
            return  # a stray end tag
        index = where[-1]
        closed = stack[index:]
        del stack[index:]
        for frame in reversed(closed):
            self.open_at[frame.tag].pop()
        if stack[-1].skip:
            return
        for frame in closed:
            if frame.capture and self._capture is not None:
                self._splice_capture(frame)
        if any(frame.block for frame in closed):
            self.builder.paragraph(origin)

    def pop_to(self, tag: str, origin: int, stop: frozenset[str] = frozenset()) -> None:
        """Close an open `tag` that is not behind one of `stop` (HTML's implied end tags)."""
        where = self.open_at.get(tag)
        if not where:
            return
        open_at = self.open_at
        nearest_stop = max((open_at[name][-1] for name in stop if open_at.get(name)), default=0)
        if where[-1] > nearest_stop:
            self.end(tag, origin)

    def data(self, text: str, origin: int) -> None:
        """Text that stands as is in the source at `origin`."""
        frame = self.stack[-1]
        if frame.skip:
            return
        if self._capture is not None:
            self._capture.copy(text, origin, frame.role)
        else:
            self.builder.collapse(text, origin, frame.role)

    def entity(self, text: str, origin: int, end: int | None = None) -> None:
        """Decoded text of an entity or character reference, raw in source[origin:end]."""
        frame = self.stack[-1]
        if frame.skip:
            return
        if self._capture is not None:
            self._capture.put(text, origin, frame.role, end)
        else:
            self.builder.entity(text, origin, frame.role, end)

    def _splice_capture(self, frame: Frame) -> None:
        capture, self._capture = self._capture, None
        assert capture is not None
        raw, raw_map, _ = capture.result()
        text, offsets, blocks = plain_piece(raw, frame.role, self.layout)
        self.builder.splice(text, offsets.compose(raw_map), blocks)
