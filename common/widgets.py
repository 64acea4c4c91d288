from django import forms


class DatePicker(forms.DateInput):
    """The browser's date field. It only accepts ISO dates (YYYY-MM-DD), whatever the page's
    language, so the value is rendered in that format rather than the Dutch 24-11-2026."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
