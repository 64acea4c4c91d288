"""Staff users and teams in the admin.

Roles are given only through the role and team fields below, which call the same service as
`create_staff_user` (`set_role_and_teams`). A functional administrator keeps caseworkers and
team managers; superuser status, model permissions, the privileged roles (auditor, functional
administrator) and another user's password are for superusers alone, and nobody changes their
own role or teams here.
"""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from common.admin import REASON, AdminRequest, ServiceAdmin, ServiceForm, ViewOnlyAdmin

from .models import Membership, Team, User
from .roles import Role, role_label
from .selectors import roles_of
from .services import change_team, create_team, set_role_and_teams

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldOpts, _FieldsetSpec
    from django.utils.functional import _StrOrPromise

# The roles a functional administrator may give; the others open every file or the admin.
ROLES_FOR_FUNCTIONAL_ADMINS = (Role.CASEWORKER, Role.TEAM_MANAGER)
FIRST_PASSWORD = _(
    "Het eerste wachtwoord stelt een superuser in (hier, of met manage.py changepassword): "
    "wie een account aanmaakt, kent het wachtwoord niet."
)


class RoleAndTeamsMixin(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), required=False, choices=())
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def offer_roles(self, roles: tuple[Role, ...]) -> None:
        field = self.fields.get("role")
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("geen rol")), *((r.value, r.label) for r in roles)]

    def read_role_and_teams(self, user: User) -> None:
        roles = roles_of(user)
        self.initial.setdefault("role", roles[0].value if roles else "")
        self.initial.setdefault("teams", list(user.teams.all()))


class UserChangeForm(RoleAndTeamsMixin, ServiceForm[User], auth_forms.UserChangeForm):
    pass


class UserAddForm(RoleAndTeamsMixin, ServiceForm[User], auth_forms.AdminUserCreationForm):
    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        # Django checks the password in _post_clean, which ServiceForm leaves to the write.
        self.validate_password_for_user(User(username=self.cleaned_data.get("username") or ""))
        return cleaned


def privileged(user: User) -> bool:
    """Accounts only a superuser may change: superusers and the roles that read everything or
    keep the admin."""
    return user.is_superuser or bool(set(roles_of(user)) - set(ROLES_FOR_FUNCTIONAL_ADMINS))


class RoleFilter(admin.SimpleListFilter):
    """The users by role, named as people say it (not the group's code)."""

    title = _("rol")
    parameter_name = "rol"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(role.value, str(role.label)) for role in Role]

    def queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> QuerySet[User]:
        if self.value() in Role.values:
            return queryset.filter(groups__name=self.value())
        return queryset


