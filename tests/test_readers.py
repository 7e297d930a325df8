"""Readers: every format gives the findings of its plain-text twin, at exact source positions."""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from copylint.document import Document
from copylint.engine import Linter, choose_rules
from copylint.errors import InputError, UsageError
from copylint.readers import EXTENSIONS, FORMATS, detect_format, read_document, resolve_format
from copylint.readers._build import OffsetMap, TextBuilder
from copylint.rulebook import load_rulebook
from copylint.sources import BinaryFile

FORMATS_DIR = Path(__file__).parent / "fixtures" / "formats"
TWIN = "story.txt"
STORIES = {
    "story.html": "html",
    "story.md": "markdown",
    "story.nitf.xml": "nitf",
    "story.newsml.xml": "newsml",
    "story.json": "ninjs",
    "story.7901": "iptc7901",
}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(choose_rules(load_rulebook()))


def read(name: str) -> Document:
    return read_document((FORMATS_DIR / name).read_bytes(), name)


def doc_of(text: str | bytes, name: str, input_format: str | None = None) -> Document:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_document(data, name, input_format)


def roles(doc: Document) -> list[tuple[str, str]]:
    return [(block.role, doc.text[block.start:block.end]) for block in doc.blocks]


def at(doc: Document, needle: str, nth: int = 0) -> tuple[int, int]:
    """Source (line, column) of the nth occurrence of `needle` in the document's text."""
    index = -1
    for _ in range(nth + 1):
        index = doc.text.index(needle, index + 1)
    return doc.position(index)


def assert_valid_offsets(doc: Document) -> None:
    """One offset per character plus one, never decreasing, inside the source; copied text exact."""
    offsets = doc.offsets
    if offsets is None:
        return
    values = list(offsets)
    assert len(values) == len(doc.text) + 1
    assert all(a <= b for a, b in pairwise(values))
    assert all(0 <= value <= len(doc.source) for value in values)
    assert isinstance(offsets, OffsetMap)
    for start, end, origin, step in offsets.runs():
        last = min(end, len(doc.text))
        if step:
            assert doc.text[start:last] == doc.source[origin:origin + last - start]
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(doc.text)
        assert block.role in ("headline", "byline", "dateline", "body", "quote", "caption")


# the twins ---------------------------------------------------------------------------------

def test_plain_text_twin(linter: Linter) -> None:
    doc = read(TWIN)
    assert doc.offsets is None and doc.source == doc.text
    findings = linter.check(doc).findings
    assert len(findings) == 17  # quote-stack speaks for its stray mark: one defect, one finding
    assert roles(doc)[:4] == [
        ("headline", "Flood barriers fail in southern town as officials weigh the cost..."),
        ("byline", "By JANE DOE"),
        ("dateline", "ODESA, Ukraine (AP) —"),
        ("body", doc.text[doc.text.index("US officials"):doc.text.index("too late.") + 9]),
    ]


@pytest.mark.parametrize("name", sorted(STORIES))
def test_every_format_finds_what_its_twin_finds(linter: Linter, name: str) -> None:
    twin = Counter(f.rule for f in linter.check(read(TWIN)).findings)
    doc = read(name)
    assert_valid_offsets(doc)
    assert Counter(f.rule for f in linter.check(doc).findings) == twin
    kinds = [role for role, _ in roles(doc)]
    assert kinds[0] == "headline" and kinds.index("byline") < kinds.index("dateline")
    assert ("headline", "Flood barriers fail in southern town as officials weigh the cost...") \
        in roles(doc)
    assert dict(roles(doc))["dateline"] == "ODESA, Ukraine (AP) —"
    assert ("quote" in kinds) == (STORIES[name] != "iptc7901")


