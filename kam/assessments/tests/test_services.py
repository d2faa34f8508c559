"""Snapshots are immutable; corrections supersede; template versions never change stored results."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from kam.assessments.models import Assessment, AssessmentTemplate
from kam.assessments.selectors import assessment_explanation, template_current
from kam.assessments.services import (
    AnswerInput,
    AssessmentInput,
    assessment_rescore,
    assessment_submit,
    template_new_version,
)
from kam.audit.models import AuditEntry
from kam.core.exceptions import ApplicationError
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db

ORG_SCORES = dict(
    zip(
        ["c_exec_freq", "c_channels", "c_info", "m_strategy", "m_solution", "m_org",
         "j_plan", "j_project", "j_innovation", "i_brand", "i_status", "i_public"],
        [4, 3, 5, 2, 2, 3, 4, 4, 4, 5, 4, 4],
        strict=True,
    )
)  # fmt: skip


def submit(actor: object, account: object, period: str = "2026", **changes: int) -> Assessment:
    scores = {**ORG_SCORES, **changes}
    return assessment_submit(
        actor=actor,
        account=account,
        template=template_current(tool_code="org_score_sheet"),
        data=AssessmentInput(
            period=period,
            assessed_on=date(2026, 3, 1),
            answers=[
                AnswerInput(code, Decimal(value), assessor=actor, evidence=f"evidence {code}")
                for code, value in scores.items()
            ],
        ),
    )


def test_it_stores_the_results_with_the_snapshot(owner: object, account: object) -> None:
    assessment = submit(owner, account)
    assert assessment.total == Decimal("73.33")
    assert assessment.band == "cooperative"
    assert assessment.result["band_before_gates"] == "interdependent"
    assert assessment.is_complete is True
    assert assessment.responses.count() == 12
    assert list(assessment.assessors.all()) == [owner]
    assert AuditEntry.objects.filter(object_uuid=assessment.uuid, action="create").count() == 1


def test_it_explains_the_score(owner: object, account: object) -> None:
    submit(owner, account, period="2025", m_strategy=4)
    explanation = assessment_explanation(assessment=submit(owner, account))
    assert explanation.band_label == "Cooperative"
    assert explanation.band_before_gates_label == "Interdependent"
    assert [(g.group_label, g.required) for g in explanation.gates] == [("Matching", 50.0)]
    strategy = next(row for row in explanation.rows if row.code == "m_strategy")
    assert strategy.label == "Strategic fit"
    assert strategy.normalised == 40.0
    assert strategy.previous_normalised == 80.0
    assert strategy.evidence == ["evidence m_strategy"]
    assert sum(row.contribution for row in explanation.rows) == pytest.approx(220 / 3, abs=1e-3)


def test_it_supersedes_the_periods_snapshot_on_correction(owner: object, account: object) -> None:
    first = submit(owner, account)
    second = submit(owner, account, m_strategy=5)
    first.refresh_from_db()
    assert first.is_current is False
    assert first.total == Decimal("73.33")  # the old snapshot keeps its result
    assert second.supersedes == first
    assert second.is_current is True
    assert second.band == "interdependent"


def test_it_keeps_stored_results_when_the_template_changes_and_rescoring_changes_them(
    owner: object, director: object, account: object
) -> None:
    assessment = submit(owner, account)
    template = assessment.template
    criteria = [
        {
            "code": c.code, "group": c.group, "label_zh": c.label_zh, "label_en": c.label_en,
            "weight": c.weight, "scale_min": c.scale_min, "scale_max": c.scale_max,
            "anchors": c.anchors, "is_required": c.is_required,
        }
        for c in template.criteria.all()
    ]  # fmt: skip
    # when the director drops the matching gate (new version 2)
    new = template_new_version(
        actor=director, template=template, data={"gates": []}, criteria=criteria
    )
    assessment.refresh_from_db()
    # then the stored snapshot is unchanged and still points at version 1
    assert (new.version, new.is_current) == (2, True)
    assert AssessmentTemplate.objects.get(pk=template.pk).is_current is False
    assert (assessment.template.version, assessment.band) == (1, "cooperative")
    # and an explicit re-score under version 2 creates a new snapshot with the new band
    rescored = assessment_rescore(actor=owner, assessment=assessment, template=new)
    assert rescored.band == "interdependent"
    assert rescored.template == new
    assert rescored.supersedes == assessment
    assert rescored.note == "Re-scored under version 2 (was version 1)."
    assert AuditEntry.objects.filter(object_uuid=rescored.uuid).count() == 1


def test_it_refuses_answers_outside_the_scale_and_writes_nothing(
    owner: object, account: object
) -> None:
    before = database_fingerprint()
    count = Assessment.objects.count()
    with pytest.raises(ApplicationError) as error:
        submit(owner, account, c_info=6)
    assert error.value.message == "Information sharing: enter a score from 0 to 5."
    assert Assessment.objects.count() == count
    assert database_fingerprint() == before


def test_it_refuses_unknown_criteria_and_empty_assessments(owner: object, account: object) -> None:
    template = template_current(tool_code="relationship_test")
    with pytest.raises(ApplicationError, match="Unknown criterion: nope."):
        assessment_submit(
            actor=owner, account=account, template=template,
            data=AssessmentInput(period="2026", assessed_on=date(2026, 1, 1),
                                 answers=[AnswerInput("nope", Decimal(1))]),
        )  # fmt: skip
    with pytest.raises(ApplicationError, match="Answer at least one criterion."):
        assessment_submit(
            actor=owner, account=account, template=template,
            data=AssessmentInput(period="2026", assessed_on=date(2026, 1, 1),
                                 answers=[AnswerInput("trust", None)]),
        )  # fmt: skip
    assert Assessment.objects.count() == 0


def test_it_refuses_an_outsider_and_a_viewer(
    outsider: object, viewer: object, account: object
) -> None:
    for user in (outsider, viewer):
        with pytest.raises(PermissionDenied):
            submit(user, account)
    assert Assessment.objects.count() == 0


def test_it_refuses_template_changes_by_a_manager(owner: object) -> None:
    template = template_current(tool_code="relationship_test")
    with pytest.raises(PermissionDenied):
        template_new_version(actor=owner, template=template, data={}, criteria=[{"code": "x"}])
    assert AssessmentTemplate.objects.filter(tool_code="relationship_test").count() == 1
