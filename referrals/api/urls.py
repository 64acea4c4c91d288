from rest_framework.routers import SimpleRouter

from .views import OrganisationViewSet, ReferralViewSet

router = SimpleRouter()
router.register("social-map", OrganisationViewSet, basename="organisation")
router.register("referrals", ReferralViewSet, basename="referral")

urlpatterns = router.urls