# (line, column, end_line, end_column, rule) of findings that end in plain source text, and the
# start of one that ends on an entity or escape
POSITIONS = {
    "story.html": [
        (12, 73, 12, 76, "garble.truncated-headline"),
        (14, 36, 14, 38, "ap.us"),
        (15, 20, 15, 26, "consistency.spelling"),  # the second line of a wrapped <p>
        (17, 79, 17, 119, "garble.self-reference"),  # over France&rsquo;s
        (19, 101, 19, 108, "garble.doubled-word"),  # inside <em>
        (19, 226, 19, 230, "names.capitalization"),  # inside <a>
        (26, 113, 26, 117, "names.capitalization"),  # after AT&amp;T and &rsquo;
        (28, 9, 28, 22, "scrape.comment-form"),
    ],
    "story.md": [
        (2, 75, 2, 78, "garble.truncated-headline"),  # front matter headline
        (7, 29, 7, 31, "ap.us"),  # after &mdash;
        (9, 72, 9, 106, "garble.self-reference"),
        (15, 79, 15, 86, "garble.doubled-word"),  # inside *...*
        (15, 150, 15, 154, "names.capitalization"),  # link text, target skipped
        (29, 100, 29, 104, "names.capitalization"),
        (31, 1, 31, 14, "scrape.comment-form"),
    ],
    "story.nitf.xml": [
        (14, 78, 14, 81, "garble.truncated-headline"),
        (20, 38, 20, 40, "ap.us"),
        (21, 81, 21, 122, "garble.self-reference"),  # over France&#x2019;s
        (23, 91, 23, 98, "garble.doubled-word"),
        (23, 192, 23, 196, "names.capitalization"),  # after non-ASCII “ ” on the line
        (33, 109, 33, 113, "names.capitalization"),
        (34, 10, 34, 23, "scrape.comment-form"),
    ],
    "story.newsml.xml": [
        (16, 79, 16, 82, "garble.truncated-headline"),
        (29, 38, 29, 40, "ap.us"),
        (30, 87, 30, 121, "garble.self-reference"),
        (32, 93, 32, 100, "garble.doubled-word"),
        (32, 162, 32, 166, "names.capitalization"),
        (36, 115, 36, 119, "names.capitalization"),
        (37, 16, 37, 29, "scrape.comment-form"),
    ],
    "story.json": [  # the whole body is one JSON string on line 9
        (6, 80, 6, 83, "garble.truncated-headline"),
        (9, 47, 9, 49, "ap.us"),  # after \u2014
        (9, 135, 9, 141, "consistency.spelling"),
        (9, 265, 9, 304, "garble.self-reference"),  # over France\u2019s
        (9, 598, 9, 605, "garble.doubled-word"),
        (9, 667, 9, 671, "names.capitalization"),
        (9, 1128, 9, 1132, "names.capitalization"),
        (9, 1143, 9, 1156, "scrape.comment-form"),  # an <h3> after \n escapes
    ],
    "story.7901": [
        (2, 67, 2, 70, "garble.truncated-headline"),  # after STX and ANPA's ^
        (4, 24, 4, 26, "ap.us"),  # a tab-indented paragraph
        (5, 73, 5, 107, "garble.self-reference"),
        (7, 79, 7, 86, "garble.doubled-word"),
        (7, 148, 7, 152, "names.capitalization"),
        (11, 97, 11, 101, "names.capitalization"),
        (12, 2, 12, 15, "scrape.comment-form"),
    ],
}
QUOTE_STACK_START = {"story.html": (24, 51), "story.md": (21, 38), "story.nitf.xml": (28, 47),
                     "story.newsml.xml": (35, 53), "story.json": (9, 1000), "story.7901": (10, 39)}


@pytest.mark.parametrize("name", sorted(STORIES))
def test_findings_land_on_source_lines_and_columns(linter: Linter, name: str) -> None:
    doc = read(name)
    findings = linter.check(doc).findings
    got = {(f.line, f.column, f.end_line, f.end_column, f.rule) for f in findings}
    for expected in POSITIONS[name]:
        assert expected in got
    lines = doc.source.split("\n")
    for line, column, _, end_column, rule in POSITIONS[name]:
        flagged = lines[line - 1][column - 1:end_column - 1]
        assert flagged.replace("&rsquo;", "’").replace("&#x2019;", "’").replace("\\u2019", "’") \
            in doc.text, (rule, flagged)
    [stack] = [f for f in findings if f.rule == "punctuation.quote-stack"]
    assert (stack.line, stack.column) == QUOTE_STACK_START[name]


# entities and escapes ------------------------------------------------------------------------

