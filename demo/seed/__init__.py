"""Reproducible, realistic demo data in the proportions UWV reports for the caseload, written
in bulk with history rows.

The same seed and as-of date give the same data. Staff and catalogues go through the ORM (a few
hundred rows); clients and everything attached to them go through `common.bulk.BulkWriter`.

The modules, in the order a run uses them: `run` (the stages), `staff` and `catalogue` (ORM),
`writers` (one bulk writer per table), `client` (a client and its caseworkers) and one module per
kind of record attached to it: `phase_periods`, `conversations`, `work_plans`, `trajectories`,
`exemptions`, and `work` with `work_history` (jobs, from a random stream of their own). They
share `constants`, `draws` (random draws and small helpers) and `context` (the
state of a run and of the client being written). Every record module draws from the one
`random.Random` in a fixed order: reordering draws changes the data a seed gives.
"""

from .constants import DEMO_LOGINS, DEMO_PASSWORD, PHASE_MIX
from .draws import phase_quota
from .run import write_demo_data

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "PHASE_MIX", "phase_quota", "write_demo_data"]
