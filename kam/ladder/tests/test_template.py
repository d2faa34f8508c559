"""The ladder template: seeded v1, and a new version from the template admin (rung order)."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from kam.assessments.models import AssessmentTemplate
from kam.assessments.selectors import template_current
from kam.assessments.tests.test_template_admin import post_data
from kam.ladder.selectors import ladder_rungs, ladder_states_for_contacts
from kam.ladder.services import LadderInput, ladder_assess

pytestmark = pytest.mark.django_db


def test_it_seeds_version_one_with_the_spec_defaults(db: None) -> None:
    template = template_current(tool_code="key_person_ladder")
    assert (template.version, template.aggregation) == (1, "ladder")
    assert (template.scale_min, template.scale_max) == (0, 2)
    assert template.parameters["rung_threshold"] == 50
    assert template.parameters["level_index"] == "position_weighted"
    assert template.parameters["evidence_window_months"] == 12
    assert "evidence_window_days" not in template.parameters
    assert template.parameters["support_by_level"] == {
        "0": 0, "1": 0, "2": 1, "3": 1, "4": 2, "5": 2, "6": 2,
    }  # fmt: skip
    rung = template.criteria.get(code="competitive_stance")
    assert (rung.position, rung.label_zh) == (5, "竞争态度")
    assert rung.anchors["2"]["en"].startswith("Consistent: limits or excludes competitors")


def test_it_reorders_the_rungs_as_a_new_version_and_keeps_old_labels(
    client_for: object, director: object, owner: object, contact: object
) -> None:
    # given a snapshot scored under version 1
    template = template_current(tool_code="key_person_ladder")
    scores = dict.fromkeys([code for _level, code, _label in ladder_rungs()], 1)
    ladder_assess(
        actor=owner, contact=contact,
        data=LadderInput(
            period="2025", assessed_on=timezone.localdate(),
            scores=scores, evidence={}, target_level=None, competitor_level=None,
        ),
    )  # fmt: skip
    # when a director swaps rungs 3 and 4 in the template admin
    data = post_data(template)
    for key in ("code", "label_zh", "label_en", "anchors", "weight", "group"):
        data[f"criteria-2-{key}"], data[f"criteria-3-{key}"] = (
            data[f"criteria-3-{key}"], data[f"criteria-2-{key}"],
        )  # fmt: skip
    url = reverse("assessments:template_edit", args=[template.uuid])
    response = client_for(director).post(url, data)
    # then version 2 is current with the new order
    assert response.status_code == 302, response.content.decode()[:2000]
    current = AssessmentTemplate.objects.get(tool_code="key_person_ladder", is_current=True)
    assert current.version == 2
    assert [code for _level, code, _label in ladder_rungs()][2:4] == [
        "business_guidance", "info_sharing",
    ]  # fmt: skip
    # and the old snapshot keeps the labels it was scored with
    state = ladder_states_for_contacts([contact.pk])[contact.pk]
    assert state.level_label == "L6 Stance against competitors"
    # and a new assessment runs on version 2
    snapshot = ladder_assess(
        actor=owner, contact=contact,
        data=LadderInput(
            period="2026", assessed_on=timezone.localdate(),
            scores={**scores, "info_sharing": 0}, evidence={},
            target_level=None, competitor_level=None,
        ),
    )  # fmt: skip
    assert snapshot.template.version == 2
    assert snapshot.result["figures"]["level"] == 3


def test_it_migrates_old_versions_to_a_window_in_months(db: None) -> None:
    # given a ladder template version stored with the window in days
    migration = importlib.import_module(
        "kam.assessments.migrations.0007_ladder_evidence_window_months"
    )
    template = template_current(tool_code="key_person_ladder")
    old = {k: v for k, v in template.parameters.items() if k != "evidence_window_months"}
    AssessmentTemplate.objects.filter(pk=template.pk).update(
        parameters={**old, "evidence_window_days": 365}
    )
    # when the data migration runs
    migration.window_in_months(apps, None)
    # then the version carries 12 calendar months and no longer the days
    template.refresh_from_db()
    assert template.parameters["evidence_window_months"] == 12
    assert "evidence_window_days" not in template.parameters
    assert template.parameters["rung_threshold"] == 50
