"""Section 4 of the plan, 差距与机会: the gaps listed automatically from the tools' records. Each
gap has a stable key (kept on the objectives and strategies that close it, and in the approved
versions, so that a diff says which gaps appeared and which closed), a link to the record it
was found in, and the catalogue metric an objective closing it would measure."""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from kam.accounts.models import Account
from kam.assessments.models import localized
from kam.health.choices import Quadrant
from kam.plans.choices import GapKind
from kam.plans.reads import PlanReads
from kam.powermap.selectors.wording import flag_text
from kam.relationship.selectors import DIMENSIONS
from kam.value.selectors import value_template

# The T4 dimension score (0–100) below which a dimension is a gap: the plan's default target
# until targets are set per plan (a reconstruction, spec §8: keep it configurable).
ORG_DIMENSION_TARGET = 60


@dataclass(frozen=True)
class Gap:
    key: str
    kind: str
    title: str
    detail: str
    url: str
    metric_code: str
    target: Decimal | None = None

    @property
    def kind_label(self) -> str:
        return str(GapKind(self.kind).label)

    @property
    def label(self) -> str:
        return f"{self.kind_label}{_(': ')}{self.title}"


def _number(value: float | Decimal) -> Decimal:
    return Decimal(str(round(float(value), 1)))


def org_dimension_gaps(reads: PlanReads) -> list[Gap]:
    snapshot = reads.org_snapshot
    if snapshot is None:
        return []
    groups = (snapshot.result or {}).get("groups", {})
    url = reverse("assessments:detail", args=[snapshot.uuid])
    return [
        Gap(
            key=f"org_dimension:{code}",
            kind=GapKind.ORG_DIMENSION,
            title=snapshot.template.group_label(code),
            detail=_("{score} of 100 in {period}, below the target of {target}.").format(
                score=_number(groups[code]), period=snapshot.period, target=ORG_DIMENSION_TARGET
            ),
            url=url,
            metric_code="org_total",
        )
        for code in DIMENSIONS
        if groups.get(code) is not None and groups[code] < ORG_DIMENSION_TARGET
    ]


def power_map_gaps(reads: PlanReads) -> list[Gap]:
    """Key persons below their target level, and the red flags of the power map."""
    the_map, account = reads.power_map, reads.account
    url = reverse("powermap:account", args=[account.uuid])
    gaps = [
        Gap(
            key=f"key_person:{row.contact.uuid}",
            kind=GapKind.KEY_PERSON,
            title=row.contact.name,
            detail=_("Ladder level {level}, target {target}.").format(
                level=row.person.level or 0, target=row.person.target_level
            ),
            url=reverse("people:contact_detail", args=[row.contact.uuid]),
            metric_code="key_persons_at_target",
        )
        for row in the_map.key_people
        if (row.gap or 0) > 0
    ]
    for flag in the_map.flags:
        text = flag_text(flag, the_map.limits)
        # A count as qualifier (single-threaded: 0 people) changes with the records: not a key.
        suffix = f":{flag.qualifier}" if flag.qualifier and not flag.qualifier.isdigit() else ""
        gaps.append(
            Gap(
                key=f"red_flag:{flag.code}{suffix}",
                kind=GapKind.RED_FLAG,
                title=text.title,
                detail=text.detail,
                url=url,
                metric_code="key_person_index",
            )
        )
    return gaps


def health_gaps(reads: PlanReads) -> list[Gap]:
    """The latest survey's attributes to concentrate on (IPA) and the share-of-wallet headroom."""
    data, summary, account = reads.health_data, reads.health, reads.account
    url = reverse("health:account", args=[account.uuid])
    gaps = []
    if data.surveys:
        survey = data.surveys[max(data.surveys)]
        gaps += [
            Gap(
                key=f"low_ipa:{item['code']}",
                kind=GapKind.LOW_IPA,
                title=localized(item["label"], str(item["code"])),
                detail=_("Importance {importance}, performance {performance} in {period}.").format(
                    importance=item["importance"],
                    performance=item["performance"],
                    period=survey.period,
                ),  # fmt: skip
                url=reverse("health:survey_detail", args=[survey.uuid]),
                metric_code="satisfaction_index",
            )
            for item in survey.results.get("attributes", [])
            if item.get("quadrant") == Quadrant.CONCENTRATE_HERE
        ]
    share = summary.current.share_of_wallet_percent
    target = summary.parameters.target_share_percent
    if share is not None and share < target:
        gaps.append(
            Gap(
                key="sow_headroom",
                kind=GapKind.SOW_HEADROOM,
                title=_("Share of wallet {share}%").format(share=_number(share)),
                detail=_("{period}: below the target share of {target}%.").format(
                    period=summary.period, target=_number(target)
                ),
                url=url,
                metric_code="share_of_wallet",
                target=_number(target),
            )
        )
    return gaps


def value_gaps(reads: PlanReads) -> list[Gap]:
    latest = reads.value.latest
    if latest is None:
        return []
    template = value_template()
    url = reverse("value:snapshot", args=[latest.uuid])
    gaps = []
    for tier, score in latest.tier_scores.items():
        target = latest.target_tier_scores.get(tier)
        if target is None or (score or 0) >= target:
            continue
        gaps.append(
            Gap(
                key=f"value:{tier}",
                kind=GapKind.VALUE,
                title=template.group_label(tier),
                detail=_("{score} now, target {target} ({period}).").format(
                    score=_number(score or 0), target=_number(target), period=latest.period
                ),
                url=url,
                metric_code=f"value_{tier}_tier",
                target=_number(target),
            )
        )
    return gaps


def uncovered_row_gaps(reads: PlanReads) -> list[Gap]:
    url = reverse("broad:matrix", args=[reads.account.uuid])
    return [
        Gap(
            key=f"uncovered_row:{row.uuid}",
            kind=GapKind.UNCOVERED_ROW,
            title=row.label,
            detail=_("Nobody on our side is responsible (R) for this row."),
            url=url,
            metric_code="coverage_rate",
        )
        for row in reads.uncovered_rows
    ]


def plan_gaps(*, account: Account, reads: PlanReads | None = None) -> list[Gap]:
    """Every gap of the account, computed now from the records, in a constant number of
    queries: T4 dimensions, key persons, low-IPA attributes, SOW headroom, value, red flags,
    uncovered matrix rows (`reads`: the request's read model, when the page shares it)."""
    reads = reads or PlanReads(account=account)
    found = [
        *org_dimension_gaps(reads),
        *power_map_gaps(reads),
        *health_gaps(reads),
        *value_gaps(reads),
        *uncovered_row_gaps(reads),
    ]
    order = {code: index for index, code in enumerate(GapKind.values)}
    return sorted(found, key=lambda gap: order[gap.kind])
