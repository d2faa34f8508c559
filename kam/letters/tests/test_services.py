"""Letter services: generation from an owner's objectives (weights scaled to 100.00), the
measurability rule at signature, the order of signatures, immutability once signed, closing
with the letter's own rules, and versioned evaluation rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kam.audit.models import AuditEntry
from kam.core.exceptions import ApplicationError
from kam.letters.models import LetterObjective, ResponsibilityLetter
from kam.letters.selectors import current_rules, evaluate, rules_from_json
from kam.letters.services import (
    letter_close,
    letter_generate,
    letter_sign,
    normalized_weights,
    rule_set_create,
)
from kam.letters.tests.conftest import add_objective
from kam.metrics.services import manual_metric_record
from kam.plans.models import AccountPlan, Objective
from kam.plans.scoring import DEFAULT_RULES
from kam.plans.services import ObjectiveInput, objective_update
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db


def _fill_source(owner: object, plan: AccountPlan, source: str = "财务月报") -> None:
    objective = plan.objectives.get(metric_code="gross_margin")
    plan.refresh_from_db()
    objective_update(
        actor=owner, objective=objective,
        data=ObjectiveInput(kind="result", metric_code="gross_margin", target=Decimal("25"),
                            weight=Decimal("30"), comparison_basis="self_past", owner=owner,
                            frequency="quarterly", baseline=Decimal("20"), data_source=source),
        expected_version=plan.version,
    )  # fmt: skip


def test_it_defaults_the_data_source_of_computed_metrics_only(
    owner: object, plan: AccountPlan
) -> None:
    sources = dict(plan.objectives.values_list("metric_code", "data_source"))
    assert sources == {"gross_margin": "", "executive_meetings": "Activities logged"}
    meetings = plan.objectives.get(metric_code="executive_meetings")
    plan.refresh_from_db()
    objective_update(
        actor=owner, objective=meetings,
        data=ObjectiveInput(kind="process", metric_code="executive_meetings", target=Decimal("6"),
                            weight=Decimal("30"), comparison_basis="self_past", owner=owner,
                            frequency="quarterly"),
        expected_version=plan.version,
    )  # fmt: skip
    meetings.refresh_from_db()
    assert (meetings.target, meetings.data_source) == (Decimal("6"), "Activities logged")


def test_it_refuses_the_signature_until_every_objective_has_a_data_source(
    owner: object, plan: AccountPlan
) -> None:
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    before = database_fingerprint()
    with pytest.raises(ApplicationError) as refused:
        letter_sign(letter=letter, actor=owner)
    assert (refused.value.code, refused.value.status) == ("not_measurable", 409)
    assert refused.value.message == (
        "This letter cannot be signed: every objective must be countable, measurable and "
        "assessable. Gross margin: lacks a data source."
    )
    assert database_fingerprint() == before
    _fill_source(owner, plan)
    again = letter_generate(plan=plan, owner=owner, actor=owner)
    signed = letter_sign(letter=again, actor=owner)
    assert again.pk == letter.pk and signed.status == "owner_signed"
    assert signed.signed_by_owner_at is not None
    assert list(signed.objectives.values_list("metric_code", "data_source")) == [
        ("gross_margin", "财务月报"), ("executive_meetings", "Activities logged"),
    ]  # fmt: skip


def test_it_scales_the_owners_weights_to_exactly_100(
    owner: object, teammate: object, plan: AccountPlan
) -> None:
    add_objective(owner, plan, metric_code="org_total", weight=Decimal("10"), baseline=None)
    add_objective(teammate, plan, metric_code="revenue", weight=Decimal("20"), baseline=None)
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    weights = list(letter.objectives.values_list("metric_code", "weight"))
    assert weights == [
        ("gross_margin", Decimal("42.85")),
        ("executive_meetings", Decimal("42.86")),
        ("org_total", Decimal("14.29")),
    ]
    assert sum(weight for _code, weight in weights) == Decimal("100.00")
    assert normalized_weights([Decimal("1"), Decimal("1"), Decimal("1")]) == [
        Decimal("33.34"), Decimal("33.33"), Decimal("33.33"),
    ]  # fmt: skip


def test_it_refuses_an_owner_without_objectives(
    owner: object, teammate: object, plan: AccountPlan
) -> None:
    with pytest.raises(ValidationError) as refused:
        letter_generate(plan=plan, owner=teammate, actor=owner)
    message = f"{teammate} owns no objective of this plan."
    assert refused.value.message_dict == {"owner": [message]}
    assert not ResponsibilityLetter.objects.exists()


def test_it_lets_the_owner_sign_before_the_approver(
    owner: object, director: object, plan: AccountPlan
) -> None:
    _fill_source(owner, plan)
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    with pytest.raises(ApplicationError) as refused:
        letter_sign(letter=letter, actor=director)
    assert refused.value.code == "owner_first"
    letter.refresh_from_db()
    assert (letter.status, letter.signed_by_approver_at, letter.approver) == ("draft", None, None)
    letter_sign(letter=letter, actor=owner)
    signed = letter_sign(letter=letter, actor=director)
    assert (signed.status, signed.approver) == ("signed", director)
    assert signed.signed_by_approver_at >= signed.signed_by_owner_at
    changes = list(
        AuditEntry.objects.filter(object_uuid=letter.uuid)
        .order_by("pk")
        .values_list("action", "changes__status")
    )
    assert changes == [
        ("create", [None, "draft"]),
        ("update", ["draft", "owner_signed"]),
        ("update", ["owner_signed", "signed"]),
    ]


def test_it_refuses_a_viewers_signature_and_changes_nothing(
    owner: object, viewer: object, plan: AccountPlan
) -> None:
    _fill_source(owner, plan)
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    before = database_fingerprint()
    with pytest.raises(PermissionDenied):
        letter_sign(letter=letter, actor=viewer)
    with pytest.raises(PermissionDenied):
        letter_generate(plan=plan, owner=owner, actor=viewer)
    assert database_fingerprint() == before


def test_it_never_changes_a_signed_letter(
    owner: object, director: object, plan: AccountPlan
) -> None:
    _fill_source(owner, plan)
    letter = letter_sign(
        letter=letter_sign(letter=letter_generate(plan=plan, owner=owner, actor=owner),
                           actor=owner),
        actor=director,
    )  # fmt: skip
    before = database_fingerprint()
    letter.final_score = Decimal("99")
    with pytest.raises(ValidationError, match="A signed responsibility letter cannot be changed"):
        letter.save()
    objective = LetterObjective.objects.select_related("letter").first()
    objective.target = Decimal("1")
    with pytest.raises(ValidationError):
        objective.save()
    with pytest.raises(ValidationError):
        objective.delete()
    with pytest.raises(ApplicationError) as refused:
        letter_generate(plan=plan, owner=owner, actor=owner)
    assert refused.value.code == "letter_signed"
    with pytest.raises(ApplicationError) as again:
        letter_sign(letter=letter, actor=director)
    assert again.value.code == "already_signed"
    assert database_fingerprint() == before


def _objective(kind: str, code: str, target: str, weight: str, **values: object) -> LetterObjective:
    return LetterObjective(
        kind=kind, metric_code=code, target=Decimal(target), weight=Decimal(weight),
        direction=values.pop("direction", "higher"), **values,
    )  # fmt: skip


def test_it_scores_the_worked_example_40_60_with_the_120_percent_cap() -> None:
    """Process: calendar compliance 8 of 10 → 80. Result: gross margin 30 of 20 = 150 %,
    counted 120 %; a lower-is-better cost 10 against 5 → 50 %; result = (30·1.2 + 30·0.5)/60
    = 85. Letter = 0.4 · 80 + 0.6 · 85 = 83 → satisfactory."""
    objectives = [
        _objective("process", "calendar_compliance", "10", "40"),
        _objective("result", "gross_margin", "20", "30"),
        _objective("result", "cost", "5", "30", direction="lower"),
    ]
    actuals = {"calendar_compliance": Decimal("8"), "gross_margin": Decimal("30"),
               "cost": Decimal("10")}  # fmt: skip
    evaluation = evaluate(objectives, actuals, DEFAULT_RULES)
    assert [(row.achievement, row.counted) for row in evaluation.rows] == [
        (Decimal("0.8"), Decimal("0.8")), (Decimal("1.5"), Decimal("1.2")),
        (Decimal("0.5"), Decimal("0.5")),
    ]  # fmt: skip
    assert (evaluation.process_score, evaluation.result_score, evaluation.score) == (
        Decimal("80.00"), Decimal("85.00"), Decimal("83.00"),
    )  # fmt: skip
    assert evaluation.rating == "pass"


def test_it_closes_a_signed_letter_with_its_own_rules_and_freezes_the_score(
    owner: object, director: object, account: object, plan: AccountPlan
) -> None:
    _fill_source(owner, plan)
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    rule_set_create(actor=director, process_share=Decimal("0.5"), cap=Decimal("1.5"),
                    excellent_from=Decimal("90"), good_from=Decimal("80"),
                    pass_from=Decimal("60"))  # fmt: skip
    letter_sign(letter=letter, actor=owner)
    letter_sign(letter=letter, actor=director)
    manual_metric_record(actor=owner, account=account, metric_code="gross_margin",
                         measured_on=date(2026, 12, 1), value=Decimal("30"))  # fmt: skip
    closed = letter_close(letter=letter, actor=director, on=date(2026, 12, 31))
    # gross margin 30/25 = 120 % (result 120), no executive meeting logged: 0 of 4 (process 0);
    # the letter's own rules (generated before the new version): 0.4 · 0 + 0.6 · 120 = 72
    assert rules_from_json(closed.rules) == DEFAULT_RULES
    assert (closed.status, closed.process_score, closed.result_score, closed.final_score,
            closed.rating) == ("closed", Decimal("0.00"), Decimal("120.00"), Decimal("72.00"),
                               "pass")  # fmt: skip
    assert closed.results[0]["actual"] == "30.0000"
    with pytest.raises(ValidationError):
        closed.save()


def test_it_versions_the_rules_and_lets_only_directors_change_them(
    owner: object, director: object
) -> None:
    assert current_rules() == DEFAULT_RULES
    with pytest.raises(PermissionDenied):
        rule_set_create(actor=owner, process_share=Decimal("0.5"), cap=Decimal("1.2"),
                        excellent_from=Decimal("100"), good_from=Decimal("85"),
                        pass_from=Decimal("70"))  # fmt: skip
    first = rule_set_create(actor=director, process_share=Decimal("0.3"), cap=Decimal("1.1"),
                            excellent_from=Decimal("95"), good_from=Decimal("80"),
                            pass_from=Decimal("65"))  # fmt: skip
    second = rule_set_create(actor=director, process_share=Decimal("0.5"), cap=Decimal("1.2"),
                             excellent_from=Decimal("100"), good_from=Decimal("85"),
                             pass_from=Decimal("70"))  # fmt: skip
    assert (first.number, second.number) == (1, 2)
    assert current_rules().process_share == Decimal("0.5")
    with pytest.raises(ValidationError):
        rule_set_create(actor=director, process_share=Decimal("0.5"), cap=Decimal("1.2"),
                        excellent_from=Decimal("70"), good_from=Decimal("85"),
                        pass_from=Decimal("70"))  # fmt: skip
    first.cap = Decimal("2")
    with pytest.raises(ValidationError):
        first.save()


def test_it_makes_a_new_letter_after_the_signed_one_is_closed(
    owner: object, director: object, plan: AccountPlan
) -> None:
    _fill_source(owner, plan)
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    letter_sign(letter=letter, actor=owner)
    letter_sign(letter=letter, actor=director)
    letter_close(letter=letter, actor=director, on=date(2026, 6, 30))
    fresh = letter_generate(plan=plan, owner=owner, actor=owner)
    assert fresh.pk != letter.pk and fresh.status == "draft"
    assert ResponsibilityLetter.objects.filter(plan=plan).count() == 2
    assert Objective.objects.filter(plan=plan).count() == 2
