"""Cheap content sniffing for format detection, without importing any parser."""

from __future__ import annotations

import re

_ROOT = re.compile(
    r"<(?:\?.*?\?>|!--.*?-->|!DOCTYPE(?:[^>\[]|\[.*?\])*>|([A-Za-z_][\w.:-]*))", re.DOTALL)
#: root elements of NewsML-G2 documents
NEWSML_ROOTS = frozenset({"newsItem", "packageItem", "newsMessage", "conceptItem", "knowledgeItem",
                          "planningItem", "catalogItem"})


def root_element(text: str) -> str | None:
    """The local name of the first element of an XML document (prolog, comments, DOCTYPE skipped)."""
    for found in _ROOT.finditer(text):
        if found.group(1):
            return found.group(1).rpartition(":")[2]
        if not found.group().startswith("<"):
            break
    return None
