"""Staff administration, one service per action: each checks the rules, writes, and audits in its transaction.

Every change is written as one entry on the member's account (`core.audit.audit_event`), with the
old and new values in words, so the member's history page reads as a list of what happened.
"""

from __future__ import annotations

import logging

from auditlog.context import disable_auditlog
from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import audit_event
from core.lifecycle import Refused
from core.mail import mail_send
from core.models import Role, School, StaffRole, Trust, User
from pupils.models import SchoolClass

from .permissions import SCHOOL_ROLES, grantable_roles, held_roles
from .tokens import invitation_tokens

logger = logging.getLogger("nurture.staff")


class StaffRefused(Refused):
    """A staff change the rules do not allow; the message says why, in words."""


def _labels(roles) -> str:
    return ", ".join(Role(role).label for role in SCHOOL_ROLES + (Role.TRUST_ADMIN,) if role in set(roles)) or "none"


def _class_names(classes) -> str:
    return ", ".join(sorted(school_class.name for school_class in classes)) or "none"


def _other_active_admins(member: User) -> bool:
    return StaffRole.objects.filter(user__school_id=member.school_id, user__is_active=True,
                                    role=Role.SCHOOL_ADMIN).exclude(user=member).exists()


def _check_grants(*, user: User, member: User | None, before: frozenset[str], after: frozenset[str]) -> None:
    allowed = grantable_roles(user)
    changed = before ^ after
    if changed - allowed:
        raise StaffRefused(f"You cannot give or take away these roles: {_labels(changed - allowed)}.",
                           code="role_out_of_reach")
    if member is not None and member.pk == user.pk and after - before:
        raise StaffRefused("You cannot give yourself a role: ask another school admin.", code="own_role")
    if member is not None and Role.SCHOOL_ADMIN in before - after and not _other_active_admins(member):
        raise StaffRefused("This is the school's last school admin: give another member of staff the role first.",
                           code="last_admin")


def _check_classes(school_id: int, classes) -> list[SchoolClass]:
    classes = list(classes)
    if any(school_class.school_id != school_id for school_class in classes):
        raise StaffRefused("That class belongs to another school.", code="other_school")
    return classes


def invitation_path(member: User) -> str:
    """Return the path of the member's invitation link (a fresh token each time)."""
    return reverse("staff:invitation-accept", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
                                                      "token": invitation_tokens.make_token(member)})


def _send_invitation(member: User, site_url: str, invited_by: User) -> None:
    link = site_url.rstrip("/") + invitation_path(member)
    body = (
        f"Hello {member.first_name},\n\n"
        f"{invited_by.get_full_name() or invited_by.username} has given you an account on Nurture, "
        f"{member.school.name}'s record of its nurture group.\n\n"
        f"Your username is: {member.username}\n\n"
        f"Choose your password here (the link works once, for {_days()} days):\n{link}\n\n"
        "Your role may ask you to set up two-factor sign-in with an authenticator app straight after.\n"
    )
    member_pk = member.pk
    transaction.on_commit(lambda: mail_send(subject="Your Nurture account", body=body, to=[member.email],
                                            purpose="staff invitation", record_id=member_pk))


def _days() -> int:
    from django.conf import settings

    return getattr(settings, "STAFF_INVITATION_DAYS", 7)


@transaction.atomic
def staff_invite(*, school: School, user: User, first_name: str, last_name: str, email: str, roles,
                 classes=(), job_title: str = "", site_url: str) -> User:
    """Create a member of staff without a password and email them a link to choose one."""
    roles = frozenset(roles)
    if not roles:
        raise StaffRefused("Give the new member of staff at least one role.", code="no_role")
    _check_grants(user=user, member=None, before=frozenset(), after=roles)
    classes = _check_classes(school.pk, classes)
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise StaffRefused("Someone already has an account with that email address.", code="duplicate_email")
    member = User(school=school, username=email, email=email, first_name=first_name.strip(),
                  last_name=last_name.strip(), job_title=job_title.strip())
    member.set_unusable_password()
    member.full_clean(exclude=["password"])
    with disable_auditlog():  # one entry in words below, instead of auditlog's field-by-field one
        member.save()
        StaffRole.objects.bulk_create([StaffRole(user=member, role=role) for role in sorted(roles)])
        member.classes_taught.set(classes)
    audit_event(user=user, record=member, event="invited", changes={
        "name": (None, member.get_full_name()), "email": (None, email), "roles": (None, _labels(roles)),
        **({"classes": (None, _class_names(classes))} if classes else {}),
    })
    _send_invitation(member, site_url, user)
    return member


@transaction.atomic
def staff_invitation_resend(*, member: User, user: User, site_url: str) -> None:
    """Send a new invitation link to a member who has not chosen a password yet."""
    if member.has_usable_password() or not member.is_active:
        raise StaffRefused("This member of staff has already joined, or has left.", code="joined")
    audit_event(user=user, record=member, event="invitation sent again")
    _send_invitation(member, site_url, user)


@transaction.atomic
def invitation_accept(*, member: User, password: str) -> User:
    """Set the invited member's first password (which also spends the link)."""
    validate_password(password, member)
    member.set_password(password)
    with disable_auditlog():
        member.save(update_fields=["password"])
    audit_event(user=member, record=member, event="joined: chose a password")
    return member


