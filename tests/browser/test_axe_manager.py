"""axe-core on every page type of the demo as an account manager, in 中文 and English, and on
the main create forms after a failed submit (issue 17): no critical or serious WCAG 2.1 A/AA
violation. The director's walk is in test_axe_director.py (one file per worker)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from kam.accounts.models import Account
from kam.engagement.models import Activity
from kam.plans.models import AccountPlan
from tests.browser.axe import (
    Violation,
    axe_source,
    blocking_violations,
    open_as,
    report,
    walk_page_types,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.site_walk,
    pytest.mark.django_db(transaction=True),
]

# Empty every field a person types into or picks from, then post the form the primary button
# belongs to without the browser's own checks: the server answers with the form and its errors.
SPOIL_AND_SUBMIT = """() => {
  const forms = [...document.querySelectorAll("main form")]
    .filter((form) => form.querySelector("button[type=submit].primary"));
  const form = forms.sort((a, b) => b.elements.length - a.elements.length)[0];
  for (const field of form.elements) {
    if (field.matches("textarea, input:not([type=hidden], [type=checkbox], [type=radio])")) {
      field.value = "";
    } else if (field.matches("select:not([multiple])") && field.querySelector("option[value='']")) {
      field.value = "";
    }
  }
  form.noValidate = true;
  form.requestSubmit(form.querySelector("button[type=submit].primary"));
}"""
# A meeting record, whose fields are all optional: a new issue without its domain and need.
HALF_AN_ISSUE = """() => {
  const texts = document.querySelectorAll("[id^=id_issue_][id$=_text]");
  texts[texts.length - 1].value = "交付延误";  // the empty row after the recorded issues
  const form = document.querySelector("form.meeting-form");
  form.requestSubmit(form.querySelector("button[type=submit].primary"));
}"""
ERRORS = "main [aria-invalid=true], main .form-errors"


def _forms() -> list[tuple[str, str]]:
    """(url, script) of the create forms to submit wrong: one per kind of form layout."""
    account = Account.objects.get(name="华东电力集团")
    contact = account.contacts.order_by("name").first()
    activity = Activity.objects.filter(account=account).order_by("pk").first()
    plan = AccountPlan.objects.filter(account=account).order_by("pk").first()
    assert contact and activity and plan
    urls = [
        reverse("accounts:create"),
        reverse("people:contact_create", args=[account.uuid]),
        reverse("assessments:new", args=[account.uuid, "org_score_sheet"]),
        reverse("scorecard:new", args=[account.uuid]),
        reverse("health:survey_create", args=[account.uuid]),
        reverse("health:wallet_estimate", args=[account.uuid]),
        reverse("engagement:entry_create", args=[account.uuid]),
        reverse("needs:new", args=[account.uuid]),
        reverse("plans:objective_new", args=[account.uuid, plan.uuid]),
        reverse("cards:action_new", args=[contact.uuid]),
        reverse("ladder:evidence_new", args=[contact.uuid]),
        reverse("pdca:new", args=[account.uuid]),
    ]
    meeting = reverse("engagement:meeting_edit", args=[activity.uuid])
    return [(url, SPOIL_AND_SUBMIT) for url in urls] + [(meeting, HALF_AN_ISSUE)]


def _failed_submits(base: str, browser: object, language: str) -> list[Violation]:
    source = axe_source()
    context, page = open_as(browser, base, "manager", language)
    found: list[Violation] = []
    try:
        for url, script in _forms():
            page.goto(base + url)
            with page.expect_navigation():
                page.evaluate(script)
            # The submit failed and the form came back with its errors.
            assert page.locator(ERRORS).count() > 0, f"{url} did not fail: {page.url}"
            found += blocking_violations(page, source, f"manager {language}, failed submit")
    finally:
        context.close()
    return found


def test_every_page_type_as_a_manager_has_no_critical_or_serious_violation(
    live_server: object, browser: object
) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    found = walk_page_types(live_server.url, browser, "manager", narrow_language="zh-hans")
    for language in ("zh-hans", "en"):
        found += _failed_submits(live_server.url, browser, language)
    assert found == [], report(found)
