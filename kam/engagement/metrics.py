"""The engagement metrics of T5 (calendar, activities, action items), for the catalogue.

Each counts the calendar year of the date, from 1 January up to the date (year to date), as
the engagement figures do."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.engagement.choices import ParticipantLevel
from kam.engagement.figures.selectors import Ratio, action_closure, calendar_compliance
from kam.engagement.models import Activity
from kam.engagement.rules import exact_rate
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


def _ratio_value(
    ratio: Ratio, source: str, link: MetricLink, context: MetricContext
) -> MetricValue:
    value = exact_rate(ratio.numerator, ratio.denominator)
    return MetricValue(value, context.on if value is not None else None, source, (link,))


def calendar_compliance_metric(context: MetricContext) -> MetricValue:
    account, on = context.account, context.on
    ratio = calendar_compliance(account=account, year=on.year, today=on)
    source = _("{done} of {due} calendar entries due from {start} to {date} done.").format(
        done=ratio.numerator,
        due=ratio.denominator,
        start=on.replace(month=1, day=1).isoformat(),
        date=on.isoformat(),
    )
    link = MetricLink(_("Engagement figures"), reverse("engagement:figures", args=[account.uuid]))
    return _ratio_value(ratio, source, link, context)


def action_closure_metric(context: MetricContext) -> MetricValue:
    account, on = context.account, context.on
    ratio = action_closure(account=account, year=on.year, today=on)
    source = _("{done} of {due} action items due from {start} to {date} done on time.").format(
        done=ratio.numerator,
        due=ratio.denominator,
        start=on.replace(month=1, day=1).isoformat(),
        date=on.isoformat(),
    )
    link = MetricLink(_("Action items"), reverse("engagement:action_board", args=[account.uuid]))
    return _ratio_value(ratio, source, link, context)


def executive_meetings(context: MetricContext) -> MetricValue:
    """Activities under a mechanism that meets the customer's executives (将对将)."""
    account, on = context.account, context.on
    held = Activity.objects.filter(
        account=account,
        occurred_on__range=(on.replace(month=1, day=1), on),
        mechanism__customer_level=ParticipantLevel.EXECUTIVE,
    ).count()
    source = _("{count} activities with the customer's executives from {start} to {date}.").format(
        count=held, start=on.replace(month=1, day=1).isoformat(), date=on.isoformat()
    )
    link = MetricLink(_("Activities"), reverse("engagement:activities", args=[account.uuid]))
    return MetricValue(Decimal(held), on, source, (link,))


register(
    MetricDefinition(
        code="calendar_compliance",
        label=gettext_lazy("Calendar compliance"),
        unit=MetricUnit.PERCENT,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.PROCESS,
        dimension=MetricDimension.ORG_RELATIONSHIP,
        source_tool=SourceTool.T5,
        data_source=gettext_lazy("Engagement calendar entries"),
        formula=gettext_lazy(
            "Entries done ÷ entries due (planned from 1 January to the date, not cancelled) × 100."
        ),
        frequency=MetricFrequency.MONTHLY,
        compute=calendar_compliance_metric,
    )
)
register(
    MetricDefinition(
        code="executive_meetings",
        label=gettext_lazy("Executive meetings held"),
        unit=MetricUnit.COUNT,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.PROCESS,
        dimension=MetricDimension.ORG_RELATIONSHIP,
        source_tool=SourceTool.T5,
        data_source=gettext_lazy("Activities logged"),
        formula=gettext_lazy(
            "Activities from 1 January to the date under a mechanism whose customer side is "
            "the executives (the executive & strategy meetings by default)."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=executive_meetings,
    )
)
register(
    MetricDefinition(
        code="action_closure",
        label=gettext_lazy("Action closure"),
        unit=MetricUnit.PERCENT,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.PROCESS,
        dimension=MetricDimension.ORG_RELATIONSHIP,
        source_tool=SourceTool.T5,
        data_source=gettext_lazy("Action items of meetings and activities"),
        formula=gettext_lazy(
            "Action items done by their due date ÷ items due from 1 January to the date "
            "(not cancelled) × 100."
        ),
        frequency=MetricFrequency.MONTHLY,
        compute=action_closure_metric,
    )
)
