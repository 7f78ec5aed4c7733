from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("content", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="ContentState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
                ("changed", models.DateTimeField()),
                ("next_change", models.DateTimeField(blank=True, null=True)),
            ],
        ),
    ]
