"""Factories of the ladder app."""

from datetime import date

import factory

from kam.ladder.models import LadderEvidence
from tests.factories import ContactFactory


class LadderEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LadderEvidence

    contact = factory.SubFactory(ContactFactory)
    account = factory.SelfAttribute("contact.account")
    rung_code = "access_participation"
    occurred_on = date(2026, 3, 1)
    description = factory.Sequence(lambda number: f"Meeting {number}")
    kind = "meeting"
