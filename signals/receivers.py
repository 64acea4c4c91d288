"""Signals listen to the domain: a change that may end a client's condition re-checks it."""

from functools import partial
from typing import Any

from django.db import transaction

from common.events import Fact

from .models import Signal
from .services import resolve_for_client

# Which open signals a changed fact may resolve: a conversation ends no contact and a job
# ended without contact; a renewal, an end or a new job ends an ending contract or a job ended.
RESOLVES: dict[Fact, tuple[str, ...]] = {
    Fact.CONTACT: (Signal.Kind.NO_CONTACT, Signal.Kind.JOB_ENDED),
    Fact.PHASE: (Signal.Kind.STALLED_PHASE,),
    Fact.WORK: (Signal.Kind.CONTRACT_ENDING, Signal.Kind.JOB_ENDED),
}


def recheck_client(
    sender: Any, *, client_id: int, fact: Fact, by: Any, change_reason: str, **kwargs: Any
) -> None:
    """After the write commits (the check must see it), resolve the signals it may end."""
    for kind in RESOLVES[fact]:
        transaction.on_commit(
            partial(
                resolve_for_client,
                client_id=client_id,
                kind=kind,
                change_reason=change_reason,
                by=by,
            )
        )