def test_html_entities_are_decoded_and_mapped_to_their_start() -> None:
    source = "<p>AT&amp;T &ldquo;said&rdquo; it&#8217;s &#x2019;x &bogus; &amp b &lt;kyiv&gt;</p>"
    doc = doc_of(source, "a.html")
    assert doc.text == "AT&T “said” it’s ’x &bogus; & b <kyiv>"
    assert_valid_offsets(doc)
    assert doc.offsets[2] == source.index("&amp;")
    assert doc.offsets.end_of(2) == source.index("&amp;") + 5
    assert doc.offsets[doc.text.index("“")] == source.index("&ldquo;")
    assert doc.offsets[doc.text.index("’s")] == source.index("&#8217;")
    assert doc.offsets[doc.text.index("&bogus;")] == source.index("&bogus;")  # unknown: kept as is
    assert at(doc, "kyiv") == (1, source.index("kyiv") + 1)


def test_json_escapes_map_to_the_escape(linter: Linter) -> None:
    source = ('{"headline": "Storm \\"hits\\" \\ud83d\\ude00 town",\n'
              ' "body_text": "Caf\\u00e9 owners in kyiv said\\tit.\\nThe the end."}')
    doc = doc_of(source, "a.json")
    assert doc.text == "Storm \"hits\" 😀 town\n\nCafé owners in kyiv said\tit.\n\nThe the end."
    assert_valid_offsets(doc)
    assert doc.offsets[doc.text.index("😀")] == source.index("\\ud83d")
    assert doc.offsets.end_of(doc.text.index("😀")) == source.index("\\ude00") + 6
    assert at(doc, "kyiv") == (2, source.split("\n")[1].index("kyiv") + 1)
    found = {(f.rule, f.line, f.column) for f in linter.check(doc).findings}
    line2 = source.split("\n")[1]
    assert ("names.capitalization", 2, line2.index("kyiv") + 1) in found
    assert ("garble.doubled-word", 2, line2.index("The the") + 1) in found


def test_html_inside_json_composes_both_maps() -> None:
    source = '{"body_html": "<p class=\\"x\\">Caf\\u00e9 &amp; kyiv</p>"}'
    doc = doc_of(source, "a.json")
    assert doc.text == "Café & kyiv"
    assert_valid_offsets(doc)
    assert doc.offsets[3] == source.index("\\u00e9")
    assert doc.offsets[5] == source.index("&amp;")
    assert doc.offsets.end_of(5) == source.index("&amp;") + 5
    assert at(doc, "kyiv") == (1, source.index("kyiv") + 1)


def test_markdown_entities_and_escapes() -> None:
    source = "AT&amp;T said \\*not\\* &copy; kyiv.\n"
    doc = doc_of(source, "a.md")
    assert doc.text == "AT&T said *not* © kyiv."
    assert_valid_offsets(doc)
    assert doc.offsets[doc.text.index("*")] == source.index("\\*")
    assert doc.offsets.end_of(doc.text.index("©")) == source.index("&copy;") + 6
    assert at(doc, "kyiv") == (1, source.index("kyiv") + 1)


def test_xml_columns_count_code_points_not_bytes() -> None:
    source = ("<nitf><body><body.content>\n<p>Caf\u00e9 😀 “x” 🇺🇦 &#x2019; then kyiv.</p>\n"
              "</body.content></body></nitf>")
    doc = doc_of(source, "a.xml")
    assert doc.text == "Café 😀 “x” 🇺🇦 ’ then kyiv."
    assert_valid_offsets(doc)
    assert at(doc, "kyiv") == (2, source.split("\n")[1].index("kyiv") + 1)


def test_crlf_and_bom_keep_lines_and_columns(linter: Linter) -> None:
    html = "\ufeff<p>First.</p>\r\n<p>Aid reached\r\n kyiv.</p>".encode()
    doc = read_document(html, "a.html")
    [finding] = [f for f in linter.check(doc).findings if f.rule == "names.capitalization"]
    assert (finding.line, finding.column) == (3, 2)
    xml = "\ufeff<nitf><body><body.content>\r<p>Aid reached kyiv.</p></body.content></body></nitf>"
    doc = read_document(xml.encode(), "a.xml")
    assert at(doc, "kyiv") == (2, 16)


def test_cdata_text_is_read() -> None:
    doc = doc_of("<nitf><body><body.content><p><![CDATA[AT&T <wins>]]> now</p>"
                 "</body.content></body></nitf>", "a.nitf")
    assert doc.text == "AT&T <wins> now"
    assert_valid_offsets(doc)


# skipped content -----------------------------------------------------------------------------

