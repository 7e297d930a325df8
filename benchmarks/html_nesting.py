"""Time the HTML reader on deeply nested tags closed by stray end tags (issue 10's case).

    python benchmarks/html_nesting.py            # 35 KB and 280 KB, plus the same for NITF

Reading was quadratic in the nesting depth before the walker indexed its open elements.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copylint.readers import read_document


def nested_html(depth: int) -> bytes:
    return ("<b>" * depth + "the the" + "</i>" * depth).encode()


def nested_nitf(depth: int) -> bytes:
    body = "<em>" * depth + "the the" + "</em>" * depth
    return (f"<nitf><body><body.content><p>{body}</p></body.content></body></nitf>").encode()


def main() -> None:
    for depth in (5_000, 40_000):
        for name, make, suffix in (("html", nested_html, ".html"), ("nitf", nested_nitf, ".nitf")):
            data = make(depth)
            start = time.perf_counter()
            doc = read_document(data, "story" + suffix)
            seconds = time.perf_counter() - start
            assert doc.text.strip() == "the the", doc.text[:40]
            print(f"{name:5} {len(data) / 1000:6.0f} KB  depth {depth:6}  {seconds:7.3f} s")


if __name__ == "__main__":
    main()
