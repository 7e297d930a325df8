"""The LanguageTool-compatible API (`/v2/check`, `/v2/languages`) over loopback: LanguageTool's
JSON shape, UTF-16 offsets, annotated text, rule selection, language-tool-python's remote mode
against it, and a real LanguageTool (the stand-in) merged in with `--languagetool URL`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lt_fake_server import FakeLanguageTool
from test_server_support import ServerProcess, serve, utf16_offset


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> ServerProcess:
    process = serve(tmp_path_factory.mktemp("serve-lt"))
    yield process
    assert process.stop() == 0


def check(server: ServerProcess, **fields: str) -> dict:
    answer = server.post_form("/v2/check", {"language": "en-US", **fields})
    assert answer.status == 200, answer.text
    return answer.json()


def test_languages(server: ServerProcess) -> None:
    languages = server.get("/v2/languages").json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in languages
    assert {"name": "English (GB)", "code": "en", "longCode": "en-GB"} in languages
    assert all(set(item) == {"name", "code", "longCode"} for item in languages)
    assert [item["name"] for item in languages] == sorted(item["name"] for item in languages)


def test_answer_has_languagetools_shape(server: ServerProcess) -> None:
    text = "Officials met Volodomir on Tuesday. The the talks ended."
    data = check(server, text=text)
    assert list(data) == ["software", "warnings", "language", "matches", "sentenceRanges"]
    assert data["software"] == {"name": "copylint", "version": data["software"]["version"],
                                "buildDate": None, "apiVersion": 1, "premium": False, "status": ""}
    assert data["warnings"] == {"incompleteResults": False}
    assert data["language"]["code"] == "en-US" and data["language"]["name"] == "English (US)"
    assert data["language"]["detectedLanguage"]["code"] == "en-US"
    assert data["sentenceRanges"] == [[0, 35], [36, 56]]
    name, repeat = data["matches"]
    assert list(name) == ["message", "shortMessage", "replacements", "offset", "length", "context",
                          "sentence", "type", "rule", "ignoreForIncompleteSentence",
                          "contextForSureMatch"]
    assert name["message"] == "Misspelled name: “Volodomir” should be “Volodymyr”."
    assert (name["offset"], name["length"]) == (14, 9)
    assert name["replacements"] == [{"value": "Volodymyr"}]
    assert name["context"] == {"text": text, "offset": 14, "length": 9}
    assert name["sentence"] == "Officials met Volodomir on Tuesday."
    assert name["type"] == {"typeName": "UnknownWord"}
    assert name["rule"]["id"] == "names.misspelled"
    assert name["rule"]["issueType"] == "misspelling"
    assert name["rule"]["category"] == {"id": "NAMES", "name": "Names"}
    assert repeat["rule"]["id"] == "garble.doubled-word"
    assert (repeat["offset"], repeat["length"]) == (36, 7)
    assert repeat["sentence"] == "The the talks ended."
    assert repeat["type"] == {"typeName": "Other"}


@pytest.mark.parametrize("before", [
    "Crowds 😀😀 cheered as ",                       # emoji: two UTF-16 units each
    "The cafe\u0301 and the cre\u0300me bru\u0302le\u0301e: ",  # combining marks: one unit each
    "A flag 🇺🇦 and 👩🏽‍🚒 then ",                    # flags, skin tones and joiners
    "\ufeffTitle line\r\nSecond line\r\n",            # a BOM and CRLF line ends, counted as sent
    "Old Mac line\rNext ",                            # a lone CR
])
def test_offsets_are_utf16_units_of_the_text_as_sent(server: ServerProcess, before: str) -> None:
    text = before + "Volodomir spoke in kyiv."
    data = check(server, text=text)
    spans = {(m["rule"]["id"], m["offset"], m["length"]) for m in data["matches"]}
    name = text.index("Volodomir")
    city = text.index("kyiv")
    assert ("names.misspelled", utf16_offset(text, name), 9) in spans
    assert ("names.capitalization", utf16_offset(text, city), 4) in spans
    units = text.encode("utf-16-le")
    for match in data["matches"]:
        start, length = match["offset"] * 2, match["length"] * 2
        assert units[start:start + length].decode("utf-16-le") in ("Volodomir", "kyiv")
        context = match["context"]
        in_context = context["text"].encode("utf-16-le")[context["offset"] * 2:][:length]
        assert in_context.decode("utf-16-le") in ("Volodomir", "kyiv")


def test_context_is_cut_like_languagetools(server: ServerProcess) -> None:
    text = "x" * 50 + " and Volodomir said " + "y" * 60
    match = check(server, text=text)["matches"][0]
    start = text.index("Volodomir")
    assert match["context"]["text"] == "..." + text[start - 40:start + 9 + 40] + "..."
    assert match["context"]["offset"] == 43


def test_annotated_data_maps_offsets_into_the_markup(server: ServerProcess) -> None:
    annotation = [{"markup": "<p>"}, {"text": "Officials in kyiv said so."},
                  {"markup": "</p>\n<p class=\"x\">", "interpretAs": "\n\n"},
                  {"text": "the the convoy left."}, {"markup": "</p>"}]
    data = check(server, data=json.dumps({"annotation": annotation}))
    markup = "".join(part.get("text", part.get("markup")) for part in annotation)
    spans = {(m["rule"]["id"], m["offset"], m["length"]) for m in data["matches"]}
    assert ("names.capitalization", markup.index("kyiv"), 4) in spans
    assert ("garble.doubled-word", markup.index("the the"), 7) in spans
    kyiv = next(m for m in data["matches"] if m["rule"]["id"] == "names.capitalization")
    end = markup.index("kyiv") + 4
    assert kyiv["context"] == {"text": markup[:end + 40].replace("\n", " ") + "...",
                               "offset": markup.index("kyiv"), "length": 4}
    assert kyiv["sentence"] == "Officials in kyiv said so."
    plain = check(server, data=json.dumps({"text": "Volodomir"}))["matches"]
    assert [(m["offset"], m["length"]) for m in plain] == [(0, 9)]


@pytest.mark.parametrize(("fields", "reason"), [
    ({"language": "en-US"}, "Missing 'text' or 'data' parameter"),
    ({"language": "en-US", "text": "a", "data": "{}"}, "Set only 'text' or 'data' parameter, not both"),
    ({"text": "a"}, "Missing 'language' parameter"),
    ({"text": "a", "language": "de-DE"}, "'de-DE' is not a language code this server knows"),
    ({"text": "a", "language": "en-US", "level": "strict"}, "If 'level' is set, it must be set to"),
    ({"data": "{oops", "language": "en-US"}, "Could not parse JSON from 'data' parameter"),
    ({"data": '{"annotation": [{"text": "a", "markup": "<b>"}]}', "language": "en-US"},
     "Only either 'text' or 'markup'"),
    ({"text": "a", "language": "en-US", "enabledOnly": "true"}, "You must specify enabled rules"),
    ({"text": "a", "language": "en-US", "enabledOnly": "true", "enabledRules": "x",
      "disabledRules": "y"}, "You cannot specify disabled rules"),
])
def test_bad_requests_get_languagetools_400(server: ServerProcess, fields: dict, reason: str) -> None:
    answer = server.post_form("/v2/check", fields)
    assert answer.status == 400
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.text.startswith("Error: " + reason)


def test_form_that_is_not_utf8_is_400(server: ServerProcess) -> None:
    answer = server.request("POST", "/v2/check", b"language=en-US&text=caf%E9",
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 400
    assert answer.text.startswith("Error: the form data is not UTF-8")


def test_get_with_query_parameters_works_as_in_languagetool(server: ServerProcess) -> None:
    answer = server.get("/v2/check?language=auto&text=Volodomir%20spoke.")
    assert answer.status == 200
    assert [m["rule"]["id"] for m in answer.json()["matches"]] == ["names.misspelled"]


def test_rule_and_category_selection(server: ServerProcess) -> None:
    text = "Volodomir and kyiv. The the end."
    every = [m["rule"]["id"] for m in check(server, text=text)["matches"]]
    assert every == ["names.misspelled", "names.capitalization", "garble.doubled-word"]
    fewer = check(server, text=text, disabledRules="names.misspelled,WHITESPACE_RULE")
    assert [m["rule"]["id"] for m in fewer["matches"]] == ["names.capitalization", "garble.doubled-word"]
    no_names = check(server, text=text, disabledCategories="Names")
    assert [m["rule"]["id"] for m in no_names["matches"]] == ["garble.doubled-word"]
    only = check(server, text=text, enabledOnly="true", enabledRules="garble.doubled-word")
    assert [m["rule"]["id"] for m in only["matches"]] == ["garble.doubled-word"]
    category = check(server, text=text, enabledOnly="yes", enabledCategories="NAMES")
    assert [m["rule"]["id"] for m in category["matches"]] == ["names.misspelled", "names.capitalization"]
    nothing = check(server, text=text, enabledOnly="true", enabledRules="SOME_LT_RULE")
    assert nothing["matches"] == []


def test_language_tool_python_remote_mode(server: ServerProcess) -> None:
    language_tool_python = pytest.importorskip("language_tool_python")
    text = "Crowds 😀 cheered Volodomir in kyiv. The the convoy left."
    tool = language_tool_python.LanguageTool("en-US", remote_server=server.url)
    try:
        matches = tool.check(text)
        found = [(m.rule_id, m.offset, m.error_length, m.replacements, m.category) for m in matches]
        assert found == [
            ("names.misspelled", text.index("Volodomir"), 9, ["Volodymyr"], "NAMES"),
            ("names.capitalization", text.index("kyiv"), 4, ["Kyiv"], "NAMES"),
            ("garble.doubled-word", text.index("The the"), 7, ["The"], "GARBLE"),
        ]
        assert matches[0].message == "Misspelled name: “Volodomir” should be “Volodymyr”."
        assert tool.correct(text) == "Crowds 😀 cheered Volodymyr in Kyiv. The convoy left."
        tool.disabled_rules = {"names.misspelled"}
        tool.picky = True
        assert [m.rule_id for m in tool.check(text)] == ["names.capitalization", "garble.doubled-word"]
        tool.disabled_rules = set()
        tool.enabled_rules = {"garble.doubled-word"}
        tool.enabled_rules_only = True
        assert [m.rule_id for m in tool.check(text)] == ["garble.doubled-word"]
    finally:
        tool.close()


def test_level_default_leaves_out_info_findings(tmp_path: Path) -> None:
    (tmp_path / ".copylint.yaml").write_text("severity:\n  ap.percent: info\n", encoding="utf-8")
    process = serve(tmp_path)
    try:
        text = "Prices rose 5 percent in kyiv."
        default = process.post_form("/v2/check", {"language": "en-US", "text": text}).json()
        picky = process.post_form("/v2/check", {"language": "en-US", "text": text,
                                                "level": "picky"}).json()
        assert [m["rule"]["id"] for m in default["matches"]] == ["names.capitalization"]
        assert [m["rule"]["id"] for m in picky["matches"]] == ["ap.percent", "names.capitalization"]
        assert picky["matches"][0]["type"] == {"typeName": "Hint"}
    finally:
        assert process.stop() == 0


def test_languagetool_matches_are_merged_and_deduplicated(tmp_path: Path) -> None:
    with FakeLanguageTool() as fake:
        process = serve(tmp_path, "--languagetool", fake.url)
        try:
            text = "He said teh plan was ready. The the convoy left kyiv."
            v1 = process.post_json("/v1/check", {"text": text}).json()
            rules = [(f["rule"], f["column"], f["severity"]) for f in v1["findings"]]
            assert ("languagetool/MORFOLOGIK_RULE_EN_US", text.index("teh") + 1, "warning") in rules
            assert ("garble.doubled-word", text.index("The the") + 1, "error") in rules
            assert not any(rule == "languagetool/ENGLISH_WORD_REPEAT_RULE" for rule, _, _ in rules)
            assert process.get("/v1/info").json()["languagetool"] is True

            other = "Officials said teh talks went on."
            data = process.post_form("/v2/check", {"language": "en-US", "text": other}).json()
            [typo] = data["matches"]
            assert typo["rule"]["id"] == "MORFOLOGIK_RULE_EN_US"
            assert typo["rule"]["issueType"] == "misspelling"
            assert typo["rule"]["category"]["id"] == "TYPOS"
            assert (typo["offset"], typo["length"]) == (other.index("teh"), 3)
            assert typo["replacements"][0] == {"value": "the"}

            fake.reset()
            third = "Later teh convoy moved. Volodomir spoke."
            fewer = process.post_form("/v2/check", {
                "language": "en-US", "text": third,
                "disabledRules": "MORFOLOGIK_RULE_EN_US,names.misspelled"}).json()
            assert fewer["matches"] == []
            sent = fake.checks[-1]
            assert sent["disabledRules"] == "MORFOLOGIK_RULE_EN_US"  # copylint's own id stays here

            fake.status = 500
            down = process.post_json("/v1/check", {"text": "A fresh story about kyiv."}).json()
            assert [f["rule"] for f in down["findings"]] == ["names.capitalization"]
            assert any("LanguageTool" in warning for warning in down["warnings"])
            lt_down = process.post_form("/v2/check", {"language": "en-US",
                                                      "text": "Another story from kyiv."}).json()
            assert lt_down["warnings"]["incompleteResults"] is True
            assert "LanguageTool" in lt_down["warnings"]["incompleteResultsReason"]
            assert [m["rule"]["id"] for m in lt_down["matches"]] == ["names.capitalization"]
        finally:
            assert process.stop() == 0
