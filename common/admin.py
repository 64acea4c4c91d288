"""Admin pages that write through the services, so the admin keeps every rule and the history.

A `ServiceForm` stores its row while it is validated: the admin's `write()` calls the service,
and a refusal (ValidationError, EditConflict) lands on the form like any other error. The admin
then saves nothing further; `save_model()` has nothing left to do.
"""

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.forms.models import BaseInlineFormSet, construct_instance
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.exceptions import EditConflict
from common.forms import add_service_errors, keep_plausible
from common.history import CHANGE_REASON_MAX_LENGTH, save_with_history
from common.plausible import Plausible
from common.reads import Read, note_reads

if TYPE_CHECKING:
    from django.contrib.admin.options import InlineModelAdmin, _FieldGroups

    # The type checker's name for the model `settings.AUTH_USER_MODEL` names: the project's user,
    # without an import of the app that defines it.
    from django.contrib.auth.models import _User
    from django.utils.datastructures import _ListOrTuple

M = TypeVar("M", bound=models.Model)

REASON = "change_reason"
# Find a client's records by name or by the full BSN (no partial BSN searches: personal data).
CLIENT_SEARCH = ("client__last_name", "client__first_name", "=client__bsn")


NUL_IN_SEARCH = _("Een zoekterm kan geen NUL-teken bevatten.")


def searches_for_nul(request: HttpRequest, parameter: str) -> bool:
    """PostgreSQL refuses a NUL in text: a search holding one would be a server error."""
    return "\x00" in request.GET.get(parameter, "")


class AdminRequest(HttpRequest):
    user: "_User"  # the admin site lets in signed-in staff only


def staff_user(request: HttpRequest) -> "_User":
    """The user of an admin page: a signed-in staff member (the admin site lets in no one else)."""
    return cast(AdminRequest, request).user


class ServiceForm(forms.ModelForm, Generic[M]):
    change_reason = forms.CharField(
        label=_("Reden van wijziging"),
        required=False,
        max_length=CHANGE_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt in de historie bij deze wijziging."),
    )

    instance: M
    # Bound per request by ServiceAdmin.get_form: stores the form's row, returns it.
    write: Callable[["ServiceForm[M]"], M]

    def _post_clean(self) -> None:
        # No ModelForm model validation: the write validates. The services check the domain
        # rules first, with clearer messages than the database constraints, then full_clean().
        if self.errors:
            return
        try:
            self.instance = self.write(self)
        except EditConflict as error:
            self.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(self, error)

    def save(self, commit: bool = True) -> M:
        # The write stored the row while validating. ModelForm's save without commit only readies
        # save_m2m for the admin (and skips the user forms' own password step, done by the write).
        return forms.ModelForm.save(self, commit=False)

    def build_instance(self) -> M:
        """The form's instance with the submitted values, not yet saved."""
        return construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)

    def values(self, *names: str) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in names}

    @property
    def history_reason(self) -> str:
        return self.cleaned_data.get(REASON, "")