@transaction.atomic
def staff_update(*, member: User, user: User, first_name: str, last_name: str, email: str, job_title: str,
                 roles, classes) -> User:
    """Change a member's name, email, roles and classes taught; refused for roles out of the user's reach."""
    member = User.objects.select_for_update().get(pk=member.pk)
    before = held_roles(member)
    # Roles the user cannot give are not on their form: they are kept as they are.
    after = frozenset(roles) | (before - grantable_roles(user))
    _check_grants(user=user, member=member, before=before, after=after)
    if not after:
        raise StaffRefused("A member of staff needs at least one role: mark them as a leaver instead.",
                           code="no_role")
    classes = _check_classes(member.school_id, classes)
    email = email.strip().lower()
    if email != member.email and User.objects.filter(email__iexact=email).exclude(pk=member.pk).exists():
        raise StaffRefused("Someone else already has an account with that email address.", code="duplicate_email")
    old_classes = list(member.classes_taught.all())
    changes = {}
    for name, value in (("first_name", first_name.strip()), ("last_name", last_name.strip()), ("email", email),
                        ("job_title", job_title.strip())):
        if getattr(member, name) != value:
            changes[name] = (getattr(member, name), value)
            setattr(member, name, value)
    if before != after:
        changes["roles"] = (_labels(before), _labels(after))
    if {c.pk for c in old_classes} != {c.pk for c in classes}:
        changes["classes"] = (_class_names(old_classes), _class_names(classes))
    if not changes:
        return member
    member.full_clean(exclude=["password"])
    with disable_auditlog():
        member.save()
        StaffRole.objects.filter(user=member, role__in=before - after).delete()
        StaffRole.objects.bulk_create([StaffRole(user=member, role=role) for role in sorted(after - before)])
        member.classes_taught.set(classes)
    audit_event(user=user, record=member, event="details changed", changes=changes)
    return member


def _end_sessions(member: User) -> int:
    """Delete every session the member is signed in with (the database session store)."""
    ended = [session.pk for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
             if str(session.get_decoded().get("_auth_user_id")) == str(member.pk)]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def staff_mark_leaver(*, member: User, user: User) -> User:
    """End a member's access now, keeping everything they recorded attributed to them.

    The account is kept (inactive, with no usable password) so their name stays on what they
    wrote; they leave every class and nurture group; every signed-in session ends at once."""
    member = User.objects.select_for_update().get(pk=member.pk)
    if not member.is_active:
        raise StaffRefused("This member of staff has already left.", code="already_left")
    if member.pk == user.pk:
        raise StaffRefused("You cannot mark yourself as a leaver: ask another school admin.", code="own_account")
    if Role.SCHOOL_ADMIN in held_roles(member) and not _other_active_admins(member):
        raise StaffRefused("This is the school's last school admin: give another member of staff the role first.",
                           code="last_admin")
    classes, groups = list(member.classes_taught.all()), list(member.nurture_groups.all())
    member.is_active = False
    member.set_unusable_password()
    with disable_auditlog():
        member.save()
        member.classes_taught.clear()
        member.nurture_groups.clear()
    sessions = _end_sessions(member)
    audit_event(user=user, record=member, event="marked as a leaver", changes={
        "is_active": (True, False), "classes": (_class_names(classes), "none"),
        "nurture_group": (", ".join(sorted(g.name for g in groups)) or "none", "none"),
        "sessions_ended": (None, sessions),
    })
    logger.info("staff leaver", extra={"member_id": member.pk, "actor_id": user.pk})
    return member


@transaction.atomic
def staff_two_factor_reset(*, member: User, user: User, reason: str) -> None:
    """Remove a member's two-factor devices (a lost phone): they sign in again and set it up anew."""
    reason = reason.strip()
    if not reason:
        raise StaffRefused("Give the reason for resetting two-factor sign-in.", code="reason_required")
    if member.pk == user.pk:
        raise StaffRefused("Reset your own two-factor sign-in from your Two-factor page.", code="own_account")
    removed = TOTPDevice.objects.filter(user=member).delete()[0] + StaticDevice.objects.filter(user=member).delete()[0]
    sessions = _end_sessions(member)
    audit_event(user=user, record=member, event="two-factor reset", changes={
        "reason": (None, reason), "devices_removed": (None, removed), "sessions_ended": (None, sessions)})
    logger.info("two-factor reset", extra={"member_id": member.pk, "actor_id": user.pk})


@transaction.atomic
def staff_unlock(*, member: User, user: User) -> int:
    """Clear django-axes' failed sign-ins for the member, so a locked-out account can sign in again."""
    cleared = axes_reset(username=member.username)
    audit_event(user=user, record=member, event="sign-in unlocked",
                changes={"failed_attempts_cleared": (None, cleared)})
    return cleared


@transaction.atomic
def school_create(*, user: User, name: str, urn: str, trust: Trust | None, admin_first_name: str,
                  admin_last_name: str, admin_email: str, site_url: str) -> tuple[School, User]:
    """Create a school and invite its first school admin (a trust admin for their trust; the superuser any)."""
    if not user.is_superuser:
        if not user.has_role(Role.TRUST_ADMIN) or not user.trust_id:
            raise StaffRefused("Only a trust admin creates schools.", code="not_trust_admin")
        trust = user.trust
    base = slugify(name)[:40] or "school"
    slug, number = base, 1
    while School.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    school = School(name=name.strip(), slug=slug, urn=urn.strip(), trust=trust)
    school.full_clean()
    school.save()
    admin = staff_invite(school=school, user=user, first_name=admin_first_name, last_name=admin_last_name,
                         email=admin_email, roles=[Role.SCHOOL_ADMIN], site_url=site_url)
    audit_event(user=user, record=school, event="school created")
    return school, admin
