"""Writes of the compliance app: counterpart profiles, gift entries and their approval, policy
rule versions and local custom notes. Every write is access-checked and audited."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kam.accounts.access import (
    can_administer_portfolio,
    can_change_account,
    can_manage_reference_data,
    is_account_worker,
    require,
)
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import (
    audit_record,
    audit_snapshot,
    audited_create,
    audited_delete,
    audited_update,
)
from kam.compliance.choices import GiftDirection, GiftStatus
from kam.compliance.engine import (
    Finding,
    GiftValues,
    check_gift,
    is_refused,
    rule_applies,
    status_for,
)
from kam.compliance.models import CounterpartProfile, GiftEntry, GiftPolicyRule, LocalCustomNote
from kam.compliance.selectors import contact_year_totals, enforced_rules
from kam.core.exceptions import ApplicationError
from kam.people.models import Contact
from kam.users.models import User

GIFT_FIELDS = [
    "contact",
    "occurred_on",
    "gift_type",
    "direction",
    "description",
    "value",
    "currency",
    "purpose",
    "giver",
    "counterpart_type",
    "region",
    "status",
]
RULE_FIELDS = [
    "name_zh",
    "name_en",
    "region",
    "counterpart_type",
    "gift_type",
    "is_forbidden",
    "per_item_limit",
    "annual_limit",
    "approval_threshold",
    "currency",
    "rule_text_zh",
    "rule_text_en",
    "is_active",
]
NOTE_FIELDS = [
    "region",
    "title",
    "text",
    "constraint_level",
    "festival_name",
    "festival_month",
    "festival_day",
    "is_active",
]


class GiftRefused(ValidationError):
    """A rule refuses the gift; the messages name the rule and sit on the field concerned."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors: dict[str, list[str]] = {}
        for finding in findings:
            if finding.outcome == "refuse":
                errors.setdefault(finding.field or NON_FIELD_ERRORS, []).append(finding.message)
        super().__init__(errors)


def _bilingual_findings(
    findings: list[Finding],
    values: GiftValues | None,
    rules: list,
    totals: Mapping[tuple[str, str], Decimal],
) -> list[dict[str, str]]:
    """The findings with their messages in both languages: a team reads the ledger in 中文 and
    in English, so the stored message must not be only the recorder's language."""
    stored = [finding.as_json() for finding in findings]
    if values is None:
        return stored
    for language, key in (("zh-hans", "message_zh"), ("en", "message_en")):
        with translation.override(language):
            for row, finding in zip(stored, check_gift(values, rules, totals), strict=True):
                row[key] = finding.message
    return stored


# --- counterpart profile -------------------------------------------------------------------------


@transaction.atomic
def counterpart_profile_set(
    *, actor: User, contact: Contact, counterpart_type: str, region: str = ""
) -> CounterpartProfile:
    """Record who the contact is for the gift rules; the region defaults to the account's."""
    require(can_change_account(actor, contact.account))
    profile = CounterpartProfile.objects.select_for_update().filter(contact=contact).first()
    data = {"counterpart_type": counterpart_type, "region": region or contact.account.region}
    if profile is None:
        return audited_create(
            actor=actor,
            instance=CounterpartProfile(contact=contact, account=contact.account, **data),
            fields=list(data),
            account_uuid=contact.account.uuid,
        )
    return audited_update(
        actor=actor,
        instance=profile,
        data=data,
        fields=list(data),
        account_uuid=contact.account.uuid,
    )


# --- gift entries --------------------------------------------------------------------------------


def _validate_entry(entry: GiftEntry) -> None:
    errors: dict[str, list[str]] = {}
    try:
        entry.full_clean(exclude=["rules"])
    except ValidationError as error:
        errors = error.message_dict
    if not entry.counterpart_type:
        errors["counterpart_type"] = [
            _("Choose the counterpart type of this person: the gift rules depend on it.")
        ]
    if entry.giver_id and not is_account_worker(entry.giver, entry.account):
        errors.setdefault("giver", []).append(
            _("The giver must be the account owner or on the account team.")
        )
    if errors:
        raise ValidationError(errors)


