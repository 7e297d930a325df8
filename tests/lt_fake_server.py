"""A small stand-in for a LanguageTool server, for the tests and the benchmark.

It speaks the documented HTTP API (`GET /v2/languages`, `POST /v2/check` with a form-encoded
`text` and `language`, plus `enabledRules`, `disabledRules`, `disabledCategories`, `level`) on
127.0.0.1 and a free port, answers in LanguageTool's JSON shape, and computes its matches from the
text it receives with a handful of rules named like LanguageTool's own. Offsets and lengths count
UTF-16 code units, as LanguageTool's (Java's) do.

Switches simulate failures: `status` (answer every request to `status_paths` with that HTTP
status), `delay` (seconds to wait before answering, on `status_paths` too), `malformed` ('html',
'truncated' or 'shape'), `max_text_length` (answer 413 above it, as a server with maxTextLength
does), `incomplete` (the check runs out of time: with `allowIncompleteResults=true` the answer
sets warnings.incompleteResults and its reason, without it the server fails with HTTP 500, as
LanguageTool's TextChecker does). Every request is recorded in `requests`.

    with FakeLanguageTool() as server:
        settings = LanguageToolSettings(server=server.url, cache_dir=tmp_path)
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "French", "code": "fr", "longCode": "fr"},
]
LANGUAGE_NAMES = {item["longCode"]: item["name"] for item in LANGUAGES}

MISSPELLINGS = {"Volodomir": ["Volodymyr", "Vladimir"], "teh": ["the", "ten", "tech"],
                "recieve": ["receive"], "goverment": ["government"]}

CATEGORIES = {
    "TYPOGRAPHY": "Typography", "MISC": "Miscellaneous", "PUNCTUATION": "Punctuation",
    "CASING": "Capitalization", "TYPOS": "Possible Typo", "GRAMMAR": "Grammar",
}


def utf16(text: str) -> int:
    """Length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class _Rule:
    def __init__(self, rule_id: str, description: str, issue_type: str, category: str,
                 short: str = "") -> None:
        self.id = rule_id
        self.description = description
        self.issue_type = issue_type
        self.category = category
        self.short = short

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "description": self.description, "issueType": self.issue_type,
                "category": {"id": self.category, "name": CATEGORIES[self.category]}}


WHITESPACE = _Rule("WHITESPACE_RULE", "Whitespace repetition (bad formatting)", "whitespace", "TYPOGRAPHY",
                   "Repeated whitespace")
A_VS_AN = _Rule("EN_A_VS_AN", "Use of 'a' vs. 'an'", "misspelling", "MISC", "Wrong article")
REPEAT = _Rule("ENGLISH_WORD_REPEAT_RULE", "Word repetition (e.g. 'will will')", "duplication", "MISC",
               "Word repetition")
DOUBLE = _Rule("DOUBLE_PUNCTUATION", "Use of two consecutive dots or commas", "typographical",
               "PUNCTUATION", "Double punctuation")
SPACE_BEFORE = _Rule("COMMA_PARENTHESIS_WHITESPACE", "Use of whitespace before comma and before/after "
                     "parentheses", "whitespace", "TYPOGRAPHY", "")
UPPERCASE = _Rule("UPPERCASE_SENTENCE_START", "Checks that a sentence starts with an uppercase letter",
                  "typographical", "CASING", "")
SPELLING = _Rule("MORFOLOGIK_RULE_EN_US", "Possible spelling mistake", "misspelling", "TYPOS",
                 "Spelling mistake")
QUOTES = _Rule("EN_UNPAIRED_QUOTES", "Unpaired quotes", "typographical", "PUNCTUATION", "")

_WORD = "[\\w\U00010000-\U0010ffff]"  # a word character; emoji count, so a match can hold one
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+[\"”’)]*|$)\s*")


