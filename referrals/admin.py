from django.contrib import admin

from common.admin import CLIENT_SEARCH, AdminRequest, ServiceAdmin, ServiceForm

from .models import Organisation, Referral
from .services import CHANGEABLE, change_referral, refer_client, save_organisation
from .validators import REFERRAL_DATES


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin[Organisation]):
    """The social map: the functional administrator keeps it; an organisation that no longer
    takes referrals is made inactive, never deleted."""

    list_display = ("name", "kind", "region", "active", "phone")
    list_filter = ("kind", "region", "active")
    search_fields = ("name", "region")

    def write(
        self, request: AdminRequest, form: ServiceForm[Organisation], change: bool
    ) -> Organisation:
        return save_organisation(
            organisation=form.build_instance(), by=request.user, change_reason=form.history_reason
        )


@admin.register(Referral)
class ReferralAdmin(ServiceAdmin[Referral]):
    plausible_dates = REFERRAL_DATES
    add_fields = (
        "client",
        "organisation",
        "referred_on",
        "consent_on",
        "status",
        "follow_up_on",
        "note",
    )
    list_display = ("client", "organisation", "referred_on", "status", "follow_up_on")
    list_select_related = ("client", "organisation")
    list_filter = ("status", "organisation__kind")
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    ordering = ("-id",)

    def write(self, request: AdminRequest, form: ServiceForm[Referral], change: bool) -> Referral:
        if not change:
            return refer_client(
                **form.values(*self.add_fields), by=request.user, change_reason=form.history_reason
            )
        changes = {f: form.cleaned_data[f] for f in CHANGEABLE if f in form.changed_data}
        if not changes:
            return form.instance
        return change_referral(
            referral=form.instance,
            changes=changes,
            by=request.user,
            change_reason=form.history_reason,
        )
