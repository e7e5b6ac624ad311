"""The pupils app's part of a subject access export: the pupil, their placements and the audit trail."""

from __future__ import annotations

from core.audit import audit_entries_for_pupil
from core.dates import format_date, format_datetime
from pupils.models import Pupil

from .registry import Record, Section, plain

PUPIL_FIELDS = [
    "legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name", "date_of_birth", "upn",
    "year_group", "gender", "pupil_premium", "free_school_meals", "eal", "sen_status", "looked_after",
    "date_of_entry", "date_of_leaving", "created_at", "updated_at",
]


def _label(verbose_name) -> str:
    text = str(verbose_name)
    return text[:1].upper() + text[1:]  # "UPN" stays "UPN", "date of birth" becomes "Date of birth"


def _display(instance, name: str):
    getter = getattr(instance, f"get_{name}_display", None)
    return getter() if getter else plain(getattr(instance, name))


def pupil_sections(pupil: Pupil) -> list[Section]:
    """Return the pupil's MIS details and nurture group placements."""
    labels = {name: _label(Pupil._meta.get_field(name).verbose_name) for name in PUPIL_FIELDS}
    details = {name: _display(pupil, name) for name in PUPIL_FIELDS}
    details["school"] = pupil.school.name
    details["class"] = pupil.school_class.name if pupil.school_class_id else ""
    placements = [
        Record(f"{placement.group.name} from {format_date(placement.start_date)}", {
            "group": placement.group.name, "start_date": plain(placement.start_date),
            "expected_end_date": plain(placement.expected_end_date), "end_date": plain(placement.end_date),
            "sessions_per_week": placement.sessions_per_week, "created_at": plain(placement.created_at),
        })
        for placement in pupil.placements.select_related("group").order_by("start_date")
    ]
    return [
        Section("pupil", "Pupil details", [Record(pupil.full_name, details)], labels=labels),
        Section("placements", "Nurture group placements", placements),
    ]


def audit_sections(pupil: Pupil) -> list[Section]:
    """Return every audit entry about the pupil: who created, changed, viewed or exported what, and when."""
    records = [
        Record(f"{format_datetime(entry.timestamp)} {entry.get_action_display()}", {
            "when": plain(entry.timestamp),
            "who": (entry.actor.get_full_name() or entry.actor.username) if entry.actor else "the system",
            "action": entry.get_action_display(),
            "record": f"{entry.content_type.name}: {entry.object_repr}",
            "page": (entry.additional_data or {}).get("page", ""),
            "event": (entry.additional_data or {}).get("event", ""),
            "changes": plain(entry.changes_dict),
        })
        for entry in audit_entries_for_pupil(pupil).order_by("timestamp", "pk")
    ]
    return [Section("audit", "Who saw or changed this record (audit trail)", records)]


def referral_sections(pupil: Pupil) -> list[Section]:
    """Return the pupil's referrals, their timelines, contacts with parents, placement reviews and history."""
    from pupils.models import ParentContact, PlacementEvent, PlacementReview, Referral, ReferralEvent

    from .registry import model_section

    mine = {"pupil": pupil, "school_id": pupil.school_id}
    return [
        model_section("referrals", "Referrals", Referral.objects.filter(**mine).select_related("raised_by", "group"),
                      ["raised_by", "raised_at", "stage", "need_acting_out", "need_restless", "need_withdrawn",
                       "descriptors", "tried_already", "academic_concerns", "home_circumstances",
                       "class_observation", "attendance_percent", "exclusions_so_far", "current_attainment",
                       "consent_given_by", "consent_given_on", "consent_method", "consent_withdrawn_on",
                       "consent_withdrawn_reason", "outcome", "decided_on", "group", "wait_list_priority",
                       "other_support", "other_support_by", "decline_reason", "withdrawn_reason"],
                      lambda referral: f"Referral raised {format_date(referral.raised_at)}"),
        model_section("referral_timeline", "Referral timeline",
                      ReferralEvent.objects.filter(**mine).select_related("actor").order_by("at"),
                      ["referral", "actor", "at", "text"], lambda event: f"{format_datetime(event.at)}"),
        model_section("parent_contacts", "Contacts with parents and carers",
                      ParentContact.objects.filter(**mine).select_related("recorded_by"),
                      ["contacted_on", "with_whom", "method", "leaflet_given", "notes", "recorded_by"],
                      lambda contact: f"Contact {format_date(contact.contacted_on)}"),
        model_section("placement_reviews", "Placement reviews",
                      PlacementReview.objects.filter(**mine).select_related("reviewed_by"),
                      ["placement", "reviewed_on", "notes", "next_review_date", "reviewed_by"],
                      lambda review: f"Review {format_date(review.reviewed_on)}"),
        model_section("placement_history", "Placement history",
                      PlacementEvent.objects.filter(**mine).select_related("actor").order_by("at"),
                      ["placement", "kind", "actor", "at", "text"], lambda event: f"{format_datetime(event.at)}"),
    ]
