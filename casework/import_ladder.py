"""Writing the client import's `treden`/`rungs` column (read by `import_rows.parse_rungs`): for
a known client only the (day, rung) pairs it does not have yet are added, so importing the same
file twice adds nothing the second time."""

from collections.abc import Iterable
from datetime import date

from accounts.models import User
from common.bulk import create_with_history
from participation.chain import chain_rungs
from participation.models import RungAssessment

Assessed = tuple[date, int]  # the day and the rung


def rung_histories(client_ids: Iterable[int]) -> dict[int, set[Assessed]]:
    """The (day, rung) pairs each of these clients has already, in one query."""
    known: dict[int, set[Assessed]] = {}
    rows = RungAssessment.objects.filter(client_id__in=list(client_ids)).values_list(
        "client_id", "assessed_on", "rung"
    )
    for client_id, day, rung in rows:
        known.setdefault(client_id, set()).add((day, rung))
    return known


def add_rungs(
    wanted: dict[int, list[Assessed]],
    known: dict[int, set[Assessed]],
    *,
    by: User | None,
    change_reason: str,
) -> int:
    """Add, per client id, the rungs it does not have yet, with their history rows; how many."""
    new = [
        RungAssessment(client_id=client_id, assessed_on=day, rung=rung, assessed_by=by)
        for client_id, rungs in wanted.items()
        for day, rung in sorted(set(rungs))
        if (day, rung) not in known.get(client_id, set())
    ]
    create_with_history(RungAssessment, new, by=by, change_reason=change_reason)
    chain_rungs({assessment.client_id for assessment in new})
    return len(new)
