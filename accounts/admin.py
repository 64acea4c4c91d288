from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from wajong.admin import REASON, ServiceAdmin, ServiceForm

from .models import Membership, Team, User


class UserChangeForm(ServiceForm, auth_forms.UserChangeForm):
    pass


class UserAddForm(ServiceForm, auth_forms.AdminUserCreationForm):
    def clean(self):
        cleaned = super().clean()
        # Django checks the password in _post_clean, which ServiceForm leaves to the write.
        self.validate_password_for_user(User(username=self.cleaned_data.get("username") or ""))
        return cleaned


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("team",)
    verbose_name = _("team")
    verbose_name_plural = _("teams")


@admin.register(User)
class UserAdmin(ServiceAdmin, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserAddForm
    inlines = (MembershipInline,)
    list_display = ("username", "last_name", "first_name", "function", "fte", "team_names")
    list_filter = ("function", "is_active", "is_staff", "groups", "teams")

    def get_fieldsets(self, request, obj=None):
        names = () if obj else ("first_name", "last_name")  # the add page asks them here
        return [
            *super().get_fieldsets(request, obj),
            (_("Functie"), {"fields": (*names, "function", "fte")}),
            (None, {"fields": (REASON,)}),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("teams")

    @admin.display(description=_("teams"))
    def team_names(self, user: User) -> str:
        return ", ".join(team.name for team in user.teams.all())

    def write(self, request, form, change):
        if not change:
            # Hashes the chosen password, or marks it unusable (the admin's choice).
            form.set_password_and_save(form.instance, commit=False)
        return super().write(request, form, change)


@admin.register(Team)
class TeamAdmin(ServiceAdmin):
    list_display = ("name", "manager")
    list_select_related = ("manager",)
    search_fields = ("name",)
    autocomplete_fields = ("manager",)


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin):
    deletable = True  # leaving a team; the history keeps that the staff member was in it
    list_display = ("user", "team")
    list_select_related = ("user", "team")
    list_filter = ("team",)
    search_fields = ("user__last_name", "user__first_name", "user__username", "team__name")
    autocomplete_fields = ("user", "team")
