"""Content-Security-Policy violation reports as browsers send them: the report-uri form
(`application/csp-report`, one `{"csp-report": {…}}`) and the Reporting API form
(`application/reports+json`, a list of `{"type": "csp-violation", "body": {…}}`)."""

import json
import logging
import threading
import time
from typing import Any

logger = logging.getLogger("kam.security.csp")

# What a log line keeps of a report, under the report-uri names (the Reporting API's camelCase
# names are mapped onto them); every value is cut to FIELD_MAX_LENGTH characters.
FIELDS = {
    "document-uri": "documentURL",
    "effective-directive": "effectiveDirective",
    "violated-directive": "effectiveDirective",
    "blocked-uri": "blockedURL",
    "source-file": "sourceFile",
    "line-number": "lineNumber",
    "column-number": "columnNumber",
    "script-sample": "sample",
    "disposition": "disposition",
}
FIELD_MAX_LENGTH = 300


class MalformedReport(ValueError):
    """The body is not a violation report in either form."""


def _fields(body: dict[str, Any], *, camel_case: bool) -> dict[str, str]:
    report = {}
    for name, camel_name in FIELDS.items():
        value = body.get(camel_name if camel_case else name)
        if value not in (None, ""):
            report[name] = str(value)[:FIELD_MAX_LENGTH]
    if not report.get("effective-directive") and not report.get("violated-directive"):
        raise MalformedReport("no directive")
    return report


def violations_from_body(body: bytes) -> list[dict[str, str]]:
    """The violations a report body describes; MalformedReport when it describes none."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise MalformedReport("not JSON") from error
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        return [_fields(data["csp-report"], camel_case=False)]
    violations = []
    if isinstance(data, list):
        violations = [
            _fields(item["body"], camel_case=True)
            for item in data
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    if not violations:
        raise MalformedReport("not a violation report")
    return violations


class LogBudget:
    """At most `per_minute` violation lines a minute in this process: the endpoint takes reports
    from anybody, so a flood of them must not flood the log. What is over the budget is counted
    and said in one line when the next minute starts."""

    def __init__(self, per_minute: int, clock: Any = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.lock = threading.Lock()
        self.minute_started = clock()
        self.used = 0
        self.dropped = 0

    def take(self) -> tuple[bool, int]:
        """(may this violation be logged, how many were dropped in the minute that just ended)."""
        with self.lock:
            now, dropped = self.clock(), 0
            if now - self.minute_started >= 60:
                dropped, self.dropped = self.dropped, 0
                self.minute_started, self.used = now, 0
            if self.used < self.per_minute:
                self.used += 1
                return True, dropped
            self.dropped += 1
            return False, dropped


def log_violations(violations: list[dict[str, str]], budget: LogBudget) -> None:
    """One warning per violation, its fields as `name=value` pairs (and as `extra`), within the
    budget."""
    for violation in violations:
        allowed, dropped = budget.take()
        if dropped:
            logger.warning("Content-Security-Policy: %d more violation reports not logged", dropped)
        if not allowed:
            continue
        logger.warning(
            "Content-Security-Policy violation: %s",
            " ".join(f"{name}={json.dumps(value)}" for name, value in violation.items()),
            extra={"csp_violation": violation},
        )
