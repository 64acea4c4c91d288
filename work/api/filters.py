from datetime import date

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field

from common.filters import DayFilter, FilterSet, IdFilter, YesNoFilter
from work.models import Employer, Job, Provision
from work.querysets import EmployerQuerySet, running_on_q

SEARCH_MAX_LENGTH = 100


class EmployerFilter(FilterSet):
    search = extend_schema_field({"type": "string", "maxLength": SEARCH_MAX_LENGTH})(
        django_filters.CharFilter(
            method="filter_search", max_length=SEARCH_MAX_LENGTH, label="search"
        )
    )

    class Meta:
        model = Employer
        fields = ["search"]

    def filter_search(self, employers: EmployerQuerySet, name: str, value: str) -> QuerySet:
        """Every word in the name, or a payroll tax number or KvK number exactly."""
        return employers.matching(value)


class JobFilter(FilterSet):
    client = IdFilter(field_name="client_id")
    running_on = DayFilter(method="filter_running_on", label="running_on")

    class Meta:
        model = Job
        fields = ["client", "kind", "running_on"]

    def filter_running_on(self, jobs: QuerySet[Job], name: str, value: date) -> QuerySet[Job]:
        """Jobs running on the day: started by then, and not ended before it."""
        return jobs.filter(running_on_q(value))


class ProvisionFilter(FilterSet):
    client = IdFilter(field_name="client_id")
    pending = YesNoFilter(method="filter_pending", label="pending")

    class Meta:
        model = Provision
        fields = ["client", "kind", "pending"]

    def filter_pending(
        self, provisions: QuerySet[Provision], name: str, value: bool
    ) -> QuerySet[Provision]:
        """Applied for and not yet decided (true), or decided (false)."""
        return provisions.filter(decision="") if value else provisions.exclude(decision="")
