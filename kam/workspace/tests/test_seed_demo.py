"""`manage.py seed_demo`: a coherent, deterministic demo portfolio written through the services."""

from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F

from kam.accounts.access import accounts_visible_to
from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.audit.models import AuditEntry
from kam.cycle.choices import CyclePhase
from kam.letters.models import ResponsibilityLetter
from kam.people.models import Contact, OrgUnit
from kam.users.choices import Role
from kam.users.models import User
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db


def _seed(*args: str) -> str:
    output = StringIO()
    call_command("seed_demo", *args, stdout=output)
    return output.getvalue()


def _chain_to_top(contact_id: int, manager_of: dict[int, int | None]) -> list[int]:
    """The reporting chain from a contact up to its top manager; fails on a cycle."""
    chain = [contact_id]
    while manager_of[chain[-1]] is not None:
        chain.append(manager_of[chain[-1]])
        assert len(chain) == len(set(chain)), f"reporting cycle through {chain}"
    return chain


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: object) -> Iterator[str]:
    """The demo, seeded once for the whole module (seeding takes ~20 s) inside a transaction
    that is rolled back after the module's last test, so other modules never see it. Each test
    still runs in its own savepoint (pytest-django's `db`), so a test that writes cannot affect
    the next one."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _seed()
        transaction.set_rollback(True)


def test_it_creates_the_demo_portfolio(seeded: str) -> None:
    # given the demo was seeded into an empty database
    # then the portfolio has its deterministic size
    assert Account.objects.count() == 13
    assert Contact.objects.count() == 180
    assert OrgUnit.objects.count() == 133
    assert AccountGroup.objects.count() == 3
    assert Competitor.objects.count() == 4
    # 29 seeded, and manager.li joins 蓝海国际物流's team when it is handed over to him
    assert AccountTeamMembership.objects.count() == 30
    assert "Seeded 7 users, 13 accounts, 3 account groups, 4 competitors" in seeded


def test_it_gives_every_account_an_org_tree_and_its_people(seeded: str) -> None:
    # given the seeded demo
    # when counting units and contacts per account
    units = Account.objects.annotate(n=Count("org_units")).values_list("n", flat=True)
    people = Account.objects.annotate(n=Count("contacts")).values_list("n", flat=True)
    # then each account has 6–12 org units and 12–16 contacts
    assert all(6 <= count <= 12 for count in units), sorted(units)
    assert all(12 <= count <= 16 for count in people), sorted(people)
    assert Contact.objects.exclude(org_unit__account_id=F("account_id")).count() == 0


def test_it_creates_a_user_for_every_role(seeded: str) -> None:
    # given the seeded demo
    users = {user.username: user for user in User.objects.all()}
    # then every role has a demo login with the demo password
    assert {user.role for user in users.values()} == set(Role.values)
    assert sorted(users) == [
        "admin",
        "director",
        "manager.li",
        "manager.wang",
        "member.chen",
        "member.zhao",
        "viewer.sun",
    ]
    assert all(user.check_password("demo1234") for user in users.values())
    assert (users["admin"].is_staff, users["admin"].is_superuser) == (True, True)
    assert (users["director"].is_staff, users["director"].is_superuser) == (False, False)
    assert users["manager.li"].display_name == "李明"


def test_it_keeps_every_reporting_line_inside_its_account_without_cycles(seeded: str) -> None:
    # given the seeded demo
    rows = list(Contact.objects.values_list("pk", "account_id", "reports_to_id"))
    account_of = {pk: account_id for pk, account_id, _ in rows}
    manager_of = {pk: manager_id for pk, _, manager_id in rows}
    # then every manager works at the same account
    assert [pk for pk, account_id, boss in rows if boss and account_of[boss] != account_id] == []
    # and every chain ends at the one top person of the account
    tops = {_chain_to_top(pk, manager_of)[-1] for pk in manager_of}
    assert len(tops) == 13
    assert {account_of[top] for top in tops} == set(Account.objects.values_list("pk", flat=True))


def test_it_builds_group_families_and_a_mix_of_statuses(seeded: str) -> None:
    # given the seeded demo
    families = dict(
        Account.objects.annotate(n=Count("subsidiaries")).filter(n__gt=0).values_list("name", "n")
    )
    statuses = dict(Account.objects.values_list("status").annotate(n=Count("pk")))
    # then two parents have two subsidiaries each, and the statuses are mostly active
    assert families == {"华东电力集团": 2, "长江汽车集团": 2}
    assert statuses == {"active": 11, "prospect": 1, "dormant": 1}
    assert list(Account.objects.filter(currency="USD").values_list("name", flat=True)) == [
        "Northwind Pharmaceuticals (Suzhou) Co., Ltd."
    ]
    # the scorecards put the portfolio in all four categories
    categories = dict(
        Account.objects.values_list("category").annotate(count=Count("id")).order_by()
    )
    assert categories == {"strategic": 4, "star": 4, "status": 3, "streamline": 2}


def test_it_splits_accounts_between_managers_and_shares_some_with_the_team(seeded: str) -> None:
    # given the seeded demo
    def visible(username: str) -> int:
        return accounts_visible_to(User.objects.get(username=username)).count()

    # then each manager owns about half, and the others see their teams' accounts
    # (蓝海国际物流 has just been handed over from manager.wang to manager.li)
    assert Account.objects.filter(owner__username="manager.li").count() == 8
    assert Account.objects.filter(owner__username="manager.wang").count() == 5
    assert {name: visible(name) for name in ["member.chen", "member.zhao", "viewer.sun"]} == {
        "member.chen": 5,
        "member.zhao": 6,
        "viewer.sun": 3,
    }
    owners_on_team = AccountTeamMembership.objects.filter(
        user_id=F("account__owner_id"), team_role="account_manager"
    )
    assert owners_on_team.count() == 13


def test_it_writes_the_audit_trail_as_the_admin(seeded: str) -> None:
    # given the seeded demo
    # then every record made through a service has an audit entry by the admin
    records = 3 + 4 + 13 + (29 - 13) + 133 + 180
    core = AuditEntry.objects.filter(actor__username="admin")
    assert core.count() == records
    assert not core.filter(content_type__model="assessment").exists()
    # and the measurements are recorded by each account's manager: two periods of the score
    # sheet, the relationship test and both scorecard snapshots for all 13 accounts, surveys and
    # two wallet categories for the 12 trading ones, and the category each scorecard set
    by_managers = AuditEntry.objects.exclude(actor__username="admin")
    by_model = dict(
        by_managers.values_list("content_type__model").annotate(count=Count("id")).order_by()
    )
    assert by_model == {
        # score sheet, relationship test, two scorecard snapshots, the value ladder (T12); and
        # 5 key persons' ladders; the KPI check of each account's closed PDCA cycle (last
        # quarter) and of this quarter
        # (− 2: 长江汽车零部件 never took the relationship test, the wheel's Assess example)
        "assessment": 13 * 2 * 5 - 2 + 13 * 5 * 2 + 13 + 13 + 1,  # + 1: re-rated after handover
        "satisfactionsurvey": 12 * 2,
        "walletestimate": 12 * 2 * 2,
        # a category set or changed by a scorecard; the handover of 蓝海国际物流
        "account": 17 + 1,
        # every contact placed on the map, then 13 hidden influencers and 10 opponents reshaped
        "contact": 180 + 13 + 10,
        "contactedge": 49,
        "ladderevidence": 272,  # evidence for most rungs scored "consistent" (seeded random)
        "keypersoncard": 13 * 4 * 2,  # four cards per account, each written and style-scored
        "cardaction": 91,
        "counterpartprofile": 13 * 3,
        "giftentry": 37,  # 39 attempted; two over a government official's limit were refused
        # engagement: the 2026 plans (317 entries), then 230 marked done by their activity,
        # 30 cancelled or postponed; 256 activities (26 unplanned); 40 meeting records with
        # two actions each, 48 of them closed; 2 key dates per account; 3 matching items per
        # account moved step by step along the funnel (77 moves)
        # The wheel's 2025 story: three accounts planned four executive meetings each in 2025
        # and held ten of them (4 + 4 + 2), each an activity marking its entry done
        "calendarentry": 317 + 260 + 13 * 4 + 13 * 3 + 3 * 4 + 10,
        "activity": 256 + 13 * 3 + 10,
        "meetingrecord": 40,
        # and the corrective action of each third-quarter review (one plan is not yet reviewed
        # in the third quarter), and of one 2025 year-end review
        "actionitem": 80 + 48 + 6 + 1,
        "customerkeydate": 13 * 2,
        # needs: 12 per account, two addressed (each a new matching item), one dropped
        "matchingitem": 13 * 3 + 77 + 13 * 2,
        "need": 13 * 12 + 13 * 2 + 13,
        # platform plans: 2–4 items per account (38), the first of each added to the calendar
        # (4 entries, 3 of them held before the demo day: logged activities, counted above)
        "platformitem": 38 + 13,
        # broad relationships: 6 matrix rows per account, each created then filled; 6 targets
        "racirow": 13 * 6 * 2,
        "coveragetarget": 13 * 6,
        # PDCA: the third quarter created, started, checked, moved to act and closed, which
        # opened the fourth quarter; every other account started doing it
        "pdcacycle": 13 * 6 + 7,
        # annual plans: manager.li's 7 accounts each plan 2026 with three objectives (one
        # changed in the draft after approval), a strategy, a budget line and a risk; the
        # director approves version 1. Before it, a 2025 plan with the same three objectives,
        # approved, and reviewed at the year's end; the 2026 plan is reviewed in Q2 and Q3 (the
        # last account's in Q2 only)
        "accountplan": 7 * 2,
        "objective": 7 * (3 + 1) + 7 * 3,
        "strategy": 7,
        "budgetline": 7,
        "risk": 7,
        "planversion": 7 * 2,
        # 华东电力江苏配售电's 2025 year-end review is still to be held, and the last active
        # account's 2026 third-quarter review
        "review": 7 * 3 - 2,
        # the handover of 蓝海国际物流: one key person's power map confirmed unchanged
        "handover": 1,
        "handoverconfirmation": 1,
        # responsibility letters: manager.li's letter on each plan (7), signed by them on five
        # and by the director on three of those; and three 2025 letters signed by both
        "responsibilityletter": 7 + 5 + 3 + 3 * 3,
    }
    assert set(by_managers.values_list("actor__username", flat=True)) == {
        "manager.li",
        "manager.wang",
        "director",
    }


def test_it_prints_the_demo_logins(seeded: str) -> None:
    # given the output of the seed
    # then it lists every login with the password
    assert "Demo logins (password: demo1234)" in seeded
    assert "viewer.sun     Viewer (read-only)     3 accounts whose team they are on, read-only" in (
        seeded
    )


def test_it_creates_nothing_when_run_again_with_if_empty(seeded: str) -> None:
    # given a seeded database
    before = database_fingerprint()
    # when seeding again with --if-empty
    output = _seed("--if-empty")
    # then nothing changed, and the logins are printed again
    assert database_fingerprint() == before
    assert output.startswith("Accounts already exist: nothing seeded (--if-empty).\n")
    assert "Demo logins (password: demo1234)" in output


def test_it_scores_every_demo_account_on_the_value_ladder_in_two_periods(seeded: str) -> None:
    from kam.assessments.models import Assessment

    snapshots = Assessment.objects.filter(tool_code="value_ladder", is_current=True)
    per_account = Counter(snapshots.values_list("account_id", flat=True))
    assert set(per_account.values()) == {2}
    assert len(per_account) == Account.objects.count()
    assert set(snapshots.values_list("period", flat=True)) == {"2025", "2026"}
    example = snapshots.get(account__name="蓝海国际物流股份有限公司", period="2026")
    assert (example.band, example.result["figures"]["tiers_skipped"]) == ("strategic", ["product"])
    assert "value ladders" in seeded


def test_it_gives_every_account_a_dozen_needs_on_every_layer(seeded: str) -> None:
    from kam.needs.models import Need

    # given the seeded demo
    # when counting each account's needs per layer and status
    per_account = {
        account.pk: set(account.needs.values_list("iceberg_layer", flat=True))
        for account in Account.objects.all()
    }
    counts = Account.objects.annotate(n=Count("needs")).values_list("n", flat=True)
    # then every account has 12 needs on all three layers, two addressed through matching items
    assert set(counts) == {12}
    assert all(layers == {"surface", "business", "deep"} for layers in per_account.values())
    addressed = Need.objects.filter(status="addressed")
    assert addressed.count() == 26
    assert addressed.filter(matching_item__isnull=True).count() == 0
    assert Need.objects.filter(level="personal", contact__isnull=True).count() == 0
    assert Need.objects.filter(source_meeting__isnull=False).exists()
    assert "156 needs, 26 needs addressed" in seeded


def test_it_gives_every_account_a_platform_plan_with_events_held(seeded: str) -> None:
    from kam.platforms.selectors import platform_events

    # given the seeded demo, when reading each account's platform plan of the demo year
    sizes = Account.objects.annotate(n=Count("platform_items")).values_list("n", flat=True)
    figures = {platform_events(account, 2026) for account in Account.objects.all()}
    # then every account plans 2–4 platforms and holds 3 of the 4 seminar events on its calendar
    assert set(sizes) == {2, 3, 4}
    assert {(figure.held, figure.planned) for figure in figures} == {(3, 4)}
    assert "38 platform items, 39 platform events held" in seeded


def test_it_gives_every_account_a_matrix_and_coverage_gaps(seeded: str) -> None:
    from kam.broad.selectors import account_matrix, coverage_grid

    # given the demo, when reading every account's matrix and coverage grid
    problems, rates = {}, []
    for account in Account.objects.select_related("owner").order_by("name"):
        matrix = account_matrix(account=account)
        assert len(matrix.rows) == 6
        problems[account.name] = [p for row in matrix.rows for p in row.problems]
        rates.append(coverage_grid(account=account).rate)
    # then one account shows a row without its A as the error example, the others are valid
    assert [name for name, found in problems.items() if found] == [next(iter(problems))]
    assert next(iter(problems.values())) == ["Name one person accountable (A) for this row."]
    # and every account has coverage targets, none fully covered (the extra targets are gaps)
    assert all(rate is not None and rate < 1 for rate in rates)
    assert "78 matrix rows, 78 coverage targets" in seeded


def test_it_gives_every_account_a_closed_pdca_cycle_and_an_open_one(seeded: str) -> None:
    from kam.pdca.models import PdcaCycle

    # given the seeded demo, when reading each account's cycles
    cycles = list(PdcaCycle.objects.order_by("account__name", "starts_on"))
    by_account: dict[int, list[PdcaCycle]] = {}
    for cycle in cycles:
        by_account.setdefault(cycle.account_id, []).append(cycle)
    # then each has the third quarter closed with its check and act, the fourth open
    assert len(by_account) == 13
    for closed, following in by_account.values():
        assert (closed.period, closed.phase, following.period) == ("2026-Q3", "closed", "2026-Q4")
        assert closed.check_snapshot_id is not None and closed.standardise != ""
        assert following.planned_actions == closed.carry_over
    assert Counter(cycle.phase for cycle in cycles) == {"closed": 13, "do": 7, "plan": 6}
    assert "26 PDCA cycles, 13 PDCA cycles closed" in seeded


def test_it_reviews_every_demo_plan_last_year_at_its_end_and_this_year_twice(seeded: str) -> None:
    from kam.plans.models import AccountPlan
    from kam.reviews.models import Review

    # given the seeded demo, when listing the reviews of each planned account
    accounts = set(AccountPlan.objects.values_list("account_id", flat=True))
    reviews = Review.objects.select_related("plan").order_by("plan__account_id", "review_on")
    by_account: dict[int, list[tuple[int, str, str]]] = {}
    for review in reviews:
        by_account.setdefault(review.plan.account_id, []).append(
            (review.plan.year, review.kind, review.period)
        )
    # then each has 2025's year-end review (but one, whose review is still to be held) and
    # 2026's second- and third-quarter reviews (but one, not yet reviewed in the third)
    assert len(accounts) == 7
    year_end = (2025, "year_end", "2025")
    second, third = (2026, "quarterly", "2026-Q2"), (2026, "quarterly", "2026-Q3")
    assert Counter(tuple(rows) for rows in by_account.values()) == {
        (year_end, second, third): 5,
        (second, third): 1,
        (year_end, second): 1,
    }
    assert set(by_account) == accounts
    # and every review froze a score for its three objectives
    assert all(len(review.snapshot["objectives"]) == 3 for review in reviews)
    assert all(review.snapshot["score"] is not None for review in reviews)


def test_it_opens_an_alert_of_every_kind(seeded: str) -> None:
    from kam.alerts.models import Alert
    from kam.alerts.registry import rules

    # given the seeded demo, whose last step ran the alert refresh as the daily job would
    open_alerts = Alert.objects.filter(resolved_at=None)
    # then the alert centre opens with every kind of alert, as the summary says
    assert set(open_alerts.values_list("kind", flat=True)) == {rule.kind for rule in rules()}
    assert f"{open_alerts.count()} open alerts in" in seeded


def test_it_gives_the_demo_plans_signed_half_signed_and_draft_letters(seeded: str) -> None:
    # given the seeded demo, when counting the letters by status
    statuses = dict(
        ResponsibilityLetter.objects.values_list("status").annotate(count=Count("id")).order_by()
    )
    # then three are signed by both, two by the owner only and two are drafts (and three 2025
    # letters are signed by both, for the cycle wheel's 2025 story)
    assert statuses == {"signed": 3 + 3, "owner_signed": 2, "draft": 2}
    weights = ResponsibilityLetter.objects.values_list("objectives__weight", flat=True)
    assert sorted(set(weights)) == [Decimal("30.00"), Decimal("40.00")]


def test_it_shows_demo_accounts_at_every_phase_of_the_wheel(seeded: str) -> None:
    from kam.cycle.selectors import account_cycles

    # given the seeded demo, on the demo's today
    names = dict(Account.objects.values_list("pk", "name"))
    today = date(2026, 12, 7)

    # when reading the wheel of every account for the year under way and the year past
    def current(year: int) -> dict[str, str | None]:
        cycles = account_cycles(list(names), year, today)
        return {names[pk]: cycle.current for pk, cycle in cycles.items()}

    this_year, past_year = current(2026), current(2025)
    # then 2026 shows the first four phases (Execute is done only once the year is over) ...
    assert Counter(this_year.values()) == {"assess": 1, "plan": 5, "targets": 4, "execute": 3}
    assert this_year["长江汽车零部件有限公司"] == "assess"
    # ... and 2025 the last three, so the demo has accounts at every phase of the wheel
    assert Counter(past_year.values()) == {
        "assess": 1, "plan": 5, "targets": 4, "execute": 1, "review": 1, "improve": 1,
    }  # fmt: skip
    assert {
        name: past_year[name]
        for name in ["华南城市商业银行", "华东电力江苏配售电有限公司", "华东电力上海发电有限公司"]
    } == {
        "华南城市商业银行": "execute",
        "华东电力江苏配售电有限公司": "review",
        "华东电力上海发电有限公司": "improve",
    }
    assert set(this_year.values()) | set(past_year.values()) == set(CyclePhase.values)
