"""The columns every export of clients starts with: who the client is, in which team, and with
whom. An export adds its own columns after them."""

from django.utils.translation import gettext_lazy as _

from common.tables import RecordColumn

from .models import Client

CLIENT_COLUMNS: list[RecordColumn[Client]] = [
    RecordColumn("name", _("Naam"), lambda c: c.listed_name),
    RecordColumn("bsn", _("BSN"), lambda c: c.masked_bsn),
    RecordColumn("team", _("Team"), lambda c: str(c.team)),
    RecordColumn("caseworker", _("Vaste contactpersoon"), lambda c: str(c.caseworker or "")),
]
