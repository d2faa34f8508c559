"""Responsibility letters (T13) for the latency benchmark: on the measured account's plan of
this year (bench/plans_bench.py, 12 objectives), the owner's letter signed by the owner, so its
page scores the 12 objectives live from the catalogue over the account's full records.

Call after django.setup() on the bench database:

    from letters_bench import add_letters_data, targets
    add_letters_data(account)                # once; found again on --reuse
    for label, url in targets(account): ...

Rows are load (bulk_create, no audit trail).
"""

from datetime import date


def add_letters_data(account: object) -> int:
    """The owner's letter on the plan of this year, with the plan's objectives frozen."""
    from decimal import Decimal

    from django.utils import timezone
    from plans_bench import add_plans_data

    from kam.letters.models import LetterObjective, ResponsibilityLetter
    from kam.letters.selectors import both_languages, current_rules, rules_to_json
    from kam.letters.services import normalized_weights
    from kam.metrics.registry import definition_for
    from kam.plans.models import AccountPlan

    add_plans_data(account)
    year = timezone.localdate().year
    plan = AccountPlan.objects.get(account_id=account.pk, year=year)
    if ResponsibilityLetter.objects.filter(plan=plan).exists():
        return 0
    letter = ResponsibilityLetter.objects.create(
        plan=plan, owner=account.owner, period_start=date(year, 1, 1),
        period_end=date(year, 12, 31), rules=rules_to_json(current_rules(), 0),
        generated_by=account.owner,
    )  # fmt: skip
    objectives = list(plan.objectives.order_by("created_at", "pk"))
    weights = normalized_weights([item.weight for item in objectives])
    rows = []
    for position, (item, weight) in enumerate(zip(objectives, weights, strict=True)):
        definition = definition_for(item.metric_code)
        rows.append(
            LetterObjective(
                letter=letter,
                source=item,
                metric_code=item.metric_code,
                label=both_languages(lambda item=item: item.metric_label),
                kind=item.kind,
                unit=definition.unit,
                direction=definition.direction,
                is_stage=definition.is_stage,
                baseline=item.baseline or Decimal(0),
                target=item.target,
                weight=weight,
                comparison_basis=item.comparison_basis,
                data_source=str(definition.data_source),
                frequency=item.frequency,
                formula=both_languages(lambda definition=definition: definition.formula),
                position=position,
            )  # fmt: skip
        )
    LetterObjective.objects.bulk_create(rows)
    ResponsibilityLetter.objects.filter(pk=letter.pk).update(
        status="owner_signed", signed_by_owner_at=timezone.now()
    )
    return 1 + len(rows)


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    from kam.letters.models import ResponsibilityLetter

    uuid = str(account.uuid)
    letter = (
        ResponsibilityLetter.objects.filter(plan__account_id=account.pk)
        .select_related("plan")
        .order_by("-created_at")
        .first()
    )
    if letter is None:
        return [("Responsibility letter page", "/")]  # replaced once the data is added
    return [
        (
            "Responsibility letters page (plan)",
            reverse("letters:plan", args=[uuid, letter.plan.uuid]),
        ),
        ("Responsibility letter page", reverse("letters:letter", args=[uuid, letter.uuid])),
    ]
