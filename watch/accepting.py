"""Deciding on a suggestion: accepting one writes it through the importers' own pipeline, as the user
who accepts it (a member's new paper is a draft; a member's change to a published paper waits for an
editor's review, as any of their changes does); rejecting one keeps it, so it is never filed again."""

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.admin_mixins import needs_review, propose
from accounts.snapshots import ensure_baseline, snapshot_of
from portal.content import bump_content_version_on_commit
from portal.imports import ImportFailed, ImportReport
from publications.importers import save_publications
from publications.importers.matching import Importer
from publications.importers.writing import update_publication
from publications.models import Publication

from .finding import entry_of
from .models import Suggestion, SuggestionKind, SuggestionState


class Refused(Exception):
    """The user may not decide on this suggestion, or it was decided already; the message says which."""


def may_decide(user, suggestion: Suggestion) -> bool:
    if roles.is_editor(user):
        return True
    person = roles.own_person_id(user)
    return person is not None and roles.is_member(user) and suggestion.people.filter(pk=person).exists()


def check(user, suggestion: Suggestion) -> None:
    if not may_decide(user, suggestion):
        raise Refused(
            _("Only an editor or a member it names may decide on “%(title)s”.") % {"title": suggestion}
        )
    if suggestion.state != SuggestionState.WAITING:
        raise Refused(
            _("“%(title)s” was decided already (%(state)s).")
            % {"title": suggestion, "state": suggestion.get_state_display()}
        )


def decide(suggestion: Suggestion, user, state: str, outcome: str, publication_id=None) -> None:
    suggestion.state, suggestion.decided_by, suggestion.decided_at = state, user, timezone.now()
    suggestion.outcome = outcome
    if publication_id:
        suggestion.publication_id = publication_id
    suggestion.save(update_fields=["state", "decided_by", "decided_at", "outcome", "publication"])


def reject(suggestion: Suggestion, user) -> None:
    check(user, suggestion)
    decide(suggestion, user, SuggestionState.REJECTED, _("Rejected: it will not be suggested again."))


def accept(suggestion: Suggestion, user) -> str:
    """Accept it; what came of it (also kept as its outcome). Raises Refused, or ImportFailed naming
    what in the found record cannot be stored (then nothing changes)."""
    check(user, suggestion)
    entry = entry_of(suggestion.record)
    held = Publication.objects.filter(pk=suggestion.publication_id).first()
    with transaction.atomic():
        if suggestion.kind == SuggestionKind.NEW or held is None:
            outcome, pk = create(entry, user)
        else:
            outcome, pk = merge(held, entry, user), held.pk
        decide(suggestion, user, SuggestionState.ACCEPTED, outcome, pk)
    return outcome


def create(entry, user) -> tuple[str, int]:
    report, ids = save_publications([entry], format="suggestion", by=user, strict=True)
    pk = ids[0]
    if pk is None:
        row = report.rows[0] if report.rows else None
        raise ImportFailed([(entry.place, row.reason if row else "not stored")])
    publication = Publication.objects.get(pk=pk)
    if report.counts["created"]:
        if publication.is_published:
            return _("Added to the lab's papers: “%(title)s”.") % {"title": publication}, pk
        return _("Added as a draft: “%(title)s”; an editor publishes it.") % {"title": publication}, pk
    return _("The lab holds it already: “%(title)s”.") % {"title": publication}, pk


def merge(held: Publication, entry, user) -> str:
    """Bring the held paper up to the found record (its arXiv id kept): at once where the user may
    change it, else as their proposed change, for an editor's review."""
    entry.arxiv_id = entry.arxiv_id or held.arxiv_id
    importer = Importer(ImportReport(format="suggestion"), None, user)
    if not user.has_perm("publications.change_publication", held):  # as in the admin: theirs, or an editor's
        raise Refused(_("You may not change “%(title)s”: an editor can accept it.") % {"title": held})
    if needs_review(user, held):
        with transaction.atomic():
            savepoint = transaction.savepoint()
            update_publication(importer, held, entry)
            snapshot = snapshot_of(held)
            transaction.savepoint_rollback(savepoint)
        propose(user, held, snapshot)
        return _("Proposed as your change to “%(title)s”: it waits for an editor's review.") % {"title": held}
    ensure_baseline(held, user)
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(_("Accepted a found paper"))
        changed = update_publication(importer, held, entry)
        held.save()
    bump_content_version_on_commit()
    if not changed:
        return _("Nothing to change in “%(title)s”.") % {"title": held}
    return _("“%(title)s” now has: %(fields)s.") % {"title": held, "fields": ", ".join(changed)}


def accept_many(suggestions, user) -> tuple[list[str], list[str]]:
    """(outcomes, problems): each one accepted on its own, so one that cannot be stored stops no other."""
    done, problems = [], []
    for suggestion in suggestions:
        try:
            done.append(accept(suggestion, user))
        except Refused as error:
            problems.append(str(error))
        except ImportFailed as error:
            problems.append(f"{suggestion}: {error}")
    return done, problems
