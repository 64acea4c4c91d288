"""The default norms, in force since the contact norm began (2018)."""

import datetime

from django.db import migrations
from django.utils import timezone

DEFAULTS = {
    "effective_from": datetime.date(2018, 1, 1),
    "contact_window_months": 12,
    "stalled_phase_1_months": 24,
    "stalled_phase_2_months": 12,
    "stalled_phase_3_months": 12,
    "note": "Standaardnormen: jaarlijks contact; stagnatie na 24/12/12 maanden in fase 1/2/3.",
}


def seed_defaults(apps, schema_editor):
    NormVersion = apps.get_model("norms", "NormVersion")
    HistoricalNormVersion = apps.get_model("norms", "HistoricalNormVersion")
    if NormVersion.objects.filter(effective_from=DEFAULTS["effective_from"]).exists():
        return
    norm = NormVersion.objects.create(**DEFAULTS)
    HistoricalNormVersion.objects.create(
        id=norm.id,
        **DEFAULTS,
        history_date=timezone.now(),
        history_type="+",
        history_change_reason="Standaardnormen bij ingebruikname",
    )


def remove_defaults(apps, schema_editor):
    apps.get_model("norms", "NormVersion").objects.filter(
        effective_from=DEFAULTS["effective_from"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("norms", "0001_initial")]

    operations = [migrations.RunPython(seed_defaults, remove_defaults)]
