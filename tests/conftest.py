"""Shared helpers: run the CLI in-process and parse its findings."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint.cli import main

# the tests' compiled packs and name indexes go to a cache of their own, never the user's
os.environ.setdefault("COPYLINT_CACHE_DIR", tempfile.mkdtemp(prefix="copylint-test-cache-"))

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent


class Run:
    def __init__(self, result) -> None:
        self.code = result.exit_code
        self.out = result.stdout
        self.err = result.stderr
        self.exception = result.exception

    @property
    def findings(self) -> list[dict]:
        return json.loads(self.out)["findings"]

    @property
    def summary(self) -> dict:
        return json.loads(self.out)["summary"]

    def triples(self) -> list[tuple[int, int, str]]:
        return [(f["line"], f["column"], f["rule"]) for f in self.findings]


@pytest.fixture
def cli():
    """Call `copylint ARGS...` in-process; returns exit code, stdout, stderr."""
    def call(*args: str, input: str | bytes | None = None) -> Run:
        result = CliRunner().invoke(main, [str(a) for a in args], input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result)
    return call
