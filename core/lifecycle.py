"""One state-machine helper for every lifecycle of the product (Oscar's `pipeline` + `set_status`).

A model declares its lifecycle as data:

    lifecycle = Lifecycle("status", {Status.ACTIVE: {Status.ENDED}, Status.ENDED: set()}, noun="placement")

and moves only through `lifecycle.move(instance, to)`, which refuses a change the table does not
allow with `TransitionRefused`. `TransitionRefused` is a `ValidationError`, so a service may let it
rise and a view shows it the one way every refusal is shown (`core.forms.show_refusal`).

Written here rather than taken from django-fsm-2: our lifecycles are a dict and a check (no
decorated methods, no protected fields, no signals), and a refusal must read as a sentence a school
user understands; the helper is the forty lines below.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from django.core.exceptions import ValidationError

logger = logging.getLogger("nurture.lifecycle")


class Refused(ValidationError):
    """A service's refusal of an action: the one family of refusals, shown by `core.forms.show_refusal`.

    Every refusal logs one line with its kind and code, never its message (which may name a child).
    """

    def __init__(self, message, code=None, params=None) -> None:
        super().__init__(message, code, params)
        logger.info("refused", extra={"refusal": type(self).__name__, "code": code or ""})

    def __str__(self) -> str:
        return " ".join(self.messages)


class TransitionRefused(Refused):
    """A change the record's lifecycle does not allow; the message says why, in words."""


class Lifecycle:
    """The allowed moves of one field, with optional guards that may refuse a move with a reason."""

    def __init__(self, field: str, transitions: Mapping[str, set[str] | frozenset[str]], *, noun: str,
                 guards: tuple[Callable[[object, str, str], str | None], ...] = (),
                 explain: Callable[[object, str, str], str] | None = None) -> None:
        self.field = field
        self.explain = explain
        self.transitions = {str(state): frozenset(str(to) for to in targets) for state, targets in transitions.items()}
        self.noun = noun
        self.guards = guards

    def allowed(self, instance) -> frozenset[str]:
        """Return the states the record may move to from where it is."""
        return self.transitions.get(str(getattr(instance, self.field)), frozenset())

    def can(self, instance, to: str) -> bool:
        return str(to) in self.allowed(instance)

    def move(self, instance, to: str) -> None:
        """Set the field to `to`, or raise TransitionRefused (and log the refusal, with ids only)."""
        current = str(getattr(instance, self.field))
        reason = None
        if str(to) not in self.allowed(instance):
            reason = self.explain(instance, current, str(to)) if self.explain else (
                f"A {self.noun} that is {self._label(instance, current)} cannot become {self._label(instance, to)}.")
        for guard in self.guards if reason is None else ():
            reason = guard(instance, current, str(to))
            if reason:
                break
        if reason:
            logger.info("transition refused", extra={"model": type(instance).__name__, "record_id": instance.pk,
                                                     "from_state": current, "to_state": str(to)})
            raise TransitionRefused(reason, code="transition_refused")
        setattr(instance, self.field, to)

    def _label(self, instance, state: str) -> str:
        choices = dict(type(instance)._meta.get_field(self.field).flatchoices)
        return str(choices.get(state, state)).lower()