def test_html_skips_non_prose(linter: Linter) -> None:
    doc = doc_of(
        "<html><head><style>the the</style><script>kyiv kyiv</script></head><body>"
        "<p>Use <code>the the</code>, then go.</p><pre>kyiv</pre><template>the the</template>"
        "<svg><text>the the</text></svg><noscript>kyiv</noscript><!-- the the kyiv -->"
        "<div hidden>kyiv</div><p>Done <img src='kyiv.jpg' alt='the the'> now.</p></body></html>",
        "a.html")
    assert doc.text == "Use, then go.\n\nDone now."
    assert linter.check(doc).findings == []


def test_markdown_skips_code_comments_targets_and_images(linter: Linter) -> None:
    source = (
        "Run `the the`, then [read this](https://example.com/kyiv \"the the\") and\n"
        "see <!-- copylint-disable names --><https://kyiv.example> ![the the](kyiv.png) now.\n\n"
        "<!-- a comment block: kyiv the the -->\n\n"
        "```\nthe the kyiv\n```\n\n    kyiv kyiv indented code\n\n"
        "<div>\nkyiv the the\n</div>\n\nEnd [ref][r].\n\n[r]: https://example.com/the-the\n")
    doc = doc_of(source, "a.md")
    assert doc.text == "Run, then read this and\nsee now.\n\nEnd ref."
    assert_valid_offsets(doc)
    assert linter.check(doc).findings == []


def test_xml_skips_metadata() -> None:
    nitf = doc_of(
        "<nitf><head><title>kyiv</title><docdata><doc-id id-string='x'/></docdata></head>"
        "<body><body.head><hedline><hl1>Head</hl1></hedline><rights>kyiv</rights>"
        "<distributor>kyiv</distributor></body.head><body.content><p>Text.</p>"
        "<media><media-reference source='kyiv.jpg'/><media-caption>Cap.</media-caption></media>"
        "<pre>kyiv</pre></body.content></body></nitf>", "a.xml")
    assert roles(nitf) == [("headline", "Head"), ("body", "Text."), ("caption", "Cap.")]
    newsml = doc_of(
        "<newsItem><itemMeta><title>kyiv</title></itemMeta><rightsInfo><usageTerms>kyiv"
        "</usageTerms></rightsInfo><contentMeta><headline>Head</headline><headline>kyiv</headline>"
        "<description>kyiv</description><slugline>kyiv</slugline></contentMeta><contentSet>"
        "<inlineXML><nitf><body><body.head><hedline><hl1>kyiv</hl1></hedline></body.head>"
        "<body.content><p>Text.</p></body.content></body></nitf></inlineXML>"
        "<inlineData>kyiv</inlineData></contentSet></newsItem>", "a.xml")
    assert roles(newsml) == [("headline", "Head"), ("body", "Text.")]


# roles ---------------------------------------------------------------------------------------

def test_html_roles() -> None:
    doc = doc_of(
        "<title>Page title</title><h1>Big news</h1><p class='byline story'>By ANN LEE</p>"
        "<p>WASHINGTON (AP) &mdash; It began. He said <q>no way</q> twice.</p><h2>Subhead</h2>"
        "<blockquote><p>A quote.</p></blockquote><figure><img src=x><figcaption>A caption."
        "</figcaption></figure><ul><li>One<li>Two</ul><p>Line<br>break</p>", "a.html")
    assert roles(doc) == [
        ("headline", "Page title"), ("headline", "Big news"), ("byline", "By ANN LEE"),
        ("dateline", "WASHINGTON (AP) —"), ("body", "It began. He said"), ("quote", "no way"),
        ("body", "twice."), ("body", "Subhead"), ("quote", "A quote."), ("caption", "A caption."),
        ("body", "One"), ("body", "Two"), ("body", "Line"), ("body", "break")]
    assert doc.text.count("\n\n") == 10


def test_markdown_roles() -> None:
    doc = doc_of("# Big news\n\nBy ANN LEE\n\nLONDON (Reuters) - It began.\n\n## Subhead\n\n"
                 "> A quote\n> on two lines.\n\n- item\n", "a.md")
    assert roles(doc) == [
        ("headline", "Big news"), ("byline", "By ANN LEE"), ("dateline", "LONDON (Reuters) -"),
        ("body", "It began."), ("body", "Subhead"), ("quote", "A quote\non two lines."),
        ("body", "item")]


