"""Every date and time widget renders ISO values in every language (issue 10 item 8): 中文 writes
dates as 2026/12/04, which <input type=date> rejects, so a pre-filled date was lost on submit."""

import importlib
import inspect
import pkgutil
import re
from datetime import date, datetime, time

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import kam
from kam.assessments.models import Assessment
from kam.core.forms import DateInput, DateTimeInput, StyledFormMixin, TimeInput
from tests.test_i18n import _zh_client

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 4)


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(kam.__path__, "kam."):
        if not module_info.name.endswith("forms"):
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


DATE_FIELDS = [
    (cls, name, field)
    for cls in _form_classes()
    for name, field in getattr(cls, "base_fields", {}).items()
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField)
]


def test_it_finds_the_date_fields_of_every_app() -> None:
    modules = {cls.__module__ for cls, _name, _field in DATE_FIELDS}
    assert {
        "kam.assessments.forms",
        "kam.scorecard.forms",
        "kam.health.forms",
        "kam.ladder.forms",
        "kam.cards.forms",
        "kam.compliance.forms",
        "kam.people.forms",
        "kam.engagement.calendar.forms",
        "kam.engagement.meetings.forms",
    } <= modules


@pytest.mark.parametrize(
    ("cls", "name", "field"),
    DATE_FIELDS,
    ids=[f"{cls.__name__}.{name}" for cls, name, _field in DATE_FIELDS],
)
def test_it_renders_every_declared_date_field_in_iso_in_chinese(
    cls: type[forms.BaseForm], name: str, field: forms.Field
) -> None:
    value: object = DAY
    expected = "2026-12-04"
    if isinstance(field, forms.DateTimeField):
        value, expected = (
            datetime(2026, 12, 4, 9, 30, tzinfo=timezone.get_current_timezone()),
            ("2026-12-04T09:30"),
        )
    elif isinstance(field, forms.TimeField):
        value, expected = time(9, 30), "09:30"
    assert isinstance(field.widget, DateInput | DateTimeInput | TimeInput)
    assert issubclass(cls, StyledFormMixin)
    with translation.override("zh-hans"):
        html = field.widget.render(name, value)
    assert f'value="{expected}"' in html


class _PlainDates(StyledFormMixin, forms.Form):
    """Widgets a future form might declare the Django way: the mixin still writes ISO."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    hour = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))


def test_it_renders_plain_django_date_widgets_in_iso_in_chinese() -> None:
    moment = datetime(2026, 12, 4, 9, 30, tzinfo=timezone.get_current_timezone())
    with translation.override("zh-hans"):
        html = str(_PlainDates(initial={"day": DAY, "moment": moment, "hour": time(9, 30)}))
    assert 'value="2026-12-04"' in html
    assert 'value="2026-12-04T09:30"' in html
    assert 'value="09:30"' in html
    assert "2026/12/04" not in html


def test_it_reads_back_the_iso_values_it_writes_in_chinese() -> None:
    data = {"day": "2026-12-04", "moment": "2026-12-04T09:30", "hour": "09:30"}
    with translation.override("zh-hans"):
        form = _PlainDates(data)
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == DAY
    assert form.cleaned_data["hour"] == time(9, 30)


def _date_values(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="date" name="{name}" value="([^"]*)"', html)


def test_it_prefills_iso_dates_on_the_scoring_pages_in_chinese(
    owner: object, account: object, client_for: object
) -> None:
    today = timezone.localdate().isoformat()
    client = _zh_client(owner)
    scorecard = client.get(reverse("scorecard:new", args=[account.uuid])).content.decode()
    assert _date_values(scorecard, "assessed_on") == [today]
    sheet_url = reverse("assessments:new", args=[account.uuid, "org_score_sheet"])
    sheet = client.get(sheet_url).content.decode()
    assert _date_values(sheet, "assessed_on") == [today]
    # the correction (更正) form carries the snapshot's date, in ISO
    english = client_for(owner)
    english.post(
        sheet_url, {"period": "2025", "assessed_on": "2025-12-04", "value__c_info__0": "3"}
    )
    source = Assessment.objects.get()
    correction = client.get(sheet_url, {"from": str(source.uuid)}).content.decode()
    assert _date_values(correction, "assessed_on") == ["2025-12-04"]


def test_it_submits_the_untouched_prefilled_date_in_chinese(owner: object, account: object) -> None:
    client: Client = _zh_client(owner)
    sheet_url = reverse("assessments:new", args=[account.uuid, "org_score_sheet"])
    page = client.get(sheet_url).content.decode()
    prefilled = _date_values(page, "assessed_on")[0]
    response = client.post(
        sheet_url, {"period": "2026", "assessed_on": prefilled, "value__c_info__0": "3"}
    )
    assert response.status_code == 302
    assert Assessment.objects.get().assessed_on == timezone.localdate()