@admin.register(User)
class UserAdmin(ServiceAdmin[User], DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserAddForm
    list_display = (
        "username",
        "last_name",
        "first_name",
        "function",
        "fte",
        "role_names",
        "team_names",
    )
    list_filter = ("function", "is_active", "is_staff", RoleFilter, "teams")

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> "_FieldsetSpec":
        role_fields = ("role", "teams") if self._may_set_role(request, obj) else ()
        if obj is None:
            new: _FieldOpts = (
                {"fields": DjangoUserAdmin.add_fieldsets[0][1]["fields"]}
                if request.user.is_superuser
                else {"fields": ("username",), "description": FIRST_PASSWORD}
            )
            return [
                (None, new),
                (_("Functie"), {"fields": ("first_name", "last_name", "function", "fte")}),
                (_("Rol en teams"), {"fields": role_fields}),
                (None, {"fields": (REASON,)}),
            ]
        account: list[tuple[_StrOrPromise | None, _FieldOpts]]
        if request.user.is_superuser:
            # Groups are roles, given below; the superuser flag and permissions stay here.
            account = [
                (name, {**opts, "fields": [f for f in opts["fields"] if f != "groups"]})
                for name, opts in super().get_fieldsets(request, obj)
            ]
        else:
            # No password hash or its change link, no superuser flag, groups or permissions.
            account = [
                (None, {"fields": ("username",)}),
                (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email")}),
                (_("Status"), {"fields": ("is_active",)}),
            ]
        return [
            *account,
            (_("Functie"), {"fields": ("function", "fte")}),
            (_("Rol en teams"), {"fields": role_fields}),
            (None, {"fields": (REASON,)}),
        ]

    def get_form(
        self, request: HttpRequest, obj: User | None = None, change: bool = False, **kwargs: Any
    ) -> type[ServiceForm[User]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        roles = tuple(Role) if request.user.is_superuser else ROLES_FOR_FUNCTIONAL_ADMINS
        may_set_role = self._may_set_role(request, obj)
        # Whoever chooses a new account's password can sign in as it: superusers only.
        passwordless = obj is None and not request.user.is_superuser

        class Form(form):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                if passwordless:
                    for name in ("usable_password", "password1", "password2"):
                        self.fields.pop(name, None)
                if not may_set_role:  # declared fields would be taken even when not shown
                    del self.fields["role"], self.fields["teams"]
                    return
                self.offer_roles(roles)
                if obj is not None:
                    self.read_role_and_teams(obj)

            def validate_passwords(self, *args: str, **kw: str) -> None:
                if not passwordless:
                    return super().validate_passwords(*args, **kw)
                self.cleaned_data["set_usable_password"] = False
                return None

        return Form

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> tuple[str, ...]:
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            return ("is_active",)  # nobody switches themselves off or hands out their own role
        return ()

    def _may_set_role(self, request: HttpRequest, obj: User | None) -> bool:
        return request.user.is_superuser or obj is None or obj.pk != request.user.pk

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        # Someone else's account that only a superuser may change.
        if (
            obj is not None
            and obj.pk != request.user.pk
            and not request.user.is_superuser
            and privileged(obj)
        ):
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Setting someone's password is signing in as them: for superusers only. Everyone
        # changes their own on their own page.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).prefetch_related("teams", "groups")

    @admin.display(description=_("teams"))
    def team_names(self, user: User) -> str:
        return ", ".join(team.name for team in user.teams.all())

    @admin.display(description=_("rol"))
    def role_names(self, user: User) -> str:
        return ", ".join(role_label(group.name) for group in user.groups.all())

    def write(self, request: AdminRequest, form: ServiceForm[User], change: bool) -> User:
        if not change:
            # Hashes the chosen password, or marks it unusable (the admin's choice).
            cast(UserAddForm, form).set_password_and_save(form.instance, commit=False)
        user = super().write(request, form, change)
        if "role" in form.cleaned_data:
            role = form.cleaned_data["role"]
            set_role_and_teams(
                user=user,
                role=Role(role) if role else None,
                teams=list(form.cleaned_data["teams"]),
                by=request.user,
                change_reason=form.history_reason,
            )
        return user


class TeamForm(ServiceForm[Team]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A team's manager holds the team manager role: being named manager opens its files.
        manager = self.fields.get("manager")
        if isinstance(manager, forms.ModelChoiceField):
            manager.queryset = User.objects.filter(groups__name=Role.TEAM_MANAGER.value)


@admin.register(Team)
class TeamAdmin(ServiceAdmin[Team]):
    form = TeamForm
    list_display = ("name", "manager")
    list_select_related = ("manager",)
    search_fields = ("name",)

    def write(self, request: AdminRequest, form: ServiceForm[Team], change: bool) -> Team:
        values = form.values("name", "manager")
        if not change:
            return create_team(**values, by=request.user, change_reason=form.history_reason)
        return change_team(
            team=form.instance, **values, by=request.user, change_reason=form.history_reason
        )


@admin.register(Membership)
class MembershipAdmin(ViewOnlyAdmin[Membership]):
    """Who is in which team; changed through the user's role and teams."""

    list_display = ("user", "team")
    list_select_related = ("user", "team")
    list_filter = ("team",)
    search_fields = ("user__last_name", "user__first_name", "user__username", "team__name")


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(DjangoGroupAdmin):
    """The groups are the roles (for superusers: their permissions): listed by the role's name,
    with the code beside it."""

    list_display = ("role", "name")
    fields = ("role", "name", "permissions")
    readonly_fields = ("role",)

    @admin.display(description=_("rol"), ordering="name")
    def role(self, group: Group) -> str:
        return role_label(group.name)
