"""Every string marked for translation reaches the catalogue: `make messages` finds a call only
by the name of its function, so a translation function imported under another name (say
`gettext_lazy as _lazy`) would leave its strings out, and they would show in Dutch to everyone."""

import ast

from tests.test_structure import ROOT, _source_files

# The names Django's makemessages gives xgettext (and xgettext's own `_`).
EXTRACTED = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def renamed_translation_imports(source: str) -> list[str]:
    return [
        f"{alias.name} as {alias.asname}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EXTRACTED and (alias.asname or alias.name) not in EXTRACTED
    ]


def test_the_check_sees_a_renamed_translation_function():
    source = "from django.utils.translation import gettext as _, gettext_lazy as _lazy\n"
    assert renamed_translation_imports(source) == ["gettext_lazy as _lazy"]


def test_every_translation_function_keeps_a_name_the_extractor_knows():
    renamed = {
        str(path.relative_to(ROOT)): found
        for path in _source_files()
        if (found := renamed_translation_imports(path.read_text(encoding="utf-8")))
    }
    assert renamed == {}
