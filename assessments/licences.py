"""What each licence lets a school do, in plain words (shown on the entry screens and the licences page).

Sources, checked in public pages: youthinmind's SDQ copyright notice allows paper use without
charge by non-profits and forbids electronic versions without its prior authorisation; its own
online scorer is SDQScore. The Boxall Profile belongs to Nurture UK, which runs Boxall Profile
Online. Where a licence holder's terms differ from these words, the holder's terms win.
"""

from __future__ import annotations

from .models import Instrument, LicenceKind

OWNERS = {
    Instrument.SDQ: "youthinmind",
    Instrument.BOXALL: "Nurture UK",
}

WHY_SCORES_ONLY = {
    Instrument.SDQ: (
        "The SDQ belongs to youthinmind. Its paper questionnaire may be used free of charge, but an electronic "
        "version, such as a screen for typing in each answer, needs youthinmind's authorisation. "
        "So until your school records that authorisation, Nurture asks for the scores only: score the paper form "
        "by hand with youthinmind's scoring sheet, or use youthinmind's SDQScore, and enter the five scale scores "
        "and the impact score here. They give the same bands, charts and report figures as typing in every answer."
    ),
    Instrument.BOXALL: (
        "The Boxall Profile belongs to Nurture UK, which runs Boxall Profile Online. Typing in each item's score "
        "is an electronic version of the profile, which needs Nurture UK's authorisation. So until your school "
        "records that authorisation, Nurture asks for the cluster scores only: score the profile with your "
        "handbook, or use Boxall Profile Online, and enter each cluster's score here. They give the same "
        "charts, ranges and report figures as typing in every item."
    ),
}

WHAT_IT_ALLOWS = {
    LicenceKind.NONE: "No licence recorded: score entry only.",
    LicenceKind.PAPER: "Paper only: score entry only (the form is completed and scored on paper).",
    LicenceKind.ELECTRONIC: "Authorised electronic entry: item entry and score entry.",
}


def why_scores_only(instrument: str, kind: str) -> str:
    """Return the plain explanation shown where item entry is not offered."""
    held = {
        LicenceKind.NONE: "No licence for this instrument is recorded for your school.",
        LicenceKind.PAPER: "Your school's licence for this instrument is recorded as paper only.",
    }.get(kind, "")
    return f"{held} {WHY_SCORES_ONLY[instrument]}".strip()
