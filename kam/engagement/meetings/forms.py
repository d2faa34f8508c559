"""Forms of activities and meeting records: the activity log with its rung-evidence picker, the
six-section meeting record with repeatable issue and action rows."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.core.forms import (
    DateInput,
    SearchableSelectMultiple,
    StyledFormMixin,
    choices_with_blank,
    form_field,
    name_row_controls,
)
from kam.engagement.choices import ActionStatus, IssueDomain, NeedType, OwnerSide, Priority
from kam.engagement.meetings.actions import ActionItemInput
from kam.engagement.meetings.selectors import open_calendar_entries
from kam.engagement.meetings.services import ActivityInput, MeetingRecordInput, NextMeetingInput
from kam.engagement.models import ActionItem, Activity, CalendarEntry, Mechanism
from kam.lib.sorting import active_name_key
from kam.people.models import Contact
from kam.users.models import User

ISSUE_ROWS = 5
ACTION_ROWS = 5
ISSUE_PARTS = ("text", "domain", "need_type", "priority")
ACTION_PARTS = ("description", "owner", "due_on")
TEXT_ROWS = 3
DATE_WIDGET = DateInput()


class EntryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CalendarEntry) -> str:
        return f"{obj.planned_on:%Y-%m-%d} · {obj.mechanism} · {obj.title}"


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: object) -> str:
        title = getattr(obj, "title", "") or getattr(obj, "job_title", "")
        return f"{obj} · {title}" if title else str(obj)


class ActivityFilterForm(StyledFormMixin, forms.Form):
    mechanism = forms.ModelChoiceField(
        label=_("Mechanism"), queryset=Mechanism.objects.all(), required=False, to_field_name="code"
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The logging form on the same page has a mechanism field too: distinct element ids.
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)


class ActivityForm(StyledFormMixin, forms.Form):
    """Log an activity; one rung checklist per customer contact (rungs_<contact uuid>)."""

    calendar_entry = EntryChoiceField(
        label=_("Planned entry"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        help_text=_("Pick the planned entry this activity carries out: it becomes done."),
    )
    mechanism = forms.ModelChoiceField(
        label=_("Mechanism"),
        queryset=Mechanism.objects.filter(is_active=True),
        required=False,
        to_field_name="code",
        help_text=_("Taken from the planned entry when left empty."),
    )
    title = forms.CharField(label=pgettext_lazy("heading", "Title"), max_length=200, required=False)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    our_participants = PersonChoiceField(
        label=_("Our participants"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        widget=SearchableSelectMultiple,
    )
    customer_participants = PersonChoiceField(
        label=_("Customer participants"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        widget=SearchableSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    outcomes = forms.CharField(
        label=_("Outcomes"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    follow_ups = forms.CharField(
        label=_("Follow-ups"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )

    def __init__(
        self,
        *args: object,
        account: Account,
        rungs: list[tuple[int, str, str]],
        contacts: list[Contact],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "calendar_entry", forms.ModelChoiceField).queryset = open_calendar_entries(
            account=account
        )
        form_field(self, "our_participants", forms.ModelChoiceField).queryset = account_workers(
            account
        ).order_by("username")
        form_field(
            self, "customer_participants", forms.ModelChoiceField
        ).queryset = account.contacts.order_by("name")
        self.contacts = contacts
        choices = [(code, f"L{level} {label}") for level, code, label in rungs]
        for contact in contacts:
            self.fields[f"rungs_{contact.uuid}"] = forms.MultipleChoiceField(
                label=contact.name,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    @property
    def rung_rows(self) -> list[tuple[Contact, forms.BoundField]]:
        return [(contact, self[f"rungs_{contact.uuid}"]) for contact in self.contacts]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        entry = data.get("calendar_entry")
        if not data.get("mechanism"):
            if entry is None:
                self.add_error("mechanism", _("Choose the mechanism (or a planned entry)."))
            else:
                data["mechanism"] = entry.mechanism
        if not (data.get("title") or "").strip():
            if entry is None:
                self.add_error("title", _("Enter a title (or pick a planned entry)."))
            else:
                data["title"] = entry.title
        present = set(data.get("customer_participants") or [])
        evidence = {}
        for contact in self.contacts:
            name = f"rungs_{contact.uuid}"
            codes = data.get(name) or []
            if codes and contact not in present:
                self.add_error(name, _("Add this person to the customer participants first."))
            elif codes:
                evidence[contact] = codes
        data["rung_evidence"] = evidence
        return data

    def activity_input(self) -> ActivityInput:
        data = self.cleaned_data
        return ActivityInput(
            calendar_entry=data["calendar_entry"],
            mechanism=data["mechanism"],
            title=data["title"],
            occurred_on=data["occurred_on"],
            our_participants=list(data["our_participants"]),
            customer_participants=list(data["customer_participants"]),
            notes=data["notes"],
            outcomes=data["outcomes"],
            follow_ups=data["follow_ups"],
            rung_evidence=data["rung_evidence"],
        )


def activity_initial_from_entry(entry: CalendarEntry, today: date) -> dict[str, object]:
    """The activity form filled from a planned entry: mechanism, title, date (the planned day, or
    today when that is still ahead), both sides' participants with the key person, the purpose."""
    customers = list(entry.customer_participants.all())
    if entry.key_person is not None and entry.key_person not in customers:
        customers.append(entry.key_person)
    notes = []
    if entry.purpose:
        notes.append(str(_("Purpose: {purpose}")).format(purpose=entry.purpose))
    if entry.objective:
        notes.append(str(_("Linked objective: {objective}")).format(objective=entry.objective))
    return {
        "calendar_entry": entry,
        "mechanism": entry.mechanism,
        "title": entry.title,
        "occurred_on": min(entry.planned_on, today),
        "our_participants": list(entry.our_participants.all()),
        "customer_participants": customers,
        "notes": "\n".join(notes),
    }


