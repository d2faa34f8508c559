"""Bad input is refused as a whole, with the reason, and nothing is written."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kam.audit.models import AuditEntry
from kam.health.models import (
    SatisfactionSurvey,
    SurveyRating,
    SurveyRespondent,
    WalletCompetitorShare,
    WalletEstimate,
)
from kam.health.services import (
    RatingInput,
    RespondentInput,
    ShareInput,
    survey_submit,
    wallet_estimate_save,
)
from kam.health.tests.conftest import respondents, wallet
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, CompetitorFactory, ContactFactory

pytestmark = pytest.mark.django_db


def _nothing_written() -> bool:
    return not (
        SatisfactionSurvey.objects.exists()
        or SurveyRespondent.objects.exists()
        or SurveyRating.objects.exists()
    )


def _submit(owner: object, account: object, rows: list[RespondentInput]) -> None:
    survey_submit(
        actor=owner, account=account, period="2026", conducted_on=date(2026, 3, 2), respondents=rows
    )


def test_it_refuses_out_of_range_answers_and_writes_nothing(owner: object, account: object) -> None:
    good = respondents(account)
    rows = [
        good[0],
        replace(good[1], influence=11, overall=6, recommend=11),
        replace(good[2], ratings=(RatingInput("product_quality", 0, 6),)),
    ]
    with pytest.raises(ValidationError) as error:
        _submit(owner, account, rows)
    assert error.value.message_dict == {
        "respondents": [
            "Respondent 2: enter an influence from 0 to 10; rate the overall satisfaction from 1 "
            "to 5; rate the likelihood to recommend from 0 to 10.",
            "Respondent 3: Product quality: rate importance and performance from 1 to 5.",
        ]
    }
    assert _nothing_written()


def test_it_refuses_an_unknown_attribute(owner: object, account: object) -> None:
    rows = [RespondentInput(ratings=(RatingInput("weather", 3, 3),))]
    with pytest.raises(ValidationError) as error:
        _submit(owner, account, rows)
    assert error.value.message_dict == {"respondents": ["Respondent 1: unknown attribute weather."]}
    assert _nothing_written()


def test_it_refuses_a_contact_of_another_account(owner: object, account: object) -> None:
    foreign = ContactFactory(account=AccountFactory(owner=owner))
    rows = [*respondents(account)[:1], RespondentInput(contact=foreign, overall=4)]
    with pytest.raises(ValidationError) as error:
        _submit(owner, account, rows)
    assert error.value.message_dict == {
        "respondents": ["Respondent 2: the contact works at another account."]
    }
    assert _nothing_written()


def test_it_refuses_empty_rows_a_named_anonymous_answer_and_a_contact_twice(
    owner: object, account: object
) -> None:
    first = respondents(account)[0]
    rows = [first, replace(first, is_anonymous=True), RespondentInput(role="Nobody")]
    with pytest.raises(ValidationError) as error:
        _submit(owner, account, rows)
    assert error.value.message_dict["respondents"] == [
        "The same contact answers twice: merge the answers into one row.",
        "Respondent 2: an anonymous answer cannot name a contact.",
        "Respondent 3: no answer given.",
    ]
    with pytest.raises(ValidationError):
        _submit(owner, account, [])
    assert _nothing_written()


def test_it_keeps_the_current_survey_when_a_correction_is_refused(
    owner: object, account: object
) -> None:
    _submit(owner, account, respondents(account)[2:])
    before = list(SatisfactionSurvey.objects.values_list("pk", "is_current", "updated_at"))
    with pytest.raises(ValidationError):
        _submit(owner, account, [RespondentInput(overall=9)])
    assert list(SatisfactionSurvey.objects.values_list("pk", "is_current", "updated_at")) == before


def test_it_refuses_shares_above_100_percent_and_writes_nothing(
    owner: object, account: object
) -> None:
    before = database_fingerprint()
    shares = (ShareInput(CompetitorFactory(name="Hitachi"), Decimal("60.01")),)
    with pytest.raises(ValidationError) as error:
        wallet_estimate_save(actor=owner, account=account, data=wallet(competitor_shares=shares))
    assert error.value.message_dict == {
        "competitor_shares": [
            "Our share (40.00 %) and the competitors' shares (60.01 %) add up to 100.01 %: "
            "together they cannot exceed 100 %."
        ]
    }
    assert not WalletEstimate.objects.exists()
    assert not WalletCompetitorShare.objects.exists()
    assert database_fingerprint()["audit.AuditEntry"] == before["audit.AuditEntry"]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"our_rank": 4},
            {"our_rank": ["Our rank must lie between 1 and the number of suppliers."]},
        ),
        (
            {"our_revenue": Decimal("10000001")},
            {"our_revenue": ["Our revenue cannot exceed the customer's total spend."]},
        ),
        (
            {"customer_total_spend": Decimal("0")},
            {
                "customer_total_spend": ["Ensure this value is greater than or equal to 0.01."],
                "our_revenue": ["Our revenue cannot exceed the customer's total spend."],
            },
        ),
        (
            {"number_of_suppliers": 2, "our_rank": 1},
            {"number_of_suppliers": ["3 suppliers are listed, but the customer uses 2."]},
        ),
        ({"period": "26"}, "period"),
    ],
)
def test_it_refuses_an_impossible_wallet(
    owner: object, account: object, changes: dict[str, object], errors: object
) -> None:
    with pytest.raises(ValidationError) as error:
        wallet_estimate_save(actor=owner, account=account, data=wallet(**changes))
    if isinstance(errors, dict):
        assert error.value.message_dict == errors
    else:
        assert errors in error.value.message_dict
    assert not WalletEstimate.objects.exists()


def test_it_refuses_a_competitor_twice(owner: object, account: object) -> None:
    rival = CompetitorFactory()
    shares = (ShareInput(rival, Decimal("10")), ShareInput(rival, Decimal("5")))
    with pytest.raises(ValidationError) as error:
        wallet_estimate_save(actor=owner, account=account, data=wallet(competitor_shares=shares))
    assert error.value.message_dict == {"competitor_shares": ["A competitor is listed twice."]}
    assert not WalletEstimate.objects.exists()


def test_it_keeps_one_currency_per_period(owner: object, account: object) -> None:
    wallet_estimate_save(actor=owner, account=account, data=wallet())
    other = wallet(category_code="cables", category_label="Cables", currency="USD")
    with pytest.raises(ValidationError) as error:
        wallet_estimate_save(actor=owner, account=account, data=other)
    assert error.value.message_dict == {
        "currency": [
            "The other categories of 2026 are in CNY: enter this one in CNY too, so that the "
            "totals add up."
        ]
    }
    assert WalletEstimate.objects.count() == 1


def test_it_updates_the_estimate_of_a_category_and_audits_the_change(
    owner: object, account: object
) -> None:
    first, created = wallet_estimate_save(actor=owner, account=account, data=wallet())
    second, created_again = wallet_estimate_save(
        actor=owner,
        account=account,
        data=wallet(our_revenue=Decimal("5000000"), competitor_shares=()),
    )
    assert (created, created_again, second.pk) == (True, False, first.pk)
    assert WalletEstimate.objects.get().our_revenue == Decimal("5000000.00")
    assert not WalletCompetitorShare.objects.exists()
    entry = AuditEntry.objects.filter(object_uuid=first.uuid, action="update").get()
    assert entry.changes == {
        "our_revenue": ["4000000.00", "5000000.00"],
        "competitor_shares": ["Siemens: 35.00, ABB: 15.00", None],
    }


def test_it_answers_a_conflict_instead_of_a_crash_when_a_category_is_created_twice(
    owner: object, account: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from django.db import IntegrityError

    from kam.core.exceptions import ApplicationError
    from kam.health import services
    from kam.health.models import WalletEstimate

    # given the database refuses the insert, as it does when another request won the race
    def refuse(*args: object, **kwargs: object) -> None:
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(WalletEstimate, "save", refuse)
    data = services.WalletInput(
        period="2026", category_code="core", category_label="核心设备",
        customer_total_spend=Decimal(100), our_revenue=Decimal(40), currency="CNY",
    )  # fmt: skip
    with pytest.raises(ApplicationError) as error:
        services.wallet_estimate_save(actor=owner, account=account, data=data)
    assert error.value.status == 409
    assert WalletEstimate.objects.count() == 0
