"""NewsML-G2 (IPTC): news items with their metadata and content.

Read, for each `newsItem` (alone, or in a `newsMessage`): `contentMeta/headline` (the first) as
headline, `contentMeta/by` as byline and `contentMeta/dateline` as dateline; and the first
`contentSet` content with text: `inlineXML` holding NITF (read as NITF; its hedline, byline and
dateline only where the metadata had none) or XHTML (read as HTML), or `inlineData` plain text
(paragraphs separated by blank lines). Everything else (itemMeta, rights, catalogues, subjects,
descriptions, remote content) is metadata, not copy.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..document import Document, normalise
from ..errors import InputError
from ._build import decode
from ._markup import Frame, Walker
from ._sniff import NEWSML_ROOTS as ROOTS
from ._xml import declared_encoding, parse_xml, root_element
from .html import classify_html
from .nitf import make_classify
from .options import DEFAULT_OPTIONS, ReadOptions

CONTAINERS = frozenset({"newsMessage", "itemSet", "newsItem", "packageItem"})
META_ROLES = {"headline": "headline", "by": "byline", "dateline": "dateline"}
_NITF_TAGS = frozenset({"nitf", "body", "body.head", "body.content", "body.end"})


class _NewsML:
    def __init__(self) -> None:
        self.done: set[str] = set()  # roles read from this item's contentMeta
        self.body_read = False
        self.nitf = make_classify(self.done)

    def classify(self, tag: str, attrs: Mapping[str, str], parent: Frame) -> Frame:
        mode = parent.mode
        if mode == "nitf":
            return self.nitf(tag, attrs, parent)
        if mode == "xhtml":
            if tag == "title" and "headline" in self.done:
                return Frame(tag, skip=True, block=True, mode=mode)
            return classify_html(tag, attrs, parent)
        if mode == "text":  # markup inside a headline, by or dateline
            return Frame(tag, role=parent.role, mode=mode)
        if mode == "meta":
            role = META_ROLES.get(tag)
            if role is None or role in self.done:
                return Frame(tag, skip=True)
            self.done.add(role)
            return Frame(tag, block=True, role=role, mode="text")
        if mode == "set":
            if self.body_read or tag not in ("inlineXML", "inlineData"):
                return Frame(tag, skip=True)
            self.body_read = True
            if tag == "inlineData":
                return Frame(tag, block=True, mode="data", capture=True)
            return Frame(tag, block=True, mode="inline")
        if mode == "inline":
            if tag in _NITF_TAGS:
                return self.nitf(tag, attrs, Frame(parent.tag, mode="nitf"))
            return classify_html(tag, attrs, Frame(parent.tag, mode="xhtml"))
        if mode == "data":
            return Frame(tag, role=parent.role, mode=mode)
        # the item level
        if tag == "newsItem":
            self.done.clear()
            self.body_read = False
        if tag in CONTAINERS:
            return Frame(tag, block=True)
        if tag == "contentMeta":
            return Frame(tag, block=True, mode="meta")
        if tag == "contentSet":
            return Frame(tag, block=True, mode="set")
        return Frame(tag, skip=True)


def read_newsml(data: bytes, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read a NewsML-G2 document."""
    source = normalise(decode(data, name, declared_encoding(data), options.encoding))
    root = root_element(source)
    if root is not None and root not in ROOTS:
        raise InputError(f"{name}: not NewsML-G2: the root element is <{root}>")
    reader = _NewsML()
    walker = Walker(reader.classify, Frame("#document"), layout=options.paragraphs)
    parse_xml(source, name, walker)
    doc = walker.builder.document(name, source)
    doc.escapes = ((0, len(source), ("xml",)),)
    return doc
