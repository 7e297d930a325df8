"""The editors' page: one HTML file with its own CSS and JavaScript, shipped in the package.

It loads nothing from elsewhere, so its Content-Security-Policy allows exactly its own inline
script and style (by hash), and requests to this server only.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from importlib import resources

PAGE_FILE = "page.html"
_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.DOTALL)


def _hash(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@dataclass(frozen=True)
class Page:
    html: bytes
    headers: dict[str, str]


def load_page() -> Page:
    html = resources.files(__package__).joinpath(PAGE_FILE).read_text(encoding="utf-8")
    scripts = [_hash(body) for kind, body in _INLINE.findall(html) if kind == "script"]
    styles = [_hash(body) for kind, body in _INLINE.findall(html) if kind == "style"]
    policy = "; ".join([
        "default-src 'none'", f"script-src {' '.join(scripts)}", f"style-src {' '.join(styles)}",
        "connect-src 'self'", "img-src 'self' data:", "base-uri 'none'", "form-action 'none'",
        "frame-ancestors 'none'"])
    headers = {"content-security-policy": policy, "x-frame-options": "DENY",
               "referrer-policy": "no-referrer", "cache-control": "no-cache"}
    return Page(html.encode("utf-8"), headers)
