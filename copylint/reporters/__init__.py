"""Reporters turn findings into output; they never decide what is a problem."""

from __future__ import annotations

from typing import TextIO

from .base import Reporter, ReportOptions
from .github import GithubReporter
from .json import JsonReporter
from .junit import JunitReporter
from .sarif import SarifReporter
from .text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter, "json": JsonReporter, "sarif": SarifReporter,
    "github": GithubReporter, "junit": JunitReporter}


def make_reporter(name: str, stream: TextIO, options: ReportOptions | None = None) -> Reporter:
    return REPORTERS[name](stream, options)


__all__ = ["REPORTERS", "ReportOptions", "Reporter", "make_reporter"]