class ReadOnlyInline(admin.TabularInline):
    """Related rows shown on an existing record's page; they change through their own pages."""

    extra = 0
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class ServiceAdmin(SimpleHistoryAdmin, Generic[M]):
    """History-tracked admin whose writes go through `write()`; records are never deleted.

    Generic in the model it shows (`ServiceAdmin[Client]`), so that `write()` and the pages'
    `obj` have the model's type. The method signatures are Django's (django-stubs)."""

    form: type[ServiceForm[M]] = ServiceForm
    # Client-scale tables: no extra COUNT(*) over the whole table on every list page.
    show_full_result_count = False
    # What the admin may do besides viewing; a write needs a service that does it.
    addable = True
    changeable = True
    deletable = False
    # The add form asks only these fields (empty: every editable field).
    add_fields: Sequence[str] = ()
    # Off where the service takes its reason from a field of its own (a transition's reason).
    asks_change_reason = True
    # The dates the model's rows take, by field: the mapping its API and web forms read.
    plausible_dates: Mapping[str, Plausible] = {}
    # How a row reaches the client whose data it shows, for the read log: "client_id" for the
    # records with a client field (the default), "pk" for the client itself.
    client_path: str | None = None

    def _note_reads(self, request: HttpRequest, rows: Sequence[M], action: str) -> None:
        path = self.client_path
        if path is None and any(f.name == "client" for f in self.model._meta.fields):
            path = "client_id"
        if path is not None and rows:
            note_reads(request, rows, action, client_of=attrgetter(path))

    def _note_shown(
        self, request: HttpRequest, response: HttpResponse, key: str, action: str
    ) -> None:
        """Note the record a page showed, found in its template context under `key`."""
        shown = getattr(response, "context_data", {}).get(key)
        self._note_reads(request, [shown] if shown else [], action)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if searches_for_nul(request, "q"):
            return HttpResponseBadRequest(NUL_IN_SEARCH)
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            self._note_reads(request, changelist.result_list, Read.LIST)
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        self._note_shown(request, response, "original", Read.VIEW)
        return response

    def render_history_view(
        self, request: HttpRequest, template: str, context: dict[str, Any], **kwargs: Any
    ) -> TemplateResponse:
        # A TemplateResponse, so the history views can still see what they showed.
        return TemplateResponse(request, template, context, **kwargs)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().history_view(request, object_id, extra_context)
        self._note_shown(request, response, "object", Read.HISTORY)
        return response

    def write(self, request: AdminRequest, form: ServiceForm[M], change: bool) -> M:
        """Store the form's row. The default, for rows without a service of their own, is a
        validated save whose history row records the user and the reason."""
        return save_with_history(
            form.build_instance(), by=request.user, change_reason=form.history_reason
        )

    def get_form(
        self, request: HttpRequest, obj: M | None = None, change: bool = False, **kwargs: Any
    ) -> type[ServiceForm[M]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        write = partial(self.write, cast(AdminRequest, request), change=change)
        return type(form)(form.__name__, (form,), {"write": staticmethod(write)})

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        rule = self.plausible_dates.get(db_field.name)
        if field is not None and rule is not None:
            keep_plausible(field, rule)
        return field

    def get_fields(self, request: HttpRequest, obj: M | None = None) -> "_FieldGroups":
        fields: list[str | _ListOrTuple[str]]
        if obj is None and self.add_fields:
            fields = list(self.add_fields)
        else:
            fields = [f for f in super().get_fields(request, obj) if f != REASON]
        editable = (
            self.has_add_permission(request)
            if obj is None
            else self.has_change_permission(request, obj)
        )
        return [*fields, REASON] if self.asks_change_reason and editable else fields

    def get_inlines(
        self, request: HttpRequest, obj: M | None
    ) -> list[type["InlineModelAdmin[Any, Any]"]]:
        inlines = super().get_inlines(request, obj)
        # A record being added has no related rows to show yet.
        return inlines if obj else [i for i in inlines if not issubclass(i, ReadOnlyInline)]

    def save_model(self, request: HttpRequest, obj: M, form: ServiceForm[M], change: bool) -> None:
        """Nothing left to do: the form's write stored the row while it was validated."""

    def save_formset(
        self,
        request: HttpRequest,
        form: "forms.ModelForm[M]",
        formset: "BaseInlineFormSet[models.Model, M, forms.ModelForm[models.Model]]",
        change: bool,
    ) -> None:
        user = staff_user(request)
        reason = form.history_reason if isinstance(form, ServiceForm) else ""
        for obj in formset.save(commit=False):
            save_with_history(obj, by=user, change_reason=reason)
        for obj in formset.deleted_objects:
            obj._history_user, obj._change_reason = user, reason  # type: ignore[attr-defined]
            obj.delete()
        formset.save_m2m()

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: M | None = None,
    ) -> HttpResponse:
        # Prepared first: it may still query (the content type, when not cached yet), which a
        # transaction marked for rollback refuses.
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if request.method == "POST":
            # Shown again, so the change was refused: undo whatever a write stored before a
            # later check (an inline) failed. changeform_view runs in its own atomic block.
            transaction.set_rollback(True, using=router.db_for_write(self.model))
        return response

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.addable and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return self.changeable and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)

    def revert_disabled(self, request: HttpRequest, obj: M | None = None) -> bool:
        return True

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Reverting saves an old version past the services and their checks.
        if request.method == "POST":
            raise PermissionDenied
        response = super().history_form_view(request, object_id, version_id, extra_context)
        self._note_shown(request, response, "original", Read.HISTORY)
        return response


class ViewOnlyAdmin(ServiceAdmin[M]):
    """Rows that change only through another record's service; the admin shows them."""

    addable = False
    changeable = False