def _find(text: str) -> list[tuple[_Rule, int, int, str, list[str]]]:
    """(rule, start, end, message, replacements) in code points, in text order."""
    found: list[tuple[_Rule, int, int, str, list[str]]] = []
    for m in re.finditer(r"(?<=\S)( {2,})(?=\S)", text):
        found.append((WHITESPACE, m.start(1), m.end(1),
                      "Possible typo: you repeated a whitespace", [" "]))
    for m in re.finditer(r"\b([Aa])\s+(?=[aeiouAEIOU]\w)", text):
        found.append((A_VS_AN, m.start(1), m.end(1),
                      "Use <suggestion>an</suggestion> instead of ‘a’ if the following word starts with "
                      "a vowel sound, e.g. ‘an article’, ‘an hour’.", ["An" if m.group(1) == "A" else "an"]))
    for m in re.finditer(rf"(?<!{_WORD})({_WORD}+)(\s+)(\1)(?!{_WORD})", text, re.IGNORECASE):
        found.append((REPEAT, m.start(1), m.end(3), "Possible typo: you repeated a word",
                      [m.group(1)]))
    for m in re.finditer(r"(?<!\.)\.\.(?!\.)|,,", text):
        what = "dots" if m.group() == ".." else "commas"
        found.append((DOUBLE, m.start(), m.end(), f"Two consecutive {what}", [m.group()[0]]))
    for m in re.finditer(r"(?<=\S)( +)([,;:])", text):
        found.append((SPACE_BEFORE, m.start(1), m.end(2),
                      f"Put a space after the {m.group(2)}, but not before it.", [m.group(2)]))
    for m in re.finditer(r"(?:^|(?<=[.!?])\s+|\n\n)([a-z]\w*)", text):
        word = m.group(1)
        found.append((UPPERCASE, m.start(1), m.end(1),
                      "This sentence does not start with an uppercase letter.", [word[0].upper() + word[1:]]))
    for m in re.finditer(r"\w+", text):
        if m.group() in MISSPELLINGS:
            found.append((SPELLING, m.start(), m.end(), "Possible spelling mistake found.",
                          MISSPELLINGS[m.group()]))
    position = 0
    for paragraph in text.split("\n\n"):
        opened = [m.start() for m in re.finditer("“", paragraph)]
        closed = [m.start() for m in re.finditer("”", paragraph)]
        if len(opened) != len(closed):
            spot = (opened[-1] if len(opened) > len(closed) else closed[-1]) + position
            found.append((QUOTES, spot, spot + 1, "Unpaired symbol: ‘”’ seems to be missing", []))
        position += len(paragraph) + 2
    found.sort(key=lambda item: (item[1], item[2]))
    return found


def _sentence_of(text: str, start: int) -> str:
    for m in _SENTENCE.finditer(text):
        if m.start() <= start < max(m.end(), m.start() + 1):
            return m.group().strip()
    return text.strip()


