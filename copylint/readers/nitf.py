"""NITF (IPTC's News Industry Text Format, 3.x and 2.5).

Read: `body.head` with `hedline/hl1` (and the `hl2` deck) as headline, `byline`, `dateline`
and `abstract`; `body.content` with its paragraphs `p`, block quotes `bq` (quote), inline `q`
(quote), lists, tables and `media-caption` (caption); `body.end/tagline`. Not read: `head`
(metadata), media references and metadata, `pre`, rights, series and distributor notes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ..document import Document, normalise
from ..errors import InputError
from ._build import decode
from ._markup import Frame, Walker
from ._xml import declared_encoding, parse_xml, root_element
from .options import DEFAULT_OPTIONS, ReadOptions

SKIP = frozenset({
    "head", "media-reference", "media-metadata", "media-object", "media-producer",
    "bibliography", "pre", "rights", "series", "distributor", "doc-id", "ds", "key-list",
    "classifier", "object.title",
})
BLOCK = frozenset({
    "nitf", "body", "body.head", "body.content", "body.end", "hedline", "hl1", "hl2", "byline", "byttl",
    "dateline", "abstract", "p", "bq", "block", "credit", "ul", "ol", "dl", "li", "dt", "dd",
    "table", "tr", "td", "th", "caption", "media", "media-caption", "tagline", "note", "fn",
    "br", "hr",
})
ROLES = {
    "hl1": "headline", "byline": "byline", "dateline": "dateline", "bq": "quote", "q": "quote",
    "media-caption": "caption", "caption": "caption",
}
#: the parts of body.head that are copy
HEAD_PARTS = {"hedline": "headline", "byline": "byline", "dateline": "dateline", "abstract": "body"}


def make_classify(done: Collection[str] = ()):
    """NITF's classify; parts whose role is in `done` (read from NewsML metadata) are skipped."""

    def classify(tag: str, attrs: Mapping[str, str], parent: Frame) -> Frame:
        block = tag in BLOCK
        if tag in SKIP:
            return Frame(tag, skip=True, block=block, role=parent.role, mode=parent.mode)
        if parent.tag == "body.head":
            role = HEAD_PARTS.get(tag)
            if role is None or role in done:
                return Frame(tag, skip=True, block=block, role=parent.role, mode=parent.mode)
        if tag == "hl2":
            role = "headline" if parent.tag == "hedline" else parent.role
        else:
            role = ROLES.get(tag, parent.role)
        return Frame(tag, block=block, role=role, mode=parent.mode)

    return classify


def read_nitf(data: bytes, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read a NITF document."""
    source = normalise(decode(data, name, declared_encoding(data), options.encoding))
    root = root_element(source)
    if root is not None and root != "nitf":
        raise InputError(f"{name}: not NITF: the root element is <{root}>, not <nitf>")
    walker = Walker(make_classify(), Frame("#document", mode="nitf"))
    parse_xml(source, name, walker)
    doc = walker.builder.document(name, source)
    doc.escapes = ((0, len(source), ("xml",)),)
    return doc