def test_markdown_front_matter_fields() -> None:
    source = ('---\ntitle: Ignored when a headline is given\nheadline: "Big \\u0022news\\u0022"\n'
              "byline: By ANN LEE\ndateline: KYIV, Ukraine\ntags: [a, b]\n---\n\nText.\n")
    doc = doc_of(source, "a.md")
    assert roles(doc) == [("headline", 'Big "news"'), ("byline", "By ANN LEE"),
                          ("dateline", "KYIV, Ukraine"), ("body", "Text.")]
    assert at(doc, "By ANN") == (4, 9)
    assert at(doc, "Big") == (3, 12)  # escaped value: mapped to where it starts
    assert_valid_offsets(doc)


def test_nitf_roles_and_version_2_5() -> None:
    doc = doc_of(
        '<?xml version="1.0"?>\n<!DOCTYPE nitf PUBLIC "-//IPTC-NAA//DTD NITF-XML 2.5//EN" '
        '"nitf-2-5.dtd">\n<nitf><head><title>x</title></head><body><body.head><hedline>'
        "<hl1>Big news</hl1><hl2>The deck</hl2></hedline><byline>By <person>ANN LEE</person>"
        "<byttl>AP Writer</byttl></byline><dateline><location>KYIV</location>, "
        "<story.date>April 7</story.date></dateline><abstract><p>Summary.</p></abstract>"
        "</body.head><body.content><p>Text with <q>a quote</q>.</p><bq><block><p>Block quote."
        "</p></block><credit>A. Person</credit></bq><table><tr><td>Cell</td></tr></table>"
        "</body.content><body.end><tagline>Tag line.</tagline></body.end></body></nitf>", "a.xml")
    assert roles(doc) == [
        ("headline", "Big news"), ("headline", "The deck"), ("byline", "By ANN LEE"),
        ("byline", "AP Writer"),
        ("dateline", "KYIV, April 7"), ("body", "Summary."), ("body", "Text with"),
        ("quote", "a quote"), ("body", "."), ("quote", "Block quote."), ("quote", "A. Person"),
        ("body", "Cell"), ("body", "Tag line.")]


def test_nitf_reads_dtd_entities_without_loading_the_dtd() -> None:
    doc = doc_of('<!DOCTYPE nitf SYSTEM "http://example.com/nitf.dtd">\n'
                 "<nitf><body><body.content><p>A&nbsp;b &mdash; c.</p></body.content></body></nitf>",
                 "a.xml")
    assert doc.text == "A\xa0b — c."
    assert_valid_offsets(doc)


def test_newsml_xhtml_inline_data_and_messages() -> None:
    xhtml = doc_of(
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentMeta><headline>Big '
        "<span>news</span></headline><by>By ANN LEE</by><dateline>KYIV, Ukraine</dateline>"
        '</contentMeta><contentSet><inlineXML contenttype="application/xhtml+xml">'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Big news</title></head><body>'
        "<p>Para one.</p><blockquote><p>Quote.</p></blockquote></body></html></inlineXML>"
        "</contentSet></newsItem>", "a.xml")
    assert roles(xhtml) == [("headline", "Big news"), ("byline", "By ANN LEE"),
                            ("dateline", "KYIV, Ukraine"), ("body", "Para one."), ("quote", "Quote.")]
    plain = doc_of(
        "<newsMessage><header/><itemSet><newsItem><contentMeta><headline>One</headline>"
        '</contentMeta><contentSet><inlineData contenttype="text/plain">First line\nits own paragraph.'
        "\n\n  Second &amp; para.\n</inlineData></contentSet></newsItem><newsItem><contentMeta>"
        "<headline>Two</headline></contentMeta></newsItem></itemSet></newsMessage>", "a.xml")
    # two short lines are not a wrapped paragraph: under --paragraphs auto each is a paragraph
    assert roles(plain) == [("headline", "One"), ("body", "First line"), ("body", "its own paragraph."),
                            ("body", "Second & para."), ("headline", "Two")]
    assert_valid_offsets(plain)


