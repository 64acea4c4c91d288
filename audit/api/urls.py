from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import AccessLogList

router = SimpleRouter()  # no viewsets; the plain path below

urlpatterns = [path("access-log/", AccessLogList.as_view(), name="access-log")]
