"""Copy as it really arrives (issue 11): stories written for these tests in both layouts, one
paragraph a line and blank-line paragraphs, with every class of mechanical damage at exact
lines and columns; a furniture line draws one finding; plain text inside other formats."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES
from story_support import assert_in_both_layouts

from copylint import lint_text
from copylint.readers import read_document

REALCOPY = FIXTURES / "realcopy"

# (line, column, rule) in the one-paragraph-a-line version; the blank-line version has the same
# findings with a blank line between paragraphs, so on line 2 * line - 1
STORM = [
    (2, 1, "scrape.caption"),          # one finding for the caption, none for "Oct. 12" in it
    (3, 1, "scrape.caption"),          # the repeat: the caption rule speaks, not repeated-line too
    (4, 1, "scrape.timestamp"),
    (5, 22, "ap.dateline"),            # (AP) -- on line 5, found in the line layout too
    (5, 48, "wordbreaks.glued"),       # asurge
    (5, 119, "wordbreaks.glued"),      # theNational
    (6, 46, "encoding.mojibake"),      # itâ€™s
    (7, 89, "quotes.reopened"),        # fast.” “We
    (8, 1, "scrape.site-furniture"),   # Advertisement
    (9, 62, "encoding.html-entity"),   # &amp;
    (10, 1, "scrape.site-furniture"),  # Read more: ...
    (11, 144, "truncation.mid-sentence"),
    (12, 63, "garble.truncated-headline"),  # over... (the more specific truncation rule)
    (13, 1, "scrape.source-line"),
]
COUNCIL = [
    (3, 84, "punctuation.missing-space"),       # Tuesday.Council
    (4, 67, "ap.quote-punctuation"),            # city”.
    (5, 9, "punctuation.comma-before-quote"),   # added “We
    (6, 32, "ap.percent-space"),                # 2.5 %
    (6, 50, "ap.thousands"),                    # about 3000 jobs
    (7, 1, "ap.title-abbreviation"),            # Lt
    (7, 4, "ap.title-abbreviation"),            # Gen
    (7, 73, "ap.us-period"),                    # U.S officials
    (8, 26, "punctuation.hanging-hyphen"),      # incredible- she
    (9, 1, "quotes.single-primary"),            # ‘We have waited
    (10, 25, "ap.numeral"),                     # ten-year
    (10, 42, "punctuation.dash"),               # schedule - the
    (11, 1, "quotes.unbalanced"),               # opened, then ", the clerk said"
    (12, 37, "punctuation.unclosed-aside"),     # , Marta Ellison Reyes said
]


@pytest.mark.parametrize(("name", "expected"), [("storm", STORM), ("council", COUNCIL)])
def test_fixture_stories_in_both_layouts(cli, name: str, expected: list) -> None:
    line = cli("check", "--format", "json", REALCOPY / f"{name}-line.txt")
    assert line.triples() == expected
    blank = cli("check", "--format", "json", REALCOPY / f"{name}-blank.txt")
    assert blank.triples() == [(2 * row - 1, column, rule) for row, column, rule in expected]


def test_suggestions_repair_the_damage(cli) -> None:
    run = cli("check", "--format", "json", REALCOPY / "storm-line.txt")
    suggestions = [(f["line"], f["rule"], f["suggestions"]) for f in run.findings]
    assert (6, "encoding.mojibake", ["’"]) in suggestions
    assert (9, "encoding.html-entity", ["&"]) in suggestions
    assert (5, "wordbreaks.glued", ["a surge"]) in suggestions
    assert (5, "wordbreaks.glued", ["the National"]) in suggestions
    assert (5, "ap.dateline", [" —"]) in suggestions


# -- reading: layout, headline, dateline -------------------------------------------------------

def _paragraphs(text: str, layout: str = "auto") -> list[str]:
    from copylint.readers.layout import paragraph_spans

    return [text[start:end] for start, end in paragraph_spans(text, layout)]


WRAPPED = (
    "WASHINGTON (Reuters) - The Senate moved closer on Monday to a vote\n"
    "on the infrastructure bill, with a final tally possible as soon as\n"
    "Tuesday.\n"
    "The legislation cleared a procedural hurdle late on Sunday, when the\n"
    "Senate voted 69-28 to limit debate on the plan to no more than thirty\n"
    "hours.\n"
    "   An indented line opens a paragraph of its own even though the line\n"
    "before it ran to the margin, as old wire copy marked paragraphs.\n")


def test_layout_detection() -> None:
    # one paragraph a line, no blank lines: every line is a paragraph
    assert _paragraphs("Headline here\nFirst paragraph of the story.\nSecond one.\n") == [
        "Headline here", "First paragraph of the story.", "Second one."]
    # blank-line paragraphs
    assert _paragraphs("One.\n\nTwo.\n\n\nThree.") == ["One.", "Two.", "Three."]
    # hard-wrapped: a break is a soft wrap unless the next word would have fitted on the line
    paragraphs = _paragraphs(WRAPPED)
    assert len(paragraphs) == 3
    assert paragraphs[0].endswith("Tuesday.") and paragraphs[1].endswith("hours.")
    assert paragraphs[2].startswith("An indented line")
    # a line that opens in lower case continues the paragraph however short the line before
    assert len(_paragraphs(WRAPPED.replace("Tuesday.", "Tuesday and\nafter."))) == 3
    # the overrides
    assert _paragraphs(WRAPPED, "line") == [line.strip() for line in WRAPPED.splitlines()]
    assert _paragraphs("a\nb\n\nc", "blank") == ["a\nb", "c"]


def test_wrapped_copy_is_not_read_line_by_line(cli, tmp_path) -> None:
    # a quotation that runs over a wrapped line, a line that is only "Tuesday." (not a
    # timestamp) and a paragraph that ends without a full stop on a line of its own (not cut)
    story = tmp_path / "wrapped.txt"
    story.write_text(
        "Senate nears vote on infrastructure bill\n\n"
        "WASHINGTON (Reuters) - The Senate moved closer on Monday to a vote\n"
        "on the infrastructure bill, and its leader said “we are very close\n"
        "now,” with a final tally possible as soon as the evening of next\n"
        "Tuesday.\n"
        "The legislation cleared a procedural hurdle late on Sunday, when the\n"
        "Senate voted 69-28 to limit debate on the plan to no more than thirty\n"
        "hours.\n", encoding="utf-8")
    assert cli("check", "--format", "json", story).findings == []


def _roles(text: str) -> list[tuple[str, str]]:
    doc = read_document(text.encode(), "story.txt")
    return [(block.role, doc.text[block.start:block.end]) for block in doc.blocks]


def test_headline_without_a_dateline_in_the_line_layout() -> None:
    roles = _roles("US stocks fall on inflation worries\nWall Street fell on Tuesday.\n")
    assert roles == [("headline", "US stocks fall on inflation worries"),
                     ("body", "Wall Street fell on Tuesday.")]
    assert lint_text("US stocks fall on inflation worries\nWall Street fell on Tuesday.\n",
                     "story.txt") == []
    # a first line that is a sentence is body, and US in it is flagged
    findings = lint_text("US officials said on Tuesday that stocks fell sharply.\nMore came.\n",
                         "story.txt")
    assert [(f.line, f.column, f.rule) for f in findings] == [(1, 1, "ap.us")]


def test_dateline_on_line_two_is_checked_and_not_a_doubled_word() -> None:
    text = "Drones hit Kyiv\nKYIV, Ukraine (AP) - Drones hit the capital on Monday.\n"
    assert _roles(text)[:2] == [("headline", "Drones hit Kyiv"), ("dateline", "KYIV, Ukraine (AP) -")]
    findings = [(f.line, f.column, f.rule) for f in lint_text(text, "story.txt")]
    assert findings == [(2, 19, "ap.dateline")]  # and no garble.doubled-word over Kyiv / KYIV


def test_dateline_forms_in_the_line_layout() -> None:
    cases = {
        "JERUSALEM – The cabinet met on Sunday.": (1, 10, "ap.dateline"),
        "WASHINGTON AP — The Senate voted on Monday.": (1, 12, "ap.dateline-form"),
        "SEOUL, South Korea — (AP) — North Korea fired a missile.": (1, 19, "ap.dateline-form"),
        "NEW YORK -- Stocks fell on Tuesday.": (1, 9, "ap.dateline"),
    }
    for opening, expected in cases.items():
        text = f"Markets and missiles\n{opening}\n"
        findings = [(f.line - 1, f.column, f.rule) for f in lint_text(text, "story.txt")]
        assert findings == [expected], opening
    # another agency's own hyphen is right, and so is AP's em dash
    for opening in ("LONDON (Reuters) - Lawmakers voted.", "BEIRUT (AP) — The port reopened."):
        assert lint_text(f"Votes and ports\n{opening}\n", "story.txt") == []


def test_ap_quotation_continuation_in_the_line_layout() -> None:
    text = ("Minister defends plan\n"
            "“We will rebuild every school,” the minister said. “We will start in the east.\n"
            "“The damage is worst there, and we will finish by the spring.”\n")
    assert lint_text(text, "story.txt") == []
    # the same quotation left open with nothing to continue it is still found
    findings = lint_text(text.replace("“The damage", "The damage"), "story.txt")
    assert [(f.line, f.column, f.rule) for f in findings] == [
        (2, 52, "quotes.unbalanced"), (3, 61, "quotes.unbalanced")]


def test_paragraphs_option_overrides_the_detection(cli, tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Minister defends plan\n“We will rebuild,\n“and we will start now,” he said.\n",
                     encoding="utf-8")
    assert cli("check", "--format", "json", story).findings == []
    run = cli("check", "--format", "json", "--paragraphs", "blank", story)
    # read as one paragraph, the second opening mark reopens a quotation that never closed
    assert [f["rule"] for f in run.findings] == ["quotes.unbalanced"]


def test_plain_text_inside_other_formats_gets_the_layout() -> None:
    body = "KYIV, Ukraine (AP) \u2014 Drones hit Kyiv.\nThe mayor spoke.\nUS officials said so."
    ninjs = json.dumps({"uri": "x", "headline": "Drones hit Kyiv", "body_text": body})
    doc = read_document(ninjs.encode(), "item.json")
    roles = [(b.role, doc.text[b.start:b.end]) for b in doc.blocks]
    assert roles == [("headline", "Drones hit Kyiv"), ("dateline", "KYIV, Ukraine (AP) \u2014"),
                     ("body", "Drones hit Kyiv."), ("body", "The mayor spoke."),
                     ("body", "US officials said so.")]
    iptc = (b"\x01\x02Drones hit Kyiv\r\nKYIV, Ukraine (AP) _ Drones hit Kyiv.\r\n"
            b"The mayor spoke.\r\n\x03")
    doc = read_document(iptc, "wire.anpa")
    assert [doc.text[b.start:b.end] for b in doc.blocks] == [
        "Drones hit Kyiv", "KYIV, Ukraine (AP) _", "Drones hit Kyiv.", "The mayor spoke."]


# -- precision: what the new rules must leave alone ---------------------------------------------

def test_words_that_look_glued_but_are_not() -> None:
    text = ("Brands and numbers\nShe sold her iPhone on eBay, ate at McDonald’s, watched YouTube "
            "and read apnews.com. Prices rose 3.5% in the U.S., the No. 2 official said.\n")
    assert lint_text(text, "story.txt") == []


def test_names_run_together_are_split() -> None:
    """Two words of a name or of a capitalized collocation run together are glued words, even
    where the joined form is a web word (whitehouse); brands that join other words stay whole."""
    text = ("Talks end without a deal\n"
            "WASHINGTON (AP) — The WhiteHouse said the PrimeMinister would fly to NewYork.\n"
            "Shares of BlackRock, SoftBank and JetBlue rose, and SouthState fell.\n")
    found = [(f.rule, f.line, f.column, f.suggestions[0]) for f in lint_text(text, "story.txt")]
    assert found == [("wordbreaks.glued", 2, 23, "White House"),
                     ("wordbreaks.glued", 2, 43, "Prime Minister"),
                     ("wordbreaks.glued", 2, 70, "New York")]


def test_sentences_that_use_furniture_words_stay_clean() -> None:
    text = ("Council debates budget\n"
            "The council will vote on the budget next week, the mayor said.\n"
            "Read more about the plan in the council’s report, officials said on Monday.\n"
            "The source said the updated figures were published on Tuesday, May 8, 2024.\n"
            "Most read the report before the vote, and the photo of the meeting was shared widely.\n")
    assert lint_text(text, "story.txt") == []


def test_encoding_damage_of_every_kind() -> None:
    text = ("Encoding damage\n"
            "Randall\\'s family said \\\"We will go on.\\\"\n"
            "The caf\ufffd owner left <br /> early; Kufuor''s aide stayed.\n"
            "The minister rsquo;s plan&nbsp;passed.\n")
    found = [(f.line, f.column, f.rule, f.suggestions) for f in lint_text(text, "story.txt")]
    assert found == [
        (2, 8, "encoding.backslash-escape", ("'",)),
        (2, 24, "encoding.backslash-escape", ('"',)),
        (2, 40, "encoding.backslash-escape", ('"',)),
        (3, 8, "encoding.replacement-character", ()),
        (3, 21, "encoding.markup", ()),
        (3, 41, "encoding.sql-apostrophe", ("’",)),
        (4, 14, "encoding.html-entity", ("’",)),
        (4, 26, "encoding.html-entity", ("\xa0",)),
    ]


# -- the new rule kinds: their mistakes are file:line errors ---------------------------------------

def _pack(kind: str, params: str) -> str:
    return (f"pack: desk\nrules:\n  - id: r\n    kind: {kind}\n    severity: error\n"
            f"    message: m\n{params}    examples:\n      flag: ['[[x]]']\n      clean: ['y']\n"
            "    description: A desk rule.\n")


@pytest.mark.parametrize(("kind", "params", "expected"), [
    ("paragraph-end", "    pattern: 'x\\\\Z'\n    window: 0\n",
     ":8: desk.r: 'window' must be a positive number of characters"),
    ("paragraph-start", "    pattern: 'x'\n    first_char: '['\n", ":8: desk.r: invalid regex"),
    ("glued-words", "    function_words: [the, '1']\n", ":7: desk.r: 'function_words' must be words"),
    ("sentence-length", "    max_words: 0\n", ":7: desk.r: 'max_words' must be at least 1"),
    ("repeated-lines", "    min_words: 0\n", ":7: desk.r: 'min_words' must be at least 1"),
    ("boilerplate", "    lines: ['x']\n    contains: ['']\n", ":8: desk.r: 'contains' holds an empty"),
    ("boilerplate", "    lines: ['x']\n    line_contains: '('\n", ":8: desk.r: invalid regex"),
    ("pattern", "    pattern: 'x'\n    contains: ['']\n", ":8: desk.r: 'contains' holds an empty"),
])
def test_new_kinds_report_bad_parameters_at_their_line(cli, tmp_path, kind: str, params: str,
                                                       expected: str) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "desk.yaml").write_text(_pack(kind, params), encoding="utf-8")
    run = cli("test-rules", rules)
    assert run.code == 2
    assert run.err.strip().startswith(f"copylint: error: {rules / 'desk.yaml'}{expected}"), run.err


def test_a_furniture_line_two_rules_know_gets_one_finding() -> None:
    """The more specific whole-line rule speaks (a caption in a rail, a breadcrumb that is also
    navigation); each line gets one finding."""
    text = ("Storm hits coast\n"
            "The storm hit the coast on Monday, officials said.\n"
            "Click here to read more\n"
            "Share on Facebook\n"
            "FILE - In this Oct. 12, 2023, file photo, crews clear a road. (AP Photo/Jane Doe, File)\n"
            "Crews worked through the night, the mayor said.\n")
    found = [(f.line, f.rule) for f in lint_text(text, path="story.txt")]
    lines = [line for line, _ in found]
    assert len(lines) == len(set(lines)) == 3
    assert (5, "scrape.file-photo") in found


def test_captions_that_lost_their_credit() -> None:
    """A line in caption form (a subject, a photo verb in the present tense, a place) is a caption
    even when its credit is gone; a credited one is `scrape.caption`'s; a headline, a sentence in
    the present tense about a place and attributed copy stay clean."""
    story = (REALCOPY / "captions-uncredited.txt").read_text(encoding="utf-8")
    lines = story.split("\n")
    expected = [(line, 1, rule, lines[line - 1], None) for line, rule in (
        (3, "scrape.caption-uncredited"), (5, "scrape.caption-uncredited"),
        (7, "scrape.caption"), (9, "scrape.caption-uncredited"))]
    assert_in_both_layouts(story.rstrip("\n"), ("scrape.caption", "scrape.caption-uncredited"),
                           expected)


def test_a_masthead_above_the_story() -> None:
    """The name of the site the story was copied from, on a line of its own, is furniture; the
    agency's byline and a sentence that names a newspaper are copy."""
    story = ("Harbor Valley Gazette\n"
             "Port reopens after strike\n"
             "Associated Press\n"
             "PORT ALDER, Fla. (AP) — The port reopened on Monday, officials said.\n"
             "The Harbor Valley Gazette first reported the deal on Sunday.\n"
             "The Jakarta Post (website)")
    lines = story.split("\n")
    assert_in_both_layouts(story, ("scrape.masthead", "scrape.navigation"), [
        (1, 1, "scrape.masthead", lines[0], None),
        (6, 1, "scrape.masthead", lines[5], None)])
