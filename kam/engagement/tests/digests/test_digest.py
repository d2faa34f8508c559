"""The daily digest: who gets what, in which language, through Django's mail backend."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.digests.selectors import digest_for
from kam.engagement.digests.services import digests_send
from kam.engagement.models import ActionItem, CalendarEntry, DigestDelivery, Mechanism
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)


def _entry(account: object, planned_on: date, participants: list, title: str) -> CalendarEntry:
    return calendar_entry_create(
        actor=account.owner,
        account=account,
        entry=CalendarEntryInput(
            mechanism=Mechanism.objects.get(code="tech_exchange_service"),
            title=title,
            planned_on=planned_on,
            our_participants=participants,
        ),
    )


def _action(account: object, user: object, due_on: date, description: str, **extra: object) -> None:
    ActionItem.objects.create(
        account=account,
        description=description,
        owner_side="ours",
        owner_user=user,
        due_on=due_on,
        **extra,
    )


@pytest.fixture
def mailed(account: object, owner: object, teammate: object) -> dict[str, object]:
    """The owner (English) and the teammate (中文) have things to hear about; a third user not."""
    owner.email, owner.language = "owner@example.com", "en"
    owner.save(update_fields=["email", "language"])
    teammate.email, teammate.language = "teammate@example.com", "zh-hans"
    teammate.save(update_fields=["email", "language"])
    UserFactory(username="idle", email="idle@example.com")
    _entry(account, date(2026, 3, 4), [teammate], "技术交流：配网自动化")
    _entry(account, date(2026, 3, 20), [teammate], "too far ahead")
    cancelled = _entry(account, date(2026, 3, 5), [teammate], "cancelled one")
    CalendarEntry.objects.filter(pk=cancelled.pk).update(status="cancelled")
    _action(account, owner, date(2026, 2, 20), "提交降本方案")
    _action(account, owner, date(2026, 3, 4), "确认参会名单")
    _action(account, owner, date(2026, 3, 30), "later action")
    _action(account, owner, date(2026, 2, 1), "done action", status="done")
    return {"owner": owner, "teammate": teammate}


def test_it_collects_upcoming_entries_and_open_actions(mailed: dict, owner: object) -> None:
    digest = digest_for(user=owner, day=DAY)
    # the owner created all entries: the upcoming, not cancelled one counts
    assert [entry.title for entry in digest.entries] == ["技术交流：配网自动化"]
    assert [item.description for item in digest.overdue] == ["提交降本方案"]
    assert [item.description for item in digest.due_soon] == ["确认参会名单"]


def test_it_mails_each_user_with_something_to_report_in_their_language(mailed: dict) -> None:
    # when the digests of 2 March 2026 are sent
    count = digests_send(day=DAY)
    # then the owner and the teammate get one each; the idle user gets nothing
    assert count == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == ["owner@example.com", "teammate@example.com"]
    english = by_recipient["owner@example.com"]
    assert english.subject == "KAM daily digest 2026-03-02: 1 upcoming, 2 actions"
    assert "提交降本方案" in english.body
    assert "Overdue actions:" in english.body
    assert "技术交流：配网自动化" in english.body
    assert "later action" not in english.body
    html = english.alternatives[0]
    assert html[1] == "text/html"
    assert "提交降本方案" in html[0]
    chinese = by_recipient["teammate@example.com"]
    assert "技术交流：配网自动化" in chinese.body
    assert "too far ahead" not in chinese.body
    assert "cancelled one" not in chinese.body
    assert '<html lang="zh-hans">' in chinese.alternatives[0][0]
    assert '<html lang="en">' in html[0]
    # and both link back to the app (KAM_BASE_URL)
    assert "My calendar: http://127.0.0.1:8000/calendar/mine/" in english.body
    assert 'href="http://127.0.0.1:8000/actions/mine/"' in html[0]


def test_it_skips_users_without_an_email(account: object, owner: object) -> None:
    _action(account, owner, date(2026, 3, 1), "提交方案")
    assert digests_send(day=DAY) == 0
    assert mail.outbox == []


def test_it_skips_accounts_the_user_no_longer_sees(account: object, outsider: object) -> None:
    outsider.email = "outsider@example.com"
    outsider.save(update_fields=["email"])
    _action(account, outsider, date(2026, 3, 1), "secret")
    assert digests_send(day=DAY) == 0


def test_it_counts_without_sending_on_a_dry_run(mailed: dict) -> None:
    output = StringIO()
    call_command("send_digests", "--date", "2026-03-02", "--dry-run", stdout=output)
    assert output.getvalue() == "2 digest(s) would be sent for 2026-03-02.\n"
    assert mail.outbox == []
    call_command("send_digests", "--date", "2026-03-02", stdout=output)
    assert len(mail.outbox) == 2
    with pytest.raises(CommandError):
        call_command("send_digests", "--date", "02/03/2026")


def test_a_second_run_the_same_day_sends_nothing(mailed: dict) -> None:
    """A restarted worker, or the job tried again, does not send the day's digests twice."""
    assert digests_send(day=DAY) == 2
    assert digests_send(day=DAY) == 0
    assert len(mail.outbox) == 2
    assert sorted(
        DigestDelivery.objects.filter(day=DAY).values_list("user__username", flat=True)
    ) == ["owner", "teammate"]
    # the next day is another digest
    assert digests_send(day=DAY + timedelta(days=1)) == 2


def test_a_failed_send_gives_the_day_back_and_keeps_the_sent_ones(
    mailed: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[str] = []

    def send_first_then_fail(self: object, messages: list) -> int:
        if sent:
            raise ConnectionRefusedError("smtp down")
        sent.append(messages[0].to[0])
        return 1

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", send_first_then_fail
    )
    with pytest.raises(ConnectionRefusedError):
        digests_send(day=DAY)
    assert DigestDelivery.objects.filter(day=DAY).count() == 1
    monkeypatch.undo()
    # the retry sends only the one that failed
    assert digests_send(day=DAY) == 1
    everyone = {"owner@example.com", "teammate@example.com"}
    assert [message.to[0] for message in mail.outbox] == sorted(everyone - set(sent))
    assert DigestDelivery.objects.filter(day=DAY).count() == 2


def test_a_dry_run_records_nothing(mailed: dict) -> None:
    assert digests_send(day=DAY, is_dry_run=True) == 2
    assert DigestDelivery.objects.count() == 0