def _entry_values(entry: GiftEntry) -> GiftValues:
    return GiftValues(
        gift_type=entry.gift_type,
        value=Decimal(entry.value),
        currency=entry.currency,
        counterpart_type=entry.counterpart_type,
        region=entry.region,
    )


@dataclass(frozen=True, kw_only=True)
class GiftInput:
    """A gift or hospitality to record for a person; an empty counterpart type or region is
    taken from the person's counterpart profile (the region else from the account)."""

    occurred_on: date
    gift_type: str
    description: str
    value: Decimal
    currency: str
    purpose: str
    giver: User | None = None
    direction: str = GiftDirection.GIVEN
    counterpart_type: str = ""
    region: str = ""


def _new_entry(*, actor: User, contact: Contact, data: GiftInput) -> GiftEntry:
    """The unsaved entry, completed from the person's counterpart profile."""
    account = contact.account
    profile = CounterpartProfile.objects.filter(contact=contact).first()
    return GiftEntry(
        account=account,
        contact=contact,
        occurred_on=data.occurred_on,
        gift_type=data.gift_type,
        direction=data.direction or GiftDirection.GIVEN,
        description=data.description,
        value=data.value,
        currency=data.currency,
        purpose=data.purpose,
        giver=data.giver or actor,
        counterpart_type=data.counterpart_type or (profile.counterpart_type if profile else ""),
        region=data.region or (profile.region if profile else account.region),
        created_by=actor,
    )


def _apply_rules(entry: GiftEntry) -> list[GiftPolicyRule]:
    """Check a given gift against the enforced rules (GiftRefused when one refuses), set the
    entry's status, rule codes and findings, and return the rules that apply to it."""
    matched: list[GiftPolicyRule] = []
    findings: list[Finding] = []
    values, rules, totals = None, [], {}
    if entry.direction == GiftDirection.GIVEN:
        values = _entry_values(entry)
        rules = list(enforced_rules())
        totals = contact_year_totals(contact=entry.contact, year=entry.occurred_on.year)
        findings = check_gift(values, rules, totals)
        if is_refused(findings):
            raise GiftRefused(findings)
        matched = [rule for rule in rules if rule_applies(rule, values)]
    entry.status = status_for(findings)
    entry.rule_codes = [rule.code for rule in matched]
    entry.findings = _bilingual_findings(findings, values if findings else None, rules, totals)
    return matched


@transaction.atomic
def gift_entry_create(*, actor: User, contact: Contact, data: GiftInput) -> GiftEntry:
    """Record a gift or hospitality after checking it against the enforced rules: refused
    (GiftRefused, nothing written), waiting for approval, or needing none."""
    account = contact.account
    require(can_change_account(actor, account))
    # Lock the contact: two entries for the same person are checked one after the other, so
    # that both cannot pass the annual limit together.
    Contact.objects.select_for_update().filter(pk=contact.pk).first()
    entry = _new_entry(actor=actor, contact=contact, data=data)
    _validate_entry(entry)
    matched = _apply_rules(entry)
    entry.save()
    entry.rules.set(matched)
    audit_record(
        actor=actor,
        instance=entry,
        action=AuditAction.CREATE,
        changes=audit_snapshot(entry, GIFT_FIELDS),
        account_uuid=account.uuid,
    )
    return entry


def _recheck_before_approval(entry: GiftEntry) -> None:
    """The annual limits again, with the entries approved since this one was recorded."""
    Contact.objects.select_for_update().filter(pk=entry.contact_id).first()
    totals = contact_year_totals(contact=entry.contact, year=entry.occurred_on.year)
    findings = check_gift(_entry_values(entry), list(entry.rules.all()), totals)
    if is_refused(findings):
        messages = [finding.message for finding in findings if finding.outcome == "refuse"]
        raise ApplicationError(" ".join(messages), code="gift_refused", status=409)


