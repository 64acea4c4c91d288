from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else changed the record since the user read it; nothing was written."""

    default_message = _(
        "Iemand anders heeft dit dossier intussen gewijzigd. Laad het opnieuw en voer uw "
        "wijziging nogmaals in."
    )

    def __init__(self, message: str | None = None, *, current_version: int | None = None):
        super().__init__(message or str(self.default_message))
        self.current_version = current_version
