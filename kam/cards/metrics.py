"""The share of key persons whose card is usable (T9.3), for the catalogue."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.cards.models import CardAction, KeyPersonCard
from kam.cards.selectors import card_completeness, social_style_template
from kam.metrics.choices import (
    MetricDimension,
    MetricDirection,
    MetricFrequency,
    MetricKind,
    MetricUnit,
    SourceTool,
)
from kam.metrics.registry import (
    MetricContext,
    MetricDefinition,
    MetricLink,
    MetricValue,
    register,
)
from kam.metrics.sources import not_recorded_in_the_past


def cards_complete(context: MetricContext) -> MetricValue:
    today = timezone.localdate()
    past = not_recorded_in_the_past(context, today)
    if past is not None:
        return past
    key_persons = list(
        context.account.contacts.filter(is_key_person=True, is_active=True)
        .select_related("card")
        .prefetch_related(
            Prefetch("card__actions", queryset=CardAction.objects.only("pk", "card_id", "status"))
        )
        .order_by("pk")
    )
    if not key_persons:
        return MetricValue(None, None, _("No key person on the power map yet."))
    template = social_style_template()
    usable = 0
    for contact in key_persons:
        card = getattr(contact, "card", None) or KeyPersonCard(contact=contact, version=0)
        actions = list(card.actions.all()) if card.pk else []
        completeness = card_completeness(
            card=card, contact=contact, template=template, actions=actions
        )
        usable += completeness.is_usable
    source = _("{usable} of {total} key persons have a usable card.").format(
        usable=usable, total=len(key_persons)
    )
    link = MetricLink(
        _("Key-person styles"), reverse("cards:account_styles", args=[context.account.uuid])
    )
    return MetricValue(100 * usable / len(key_persons), today, source, (link,))


register(
    MetricDefinition(
        code="cards_complete",
        label=gettext_lazy("Key-person cards complete"),
        unit=MetricUnit.PERCENT,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.PROCESS,
        dimension=MetricDimension.KEY_PERSON,
        source_tool=SourceTool.T9,
        data_source=gettext_lazy("Key-person cards (today; cards keep no history)"),
        formula=gettext_lazy(
            "Key persons whose card is usable (required fields filled to the threshold) ÷ key "
            "persons × 100."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=cards_complete,
    )
)
