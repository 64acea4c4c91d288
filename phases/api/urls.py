from rest_framework.routers import SimpleRouter

from .views import PhaseExemptionViewSet

router = SimpleRouter()
router.register("phase-exemptions", PhaseExemptionViewSet, basename="phase-exemption")

urlpatterns = router.urls
