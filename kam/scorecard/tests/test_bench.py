"""The bench's scorecard data: plausible snapshots the engine would have scored, re-runnable."""

import pytest

from bench.scorecard_bench import add_scorecard_data, targets
from kam.accounts.models import Account
from kam.assessments import engine
from kam.assessments.models import Assessment, Response
from tests.factories import AccountFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_scores_every_account_in_each_period_with_the_engine(client: object) -> None:
    manager = UserFactory(role="account_manager")
    for _index in range(3):
        AccountFactory(owner=manager)
    counts = add_scorecard_data(("2025", "2026"))
    again = add_scorecard_data(("2025", "2026"))  # replaces, does not duplicate
    assert (counts["snapshots"], counts["responses"]) == (12, 3 * 2 * (8 + 5 + 2 * 5))
    assert (again["snapshots"], Assessment.objects.count()) == (12, 12)
    assert Response.objects.count() == 138
    for snapshot in Assessment.objects.select_related("template"):
        answers = [
            engine.Answer(r.criterion_code, float(r.value), "", str(r.competitor_id or ""))
            for r in snapshot.responses.all()
        ]
        expected = engine.score(snapshot.template.spec(), answers)
        assert snapshot.total == engine.to_decimal(expected.total)
        assert snapshot.assessors.count() == 1
    assert not Account.objects.filter(category="").exists()
    client.force_login(UserFactory(role="director"))
    account = Account.objects.first()
    for label, url in targets(str(account.uuid)):
        assert client.get(url).status_code == 200, label
