# The jobs' tables take the jobs app's names, and their content types follow, so that permissions
# granted on jobs, the admin's log and the history of changes still point at them.

from django.db import migrations

MODELS = ("importjob", "jobheartbeat")


def relabel(old: str, new: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MODELS:
            if ContentType.objects.filter(app_label=old, model=model).exists():
                # one made meanwhile for the new label (by a migrate that stopped half-way) has nothing
                # pointing at it yet; the old one carries the permissions and the log
                ContentType.objects.filter(app_label=new, model=model).delete()
                ContentType.objects.filter(app_label=old, model=model).update(app_label=new)

    return move


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0001_initial'),
        ('publications', '0015_jobs_move_to_their_app'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelTable(name='importjob', table=None),
        migrations.AlterModelTable(name='jobheartbeat', table=None),
        migrations.RunPython(relabel("publications", "jobs"), relabel("jobs", "publications")),
    ]
