"""Finding pupils' names in free text bound for an anonymous document (the governors' report's narrative).

Reads names with `values_list`, so no pupil is loaded (and no access entry written) to check a text.
"""

from __future__ import annotations

import re

from .models import Pupil

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _words(text: str) -> list[str]:
    return WORD.findall(text or "")


def names_in_text(school_id: int, text: str) -> list[str]:
    """Return the words of the text that are a pupil's legal or preferred first name or surname, as typed.

    Each name is checked alone (a surname without its first name still names a child), case-insensitively,
    whole words only; each word is listed once, in the order it first appears.
    """
    words = _words(text)
    if not words:
        return []
    names: set[str] = set()
    for row in Pupil.objects.filter(school_id=school_id).values_list(
            "legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name"):
        for name in row:
            # The whole name, each word of it, and each half of a double-barrelled name.
            for part in [name, *re.split(r"[\s‐-]+", name)]:
                if len(part) >= 2:
                    names.add(part.casefold())
    found: list[str] = []
    for word in words:
        # A hyphenated word that is not itself a name may join one to another word ("Smith-led").
        for candidate in [word] if word.casefold() in names else word.split("-"):
            if candidate.casefold() in names and candidate.casefold() not in {seen.casefold() for seen in found}:
                found.append(candidate)
    return found


def names_refusal(found: list[str]) -> str:
    """Return the message that tells the writer which words to take out."""
    quoted = ", ".join(f"“{word}”" for word in found)
    return (f"This text names pupils, and the report is anonymous: remove {quoted} (each is a pupil's name or "
            f"surname) and describe the pupils without naming them.")
