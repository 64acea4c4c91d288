from rest_framework.routers import SimpleRouter

from .views import ContactExemptionViewSet, ConversationViewSet

router = SimpleRouter()
router.register("conversations", ConversationViewSet, basename="conversation")
router.register("contact-exemptions", ContactExemptionViewSet, basename="contact-exemption")

urlpatterns = router.urls
