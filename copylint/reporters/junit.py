"""JUnit XML: one test case per file, one failure per finding, for CI systems that show JUnit.

`tests` counts the files checked and `failures` the files with findings, in `<testsuites>` and
`<testsuite>` alike; each finding is a `<failure>` of its file's test case.
"""

from __future__ import annotations

from ..escapes import line_path, xml_text
from ..findings import Finding
from .base import Reporter


class JunitReporter(Reporter):
    def start(self) -> None:
        self.cases: list[tuple[str, list[Finding]]] = []

    def file(self, path: str, findings: list[Finding]) -> None:
        self.cases.append((path, list(findings)))

    def more(self, path: str, findings: list[Finding]) -> None:
        """Further stories of the file before: the same test case."""
        self.cases[-1][1].extend(findings)

    def finish(self, summary: dict[str, object]) -> None:
        from xml.etree import ElementTree as ET  # only JUnit output needs it

        counts = {"tests": str(len(self.cases)),
                  "failures": str(sum(1 for _, findings in self.cases if findings)), "errors": "0"}
        suites = ET.Element("testsuites", name="copylint", **counts)
        suite = ET.SubElement(suites, "testsuite", name="copylint", **counts)
        for path, findings in self.cases:
            name = line_path(path)
            case = ET.SubElement(suite, "testcase", classname="copylint", name=name, file=name)
            for f in findings:
                message = xml_text(f.message)
                failure = ET.SubElement(case, "failure", type=f.rule,
                                        message=f"{f.line}:{f.column}: {message}")
                failure.text = xml_text(
                    f"{name}:{f.line}:{f.column}: {f.severity} {f.rule} {message}"
                    + (f"\nsuggestion: {f.suggestions[0]}" if f.suggestions else ""))
        ET.indent(suites)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(suites, encoding="unicode") + "\n")