def check_response(text: str, language: str, *, version: str = "6.8", disabled: frozenset[str] = frozenset(),
                   disabled_categories: frozenset[str] = frozenset(), enabled: frozenset[str] = frozenset(),
                   incomplete: bool = False) -> dict[str, Any]:
    """The JSON LanguageTool would send for `text` (with this fake's rules)."""
    matches = []
    for rule, start, end, message, replacements in _find(text):
        if rule.id in disabled or rule.category in disabled_categories:
            continue
        offset, length = utf16(text[:start]), utf16(text[start:end])
        before = max(0, start - 40)
        after = min(len(text), end + 40)
        context = ("..." if before else "") + text[before:after].replace("\n", " ") + (
            "..." if after < len(text) else "")
        context_offset = utf16(("..." if before else "") + text[before:start])
        matches.append({
            "message": message,
            "shortMessage": rule.short,
            "replacements": [{"value": value} for value in replacements],
            "offset": offset,
            "length": length,
            "context": {"text": context, "offset": context_offset, "length": length},
            "sentence": _sentence_of(text, start),
            "type": {"typeName": "Other"},
            "rule": rule.as_json(),
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        })
    name = LANGUAGE_NAMES.get(language, "English (US)")
    return {
        "software": {"name": "LanguageTool", "version": version, "buildDate": "2025-03-27 10:00:00 +0000",
                     "apiVersion": 1, "premium": False,
                     "premiumHint": "You might be missing errors only the Premium version can find.",
                     "status": ""},
        "warnings": {"incompleteResults": incomplete, **({"incompleteResultsReason": (
            "Results are incomplete: text checking took longer than allowed maximum of 10.00 "
            "seconds")} if incomplete else {})},
        "language": {"name": name, "code": language,
                     "detectedLanguage": {"name": name, "code": language, "confidence": 0.99,
                                          "source": "ngram"}},
        "matches": matches,
        "sentenceRanges": [],
        "extendedSentenceRanges": [],
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        parts = urllib.parse.urlsplit(self.path)
        self._handle(parts.path, dict(urllib.parse.parse_qsl(parts.query)), "GET")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        parts = urllib.parse.urlsplit(self.path)
        self._handle(parts.path, dict(urllib.parse.parse_qsl(body, keep_blank_values=True)), "POST")

    def _handle(self, path: str, form: dict[str, str], method: str) -> None:
        fake = self.server.fake
        with fake.lock:
            fake.requests.append({"method": method, "path": path, "form": form})
        if fake.delay and path in fake.status_paths:
            time.sleep(fake.delay)
        if fake.status and path in fake.status_paths:
            self._send(fake.status, fake.status_body or f"Error: simulated HTTP {fake.status}",
                       "text/plain")
            return
        if fake.malformed and path in fake.status_paths:
            body, kind = {
                "html": ("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
                "truncated": ('{"software": {"name": "LanguageTool", "vers', "application/json"),
                "shape": ('{"status": "ok"}', "application/json"),
            }[fake.malformed]
            self._send(200, body, kind)
            return
        if path == "/v2/languages":
            self._send(200, json.dumps(LANGUAGES), "application/json")
        elif path == "/v2/healthcheck":
            self._send(200, "OK", "text/plain")
        elif path == "/v2/check":
            self._check(form)
        else:
            self._send(404, "Error: unknown endpoint", "text/plain")

    def _check(self, form: dict[str, str]) -> None:
        fake = self.server.fake
        text = form.get("text")
        language = form.get("language")
        if text is None or not language:
            self._send(400, "Error: Missing 'text' or 'data' parameter", "text/plain")
            return
        if language not in LANGUAGE_NAMES and language not in ("auto", "en"):
            self._send(400, f"Error: '{language}' is not a language code known to LanguageTool. "
                       "Supported language codes are: " + ", ".join(LANGUAGE_NAMES), "text/plain")
            return
        if fake.max_text_length is not None and utf16(text) > fake.max_text_length:
            self._send(413, f"Error: Your text exceeds the limit of {fake.max_text_length} characters "
                       f"(it's {utf16(text)} characters). Please submit a shorter text.", "text/plain")
            return

        def ids(key: str) -> frozenset[str]:
            return frozenset(item for item in form.get(key, "").split(",") if item)

        if fake.incomplete and form.get("allowIncompleteResults") != "true":
            self._send(500, "Error: Internal Error: Text checking took longer than allowed maximum "
                       "of 10000 milliseconds", "text/plain")
            return
        data = check_response(text, language, version=fake.version, disabled=ids("disabledRules"),
                              disabled_categories=ids("disabledCategories"), enabled=ids("enabledRules"),
                              incomplete=fake.incomplete)
        self._send(200, json.dumps(data, ensure_ascii=False), "application/json")

    def _send(self, status: int, body: str, kind: str) -> None:
        payload = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client gave up (a timeout test)
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeLanguageTool


class FakeLanguageTool:
    """The fake server; start() binds 127.0.0.1 on a free port, stop() shuts it down."""

    def __init__(self, version: str = "6.8") -> None:
        self.version = version
        self.status: int | None = None
        self.status_body: str | None = None
        self.status_paths = {"/v2/check", "/v2/languages"}
        self.delay = 0.0
        self.malformed: str | None = None
        self.max_text_length: int | None = None
        self.incomplete = False
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start the server first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def checks(self) -> list[dict[str, str]]:
        """The forms of the /v2/check requests received so far."""
        with self.lock:
            return [r["form"] for r in self.requests if r["path"] == "/v2/check"]

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()

    def start(self) -> FakeLanguageTool:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeLanguageTool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":  # run it by hand: python tests/lt_fake_server.py
    server = FakeLanguageTool().start()
    print(f"fake LanguageTool at {server.url}/v2/ (Ctrl-C stops it)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
