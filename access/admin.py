from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

# API tokens are made with `manage.py create_api_token` (always with an expiry) and end with the
# user's password or account; knox's admin would make tokens that never expire.
admin.site.unregister(AuthToken)

# Its pages show each device's secret key; a lost phone is `manage.py reset_mfa USERNAME`.
admin.site.unregister(TOTPDevice)
