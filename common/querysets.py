from typing import Any, NoReturn

from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    """For evidence (who did what, when): rows are added, never changed or removed by the
    application. The model refuses it for single rows too (see clients.models.ImportRun)."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("Dit logboek kan niet worden gewijzigd.")

    def delete(self) -> NoReturn:
        raise PermissionError("Uit dit logboek kan niets worden verwijderd.")
