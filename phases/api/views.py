"""Phase exemptions over the REST API (/api/v1/phase-exemptions/)."""

from typing import Any

from accounts.models import User
from clients.api.base import ClientRecordViewSet, by_client
from clients.models import Client
from phases.models import PhaseExemption
from phases.services import record_phase_exemption

from .serializers import PhaseExemptionSerializer


class PhaseExemptionViewSet(ClientRecordViewSet):
    """Periods in which a client's phase may last longer (stabilisation as the goal, medical,
    other): no stalled-phase signal until the review date. Filter: `client`."""

    model = PhaseExemption
    ordering = ("-valid_from", "-id")
    serializer_class = PhaseExemptionSerializer
    filterset_class = by_client(PhaseExemption)

    def record(self, *, client: Client, data: dict[str, Any], by: User, change_reason: str) -> Any:
        return record_phase_exemption(client=client, by=by, change_reason=change_reason, **data)
