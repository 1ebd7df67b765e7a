# The import jobs and their heartbeats now belong to the jobs app (jobs.0001 takes them over, rows and
# all): they leave this app's state only; no table is dropped.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('publications', '0014_job_queued_at'),
        ('jobs', '0001_initial'),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        migrations.RemoveField(model_name='jobheartbeat', name='job'),
        migrations.DeleteModel(name='ImportJob'),
        migrations.DeleteModel(name='JobHeartbeat'),
    ])]
