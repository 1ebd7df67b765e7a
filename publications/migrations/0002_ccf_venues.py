from django.db import migrations


def load(apps, schema_editor):
    from publications.venues import load_ccf_venues

    load_ccf_venues(apps.get_model("publications", "Venue"))


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
