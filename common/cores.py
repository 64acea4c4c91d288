"""The processor cores this process may run on: what the web server's worker count and the load
test's cost per page are reckoned on."""

import os


def usable_cores() -> int:
    """The cores a cpuset leaves this process (a CPU quota does not narrow them: a container
    with one sets WEB_CONCURRENCY), else all the machine has."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
