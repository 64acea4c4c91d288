from audit.models import AccessLog
from common.filters import DayFilter, FilterSet, IdFilter


class AccessLogFilter(FilterSet):
    client = IdFilter(field_name="client_id")
    user = IdFilter(field_name="user_id")
    to = DayFilter(field_name="at", lookup_expr="date__lte", label="to")
    # `from` is a Python keyword: declared through the class namespace. Days are inclusive,
    # in Amsterdam time.
    locals()["from"] = DayFilter(field_name="at", lookup_expr="date__gte", label="from")

    class Meta:
        model = AccessLog
        fields = ["client", "user", "action"]