def test_ninjs_2_entries_and_file_order() -> None:
    source = json.dumps({
        "bodies": [{"role": "main", "contenttype": "text/plain", "value": "Plain."},
                   {"role": "main", "contenttype": "text/html", "value": "<p>Html body.</p>"}],
        "headlines": [{"role": "sub", "value": "Sub"}, {"role": "main", "value": "Main head"}],
        "by": "By ANN LEE",
    })
    doc = doc_of(source, "a.json")
    # fields are read in file order, so every offset still grows
    assert roles(doc) == [("body", "Html body."), ("headline", "Main head"), ("byline", "By ANN LEE")]
    assert_valid_offsets(doc)
    doc = doc_of('{"headline": "Head", "body_text": "KYIV, Ukraine (AP) \\u2014 One.\\nTwo."}', "b.json")
    assert roles(doc) == [("headline", "Head"), ("dateline", "KYIV, Ukraine (AP) —"),
                          ("body", "One."), ("body", "Two.")]


def test_iptc7901_framing_latin1_and_messages() -> None:
    data = (b"\x16\x16\x01a0001 r i BC-Cafe 04-07 0100\r\n\x02^Caf\xe9 owners fear kyiv flood<\r\n"
            b"By ANN LEE\r\n\tKYIV, Ukraine (AP) _ The water rose\r\nfast. \x1c\r\n\tMore.\r\n"
            b"\x03\r\nAP-NY-04-07\x04\x01header two\x02Second headline\r\n\tBody two.\r\n\x03")
    doc = read_document(data, "wire.anpa")
    assert roles(doc) == [
        ("headline", "Café owners fear kyiv flood"), ("byline", "By ANN LEE"),
        ("dateline", "KYIV, Ukraine (AP) _"), ("body", "The water rose\nfast."), ("body", "More."),
        ("headline", "Second headline"), ("body", "Body two.")]
    assert_valid_offsets(doc)
    assert at(doc, "kyiv") == (2, 20)  # \x02 and ^ are columns 1 and 2
    assert "a0001" not in doc.text and "AP-NY" not in doc.text


def test_plain_text_wire_convention() -> None:
    doc = doc_of("Headline here\nBy JANE DOE\nAssociated Press\n\nKYIV, Ukraine (AP) — The story.\n",
                 "a.txt")
    assert roles(doc) == [("headline", "Headline here"), ("byline", "By JANE DOE"),
                          ("byline", "Associated Press"), ("dateline", "KYIV, Ukraine (AP) —"),
                          ("body", "The story.")]
    # a first line that is a sentence, and no dateline after it: everything is body
    doc = doc_of("Not a headline, a sentence.\n\nThe story starts here.\n", "a.txt")
    assert roles(doc) == [("body", "Not a headline, a sentence."), ("body", "The story starts here.")]
    doc = doc_of("Headline\n\nBy the time help came, it was over.\n\nBEIRUT — More.\n", "a.txt")
    assert [role for role, _ in roles(doc)] == ["body", "body", "body"]
    # a story that opens with its dateline
    doc = doc_of("WASHINGTON (AP) — The story.\n\nMore.", "a.txt")
    assert roles(doc) == [("dateline", "WASHINGTON (AP) —"), ("body", "The story."),
                          ("body", "More.")]


# detection -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("story.txt", "text"), ("a.text", "text"), ("a.md", "markdown"), ("a.markdown", "markdown"),
    ("a.html", "html"), ("a.HTM", "html"), ("a.json", "ninjs"), ("a.anpa", "iptc7901"),
    ("a.ipt", "iptc7901"), ("a.7901", "iptc7901"), ("a.nitf", "nitf"), ("a.newsml", "newsml"),
])
def test_detection_by_extension(name: str, expected: str) -> None:
    assert detect_format(b"whatever", name) == expected


@pytest.mark.parametrize(("content", "expected"), [
    ("Plain story.\n\nMore.", "text"),
    ("# Heading\n\nText.", "markdown"),
    ("---\nheadline: x\n---\nText.", "markdown"),
    ("See [this](https://example.com).", "markdown"),
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("<p>Just a fragment.</p>", "html"),
    ("Text then <p>a paragraph</p> in it", "html"),
    ('<?xml version="1.0"?>\n<!-- c --><nitf><body/></nitf>', "nitf"),
    ('<?xml version="1.0"?><!DOCTYPE nitf SYSTEM "x.dtd"><nitf/>', "nitf"),
    ('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>', "newsml"),
    ('<g2:newsMessage xmlns:g2="http://iptc.org/std/nar/2006-10-01/"/>', "newsml"),
    ('  {"headline": "x"}', "ninjs"),
    ("\x16\x16\x01header\x02Text\x03", "iptc7901"),
])
def test_detection_by_content(content: str, expected: str) -> None:
    assert detect_format(content.encode(), "story") == expected
    assert detect_format(content.encode(), "<stdin>") == expected


