from knox.models import AuthToken
from rest_framework.test import APIClient


def token_for(user) -> str:
    """A new API token for `user` (only its hash is stored: this is the one time it is seen)."""
    return AuthToken.objects.create(user=user)[1]


def api_as(user) -> APIClient:
    """An API client signed in with a token of `user`."""
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return api
