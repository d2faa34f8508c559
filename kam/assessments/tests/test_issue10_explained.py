"""Issue 10 item 7: the deliberate rules are said where the result is explained — the T4 gates
are cumulative (score-sheet explanation), and a social-style value of exactly 2.5 counts as high
(the key-person card and the account's styles page); each at, below and above its boundary."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kam.assessments import engine
from kam.assessments.selectors import gate_rules, template_current
from kam.cards.style import style_for
from kam.cards.tests.factories import card_with_style
from kam.people.services import contact_map_update
from kam.relationship.tests.test_relationship import ORG_CODES, score

ORG_SPEC = engine.TemplateSpec(
    criteria=tuple(
        engine.CriterionSpec(code, 1.0, 0.0, 100.0, group=group)
        for code, group in [
            ("c", "communication"),
            ("m", "matching"),
            ("j", "joint"),
            ("i", "identification"),
        ]
    ),  # fmt: skip
    group_weights={"communication": 25, "matching": 25, "joint": 25, "identification": 25},
    bands=(
        engine.Band(0, "basic"),
        engine.Band(40, "cooperative"),
        engine.Band(60, "interdependent"),
        engine.Band(80, "integrated"),
    ),
    gates=(
        engine.Gate("interdependent", {"matching": 50}),
        engine.Gate("integrated", {"joint": 70, "identification": 70}),
    ),
)


@pytest.mark.parametrize(
    ("matching", "band"),
    [(49.99, "cooperative"), (50.0, "integrated"), (50.01, "integrated")],
)
def test_it_applies_the_lower_levels_gate_to_the_top_level(matching: float, band: str) -> None:
    # given a total far above 80 and 联合/认同 at 100: only 匹配 (战略合作's gate) can stop it
    answers = [engine.Answer("c", 100), engine.Answer("m", matching), engine.Answer("j", 100),
               engine.Answer("i", 100)]  # fmt: skip
    result = engine.score(ORG_SPEC, answers)
    assert result.total > 80
    assert result.band == band


@pytest.mark.django_db
def test_it_lists_the_cumulative_gates_of_the_score_sheet() -> None:
    rules = gate_rules(template_current(tool_code="org_score_sheet"))
    assert [(rule.band_label, rule.requirements) for rule in rules] == [
        ("Interdependent", [("Matching", 50.0)]),
        ("Integrated", [("Matching", 50.0), ("Joint action", 70.0), ("Identification", 70.0)]),
    ]


@pytest.mark.django_db
def test_it_says_on_the_explanation_that_the_gates_are_cumulative(
    client_for: object, owner: object, account: object
) -> None:
    snapshot = score(owner, account, "org_score_sheet", ORG_CODES, [4] * 12, "2026")
    page = client_for(owner).get(reverse("assessments:detail", args=[snapshot.uuid]))
    html = page.content.decode()
    assert 'data-testid="gate-rules"' in html
    assert "The gates are cumulative on purpose" in html
    assert "Integrated: Matching ≥ 50 · Joint action ≥ 70 · Identification ≥ 70" in html


@pytest.mark.parametrize(
    ("value", "is_high"), [(Decimal("2.4"), False), (Decimal("2.5"), True), (Decimal("2.6"), True)]
)
def test_it_counts_the_midpoint_as_high_on_both_axes(value: Decimal, is_high: bool) -> None:
    low = Decimal("1.0")
    assert style_for(value, low) == ("driver" if is_high else "analytical")
    assert style_for(low, value) == ("amiable" if is_high else "analytical")


@pytest.mark.django_db
def test_it_says_on_the_card_and_the_styles_page_that_the_midpoint_counts_as_high(
    client_for: object, owner: object, contact: object
) -> None:
    contact_map_update(actor=owner, contact=contact, data={"influence": 9})
    card_with_style(owner, contact, "driver")
    client = client_for(owner)
    sentence = "a value of exactly 2.5 deliberately counts as high"
    card = client.get(reverse("cards:card", args=[contact.uuid])).content.decode()
    assert 'data-testid="style-midpoint-rule"' in card and sentence in card
    styles = client.get(reverse("cards:account_styles", args=[contact.account.uuid]))
    assert sentence in styles.content.decode()
