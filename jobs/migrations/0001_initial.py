# The import jobs come from publications with their rows: this only tells Django's state where they
# live now (the tables are renamed in 0002).

import django.db.models.deletion
import portal.uploads
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('people', '0007_alias_waits_for_review'),
        ('publications', '0014_job_queued_at'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='ImportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('import', 'Import a file'), ('openalex_doi', 'OpenAlex work by DOI'), ('openalex_author', 'OpenAlex works of an author'), ('crossref_doi', 'Crossref work by DOI'), ('dblp_person', 'DBLP record of a person'), ('refresh_citations', 'Refresh citation counts'), ('site', 'Import a whole site')], default='import', max_length=30, verbose_name='kind')),
                ('format', models.CharField(blank=True, max_length=20, verbose_name='format')),
                ('source', models.TextField(blank=True, help_text="The file's text, a DOI or an author id.", verbose_name='input')),
                ('source_name', models.CharField(blank=True, max_length=255, verbose_name='file name')),
                ('source_file', models.FileField(blank=True, help_text="A site's zip archive, kept until the import is done.", upload_to=portal.uploads.GeneratedName('imports'), verbose_name='uploaded archive')),
                ('collection_slug', models.SlugField(blank=True, max_length=80, verbose_name='collection')),
                ('state', models.CharField(choices=[('checking', 'Checking (a dry run)'), ('preview', 'Previewed, not confirmed'), ('queued', 'Queued'), ('running', 'Running'), ('succeeded', 'Succeeded'), ('failed', 'Failed'), ('stalled', 'Stalled: its worker stopped')], default='queued', max_length=20, verbose_name='state')),
                ('dry_run', models.BooleanField(default=False, help_text='A dry run of a large import: it reports what the import would do and saves nothing.', verbose_name='check only')),
                ('progress_done', models.PositiveIntegerField(default=0, verbose_name='done')),
                ('progress_total', models.PositiveIntegerField(default=0, verbose_name='total')),
                ('report', models.JSONField(blank=True, default=dict, verbose_name='report')),
                ('error', models.TextField(blank=True, verbose_name='error')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('queued_at', models.DateTimeField(blank=True, null=True, verbose_name='queued')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.person', verbose_name='owner')),
            ],
            options={
                'verbose_name': 'import job',
                'verbose_name_plural': 'import jobs',
                'ordering': ['-created_at', '-id'],
                'db_table': 'publications_importjob',
            },
        ),
        migrations.CreateModel(
            name='JobHeartbeat',
            fields=[
                ('job', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='heartbeat', serialize=False, to='jobs.importjob', verbose_name='job')),
                ('beat_at', models.DateTimeField(verbose_name='last heartbeat')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='done')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='total')),
            ],
            options={
                'verbose_name': 'job heartbeat',
                'verbose_name_plural': 'job heartbeats',
                'db_table': 'publications_jobheartbeat',
            },
        ),
    ])]
