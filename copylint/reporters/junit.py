"""JUnit XML: one test case per file, one failure per finding, for CI systems that show JUnit."""

from __future__ import annotations

from ..findings import Finding
from .base import Reporter


class JunitReporter(Reporter):
    def start(self) -> None:
        self.cases: list[tuple[str, list[Finding]]] = []

    def file(self, path: str, findings: list[Finding]) -> None:
        self.cases.append((path, findings))

    def finish(self, summary: dict[str, object]) -> None:
        from xml.etree import ElementTree as ET  # only JUnit output needs it

        failures = sum(len(findings) for _, findings in self.cases)
        suites = ET.Element("testsuites", name="copylint", tests=str(len(self.cases)),
                            failures=str(failures))
        suite = ET.SubElement(suites, "testsuite", name="copylint", tests=str(len(self.cases)),
                              failures=str(sum(1 for _, f in self.cases if f)), errors="0")
        for path, findings in self.cases:
            case = ET.SubElement(suite, "testcase", classname="copylint", name=path, file=path)
            for f in findings:
                failure = ET.SubElement(case, "failure", type=f.rule,
                                        message=f"{f.line}:{f.column}: {f.message}")
                failure.text = (f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}"
                                + (f"\nsuggestion: {f.suggestions[0]}" if f.suggestions else ""))
        ET.indent(suites)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(suites, encoding="unicode") + "\n")
