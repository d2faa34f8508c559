"""Scorecard instruments for the latency benchmark (T1).

Call after django.setup() on the bench database:

    from bench.scorecard_bench import add_scorecard_data, targets
    add_scorecard_data()          # both snapshots of every account in 2025 and 2026
    for label, url in targets(): ...

This is load, not history: snapshots are scored with the engine's own `score` function and
written with bulk_create (no services, no audit trail), then every account is classified once.
Running it again replaces the scorecards of the given periods.
"""

import random
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

BATCH_SIZE = 2000
SEED = 20260301
COMPETITOR_NAMES = ["华为", "西门子", "施耐德电气", "ABB", "霍尼韦尔"]
COMPETITORS_PER_ACCOUNT = 2


@dataclass
class _Batch:
    """Rows waiting for bulk_create; responses and assessors wait for their snapshot's key."""

    assessments: list = field(default_factory=list)
    responses: list = field(default_factory=list)  # (assessment index, Response without FK)
    assessor_ids: list = field(default_factory=list)  # owner id per assessment index


def _clamp(value: float) -> int:
    return max(1, min(10, round(value)))


def _answers(
    rng: random.Random, codes: Sequence[str], level: float, subject: str = ""
) -> list[tuple[str, int, str]]:
    return [(code, _clamp(rng.gauss(level, 1.5)), subject) for code in codes]


class _Generator:
    def __init__(self, *, periods: Sequence[str], seed: int) -> None:
        from kam.accounts.models import Competitor
        from kam.assessments.selectors import template_current
        from kam.scorecard.classification import ATTRACTIVENESS, STRENGTH

        self.rng = random.Random(seed)
        self.periods = sorted(periods)
        self.templates = {
            tool: template_current(tool_code=tool) for tool in (ATTRACTIVENESS, STRENGTH)
        }
        self.specs = {
            tool: template.spec(list(template.criteria.all()))
            for tool, template in self.templates.items()
        }
        self.codes = {
            tool: [criterion.code for criterion in spec.criteria]
            for tool, spec in self.specs.items()
        }
        self.competitors = [
            Competitor.objects.get_or_create(name=name)[0] for name in COMPETITOR_NAMES
        ]
        self.batch = _Batch()

    def account(self, account_id: int, owner_id: int, revenue: Decimal, currency: str) -> None:
        """Both snapshots of every period; the account drifts a little from period to period."""
        attractiveness = self.rng.uniform(2.5, 8.5)
        strength = self.rng.uniform(3.5, 8.0)
        rivals = self.rng.sample(self.competitors, COMPETITORS_PER_ACCOUNT)
        rival_levels = [self.rng.uniform(4.0, 8.0) for _rival in rivals]
        for index, period in enumerate(self.periods):
            attractiveness += self.rng.uniform(-0.6, 0.8)
            strength += self.rng.uniform(-0.6, 0.6)
            growth = Decimal(str(round(0.85 + 0.1 * index, 2)))
            period_revenue = (revenue * growth).quantize(Decimal("0.01"))
            potential = (
                period_revenue * Decimal(str(round(self.rng.uniform(1.1, 3.0), 2)))
            ).quantize(Decimal("0.01"))
            submission = uuid.uuid4().hex
            figures = {
                "current_revenue": str(period_revenue),
                "potential_revenue_3y": str(potential),
                "total_category_spend_est": str((potential * 2).quantize(Decimal("0.01"))),
            }
            self._snapshot(
                account_id, owner_id, period, "scorecard_attractiveness",
                _answers(self.rng, self.codes["scorecard_attractiveness"], attractiveness),
                {"submission": submission, "currency": currency, "figures": figures},
            )  # fmt: skip
            strength_answers = _answers(self.rng, self.codes["scorecard_strength"], strength)
            for rival, level in zip(rivals, rival_levels, strict=True):
                strength_answers += _answers(
                    self.rng, self.codes["scorecard_strength"], level, str(rival.pk)
                )
            self._snapshot(
                account_id, owner_id, period, "scorecard_strength", strength_answers,
                {"submission": submission},
            )  # fmt: skip

    def _snapshot(
        self,
        account_id: int,
        owner_id: int,
        period: str,
        tool: str,
        answers: list[tuple[str, int, str]],
        inputs: dict,
    ) -> None:
        from kam.assessments import engine
        from kam.assessments.models import Assessment, Response
        from kam.assessments.services import result_as_json

        result = engine.score(
            self.specs[tool],
            [
                engine.Answer(code, float(value), str(owner_id), subject)
                for code, value, subject in answers
            ],
        )
        index = len(self.batch.assessments)
        self.batch.assessments.append(
            Assessment(
                template=self.templates[tool],
                tool_code=tool,
                account_id=account_id,
                period=period,
                assessed_on=date(int(period[:4]), 3, 1),
                total=engine.to_decimal(result.total),
                band=result.band,
                completeness=Decimal(str(round(result.completeness, 4))),
                is_complete=result.is_complete,
                result=result_as_json(result),
                inputs=inputs,
                created_by_id=owner_id,
            )
        )
        self.batch.assessor_ids.append(owner_id)
        self.batch.responses += [
            (
                index,
                Response(
                    criterion_code=code,
                    assessor_id=owner_id,
                    competitor_id=int(subject) if subject else None,
                    value=Decimal(value),
                ),
            )
            for code, value, subject in answers
        ]

    def save(self) -> dict[str, int]:
        from kam.assessments.models import Assessment, Response

        Assessment.objects.bulk_create(self.batch.assessments, batch_size=BATCH_SIZE)
        responses = []
        for index, response in self.batch.responses:
            response.assessment_id = self.batch.assessments[index].pk
            responses.append(response)
        Response.objects.bulk_create(responses, batch_size=BATCH_SIZE)
        through = Assessment.assessors.through
        through.objects.bulk_create(
            [
                through(assessment_id=assessment.pk, user_id=owner_id)
                for assessment, owner_id in zip(
                    self.batch.assessments, self.batch.assessor_ids, strict=True
                )
            ],
            batch_size=BATCH_SIZE,
        )
        self._save_positions()
        return {"snapshots": len(self.batch.assessments), "responses": len(responses)}

    def _save_positions(self) -> None:
        """The portfolio-matrix read model, as scorecard_submit writes it."""
        from kam.scorecard.models import ScorecardPosition
        from kam.scorecard.selectors.positions import position_values

        strengths = {
            (row.account_id, row.period): row
            for row in self.batch.assessments
            if row.tool_code == "scorecard_strength"
        }
        ScorecardPosition.objects.bulk_create(
            [
                ScorecardPosition(
                    **position_values(row, strengths.get((row.account_id, row.period)))
                )
                for row in self.batch.assessments
                if row.tool_code == "scorecard_attractiveness"
            ],
            batch_size=BATCH_SIZE,
        )


