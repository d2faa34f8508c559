"""No lost updates in the plan API: replacing an objective needs the plan's version read."""

from collections.abc import Callable

import pytest

from kam.plans.models import AccountPlan, Objective
from kam.plans.tests.conftest import add_objective
from tests.versioning import (
    VersionedWrite,
    check_null_body_refused,
    check_outsider_gets_404,
    check_read_answers_the_version,
    check_same_body_version_twice,
    check_same_if_match_twice,
    check_version_required,
)

pytestmark = pytest.mark.django_db

STALE_PLAN = (
    "Someone else changed this plan after you opened it. Your changes were not saved: reload "
    "the page to see the current version, then make them again."
)


def _objective_body(owner: object, target: str) -> dict[str, object]:
    return {
        "kind": "result", "metric_code": "share_of_wallet", "target": target, "weight": "60",
        "comparison_basis": "competitor", "owner_id": str(owner.uuid), "frequency": "quarterly",
    }  # fmt: skip


@pytest.fixture
def write(owner: object, make_plan: Callable[..., AccountPlan]) -> VersionedWrite:
    plan = make_plan()
    objective = add_objective(owner, plan)
    base = f"/api/v1/accounts/{plan.account.uuid}/plans/2026"
    return VersionedWrite(
        method="PUT",
        url=f"{base}/objectives/{objective.uuid}",
        first=_objective_body(owner, "45"),
        second=_objective_body(owner, "50"),
        version=lambda: AccountPlan.objects.get(pk=plan.pk).version,
        state=lambda: Objective.objects.values_list("target", flat=True).get(pk=objective.pk),
        read_url=base,
        stale_message=STALE_PLAN,
    )


def test_it_answers_the_plan_version_as_the_etag(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_read_answers_the_version(client_for(owner), write)


def test_it_answers_428_without_a_version(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_version_required(client_for(owner), write)


def test_it_lets_one_of_two_writes_with_the_same_if_match_through(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_same_if_match_twice(client_for(owner), write)


def test_it_refuses_the_second_of_two_writes_with_the_same_version_with_409(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_same_body_version_twice(client_for(owner), write)


def test_it_refuses_a_null_body(client_for: object, owner: object, write: VersionedWrite) -> None:
    check_null_body_refused(client_for(owner), write)


def test_it_answers_404_to_an_outsider_and_changes_nothing(
    client_for: object, outsider: object, write: VersionedWrite
) -> None:
    check_outsider_gets_404(client_for(outsider), write)