def test_xml_extension_is_told_apart_by_its_root() -> None:
    assert detect_format(b"<nitf/>", "a.xml") == "nitf"
    assert detect_format(b"<?xml version='1.0'?><newsItem/>", "a.xml") == "newsml"
    assert detect_format(b"<html><body/></html>", "a.xml") == "html"
    with pytest.raises(InputError, match=r"^a\.xml: not a news format \(the root element is <rss>\)"):
        read_document(b"<rss/>", "a.xml")


def test_input_format_overrides_detection() -> None:
    doc = read_document(b"<p>kept as text</p>", "a.html", "text")
    assert doc.text == "<p>kept as text</p>"
    assert read_document(b"# Title", "a.txt", "md").blocks[0].role == "headline"
    assert read_document(b"<nitf/>", "a.txt", "xml").text == ""
    assert resolve_format("auto") is None and resolve_format("ANPA") == "iptc7901"
    with pytest.raises(UsageError, match="unknown input format 'docx'"):
        read_document(b"x", "a.txt", "docx")
    assert set(EXTENSIONS.values()) <= set(FORMATS) | {"xml"}


# malformed input -----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.txt", b"line one\nbad \xff byte", r"^a\.txt:2: not valid UTF-8 at byte 13 \(0xff\)"),
    ("a.md", b"# Head\r\n\r\ncaf\xe9", r"^a\.md:3: not valid UTF-8 at byte 13 \(0xe9\)"),
    ("a.html", b"<p>caf\xe9</p>", r"^a\.html:1: not valid UTF-8 at byte 6"),
    ("a.html", b'<meta charset="x-nope"><p>x</p>', r"^a\.html: unknown encoding 'x-nope'"),
    ("a.xml", b"<nitf><body>\n<p>caf\xe9</p></body></nitf>", r"^a\.xml:2: not valid UTF-8"),
    ("a.json", b'{"headline": "caf\xe9"}', r"^a\.json:1: not valid UTF-8"),
    ("a.xml", b"<nitf><body>\n<body.content><p>Text</body.content></body></nitf>",
     r"^a\.xml:2: XML is not well-formed: mismatched tag$"),
    ("a.xml", b"<nitf><body>\n<body.content><p>Text</p>\n", r"^a\.xml:3: XML is not well-formed: "),
    ("a.nitf", b"<nitf><p>x &undefined; y</p></nitf>",
     r"^a\.nitf:1: XML is not well-formed: undefined entity$"),
    ("a.nitf", b"<newsItem/>", r"^a\.nitf: not NITF: the root element is <newsItem>"),
    ("a.newsml", b"<nitf/>", r"^a\.newsml: not NewsML-G2: the root element is <nitf>"),
    ("a.json", b'{\n  "headline": "x",\n  "byline": "y"\n  "body_text": "z"\n}',
     r"^a\.json:4: JSON is not valid: Expecting ',' delimiter \(column 3\)$"),
    ("a.json", b'{"headline": "x"', r"^a\.json:1: JSON is not valid: "),
    ("a.json", b'["x"]', r"^a\.json: not a news format \(JSON, but not ninjs: the top level is "
                         r"not an object\)$"),
    ("a.json", b'{"headline": 5}', r"^a\.json: ninjs 'headline' must be a string, not int$"),
    ("a.json", b'{"headlines": "x"}', r"^a\.json: ninjs 'headlines' must be a list$"),
    ("a.md", b"---\nheadline: [unclosed\n---\nText", r"^a\.md:\d+: front matter is not valid YAML"),
    ("a.7901", b"\x01header only, no text", r"^a\.7901: no STX \(0x02\) start of text"),
    ("a.7901", b"\x01header\r\n\x02Headline\r\n\ttext cut off", r"^a\.7901:2: the text opened here by STX"),
])
def test_malformed_input_is_one_line_input_error(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        read_document(data, name)
    assert "\n" not in str(error.value)


def test_binary_files_are_reported() -> None:
    with pytest.raises(BinaryFile, match=r"^a\.html: binary file, not text$"):
        read_document(b"<p>\x00\x01\x02</p>", "a.html")
    doc = read_document("<p>UTF-16 kyiv</p>".encode("utf-16"), "a.html")  # a BOM: not binary
    assert doc.text == "UTF-16 kyiv"


@pytest.mark.parametrize("dtd", [
    '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',  # billion laughs
    '<!ENTITY xxe SYSTEM "file:///etc/passwd">',  # external entity
    '<!ENTITY % remote SYSTEM "http://example.com/evil.dtd"> %remote;',  # parameter entity
])
def test_xml_entity_declarations_are_refused(dtd: str) -> None:
    data = f'<?xml version="1.0"?>\n<!DOCTYPE nitf [\n{dtd}\n]>\n<nitf><p>&lol2;</p></nitf>'.encode()
    with pytest.raises(InputError, match=r"^a\.xml:3: XML entity declarations are not allowed"):
        read_document(data, "a.xml")


def test_declared_encodings_are_honoured() -> None:
    xml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<nitf><body><body.content><p>Caf\xe9 kyiv</p>' \
          "</body.content></body></nitf>"
    doc = read_document(xml.encode("latin-1"), "a.xml")
    assert doc.text == "Café kyiv" and at(doc, "kyiv") == (2, 35)
    html = '<meta charset="windows-1252"><p>\x93Caf\xe9\x94 kyiv</p>'.encode("latin-1")
    assert read_document(html, "a.html").text == "“Café” kyiv"


def test_unclosed_html_is_fine() -> None:
    doc = doc_of("<div><p>One <b>bold<p>Two<li>Three<li>Four</div><p>Five", "a.html")
    assert doc.text == "One bold\n\nTwo\n\nThree\n\nFour\n\nFive"
    assert_valid_offsets(doc)


# the builder and the map ---------------------------------------------------------------------

def test_offset_map_runs_compose_and_end_of() -> None:
    builder = TextBuilder()
    builder.copy("ab", 10, "body")
    builder.put("&", 12, "body", end=17)
    builder.copy("cd", 17, "body")
    text, offsets, blocks = builder.result()
    assert text == "ab&cd" and list(offsets) == [10, 11, 12, 17, 18, 19]
    assert offsets == [10, 11, 12, 17, 18, 19] and offsets[1:3] == [11, 12] and offsets[-1] == 19
    assert [offsets.end_of(i) for i in range(5)] == [11, 12, 17, 18, 19]
    assert blocks == [blocks[0]] and (blocks[0].start, blocks[0].end) == (0, 5)
    outer = OffsetMap([0, 12, 13], [100, 200, 300], [1, 0, 1], 31)
    composed = offsets.compose(outer)
    assert list(composed) == [outer[i] for i in offsets]
    with pytest.raises(IndexError):
        offsets[6]


def test_separators_and_collapsed_space_map_to_markup() -> None:
    source = "<p>One\n   two</p>\n<p>Three</p>"
    doc = doc_of(source, "a.html")
    assert doc.text == "One two\n\nThree"
    assert doc.offsets[3] == source.index("\n")  # the collapsed white space
    assert doc.offsets[7] == source.index("</p>")  # the paragraph break, at the closing tag


def test_malformed_files_through_the_cli(cli, tmp_path) -> None:
    (tmp_path / "a.json").write_text('{"headline": "Fine",\n "body_text": "x"\n', encoding="utf-8")
    (tmp_path / "b.xml").write_text("<nitf><body><p>Cut off", encoding="utf-8")
    good = tmp_path / "c.html"
    good.write_text("<p>The the council met.</p>\n", encoding="utf-8")
    run = cli("check", "--format", "json", tmp_path / "a.json", tmp_path / "b.xml", good)
    assert run.code == 2
    assert [(f["path"], f["line"], f["column"]) for f in run.findings] == [(str(good), 1, 4)]
    errors = [line for line in run.err.splitlines() if line.startswith("copylint: error:")]
    assert len(errors) == 2
    assert errors[0].startswith(f"copylint: error: {tmp_path / 'a.json'}:") and "JSON" in errors[0]
    assert errors[1].startswith(f"copylint: error: {tmp_path / 'b.xml'}:") and "XML" in errors[1]
