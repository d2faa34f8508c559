"""Sending the daily digest (built by `digests.selectors.digest_for`) through Django's mail
backend, in each user's language, once a day (each sent digest is recorded)."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kam.engagement.digests.selectors import Digest, digest_for, digest_recipients
from kam.engagement.models import DigestDelivery
from kam.engagement.settings.selectors import engagement_settings
from kam.users.models import User


def _language(user: User) -> str:
    codes = {code for code, _label in settings.LANGUAGES}
    return user.language if user.language in codes else settings.LANGUAGE_CODE


def digest_message(digest: Digest) -> EmailMultiAlternatives:
    """The digest as a text + HTML mail, in the user's language."""
    language = _language(digest.user)
    with translation.override(language):
        context = {
            "digest": digest,
            "user": digest.user,
            "language": language,
            "calendar_url": settings.KAM_BASE_URL + reverse("engagement:my_calendar"),
            "actions_url": settings.KAM_BASE_URL + reverse("engagement:my_actions"),
        }
        subject = _("KAM daily digest {day}: {entries} upcoming, {actions} actions").format(
            day=digest.day.isoformat(), entries=len(digest.entries), actions=len(digest.actions)
        )
        text = render_to_string("engagement/email/digest.txt", context)
        html = render_to_string("engagement/email/digest.html", context)
    message = EmailMultiAlternatives(subject, text, to=[digest.user.email])
    message.attach_alternative(html, "text/html")
    return message


def _send_once(*, digest: Digest, connection: BaseEmailBackend) -> bool:
    """Claim the user's digest of the day in the database, then send it. The claim is committed
    before the mail goes (no transaction is held open during SMTP, which would hold SQLite's
    write lock); a send that fails gives the claim back so a retry sends it. A worker killed
    between the two leaves the claim: at most once, never twice."""
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(user=digest.user, day=digest.day)
    except IntegrityError:
        return False  # already sent (another run of the day, or a restarted worker)
    try:
        connection.send_messages([digest_message(digest)])
    except Exception:
        delivery.delete()
        raise
    return True


def digests_send(*, day: date, is_dry_run: bool = False) -> int:
    """Send every user with an email and something to report their digest, once a day (the
    sent ones are recorded in the database); returns how many were sent (or would be)."""
    windows = engagement_settings()
    sent_already = set(DigestDelivery.objects.filter(day=day).values_list("user_id", flat=True))
    digests = []
    for user in digest_recipients():
        if user.pk in sent_already:
            continue
        digest = digest_for(user=user, day=day, windows=windows)
        if not digest.is_empty:
            digests.append(digest)
    if is_dry_run or not digests:
        return len(digests)
    with get_connection() as connection:
        return sum(_send_once(digest=digest, connection=connection) for digest in digests)