@transaction.atomic
def gift_entry_decide(*, actor: User, entry: GiftEntry, approve: bool, note: str = "") -> GiftEntry:
    """A director or administrator approves or rejects a pending entry (never their own)."""
    require(can_administer_portfolio(actor))
    fresh = (
        GiftEntry.objects.select_for_update().select_related("account", "contact").get(pk=entry.pk)
    )
    if actor.pk in (fresh.giver_id, fresh.created_by_id):
        raise PermissionDenied(_("You cannot decide on a gift you gave or recorded yourself."))
    if fresh.status != GiftStatus.PENDING:
        raise ApplicationError(
            _("This entry is not waiting for a decision."), code="not_pending", status=409
        )
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say why you reject it.")})
    if approve:
        _recheck_before_approval(fresh)
    data = {
        "status": GiftStatus.APPROVED if approve else GiftStatus.REJECTED,
        "decided_by": actor,
        "decided_at": timezone.now(),
        "decision_note": note,
    }
    return audited_update(
        actor=actor,
        instance=fresh,
        data=data,
        fields=list(data),
        account_uuid=fresh.account.uuid,
    )


# --- policy rules --------------------------------------------------------------------------------


@transaction.atomic
def gift_policy_rule_create(*, actor: User, code: str, **fields: object) -> GiftPolicyRule:
    """Version 1 of a new rule."""
    require(can_administer_portfolio(actor))
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown rule fields: {fields}").format(fields=sorted(unknown)))
    if GiftPolicyRule.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A rule with this code exists already.")})
    return audited_create(
        actor=actor,
        instance=GiftPolicyRule(code=code, version=1, is_current=True, created_by=actor, **fields),
        fields=["code", "version", *RULE_FIELDS],
    )


@transaction.atomic
def gift_policy_rule_new_version(
    *, actor: User, rule: GiftPolicyRule, data: dict[str, object]
) -> GiftPolicyRule:
    """Save a change as the next version; the old one stays for the entries checked by it."""
    require(can_administer_portfolio(actor))
    current = GiftPolicyRule.objects.select_for_update().get(pk=rule.pk)
    if not current.is_current:
        raise ApplicationError(
            _("A newer version of this rule exists: open the current one and edit that."),
            code="stale_version",
            status=409,
        )
    values = {field: data.get(field, getattr(current, field)) for field in RULE_FIELDS}
    if all(values[field] == getattr(current, field) for field in RULE_FIELDS):
        return current
    new = GiftPolicyRule(code=current.code, version=current.version + 1, created_by=actor, **values)
    current.is_current = False
    current.save(update_fields=["is_current", "updated_at"])
    new.full_clean()
    new.save()
    audit_record(
        actor=actor,
        instance=new,
        action=AuditAction.CREATE,
        changes={
            "version": [current.version, new.version],
            **{
                field: [getattr(current, field), values[field]]
                for field in RULE_FIELDS
                if values[field] != getattr(current, field)
            },
        },
    )
    return new


# --- local custom notes --------------------------------------------------------------------------


def _require_note_rights(actor: User, account: Account | None) -> None:
    if account is not None:
        require(can_change_account(actor, account))
    else:
        require(can_manage_reference_data(actor))


@transaction.atomic
def custom_note_create(
    *, actor: User, account: Account | None = None, **fields: object
) -> LocalCustomNote:
    """A note for a whole region (reference data) or for one account (its region)."""
    _require_note_rights(actor, account)
    unknown = set(fields) - set(NOTE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown note fields: {fields}").format(fields=sorted(unknown)))
    if account is not None:
        fields["region"] = account.region
    return audited_create(
        actor=actor,
        instance=LocalCustomNote(account=account, created_by=actor, **fields),
        fields=NOTE_FIELDS,
        account_uuid=account.uuid if account else None,
    )


@transaction.atomic
def custom_note_update(
    *, actor: User, note: LocalCustomNote, data: dict[str, object]
) -> LocalCustomNote:
    _require_note_rights(actor, note.account)
    if note.account is not None:
        data = {**data, "region": note.account.region}
    return audited_update(
        actor=actor,
        instance=note,
        data=data,
        fields=NOTE_FIELDS,
        account_uuid=note.account.uuid if note.account else None,
    )


@transaction.atomic
def custom_note_delete(*, actor: User, note: LocalCustomNote) -> None:
    _require_note_rights(actor, note.account)
    audited_delete(
        actor=actor,
        instance=note,
        changes={"title": [note.title, None]},
        account_uuid=note.account.uuid if note.account else None,
    )
