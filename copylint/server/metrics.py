"""Prometheus metrics: requests, latency, checks in progress and findings by rule.

With several uvicorn workers, prometheus-client's multiprocess mode collects every worker's
figures (`copylint serve` sets PROMETHEUS_MULTIPROC_DIR to a directory of its own before the
workers start), so `/metrics` answers for the whole server whichever worker serves it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client import multiprocess as prometheus_multiprocess
from prometheus_client.exposition import generate_latest

from ..findings import Finding

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
#: request paths reported by name; anything else is `other` (no label per unknown path)
ENDPOINTS = ("/", "/healthz", "/metrics", "/v1/info", "/v1/check", "/v1/fix", "/v2/check",
             "/v2/languages")
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
CONTENT_TYPE = CONTENT_TYPE_LATEST


def multiprocess_mode() -> bool:
    return bool(os.environ.get(MULTIPROC_ENV))


class Metrics:
    """The server's metrics, in a registry of their own (nothing registered globally)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "copylint_http_requests", "HTTP requests answered, by endpoint, method and status.",
            ("endpoint", "method", "status"), registry=self.registry)
        self.latency = Histogram(
            "copylint_http_request_duration_seconds", "Time to answer a request, by endpoint.",
            ("endpoint",), buckets=LATENCY_BUCKETS, registry=self.registry)
        self.in_progress = Gauge(
            "copylint_checks_in_progress", "Checks running or waiting for a thread.",
            registry=self.registry, multiprocess_mode="livesum")
        self.findings = Counter(
            "copylint_findings", "Findings reported, by rule.", ("rule",), registry=self.registry)
        self.checked_bytes = Counter(
            "copylint_checked_bytes", "UTF-8 bytes of text checked.", registry=self.registry)

    @staticmethod
    def endpoint(path: str) -> str:
        return path if path in ENDPOINTS else "other"

    def observe(self, path: str, method: str, status: int, seconds: float) -> None:
        endpoint = self.endpoint(path)
        self.requests.labels(endpoint, method, str(status)).inc()
        self.latency.labels(endpoint).observe(seconds)

    def count_findings(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.findings.labels(finding.rule).inc()

    def exposition(self) -> bytes:
        """The text format: this process's figures, or every worker's in multiprocess mode."""
        if multiprocess_mode():
            registry = CollectorRegistry()
            prometheus_multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)

    @staticmethod
    def process_exited(pid: int) -> None:
        if multiprocess_mode():
            prometheus_multiprocess.mark_process_dead(pid)
