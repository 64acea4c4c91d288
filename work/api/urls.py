from rest_framework.routers import SimpleRouter

from .views import EmployerViewSet, JobViewSet, ProvisionViewSet

router = SimpleRouter()
router.register("employers", EmployerViewSet, basename="employer")
router.register("jobs", JobViewSet, basename="job")
router.register("provisions", ProvisionViewSet, basename="provision")

urlpatterns = router.urls
