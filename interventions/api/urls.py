from rest_framework.routers import SimpleRouter

from .views import (
    ContactExemptionViewSet,
    ConversationViewSet,
    ProviderViewSet,
    ServiceTypeViewSet,
    TrajectoryViewSet,
    WorkPlanViewSet,
)

router = SimpleRouter()
router.register("conversations", ConversationViewSet, basename="conversation")
router.register("contact-exemptions", ContactExemptionViewSet, basename="contact-exemption")
router.register("workplans", WorkPlanViewSet, basename="workplan")
router.register("trajectories", TrajectoryViewSet, basename="trajectory")
router.register("providers", ProviderViewSet, basename="provider")
router.register("service-types", ServiceTypeViewSet, basename="service-type")

urlpatterns = router.urls
