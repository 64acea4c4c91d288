"""The services' common shape: keyword-only, fully typed, and `change_reason` for the why in
the history; a parameter called `reason` is always a reason of the domain itself."""

import importlib
import inspect

import pytest

SERVICE_MODULES = [
    "accounts.services",
    "clients.services",
    "clients.capacity",
    "phases.services",
    "norms.services",
    "signals.services",
    "audit.services",
    "interventions.services.conversations",
    "interventions.services.outreach",
    "interventions.services.exemptions",
    "interventions.services.work_plans",
    "interventions.services.letters",
    "interventions.services.catalogues",
    "interventions.services.trajectories",
    "work.services.employers",
    "work.services.jobs",
    "work.services.renewals",
    "work.services.provisions",
    "participation.services",
    "referrals.services",
]
# Where `reason` is stored as a field of the record itself (a pause, a phase period, ...).
DOMAIN_REASONS = {
    "transition_phase",
    "request_reassessment",
    "record_phase_exemption",
    "record_contact_exemption",
    "dismiss_signal",
    "change_trajectory_status",
}


def services() -> list:
    found = []
    for name in SERVICE_MODULES:
        module = importlib.import_module(name)
        for function_name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == name and not function_name.startswith("_"):
                found.append(pytest.param(function, id=f"{name}.{function_name}"))
    return found


@pytest.mark.parametrize("service", services())
def test_a_service_takes_keyword_arguments_only_all_typed(service):
    parameters = inspect.signature(service).parameters.values()

    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters)
    assert all(p.annotation is not inspect.Parameter.empty for p in parameters)
    assert inspect.signature(service).return_annotation is not inspect.Signature.empty


@pytest.mark.parametrize("service", services())
def test_the_history_reason_is_called_change_reason(service):
    names = set(inspect.signature(service).parameters)

    if "reason" in names:
        assert service.__name__ in DOMAIN_REASONS
    assert not names & {"why", "history_reason"}
