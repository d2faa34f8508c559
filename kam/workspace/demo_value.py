"""Demo value ladders (T12): every demo account scored in two periods through the service, its
maturity (from the revenue rank) climbing the ladder between them; one account reaches the
strategic tier while its product tier stays below 60, so the warning has a true example."""

import random
from datetime import date

from kam.accounts.models import Account
from kam.value.services import ValueInput, value_ladder_submit

PERIODS = (("2025", date(2025, 11, 25)), ("2026", date(2026, 11, 12)))
# Dimensions from product to strategic value: a mature account scores high further up.
CODES = ["product", "service", "solution", "process_cost", "financial",
         "brand_market", "relationship_capability", "strategic"]  # fmt: skip
SKIPPED_TIER_EXAMPLE = "蓝海国际物流股份有限公司"


def _maturity(accounts: list[Account]) -> dict[int, float]:
    ranked = sorted(accounts, key=lambda account: account.current_revenue)
    return {account.pk: 0.25 + 0.65 * index / max(len(ranked) - 1, 1)
            for index, account in enumerate(ranked)}  # fmt: skip


def _scores(rng: random.Random, level: float) -> dict[str, int]:
    """Lower dimensions first: position 0 gets the most of the maturity, position 7 the least."""
    values = {}
    for position, code in enumerate(CODES):
        centre = 5 * level * (1.25 - position / 10)
        values[code] = max(0, min(5, round(centre + rng.uniform(-0.7, 0.7))))
    return values


def seed_value_ladders(*, rng: random.Random, accounts: list[Account]) -> int:
    """Two periods of value snapshots per demo account, targets one or two steps higher."""
    maturity = _maturity(accounts)
    count = 0
    for account in accounts:
        for step, (period, assessed_on) in enumerate(PERIODS):
            current = _scores(rng, maturity[account.pk] - 0.12 * (1 - step))
            if account.name == SKIPPED_TIER_EXAMPLE and step == 1:
                current = dict(zip(CODES, [2, 3, 3, 3, 4, 4, 4, 3], strict=True))
            target = {
                code: min(5, value + rng.choice([1, 1, 2])) for code, value in current.items()
            }
            value_ladder_submit(
                actor=account.owner,
                account=account,
                data=ValueInput(period=period, assessed_on=assessed_on, current=current,
                                target=target, note="演示数据"),
            )  # fmt: skip
            count += 1
    return count