def add_scorecard_data(
    period_list: Sequence[str] = ("2025", "2026"), *, seed: int = SEED
) -> dict[str, int]:
    """Score every account in the database in each period (both templates), then classify."""
    from django.db import transaction

    from kam.accounts.models import Account
    from kam.assessments.models import Assessment
    from kam.scorecard.classification import SCORECARD_TOOLS
    from kam.scorecard.services import portfolio_settings_locked, reclassify

    started = time.perf_counter()
    with transaction.atomic():
        Assessment.objects.filter(tool_code__in=SCORECARD_TOOLS, period__in=period_list).delete()
        generator = _Generator(periods=period_list, seed=seed)
        rows = Account.objects.order_by("pk").values_list(
            "pk", "owner_id", "current_revenue", "currency"
        )
        for account_id, owner_id, revenue, currency in rows.iterator(chunk_size=BATCH_SIZE):
            generator.account(account_id, owner_id, revenue, currency)
        counts = generator.save()
        counts["reclassified"] = len(reclassify(settings=portfolio_settings_locked()))
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def targets(account_uuid: str | None = None) -> list[tuple[str, str]]:
    """(label, url) of the scorecard's pages and endpoints to measure; with an account (as in
    bench/run.py's build_targets) also its scorecard page, scoring form and history API."""
    from django.urls import reverse

    portfolio = reverse("scorecard:portfolio")
    found = [
        ("scorecard portfolio", portfolio),
        ("scorecard portfolio 2025, potential", f"{portfolio}?period=2025&size=potential"),
        ("API scorecard matrix", reverse("api:api_scorecard_matrix")),
    ]
    if account_uuid:
        account = {"account_uuid": account_uuid}
        found += [
            ("account scorecard", reverse("scorecard:account", kwargs=account)),
            ("account scoring form", reverse("scorecard:new", kwargs=account)),
            (
                "API account scorecard",
                reverse("api:api_scorecard_history", kwargs={"account_id": account_uuid}),
            ),
        ]
    return found
