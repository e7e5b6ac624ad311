"""The pupils app's part of a subject access export: the pupil, their placements and the audit trail."""

from __future__ import annotations

from core.audit import audit_entries_for_pupil
from pupils.models import Pupil

from .registry import Change, Record, Section, day, model_section, moment

PUPIL_FIELDS = [
    "legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name", "date_of_birth", "upn",
    "year_group", "gender", "pupil_premium", "free_school_meals", "eal", "sen_status", "looked_after",
    "date_of_entry", "date_of_leaving", "record_transferred_on", "created_at", "updated_at",
]


def _label(verbose_name) -> str:
    text = str(verbose_name)
    return text[:1].upper() + text[1:]  # "UPN" stays "UPN", "date of birth" becomes "Date of birth"


def _display(instance, name: str):
    getter = getattr(instance, f"get_{name}_display", None)
    return getter() if getter else getattr(instance, name)


def pupil_sections(pupil: Pupil) -> list[Section]:
    """Return the pupil's MIS details and nurture group placements."""
    labels = {name: _label(Pupil._meta.get_field(name).verbose_name) for name in PUPIL_FIELDS}
    details = {name: _display(pupil, name) for name in PUPIL_FIELDS}
    details["school"] = pupil.school.name
    details["class"] = pupil.school_class.name if pupil.school_class_id else ""
    placements = model_section(
        "placements", "Nurture group placements", pupil.placements.order_by("start_date", "pk"),
        ["group", "status", "start_date", "expected_end_date", "end_date", "end_reason", "sessions_per_week",
         "lessons_kept_in_class", "first_review_date", "next_review_date", "referral", "created_at"],
        lambda placement: f"{placement.group.name} from {day(placement.start_date)}")
    return [
        Section("pupil", "Pupil details", [Record(pupil.full_name, details)], labels=labels, model=Pupil,
                fields=[*PUPIL_FIELDS, "school_class"]),
        placements,
    ]


def audit_sections(pupil: Pupil) -> list[Section]:
    """Return every audit entry about the pupil: who created, changed, viewed or exported what, and when."""
    records = [
        Record(f"{moment(entry.timestamp)} {entry.get_action_display()}", {
            "when": entry.timestamp,
            "who": (entry.actor.get_full_name() or entry.actor.username) if entry.actor else "the system",
            "action": entry.get_action_display(),
            "record": f"{entry.content_type.name}: {entry.object_repr}",
            "page": (entry.additional_data or {}).get("page", ""),
            "event": (entry.additional_data or {}).get("event", ""),
            "changes": {name: Change(*values) if isinstance(values, list | tuple) and len(values) == 2 else values
                        for name, values in (entry.changes_dict or {}).items()},
        })
        for entry in audit_entries_for_pupil(pupil).order_by("timestamp", "pk")
    ]
    return [Section("audit", "Who saw or changed this record (audit trail)", records)]


def referral_sections(pupil: Pupil) -> list[Section]:
    """Return the pupil's referrals, their timelines, contacts with parents, placement reviews and history."""
    from pupils.models import (
        Notification,
        ParentContact,
        PlacementEvent,
        PlacementReview,
        Referral,
        ReferralEvent,
    )

    mine = {"pupil": pupil, "school_id": pupil.school_id}
    return [
        model_section("referrals", "Referrals", Referral.objects.filter(**mine).select_related("raised_by", "group"),
                      ["raised_by", "raised_at", "stage", "stage_changed_at", "need_acting_out", "need_restless",
                       "need_withdrawn", "descriptors", "tried_already", "academic_concerns", "home_circumstances",
                       "class_observation", "attendance_percent", "exclusions_so_far", "current_attainment",
                       "consent_given_by", "consent_given_on", "consent_method", "consent_withdrawn_on",
                       "consent_withdrawn_reason", "outcome", "decided_on", "group", "wait_list_priority",
                       "other_support", "other_support_by", "decline_reason", "over_capacity_reason",
                       "withdrawn_reason"],
                      lambda referral: f"Referral raised {day(referral.raised_at)}"),
        model_section("referral_timeline", "Referral timeline",
                      ReferralEvent.objects.filter(**mine).select_related("actor").order_by("at"),
                      ["referral", "actor", "at", "text"], lambda event: moment(event.at)),
        model_section("parent_contacts", "Contacts with parents and carers",
                      ParentContact.objects.filter(**mine).select_related("recorded_by"),
                      ["referral", "contacted_on", "with_whom", "method", "leaflet_given", "notes", "recorded_by"],
                      lambda contact: f"Contact {day(contact.contacted_on)}"),
        model_section("placement_reviews", "Placement reviews",
                      PlacementReview.objects.filter(**mine).select_related("reviewed_by"),
                      ["placement", "reviewed_on", "notes", "next_review_date", "reviewed_by"],
                      lambda review: f"Review {day(review.reviewed_on)}"),
        model_section("placement_history", "Placement history",
                      PlacementEvent.objects.filter(**mine).select_related("actor").order_by("at"),
                      ["placement", "kind", "actor", "at", "text"], lambda event: moment(event.at)),
        model_section("notifications", "Notices to staff about the pupil",
                      Notification.objects.filter(**mine).select_related("recipient").order_by("created_at", "pk"),
                      ["recipient", "text", "url", "created_at", "read_at"],
                      lambda notice: f"Notice {moment(notice.created_at)}"),
    ]
