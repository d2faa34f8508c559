"""Ladder services: evidence, assessments on the one engine, supersede, validation, access."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from kam.assessments.models import Assessment
from kam.assessments.selectors import assessment_history, current_assessments
from kam.audit.models import AuditEntry
from kam.core.exceptions import ApplicationError
from kam.ladder.models import LadderEvidence
from kam.ladder.selectors import (
    derived_support,
    ladder_history,
    ladder_rungs,
    ladder_states_for_contacts,
    level_label,
)
from kam.ladder.services import LadderInput, ladder_assess, ladder_evidence_create
from kam.ladder.tests.factories import LadderEvidenceFactory
from tests.factories import CompetitorFactory, ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FLAT = {
    "brand_recognition": 2,
    "access_participation": 2,
    "info_sharing": 1,
    "business_guidance": 0,
    "key_event_support": 0,
    "competitive_stance": 0,
}


def _evidence(contact: object, rung: str, days_ago: int) -> LadderEvidence:
    return LadderEvidenceFactory(
        contact=contact, rung_code=rung, occurred_on=TODAY - timedelta(days=days_ago)
    )


def _assess(actor: object, contact: object, **changes: object) -> Assessment:
    values = {
        "period": "2026",
        "assessed_on": TODAY,
        "scores": dict(FLAT),
        "evidence": {},
        "target_level": 4,
        "competitor_level": 2,
    }
    values.update(changes)
    return ladder_assess(actor=actor, contact=contact, data=LadderInput(**values))


def test_it_records_evidence_and_audits_it(owner: object, contact: object) -> None:
    # when the owner records a meeting that proves access & participation
    item = ladder_evidence_create(
        actor=owner, contact=contact, rung_code="access_participation",
        occurred_on=TODAY, description="  参加了我方技术交流会 ", kind="event",
    )  # fmt: skip
    # then it is stored on the contact's account and audited
    assert (item.account, item.created_by) == (contact.account, owner)
    assert item.description == "参加了我方技术交流会"
    assert AuditEntry.objects.filter(object_uuid=item.uuid, action="create").count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occurred_on": TODAY + timedelta(days=1)}, "occurred_on"),
        ({"rung_code": "no_such_rung"}, "rung_code"),
        ({"kind": "carrier_pigeon"}, "kind"),
        ({"description": "   "}, "description"),
    ],
)
def test_it_refuses_bad_evidence(
    owner: object, contact: object, changes: dict[str, object], field: str
) -> None:
    values = {"rung_code": "info_sharing", "occurred_on": TODAY, "description": "x", "kind": "call"}
    values.update(changes)
    with pytest.raises(ValidationError) as error:
        ladder_evidence_create(actor=owner, contact=contact, **values)
    assert field in error.value.message_dict
    assert LadderEvidence.objects.count() == 0


def test_it_refuses_evidence_and_assessments_by_a_viewer(viewer: object, contact: object) -> None:
    with pytest.raises(PermissionDenied):
        ladder_evidence_create(
            actor=viewer, contact=contact, rung_code="info_sharing",
            occurred_on=TODAY, description="x", kind="call",
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        _assess(viewer, contact)
    assert (LadderEvidence.objects.count(), Assessment.objects.count()) == (0, 0)


def test_it_stores_a_per_person_snapshot_with_the_capped_scores(
    owner: object, contact: object
) -> None:
    # given recent evidence for rung 1 and evidence 13 months old for rung 2
    recent = _evidence(contact, "brand_recognition", 30)
    stale = _evidence(contact, "access_participation", 396)
    competitor = CompetitorFactory(name="西门子")
    # when both rungs are scored 2
    snapshot = _assess(
        owner, contact, competitor=competitor,
        evidence={"brand_recognition": [recent.uuid], "access_participation": [stale.uuid]},
    )  # fmt: skip
    # then rung 2 is capped at 1 and the snapshot records why
    assert snapshot.subject == str(contact.uuid)
    assert snapshot.tool_code == "key_person_ladder"
    assert snapshot.inputs["raw_scores"] == FLAT
    assert snapshot.inputs["scores"] == {**FLAT, "access_participation": 1}
    assert snapshot.inputs["capped_rungs"] == ["access_participation"]
    assert snapshot.inputs["evidence"] == {
        "brand_recognition": [str(recent.uuid)],
        "access_participation": [str(stale.uuid)],
    }
    assert snapshot.inputs["target_level"] == 4
    assert snapshot.inputs["competitor_level_estimate"] == 2
    assert snapshot.inputs["competitor"] == str(competitor.uuid)
    # (2·1 + 1·2 + 1·3) / 42 · 100 = 16.67, level 3
    assert str(snapshot.total) == "16.67"
    assert snapshot.result["figures"]["level"] == 3


def test_it_keeps_a_two_with_evidence_eleven_months_old(owner: object, contact: object) -> None:
    item = _evidence(contact, "brand_recognition", 335)
    recent = _evidence(contact, "access_participation", 1)
    snapshot = _assess(
        owner, contact,
        evidence={"brand_recognition": [item.uuid], "access_participation": [recent.uuid]},
    )  # fmt: skip
    assert snapshot.inputs["capped_rungs"] == []
    # (2 + 4 + 3) / 42 · 100
    assert str(snapshot.total) == "21.43"


def test_it_caps_every_two_without_evidence(owner: object, contact: object) -> None:
    snapshot = _assess(owner, contact)
    assert snapshot.inputs["capped_rungs"] == ["brand_recognition", "access_participation"]
    assert str(snapshot.total) == "14.29"  # (1 + 2 + 3) / 42


def test_it_supersedes_the_period_snapshot_and_keeps_other_people_apart(
    owner: object, contact: object
) -> None:
    other = ContactFactory(account=contact.account)
    first = _assess(owner, contact)
    _assess(owner, other)
    second = _assess(owner, contact, scores={**FLAT, "business_guidance": 1})
    first.refresh_from_db()
    assert (first.is_current, second.is_current, second.supersedes) == (False, True, first)
    assert Assessment.objects.filter(is_current=True).count() == 2
    assert [state.current_level for state in ladder_history(contact)] == [4]


def test_it_leaves_the_account_level_history_free_of_person_snapshots(
    owner: object, contact: object, account: object
) -> None:
    _assess(owner, contact)
    assert list(assessment_history(account=account, tool_code="key_person_ladder")) == []
    assert current_assessments(account=account, tool_code="key_person_ladder") == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"scores": {**FLAT, "info_sharing": 3}}, "scores"),
        ({"scores": {**FLAT, "info_sharing": -1}}, "scores"),
        ({"scores": {"brand_recognition": 1}}, "scores"),
        ({"scores": {**FLAT, "charm": 2}}, "scores"),
        ({"assessed_on": TODAY + timedelta(days=1)}, "assessed_on"),
        ({"period": "2026-Q5"}, "period"),
        ({"target_level": 7}, "target_level"),
        ({"competitor_level": -1}, "competitor_level"),
        ({"evidence": {"charm": []}}, "evidence"),
    ],
)
def test_it_refuses_bad_assessments_and_writes_nothing(
    owner: object, contact: object, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        _assess(owner, contact, **changes)
    assert field in error.value.message_dict
    assert Assessment.objects.count() == 0


def test_it_refuses_evidence_of_another_person_or_rung(owner: object, contact: object) -> None:
    foreign = _evidence(ContactFactory(account=contact.account), "brand_recognition", 3)
    wrong_rung = _evidence(contact, "info_sharing", 3)
    for item in (foreign, wrong_rung):
        with pytest.raises(ValidationError) as error:
            _assess(owner, contact, evidence={"brand_recognition": [item.uuid]})
        assert "evidence" in error.value.message_dict
    assert Assessment.objects.count() == 0


def test_it_reads_the_latest_state_per_contact(owner: object, contact: object) -> None:
    other = ContactFactory(account=contact.account)
    _assess(owner, contact, period="2025")
    _assess(owner, contact, period="2026", scores={**FLAT, "business_guidance": 2})
    states = ladder_states_for_contacts([contact.pk, other.pk])
    assert set(states) == {contact.pk}
    state = states[contact.pk]
    assert (state.period, state.current_level, state.target_level) == ("2026", 4, 4)
    assert state.capped_rungs == ["brand_recognition", "access_participation", "business_guidance"]
    assert state.rung_scores["business_guidance"] == 1
    assert state.level_label == "L4 Guides/coaches us"
    assert state.derived_support == 2
    assert [s.period for s in ladder_history(contact)] == ["2025", "2026"]


def test_it_reads_states_in_two_queries_for_any_number_of_contacts(
    owner: object, contact: object
) -> None:
    people = [ContactFactory(account=contact.account) for _index in range(3)]
    for person in people:
        _assess(owner, person)

    class Done:
        status_code = 200

    def read() -> Done:
        ladder_states_for_contacts([person.pk for person in people])
        return Done()

    few = count_queries(read)
    people += [ContactFactory(account=contact.account) for _index in range(20)]
    for person in people[3:]:
        _assess(owner, person, period="2025")
        _assess(owner, person)
    assert count_queries(read) == few == 2
    assert len(ladder_states_for_contacts([p.pk for p in people])) == 23


def test_it_labels_levels_and_rungs_from_the_template(db: None) -> None:
    rungs = ladder_rungs()
    assert rungs[0] == (1, "brand_recognition", "Recognises/accepts our brand")
    assert len(rungs) == 6
    assert level_label(4) == "L4 Guides/coaches us"
    assert level_label(0) == "L0 No level yet"
    assert level_label(6, rungs) == "L6 Stance against competitors"
    assert [derived_support(level) for level in range(7)] == [0, 0, 1, 1, 2, 2, 2]


def test_it_labels_levels_in_chinese(db: None) -> None:
    with translation.override("zh-hans"):
        assert level_label(4) == "L4 业务指导"


def test_it_reads_five_hundred_contacts_in_two_queries(owner: object, contact: object) -> None:
    # given 500 people of the account, each with a current snapshot in two periods
    model = _assess(owner, contact)
    people = ContactFactory.create_batch(500, account=contact.account)
    copies = []
    for person in people:
        for period in ("2025", "2026"):
            copies.append(
                Assessment(
                    template=model.template,
                    tool_code=model.tool_code,
                    account=model.account,
                    subject=str(person.uuid),
                    period=period,
                    assessed_on=TODAY,
                    total=model.total,
                    completeness=model.completeness,
                    result=model.result,
                    inputs=model.inputs,
                )  # fmt: skip
            )
    Assessment.objects.bulk_create(copies)

    class Done:
        status_code = 200

    states: dict[int, object] = {}

    def read() -> Done:
        states.update(ladder_states_for_contacts(person.pk for person in people))
        return Done()

    # when their states are read, then two queries answer and every person has the 2026 one
    assert count_queries(read) == 2
    assert len(states) == 500
    assert {state.period for state in states.values()} == {"2026"}


def test_it_answers_409_when_a_concurrent_save_wins(
    owner: object, contact: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def collide(**kwargs: object) -> None:
        raise IntegrityError("one_current_assessment_per_period")

    monkeypatch.setattr("kam.ladder.services.assessment_submit", collide)
    with pytest.raises(ApplicationError) as error:
        _assess(owner, contact)
    assert (error.value.status, error.value.code) == (409, "concurrent_assessment")
