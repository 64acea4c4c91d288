from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else changed the record since the user read it; nothing was written.

    `detail` says what changed when the service knows; `current_version` lets a form carry the
    version it now has, so that the user's second save goes through.
    """

    default_message = _(
        "Iemand anders heeft dit dossier intussen gewijzigd. Laad het opnieuw en voer uw "
        "wijziging nogmaals in."
    )

    def __init__(self, detail: str | None = None, *, current_version: int | None = None):
        super().__init__(detail or str(self.default_message))
        self.detail = detail
        self.current_version = current_version
