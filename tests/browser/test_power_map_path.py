"""Build a small power map in the browser, watch the red flags follow the support ratings, and
open a key person's printable card."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.people.models import Contact, ContactEdge
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _add_person(page: object, base: str, account: object, values: dict, manager: str = "") -> None:
    page.goto(f"{base}/accounts/{account.uuid}/contacts/new/")
    page.fill("#id_name", values["name"])
    page.fill("#id_title", values["title"])
    page.select_option("#id_seniority", values["seniority"])
    if manager:
        page.select_option("#id_reports_to", label=manager)
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_contain_text(values["name"])


def _set_map(page: object, base: str, name: str, values: dict) -> None:
    contact = Contact.objects.get(name=name)
    page.goto(f"{base}/contacts/{contact.uuid}/map/")
    for role in values.get("roles", []):
        page.check(f"input[name=decision_roles][value={role}]")
    for field in ("visibility", "support", "coverage", "buying_influence"):
        if field in values:
            page.select_option(f"#id_{field}", values[field])
    if "influence" in values:
        page.fill("#id_influence", values["influence"])
    page.click("button[type=submit].primary")
    expect(page.locator(".message").first).to_contain_text("Power-map details saved.")


def test_it_builds_a_power_map_and_follows_the_red_flags(
    live_server: object, page: object, shoot: object
) -> None:
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china",
            owner=manager, current_revenue=86_000_000,
        ),
    )  # fmt: skip
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "li.ming")
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_have_text("My day")

    # three people and a reporting line
    _add_person(page, base, account, {"name": "刘总", "title": "总经理", "seniority": "executive"})
    _add_person(
        page, base, account, {"name": "陈经理", "title": "采购经理", "seniority": "middle"}, "刘总"
    )
    _add_person(
        page, base, account, {"name": "小周", "title": "总经理助理", "seniority": "operational"}
    )
    _set_map(page, base, "刘总", {"roles": ["decider"], "influence": "9", "coverage": "brief",
                                   "support": "0"})  # fmt: skip
    _set_map(page, base, "陈经理", {"buying_influence": "technical_buyer", "influence": "6",
                                     "coverage": "multiple"})  # fmt: skip
    _set_map(page, base, "小周", {"visibility": "hidden", "influence": "6", "coverage": "in_depth",
                                   "support": "1"})  # fmt: skip

    # the hidden influencer's line to the general manager
    assistant = Contact.objects.get(name="小周")
    page.goto(f"{base}/contacts/{assistant.uuid}/map/")
    page.select_option("#id_target", label="刘总")
    page.select_option("#id_edge_type", "influences")
    page.fill("#id_evidence", "总经理重大决定前常征求其意见")
    page.click("text=Add line")
    expect(page.locator(".message").first).to_contain_text("Informal line added.")
    assert ContactEdge.objects.get().target.name == "刘总"

    # the map shows the three people and the flags: nobody guides us yet
    page.goto(f"{base}/accounts/{account.uuid}/power-map/")
    expect(page.locator("[data-testid=power-map-chart] canvas")).to_have_count(1)
    expect(page.locator("[data-flag=no_coach]")).to_have_count(1)
    expect(page.locator("[data-flag=uncovered_base]")).to_contain_text("User buyer")
    shoot("19-power-map-flags-en")
    with page.expect_download() as download_info:
        page.click("[data-chart-download=power-map-chart]")
    download = download_info.value
    assert download.suggested_filename == "power-map.png"
    assert Path(download.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # when the hidden influencer becomes our mentor, the "no coach" flag goes away
    page.click("[data-testid='edit-map-小周']")
    page.select_option("#id_support", "2")
    page.click("button[type=submit].primary")
    expect(page).to_have_url(f"{base}/accounts/{account.uuid}/power-map/")
    expect(page.locator("[data-flag=no_coach]")).to_have_count(0)
    expect(page.locator("[data-flag=uncovered_base]")).to_have_count(1)
    shoot("20-power-map-after-support-en")

    # and the same map in 中文
    page.click("[data-testid=language-zh-hans]")
    expect(page.locator("[data-flag=uncovered_base]")).to_contain_text("使用")
    shoot("21-power-map-zh")

    # the printable card of the general manager
    boss = Contact.objects.get(name="刘总")
    page.goto(f"{base}/contacts/{boss.uuid}/card/")
    expect(page.locator("h1")).to_contain_text("刘总")
    page.emulate_media(media="print")
    shoot("22-key-person-card-print-zh")
    page.emulate_media(media="screen")
    page.click("[data-testid=language-en]")
    expect(page.locator("h1")).to_contain_text("刘总")
    shoot("23-key-person-card-en")
