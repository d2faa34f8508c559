"""The value ladder's radar: axis names that fit beside the chart in both languages."""

import pytest
from django.utils import translation

from kam.value.charts import radar_option
from kam.value.selectors import value_overview, value_template
from kam.value.tests.test_pages_and_api import _submit

pytestmark = pytest.mark.django_db


def test_it_wraps_long_english_axis_names_and_shrinks_the_radar_on_a_phone(
    owner: object, account: object
) -> None:
    _submit(owner, account)
    overview = value_overview(account=account)

    option = radar_option(value_template(), overview)

    names = [indicator["name"] for indicator in option["radar"]["indicator"]]
    assert names == [
        "Product value",
        "Service value",
        "Solution value",
        "Process &\noperations value",
        "Financial value",
        "Brand & market\nvalue",
        "Relationship &\ncapability value",
        "Strategic value",
    ]
    assert option["media"] == [
        {"option": {"radar": {"radius": "62%", "axisName": {"fontSize": 12}}}},
        {
            "query": {"maxWidth": 480},
            "option": {"radar": {"radius": "40%", "axisName": {"fontSize": 11}}},
        },
    ]


def test_it_keeps_chinese_axis_names_on_one_line(owner: object, account: object) -> None:
    _submit(owner, account)
    overview = value_overview(account=account)

    with translation.override("zh-hans"):
        option = radar_option(value_template(), overview)

    names = [indicator["name"] for indicator in option["radar"]["indicator"]]
    assert names == [
        "产品价值", "服务价值", "方案价值", "流程/运营价值",
        "财务价值", "品牌/市场价值", "关系与能力价值", "战略价值",
    ]  # fmt: skip
