"""The watch's nightly and weekly work, each run kept as a job (its log in the job's report): new papers
looked for, the papers' links checked, and each member told once a week what was found for them."""

from celery import shared_task
from django.core.mail import send_mail
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Preferences
from accounts.notices import address, in_both_languages
from jobs.models import ImportJob, JobKind, JobState
from jobs.tasks import Heartbeat, finish
from people.models import Person

from .finding import Watch, watched_people
from .links import check_links
from .models import Suggestion


def run_watch(slug: str = "", dry_run: bool = False, log=lambda line: None, user=None) -> ImportJob:
    """Look for new papers of every watched member (or one), as a job; the job, finished."""
    job = ImportJob.objects.create(
        kind=JobKind.WATCH_SOURCES,
        state=JobState.RUNNING,
        dry_run=dry_run,
        source=slug,
        started_at=timezone.now(),
        attempts=1,
        created_by=user,
    )
    people = watched_people(slug)
    try:
        # It beats while it waits on the sources (minutes for a lab), so it is not taken for stalled.
        with Heartbeat(job.pk) as heartbeat:
            watch = Watch(log=log, progress=lambda done, total: setattr(heartbeat, "progress", (done, total)))
            counts = watch.run(people, dry_run=dry_run)
    except DatabaseError as error:
        finish(job, JobState.FAILED, error=f"the database refused: {error}")
        raise
    report = {"notes": watch.report.notes, "warnings": watch.report.warnings, "counts": counts}
    failed, unreadable = counts.get("sources failed", 0), counts.get("works unreadable", 0)
    problems = []
    if failed:
        problems.append(
            ngettext("%(count)d source did not deliver", "%(count)d sources did not deliver", failed)
            % {"count": failed}
        )
    if unreadable:
        problems.append(
            ngettext("%(count)d work could not be read", "%(count)d works could not be read", unreadable)
            % {"count": unreadable}
        )
    error = _("%(problems)s: see the report") % {"problems": "; ".join(problems)} if problems else ""
    finish(job, JobState.SUCCEEDED, report=report, done=len(people), total=len(people), error=error)
    job.refresh_from_db()
    return job


@shared_task(ignore_result=True)
def watch_sources() -> int:
    return run_watch().pk


def run_link_check(limit: int | None = None, log=lambda line: None) -> ImportJob:
    job = ImportJob.objects.create(
        kind=JobKind.CHECK_LINKS, state=JobState.RUNNING, started_at=timezone.now(), attempts=1
    )
    with Heartbeat(job.pk):
        counts = check_links(limit, log=log)
    notes = [_("%(checked)d links checked (%(due)d were due), %(broken)d broken") % counts]
    finish(
        job,
        JobState.SUCCEEDED,
        report={"notes": notes, "counts": counts},
        done=counts["checked"],
        total=counts["due"],
    )
    job.refresh_from_db()
    return job


@shared_task(ignore_result=True)
def check_paper_links() -> int:
    return run_link_check().pk


def found_for(person: Person, suggestions: list[Suggestion]) -> str:
    lines = [
        ngettext("%(count)d new paper found for you", "%(count)d new papers found for you", len(suggestions))
        % {"count": len(suggestions)},
        *(f"- {s.title} ({s.year or '?'}; {s.source_names})" for s in suggestions),
        "",
        _("Accept or reject them here:"),
        address(reverse("admin:watch_suggestion_changelist") + "?state__exact=waiting"),
    ]
    return "\n".join(lines)


@shared_task(ignore_result=True)
def mail_found_papers() -> int:
    """E-mail each member (with an account and an address who did not turn it off) the suggestions
    found for them since the last e-mail; how many e-mails went."""
    sent = 0
    waiting = Suggestion.objects.waiting().filter(mailed_at__isnull=True).prefetch_related("people")
    by_person: dict[int, list[Suggestion]] = {}
    for suggestion in waiting:
        for person in suggestion.people.all():
            by_person.setdefault(person.pk, []).append(suggestion)
    for person in Person.objects.filter(pk__in=by_person, user__isnull=False).select_related("user"):
        if not Preferences.wants_found_papers(person.user):
            continue
        found = by_person[person.pk]
        subject = in_both_languages(
            lambda found=found: (
                ngettext(
                    "%(count)d new paper found for you", "%(count)d new papers found for you", len(found)
                )
                % {"count": len(found)}
            ),
            between=" / ",
        )
        send_mail(
            subject,
            in_both_languages(lambda person=person, found=found: found_for(person, found)),
            None,
            [person.user.email],
        )
        sent += 1
    waiting.update(mailed_at=timezone.now())
    return sent
