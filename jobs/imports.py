"""Every kind of list through one door (the admin, the API and the workers): papers in any format,
a reading list, and the group's own lists, each read by the importer of the app it fills."""

from django.contrib.auth.models import User

from news.importers import import_news
from people.honors import import_honors
from people.models import Person
from people.roster import import_roster
from portal.imports import ImportReport, Progress
from publications.importers import FORMATS, check_text, import_publications

# Lists of the group rather than of papers. The owner is the roster's supervisor, or the person whose
# honours they are.
GROUP_FORMATS = ("roster", "news", "honors")
ALL_FORMATS = FORMATS + GROUP_FORMATS


def run_import(
    text: str,
    format: str = "",
    *,
    owner: Person | None = None,
    dry_run: bool = False,
    collection: str = "",
    progress: Progress = None,
    strict: bool = False,
    by: User | None = None,
) -> ImportReport:
    """import_publications for papers and reading lists; the roster, news or honours importer for the
    group's lists (named by `format`: a guess is always a format of papers). The same all-or-nothing
    rules and the same report, whichever it is."""
    if format in GROUP_FORMATS:
        check_text(text)  # import_publications checks the others' text itself
    if format == "roster":
        return import_roster(text, supervisor=owner, dry_run=dry_run, strict=strict, progress=progress)
    if format == "news":
        return import_news(text, dry_run=dry_run, strict=strict, progress=progress)
    if format == "honors":
        return import_honors(text, person=owner, dry_run=dry_run, strict=strict, progress=progress)
    return import_publications(
        text,
        format,
        owner=owner,
        dry_run=dry_run,
        collection=collection,
        progress=progress,
        strict=strict,
        by=by,
    )
