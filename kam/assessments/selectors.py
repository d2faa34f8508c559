"""Reads of the scoring engine: current templates, snapshots, explanations, comparisons."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account
from kam.assessments.models import Assessment, AssessmentTemplate, Criterion, Response
from kam.users.models import User


def template_current(*, tool_code: str) -> AssessmentTemplate:
    template = (
        AssessmentTemplate.objects.filter(tool_code=tool_code, is_current=True)
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position")))
        .first()
    )
    if template is None:
        raise Http404(_("This instrument has no template yet."))
    return template


def template_list() -> QuerySet[AssessmentTemplate]:
    return AssessmentTemplate.objects.order_by("tool_code", "-version")


def assessments_visible_to(user: User) -> QuerySet[Assessment]:
    return scope_to_visible_accounts(Assessment.objects.all(), user)


def assessment_history(*, account: Account, tool_code: str) -> QuerySet[Assessment]:
    """Every account-level snapshot of one instrument for an account, newest period first."""
    return (
        account.assessments.filter(tool_code=tool_code, subject="")
        .select_related("template", "created_by")
        .order_by("-period", "-created_at")
    )


def current_assessments(*, account: Account, tool_code: str) -> list[Assessment]:
    """The current account-level snapshot of each period, oldest first (for trends)."""
    return list(
        account.assessments.filter(tool_code=tool_code, subject="", is_current=True)
        .select_related("template")
        .order_by("period")
    )


def assessment_as_of(*, account: Account, tool_code: str, on: date) -> Assessment | None:
    """The account-level snapshot that was in force on a date: the latest assessed on or before
    it (a later correction or a later period does not change what an earlier date saw)."""
    return (
        account.assessments.filter(tool_code=tool_code, subject="", assessed_on__lte=on)
        .select_related("template")
        .order_by("-assessed_on", "-pk")
        .first()
    )


def previous_assessment(*, assessment: Assessment) -> Assessment | None:
    """The current snapshot of the period before this one, for "compare with the past"."""
    return (
        Assessment.objects.filter(
            account_id=assessment.account_id,
            tool_code=assessment.tool_code,
            subject=assessment.subject,
            is_current=True,
            period__lt=assessment.period,
        )
        .select_related("template")
        .order_by("-period")
        .first()
    )


def portfolio_current(*, user: User, tool_code: str, period: str) -> QuerySet[Assessment]:
    """The current account-level snapshot of every visible account for one instrument and period."""
    return assessments_visible_to(user).filter(
        tool_code=tool_code, period=period, subject="", is_current=True
    )


@dataclass(frozen=True)
class ExplanationRow:
    code: str
    label: str
    group_label: str
    raw_mean: float | None
    normalised: float | None
    spread: float | None
    answers: int
    weight: float
    contribution: float
    previous_normalised: float | None
    evidence: list[str]


@dataclass(frozen=True)
class GroupRow:
    code: str
    label: str
    score: float
    previous: float | None


@dataclass(frozen=True)
class GateRow:
    from_label: str
    to_label: str
    group_label: str
    required: float
    actual: float | None


@dataclass(frozen=True)
class GateRule:
    """What reaching a band takes: its own gate and, cumulatively, every lower band's."""

    band_label: str
    requirements: list[tuple[str, float]]  # (dimension label, minimum)


@dataclass(frozen=True)
class Explanation:
    assessment: Assessment
    previous: Assessment | None
    rows: list[ExplanationRow]
    groups: list[GroupRow]
    gates: list[GateRow]
    band_label: str
    band_before_gates_label: str
    gate_rules: list[GateRule]


def gate_rules(template: AssessmentTemplate) -> list[GateRule]:
    """The template's gates as the engine applies them: cumulative, like the rungs of a ladder
    (伙伴合作 also needs 战略合作's 匹配 ≥ 50). Lowest gated band first."""
    bands = sorted(template.bands, key=lambda band: float(band["lower_bound"]))
    own = {gate["band_code"]: gate["minimums"] for gate in template.gates}
    required: dict[str, float] = {}
    rules = []
    for band in bands:
        if band["code"] not in own:
            continue
        for group, minimum in own[band["code"]].items():
            required[group] = max(float(minimum), required.get(group, float(minimum)))
        rules.append(
            GateRule(
                template.band_label(band["code"]),
                [(template.group_label(group), minimum) for group, minimum in required.items()],
            )
        )
    return rules


def assessment_explanation(*, assessment: Assessment) -> Explanation:
    """Why this score: each criterion's contribution, the group scores and the gates applied."""
    template = assessment.template
    criteria = {c.code: c for c in template.criteria.all()}
    previous = previous_assessment(assessment=assessment)
    previous_norms = {
        row["code"]: row["normalised"] for row in (previous.result["criteria"] if previous else [])
    }
    previous_groups = previous.result.get("groups", {}) if previous else {}
    evidence: dict[str, list[str]] = {}
    responses = Response.objects.filter(assessment=assessment, competitor__isnull=True)
    for response in responses.exclude(evidence=""):
        evidence.setdefault(response.criterion_code, []).append(response.evidence)
    rows = [
        ExplanationRow(
            code=row["code"],
            label=criteria[row["code"]].label if row["code"] in criteria else row["code"],
            group_label=template.group_label(row["group"]) if row["group"] else "",
            raw_mean=row["raw_mean"],
            normalised=row["normalised"],
            spread=row["spread"],
            answers=row["answers"],
            weight=row["weight"],
            contribution=row["contribution"],
            previous_normalised=previous_norms.get(row["code"]),
            evidence=evidence.get(row["code"], []),
        )
        for row in assessment.result.get("criteria", [])
    ]
    groups = [
        GroupRow(code, template.group_label(code), score, previous_groups.get(code))
        for code, score in assessment.result.get("groups", {}).items()
    ]
    gates = [
        GateRow(
            template.band_label(effect["from_band"]),
            template.band_label(effect["to_band"]),
            template.group_label(effect["group"]),
            effect["required"],
            effect["actual"],
        )
        for effect in assessment.result.get("gates_applied", [])
    ]
    return Explanation(
        assessment=assessment,
        previous=previous,
        rows=rows,
        groups=groups,
        gates=gates,
        band_label=template.band_label(assessment.band),
        band_before_gates_label=template.band_label(assessment.result.get("band_before_gates", "")),
        gate_rules=gate_rules(template),
    )
