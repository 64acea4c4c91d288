from common.filters import DayFilter, FilterSet, IdFilter
from referrals.models import Organisation, Referral


class OrganisationFilter(FilterSet):
    class Meta:
        model = Organisation
        fields = ["kind", "region"]


class ReferralFilter(FilterSet):
    client = IdFilter(field_name="client_id")
    follow_up_before = DayFilter(field_name="follow_up_on", lookup_expr="lte")

    class Meta:
        model = Referral
        fields = ["client", "status", "follow_up_before"]
