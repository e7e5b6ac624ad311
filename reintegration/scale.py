"""The default readiness scale: criteria in our own words, grouped in categories.

Inspired by the idea of a reintegration readiness scale (readiness judged against criteria, in the
group and in class), not by any published scale's wording. A school edits its own copy.
"""

from __future__ import annotations

DEFAULT_SCALE: list[tuple[str, list[str]]] = [
    ("Settling and feelings", [
        "Comes into class calmly and is settled within a few minutes",
        "Shows or names how they feel in a way adults understand",
        "Calms down after being upset with little help from an adult",
        "Copes when the day changes or a familiar adult is away",
    ]),
    ("Learning in class", [
        "Listens while the teacher talks to the whole class",
        "Makes a start on a task after a whole-class instruction",
        "Keeps going with a task for ten minutes or more",
        "Asks for help in a way that works in a class of thirty",
        "Accepts a correction or a mistake and carries on",
    ]),
    ("Getting on with others", [
        "Takes turns and shares in a small group",
        "Joins in play at break time without an adult organising it",
        "Sorts out a small disagreement, or fetches an adult instead of hitting out",
        "Notices when another child is upset and responds kindly",
    ]),
    ("Routines and independence", [
        "Follows class routines: lining up, tidying away, moving between rooms",
        "Looks after their own belongings and equipment",
        "Moves around the school calmly",
        "Manages in a busy, noisy room",
    ]),
]
