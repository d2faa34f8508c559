"""Content-Security-Policy violation reports as browsers send them: the report-uri form
(`application/csp-report`, one `{"csp-report": {…}}`) and the Reporting API form
(`application/reports+json`, a list of `{"type": "csp-violation", "body": {…}}`)."""

import json
import logging
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


def log_violations(violations: list[dict[str, str]]) -> None:
    """One warning per violation, its fields as `name=value` pairs (and as `extra`)."""
    for violation in violations:
        logger.warning(
            "Content-Security-Policy violation: %s",
            " ".join(f"{name}={json.dumps(value)}" for name, value in violation.items()),
            extra={"csp_violation": violation},
        )
