"""Sending the daily digest (built by `digests.selectors.digest_for`) through Django's mail
backend, in each user's language, once a day."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kam.engagement.digests.selectors import Digest, digest_for, digest_recipients
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


def digests_send(*, day: date, is_dry_run: bool = False) -> int:
    """Send every user with an email and something to report their digest; returns the count."""
    messages = []
    windows = engagement_settings()
    for user in digest_recipients():
        digest = digest_for(user=user, day=day, windows=windows)
        if not digest.is_empty:
            messages.append(digest_message(digest))
    if is_dry_run or not messages:
        return len(messages)
    with get_connection() as connection:
        connection.send_messages(messages)
    return len(messages)
