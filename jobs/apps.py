from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Imports of every kind (papers, rosters, news, honours, whole sites), remote fetches and the
    nightly refreshes, run by Celery workers: the job, its heartbeat, its admin, API and tasks."""

    name = "jobs"
    verbose_name = _("Jobs")
