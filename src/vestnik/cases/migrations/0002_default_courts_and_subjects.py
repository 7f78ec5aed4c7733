from django.db import migrations


def forwards(apps, schema_editor):
    from vestnik.cases.defaults import ensure_defaults

    ensure_defaults(
        apps.get_model("vestnik_cases", "Court"), apps.get_model("vestnik_cases", "Subject")
    )


class Migration(migrations.Migration):
    dependencies = [("vestnik_cases", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
