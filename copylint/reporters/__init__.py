"""Reporters turn findings into output; they never decide what is a problem."""

from __future__ import annotations

from typing import TextIO

from .base import Reporter
from .json import JsonReporter
from .text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter}


def make_reporter(name: str, stream: TextIO) -> Reporter:
    return REPORTERS[name](stream)


__all__ = ["REPORTERS", "Reporter", "make_reporter"]
