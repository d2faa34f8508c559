"""Demo power maps and key-person ladders for every demo account, written through the services.

Each account's people get roles by position (the top of the org chart decides, finance approves,
IT judges the technology, procurement buys, an assistant or engineer is the hidden influencer),
support and coverage that follow the account's maturity, informal lines, and ladder assessments
in two periods with dated evidence. A few accounts are shaped so that every red flag has a true
example: no coach, a strong opponent, single-threaded, an uncovered user buyer, a new player and
an owner two levels below the contact.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from kam.accounts.models import Account, Competitor
from kam.ladder.selectors import ladder_rungs
from kam.ladder.services import LadderInput, ladder_assess, ladder_evidence_create
from kam.people.models import Contact
from kam.people.services import ContactEdgeInput, contact_edge_create, contact_map_update
from kam.users.models import User
from kam.workspace.demo import DISINTEGRATING, PERIODS, _maturity

NO_COACH = "北方重工钢铁有限公司"  # relationship falling apart: nobody guides us any more
SINGLE_THREADED = "蓝海国际物流股份有限公司"  # everything runs through one person
NEW_PLAYER_DAYS_AGO = 20
EVIDENCE_TEXT = {
    "brand_recognition": "在供应商大会上提到我方方案，态度积极",
    "access_participation": "接受拜访并参加我方技术交流会",
    "info_sharing": "主动告知明年预算安排与评估进度",
    "business_guidance": "指点我们如何准备评审材料、应先拜访谁",
    "key_event_support": "在招标评审会上为我方方案发言",
    "competitive_stance": "明确表示优先与我方合作，限制竞争对手参与",
}


@dataclass(frozen=True)
class Part:
    """The part a person plays on the demo map (by position in the org chart)."""

    roles: tuple[str, ...]
    buying_influence: str
    influence: int
    focus: str


PARTS = [
    Part(("decider",), "economic_buyer", 9, "business"),
    Part(("influencer",), "", 7, "business"),
    Part(("approver",), "", 8, "financial"),
    Part(("influencer", "gatekeeper"), "technical_buyer", 7, "technical"),
    Part(("buyer", "gatekeeper"), "", 6, "financial"),
    Part(("user",), "user_buyer", 5, "technical"),
]


def _team(account: Account) -> list[User]:
    members = [m.user for m in account.team_memberships.select_related("user").order_by("pk")]
    return members or [account.owner]


def _map_values(rng: random.Random, index: int, level: float, account: Account) -> dict:
    part = PARTS[index] if index < len(PARTS) else Part(("user",), "", rng.randint(1, 4), "")
    support = max(-2, min(2, round(level * 3 - 1 + rng.uniform(-0.8, 0.8))))
    coverage_rank = max(0, min(3, round(level * 4 - 0.5 + rng.uniform(-1, 1))))
    coverage = ["no_contact", "brief", "multiple", "in_depth"][coverage_rank]
    if account.name == NO_COACH:
        support = min(support, 0 if index else -1)
    if account.name == SINGLE_THREADED:
        coverage = "in_depth" if index == 3 else "brief"
    if account.name == DISINTEGRATING and index == 5:
        coverage = "no_contact"  # the user buyer went silent
    return {
        "decision_roles": list(part.roles),
        "buying_influence": part.buying_influence,
        "influence": part.influence,
        "decision_focus": part.focus,
        "support": support,
        "coverage": coverage,
        "closeness": ["none", "little", "more", "deep"][coverage_rank],
        "response_mode": "even_keel" if index == 0 and level < 0.45 else "growth",
    }


def _shape_people(rng: random.Random, account: Account, level: float) -> list[Contact]:
    people = list(account.contacts.order_by("created_at", "pk"))
    team = _team(account)
    actor = account.owner
    for index, person in enumerate(people):
        values = _map_values(rng, index, level, account)
        values["relationship_owner"] = account.owner if index < 4 else team[index % len(team)]
        juniors = [user for user in team if user.seniority == "operational"]
        if account.name == SINGLE_THREADED and index == 0 and juniors:
            values["relationship_owner"] = juniors[0]  # 将对将 broken: a junior owns the CEO
        if index < 6 and len(team) > 1:
            values["supporting_users"] = [team[(index + 1) % len(team)]]
        people[index] = contact_map_update(actor=actor, contact=person, data=values)
    if len(people) > 8:
        # The hidden influencer: junior by title, trusted by the top.
        hidden = people[-1]
        people[-1] = contact_map_update(
            actor=actor,
            contact=hidden,
            data={"visibility": "hidden", "influence": 6, "support": 1, "coverage": "multiple"},
        )
        contact_edge_create(
            actor=actor,
            source=hidden,
            data=ContactEdgeInput(
                target=people[0],
                edge_type="influences",
                strength=4,
                evidence="总经理重大决定前常征求其意见",
                is_confirmed=True,
                observed_on=date(2026, 9, 1),
            ),
        )
    if len(people) > 6:
        contact_edge_create(
            actor=actor,
            source=people[4],
            data=ContactEdgeInput(target=people[2], edge_type="ally", strength=3),
        )
        contact_edge_create(
            actor=actor, source=people[5],
            data=ContactEdgeInput(target=people[3], edge_type="personal_tie", strength=2,
                                  evidence="校友"),
        )  # fmt: skip
    if len(people) > 6 and level < 0.75:
        # A strong opponent close to a competitor, in conflict with our best supporter.
        competitor = Competitor.objects.order_by("name").first()
        people[1] = contact_map_update(
            actor=actor,
            contact=people[1],
            data={
                "support": -1 if level > 0.5 else -2,
                "competitor_affinity": competitor,
                "competitor_affinity_strength": 4 if competitor else None,
            },
        )
        contact_edge_create(
            actor=actor, source=people[1],
            data=ContactEdgeInput(target=people[3], edge_type="conflict", strength=3,
                                  evidence="在技术路线选择上多次意见相左"),
        )  # fmt: skip
    return people


def _ladder_scores(rng: random.Random, level: float, support: int | None) -> list[int]:
    reach = max(0, min(6, round(level * 6 + (support or 0) + rng.uniform(-1, 1))))
    return [2 if rung < reach - 1 else 1 if rung < reach else 0 for rung in range(6)]


def _assess(rng: random.Random, person: Contact, level: float, actor: User) -> int:
    codes = [code for _level, code, _label in ladder_rungs()]
    made = 0
    for step, (period, assessed_on) in enumerate(PERIODS):
        grown = level - 0.12 if step == 0 else level
        scores = _ladder_scores(rng, grown, person.support)
        evidence = {}
        for code, score in zip(codes, scores, strict=False):
            if score == 2 and rng.random() < 0.85:  # now and then a claim without proof: capped
                item = ladder_evidence_create(
                    actor=actor,
                    contact=person,
                    rung_code=code,
                    occurred_on=assessed_on - timedelta(days=rng.randint(10, 300)),
                    description=EVIDENCE_TEXT[code],
                    kind=rng.choice(["meeting", "event", "call"]),
                )
                evidence[code] = [item.uuid]
        reached = next((i for i, score in enumerate(scores) if score == 0), 6)
        ladder_assess(
            actor=actor,
            contact=person,
            data=LadderInput(
                period=period,
                assessed_on=assessed_on,
                scores=dict(zip(codes, scores, strict=False)),
                evidence=evidence,
                target_level=min(6, reached + 1 + (person.influence or 0) // 8),
                competitor_level=max(0, min(6, 4 - (person.support or 0) + rng.randint(-1, 1))),
            ),
        )
        made += 1
    return made


def seed_power_maps(*, rng: random.Random, accounts: list[Account]) -> int:
    """Power maps for every account and ladder snapshots for their key persons."""
    maturity = _maturity(accounts)
    made = 0
    today = date.today()  # noqa: DTZ011 — demo dates only
    for account in accounts:
        level = maturity[account.pk]
        people = _shape_people(rng, account, level)
        key_people = [person for person in people if person.is_key_person]
        for person in key_people:
            made += _assess(rng, person, level, account.owner)
        # Key persons have been key for a while; one account has a new player.
        since = today - timedelta(days=400)
        Contact.objects.filter(account=account, is_key_person=True).update(key_person_since=since)
        if key_people and account.name == DISINTEGRATING:
            Contact.objects.filter(pk=key_people[-1].pk).update(
                key_person_since=today - timedelta(days=NEW_PLAYER_DAYS_AGO)
            )
    return made
