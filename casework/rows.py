"""Helpers for the rows of the busiest lists, which are written in Python rather than in the
template language (casework.templatetags: the caseload's rows, the work queue's items)."""

from collections.abc import Callable

from django.urls import reverse

# A pk no record has, replaced by each row's own: one reverse() per page and address, not
# one per row (a reverse() costs about as much as the rest of a row).
SOME_PK = "987654321"


def url_for_each(name: str) -> Callable[[int], str]:
    """`reverse(name, args=[pk])` for many pks, at the cost of one reverse()."""
    address = reverse(name, args=[SOME_PK])
    return lambda pk: address.replace(SOME_PK, str(pk))
