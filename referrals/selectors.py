"""Reads of the referrals for the screens."""

from clients.models import Client

from .models import Referral


def referrals_on_file(client: Client) -> list[Referral]:
    """The client's referrals, newest first, each with its organisation: one query."""
    return list(
        Referral.objects.filter(client=client)
        .select_related("organisation")
        .order_by("-referred_on", "-id")
    )