def _by_name(person: User | Contact) -> str:
    """Owners in the active language's name order (pinyin in 中文), as every people picker."""
    return active_name_key(person.name if isinstance(person, Contact) else str(person))


class MeetingForm(StyledFormMixin, forms.Form):
    """倾听 → 区分 → 研讨 → 分享 → 行动计划 → 执行计划, with fixed blank rows for issues and
    actions; blank rows are ignored, a half-filled row is an error next to the missing field."""

    listen = forms.CharField(
        label=_("Listen: what the customer said"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    discuss = forms.CharField(
        label=_("Discuss: options explored"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    share = forms.CharField(
        label=_("Share: insights and cases we shared"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    execution_plan = forms.CharField(
        label=_("Execution plan: milestones and resources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_mechanism = forms.ModelChoiceField(
        label=_("Next meeting: mechanism"),
        queryset=Mechanism.objects.filter(is_active=True),
        required=False,
        to_field_name="code",
        help_text=_("The same as this activity when left empty."),
    )
    next_planned_on = forms.DateField(
        label=_("Next meeting: date"), required=False, widget=DATE_WIDGET
    )
    next_title = forms.CharField(label=_("Next meeting: title"), max_length=200, required=False)

    # The service's group errors on the field they concern (apply_service_errors); an issue's
    # or an action's names its row and stays on top of the form.
    service_error_fields = {"next_meeting": "next_planned_on"}

    def __init__(
        self,
        *args: object,
        activity: Activity,
        users: list[User],
        contacts: list[Contact],
        can_schedule: bool = True,
        issue_count: int = ISSUE_ROWS,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.activity = activity
        # Enough rows for every issue already recorded (the API may have stored more).
        self.issue_count = max(ISSUE_ROWS, issue_count)
        self.people: dict[str, User | Contact] = {f"user:{user.uuid}": user for user in users}
        self.people.update({f"contact:{contact.uuid}": contact for contact in contacts})
        owner_choices = [
            ("", "—"),
            (
                str(OwnerSide.OURS.label),
                [(f"user:{user.uuid}", str(user)) for user in sorted(users, key=_by_name)],
            ),
            (
                str(OwnerSide.CUSTOMER.label),
                [
                    (f"contact:{contact.uuid}", contact.name)
                    for contact in sorted(contacts, key=_by_name)
                ],
            ),
        ]
        for row in range(1, self.issue_count + 1):
            self.fields[f"issue_{row}_text"] = forms.CharField(
                label=_("Issue"), max_length=500, required=False
            )
            self.fields[f"issue_{row}_domain"] = forms.ChoiceField(
                label=_("Domain"),
                choices=choices_with_blank("—", IssueDomain.choices),
                required=False,
            )
            self.fields[f"issue_{row}_need_type"] = forms.ChoiceField(
                label=_("Need"), choices=choices_with_blank("—", NeedType.choices), required=False
            )
            self.fields[f"issue_{row}_priority"] = forms.ChoiceField(
                label=_("Priority"),
                choices=choices_with_blank("—", Priority.choices),
                required=False,
            )
            name_row_controls(
                self,
                _("Issue {number}").format(number=row),
                [f"issue_{row}_{part}" for part in ISSUE_PARTS],
            )
        for row in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{row}_description"] = forms.CharField(
                label=pgettext_lazy("action item", "Action"), max_length=500, required=False
            )
            self.fields[f"action_{row}_owner"] = forms.ChoiceField(
                label=_("Owner"), choices=owner_choices, required=False
            )
            self.fields[f"action_{row}_due_on"] = forms.DateField(
                label=_("Due on"), required=False, widget=DATE_WIDGET
            )
            name_row_controls(
                self,
                _("Action {number}").format(number=row),
                [f"action_{row}_{part}" for part in ACTION_PARTS],
            )
        if not can_schedule:
            for name in ("next_mechanism", "next_planned_on", "next_title"):
                del self.fields[name]
        # Re-apply the CSS classes to the rows added after the mixin ran.
        for field in self.fields.values():
            css = "select" if isinstance(field.widget, forms.Select) else "input"
            field.widget.attrs.setdefault("class", css)

    @property
    def issue_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"issue_{row}_{part}"] for part in ISSUE_PARTS]
            for row in range(1, self.issue_count + 1)
        ]

    @property
    def action_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"action_{row}_{part}"] for part in ACTION_PARTS]
            for row in range(1, ACTION_ROWS + 1)
        ]

    def _issues(self, data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
        issues = []
        for row in range(1, self.issue_count + 1):
            prefix = f"issue_{row}_"
            text = (data.get(prefix + "text") or "").strip()
            domain, need = data.get(prefix + "domain"), data.get(prefix + "need_type")
            priority = data.get(prefix + "priority")
            if not any([text, domain, need, priority]):
                continue
            if not text:
                self.add_error(prefix + "text", _("Write the issue or clear this row."))
            if not domain:
                self.add_error(prefix + "domain", _("Choose the domain of this issue."))
            if not need:
                self.add_error(prefix + "need_type", _("Is it an explicit or implicit need?"))
            issues.append((text, domain or "", need or "", priority or Priority.MEDIUM))
        return issues

    def _actions(self, data: dict[str, Any]) -> list[ActionItemInput]:
        actions = []
        for row in range(1, ACTION_ROWS + 1):
            prefix = f"action_{row}_"
            description = (data.get(prefix + "description") or "").strip()
            owner_key, due_on = data.get(prefix + "owner"), data.get(prefix + "due_on")
            if not any([description, owner_key, due_on]) and prefix + "due_on" not in self.errors:
                continue
            if not description:
                self.add_error(prefix + "description", _("Describe the action or clear this row."))
            owner = self.people.get(owner_key or "")
            if owner is None:
                self.add_error(prefix + "owner", _("Choose who owns this action."))
            if not due_on and prefix + "due_on" not in self.errors:
                self.add_error(prefix + "due_on", _("Enter the due date."))
            owner_user = owner if isinstance(owner, User) else None
            actions.append(
                ActionItemInput(
                    description=description,
                    owner_side=OwnerSide.CUSTOMER if owner_user is None else OwnerSide.OURS,
                    owner_user=owner_user,
                    owner_contact=owner if isinstance(owner, Contact) else None,
                    due_on=due_on,
                )
            )
        return actions

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        data["issues"] = self._issues(data)
        data["actions"] = self._actions(data)
        planned_on: date | None = data.get("next_planned_on")
        wants_next = data.get("next_mechanism") or (data.get("next_title") or "").strip()
        if wants_next and not planned_on and "next_planned_on" not in self.errors:
            self.add_error("next_planned_on", _("Enter the date of the next meeting."))
        if planned_on and planned_on < self.activity.occurred_on:
            self.add_error("next_planned_on", _("The next meeting cannot be before this one."))
        data["next_meeting"] = None
        if planned_on:
            data["next_meeting"] = NextMeetingInput(
                planned_on=planned_on,
                mechanism=data.get("next_mechanism"),
                title=(data.get("next_title") or "").strip(),
            )
        return data

    def record_input(self) -> MeetingRecordInput:
        data = self.cleaned_data
        return MeetingRecordInput(
            listen=data["listen"],
            issues=data["issues"],
            discuss=data["discuss"],
            share=data["share"],
            actions=data["actions"],
            execution_plan=data["execution_plan"],
            next_meeting=data["next_meeting"],
        )


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class ActionItemForm(StyledFormMixin, forms.Form):
    """An action agreed outside a recorded meeting (a call, an e-mail, a visit)."""

    description = forms.CharField(label=pgettext_lazy("action item", "Action"), max_length=500)
    owner_side = forms.ChoiceField(label=_("Owned by"), choices=OwnerSide.choices)
    owner_user = forms.ModelChoiceField(
        label=_("Our owner"), queryset=User.objects.none(), required=False
    )
    owner_contact = forms.ModelChoiceField(
        label=_("Customer owner"), queryset=Contact.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due on"), widget=DATE_WIDGET)

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "owner_user", forms.ModelChoiceField).queryset = account_workers(
            account
        ).order_by("username")
        form_field(
            self, "owner_contact", forms.ModelChoiceField
        ).queryset = account.contacts.filter(is_active=True).order_by("name")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("owner_side") == OwnerSide.OURS and not data.get("owner_user"):
            self.add_error("owner_user", _("Choose who on our side owns this action."))
        if data.get("owner_side") == OwnerSide.CUSTOMER and not data.get("owner_contact"):
            self.add_error("owner_contact", _("Choose who at the customer owns this action."))
        return data

    def action_input(self) -> ActionItemInput:
        return ActionItemInput(**self.cleaned_data)


class ActionItemEditForm(ActionItemForm):
    """Edit, reassign or close a meeting action (its status as well)."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)

    def __init__(
        self, *args: object, account: Account, action_item: ActionItem, **kwargs: object
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "description": action_item.description,
                "owner_side": action_item.owner_side,
                "owner_user": action_item.owner_user_id,
                "owner_contact": action_item.owner_contact_id,
                "due_on": action_item.due_on,
                "status": action_item.status,
            },
        )
        super().__init__(*args, account=account, **kwargs)
        self.fields["status"].widget.attrs.setdefault("class", "select")


class ActivityEditForm(StyledFormMixin, forms.Form):
    """Correct a logged activity (what happened, when, who took part)."""

    mechanism = forms.ModelChoiceField(
        label=_("Mechanism"), queryset=Mechanism.objects.filter(is_active=True)
    )
    title = forms.CharField(label=pgettext_lazy("heading", "Title"), max_length=200)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    our_participants = PersonChoiceField(
        label=_("Our participants"),
        queryset=User.objects.none(),
        required=False,
        widget=SearchableSelectMultiple,
    )
    customer_participants = PersonChoiceField(
        label=_("Customer participants"),
        queryset=Contact.objects.none(),
        required=False,
        widget=SearchableSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    outcomes = forms.CharField(
        label=_("Outcomes"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    follow_ups = forms.CharField(
        label=_("Follow-ups"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )

    def __init__(self, *args: object, activity: Activity, **kwargs: object) -> None:
        kwargs.setdefault(
            "initial",
            {
                "mechanism": activity.mechanism_id,
                "title": activity.title,
                "occurred_on": activity.occurred_on,
                "our_participants": list(activity.our_participants.all()),
                "customer_participants": list(activity.customer_participants.all()),
                "notes": activity.notes,
                "outcomes": activity.outcomes,
                "follow_ups": activity.follow_ups,
            },
        )
        super().__init__(*args, **kwargs)
        form_field(self, "our_participants", forms.ModelChoiceField).queryset = account_workers(
            activity.account
        ).order_by("username")
        form_field(
            self, "customer_participants", forms.ModelChoiceField
        ).queryset = activity.account.contacts.order_by("name")
