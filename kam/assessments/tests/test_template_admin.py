"""Template administration: edit = new version, validation next to the field, access."""

import json

import pytest
from django.urls import reverse

from kam.assessments.models import AssessmentTemplate
from kam.assessments.selectors import template_current
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def post_data(template: AssessmentTemplate, **changes: object) -> dict[str, object]:
    response_data: dict[str, object] = {
        "name_zh": template.name_zh, "name_en": template.name_en,
        "scale_min": str(template.scale_min), "scale_max": str(template.scale_max),
        "completeness_threshold": str(template.completeness_threshold),
        "groups": json.dumps(template.groups),
        "group_weights": json.dumps(template.group_weights),
        "gates": json.dumps(template.gates),
        "parameters": json.dumps(template.parameters),
        "criteria-TOTAL_FORMS": str(template.criteria.count()),
        "criteria-INITIAL_FORMS": str(template.criteria.count()),
        "bands-TOTAL_FORMS": str(len(template.bands)),
        "bands-INITIAL_FORMS": str(len(template.bands)),
        "save": "1",
    }  # fmt: skip
    for index, c in enumerate(template.criteria.all()):
        response_data.update({
            f"criteria-{index}-code": c.code, f"criteria-{index}-group": c.group,
            f"criteria-{index}-label_zh": c.label_zh, f"criteria-{index}-label_en": c.label_en,
            f"criteria-{index}-weight": str(c.weight),
            f"criteria-{index}-anchors": json.dumps(c.anchors),
        })  # fmt: skip
    for index, band in enumerate(template.bands):
        response_data.update({
            f"bands-{index}-lower_bound": str(band["lower_bound"]),
            f"bands-{index}-code": band["code"],
            f"bands-{index}-zh": band["zh"], f"bands-{index}-en": band["en"],
        })  # fmt: skip
    response_data.update(changes)
    return response_data


def test_it_saves_an_edit_as_a_new_version(client_for: object, director: object) -> None:
    template = template_current(tool_code="org_score_sheet")
    url = reverse("assessments:template_edit", args=[template.uuid])
    response = client_for(director).post(url, post_data(template, **{"criteria-0-weight": "2"}))
    new = template_current(tool_code="org_score_sheet")
    assert response.status_code == 302
    assert new.version == 2
    assert new.criteria.get(code="c_exec_freq").weight == 2
    assert new.criteria.count() == 12
    assert new.bands == template.bands
    assert AssessmentTemplate.objects.get(pk=template.pk).is_current is False
    assert new.gates == template.gates


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"gates": "[{bad json"}, "gates"),
        ({"gates": '[{"band_code": "integrated", "minimums": {"nope": 1}}]'}, "gates"),
        ({"bands-0-lower_bound": "10"}, None),
        ({"criteria-1-code": "c_exec_freq"}, None),
    ],
)
def test_it_refuses_bad_templates_and_keeps_the_version(
    client_for: object, director: object, change: dict, field: str | None
) -> None:
    template = template_current(tool_code="org_score_sheet")
    url = reverse("assessments:template_edit", args=[template.uuid])
    response = client_for(director).post(url, post_data(template, **change))
    assert response.status_code == 400
    if field:
        assert field in response.context["header"].errors
    assert AssessmentTemplate.objects.filter(tool_code="org_score_sheet").count() == 1


def test_it_previews_bands_without_saving(client_for: object, director: object) -> None:
    template = template_current(tool_code="org_score_sheet")
    data = post_data(template, **{"bands-1-lower_bound": "50"})
    data.pop("save")
    data["preview"] = "1"
    response = client_for(director).post(
        reverse("assessments:template_edit", args=[template.uuid]), data
    )
    assert response.status_code == 200
    assert [band["start"] for band in response.context["preview"]] == [0, 50, 60, 80]
    assert AssessmentTemplate.objects.filter(tool_code="org_score_sheet").count() == 1


@pytest.mark.parametrize("persona", ["owner", "viewer", "teammate"])
def test_it_keeps_template_administration_to_directors(
    request: pytest.FixtureRequest, client_for: object, persona: str
) -> None:
    client = client_for(request.getfixturevalue(persona))
    template = template_current(tool_code="org_score_sheet")
    assert client.get(reverse("assessments:template_list")).status_code == 403
    url = reverse("assessments:template_edit", args=[template.uuid])
    assert client.post(url, post_data(template)).status_code == 403
    assert AssessmentTemplate.objects.filter(tool_code="org_score_sheet").count() == 1


def test_it_keeps_the_template_list_query_count_constant(
    client_for: object, director: object
) -> None:
    client = client_for(director)
    url = reverse("assessments:template_list")
    small = count_queries(lambda: client.get(url))
    for _version in range(3):
        template = template_current(tool_code="org_score_sheet")
        edit = reverse("assessments:template_edit", args=[template.uuid])
        client.post(edit, post_data(template))
    assert AssessmentTemplate.objects.filter(tool_code="org_score_sheet").count() == 4
    assert count_queries(lambda: client.get(url)) == small
