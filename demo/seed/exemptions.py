"""Exemptions: from the contact norm (mostly stable work in phase 4) and from phase 1's norm."""

from datetime import timedelta

from .context import ClientFile, Seeding
from .draws import at


def write_exemptions(s: Seeding, file: ClientFile) -> None:
    rng = s.rng
    phase = file.periods[-1][0]
    if (phase == "4" and rng.random() < 0.05) or rng.random() < 0.01:
        write_contact_exemption(s, file, "stable_work" if phase == "4" else "medical")
    if phase == "1" and rng.random() < 0.08:
        write_phase_exemption(s, file)


def write_contact_exemption(s: Seeding, file: ClientFile, reason: str) -> None:
    start = max(file.periods[-1][1], s.days_ago(0, 300))
    worker = file.worker_on(start)
    s.w["contact_exemption"].add(
        file.client_id,
        reason,
        "Afgesproken met teammanager",
        start,
        start + timedelta(days=365),
        worker,
        at=at(start),
        by=worker,
    )


def write_phase_exemption(s: Seeding, file: ClientFile) -> None:
    start = max(file.periods[-1][1], s.days_ago(0, 300))
    worker = file.worker_on(start)
    s.w["phase_exemption"].add(
        file.client_id,
        "1",
        "stabilisation_goal",
        "Stabilisatie is het doel",
        start,
        start + timedelta(days=365),
        worker,
        at=at(start),
        by=worker,
    )
