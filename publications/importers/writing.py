"""The one import pipeline every format feeds: parsed entries in, a report out, all or nothing.

A format's parser turns its input into `ParsedPublication`s (or raises `ImportFailed` naming the place of
every problem); `save_publications` checks them, matches authors to lab members and venues to the venue
list, recognises papers already stored (same DOI, or same normalised title and year), and writes
everything in one transaction with a fixed number of queries per batch.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils.text import slugify

from people.models import Person
from portal import bulk
from portal.content import bump_content_version_on_commit
from portal.imports import ImportFailed, ImportReport, Progress

from ..models import Authorship, Award, Publication, PublicationKind
from ..services import publication_codes
from .checking import check, refuse
from .matching import Importer, matched_by
from .parsed import ParsedPublication, line_order, place_order, same_title, title_keys
from .unchanged import AS_LAST_IMPORTED, Fingerprints, Known

BATCH = 1000


# An import creating this many papers ends with ANALYZE of the tables it filled (PostgreSQL).
ANALYZE_AFTER = 1000


VERSION_KINDS = (
    {PublicationKind.JOURNAL, PublicationKind.MAGAZINE},
    {PublicationKind.CONFERENCE, PublicationKind.WORKSHOP},
)


def other_version_kinds(one: str, other: str) -> bool:
    """Whether papers of these kinds with one title are two versions (a TCAD paper after its ASP-DAC
    paper), not one paper listed twice."""
    journals, conferences = VERSION_KINDS
    return (one in journals and other in conferences) or (one in conferences and other in journals)


def other_version(importer: Importer, first: "ParsedPublication | None", entry: ParsedPublication) -> bool:
    """Whether `entry` is another version of the paper of the same title earlier in the file, by the
    kinds they are stored as (the venue decides over an entry type)."""
    return first is not None and other_version_kinds(importer.kind_of(first)[0], importer.kind_of(entry)[0])


def unique_slug(title: str, year: int | str | None, taken: set[str]) -> str:
    base = (slugify(title)[:90].strip("-") or "paper") + f"-{year}"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def author_signature(authors: Iterable[Any]) -> list[tuple]:
    return [(a.name, a.is_corresponding, a.is_equal_contribution) for a in authors]


def save_publications(
    parsed: list[ParsedPublication],
    *,
    format: str,
    owner: Person | None = None,
    dry_run: bool = False,
    progress: Progress = None,
    skipped: Sequence[tuple[str, str, str]] = (),
    strict: bool = True,
    refused: list[tuple[str, str]] | None = None,
    by: User | None = None,
) -> tuple[ImportReport, list[int | None]]:
    """Store `parsed`; returns the report and each entry's publication id (None: skipped or refused).
    `by`: the user importing (a member's new papers are drafts, their stored papers left as they are).
    `refused`: (place, why) of entries the parser could not read, reported as refused.

    `skipped` lists (place, text, reason) the parser left out, so the report accounts for every line.
    Strict: raises ImportFailed, changing nothing, when any entry has a problem. Otherwise an entry
    with a problem is refused (reported, not stored) and the others are stored.
    """
    batches = (parsed[start : start + BATCH] for start in range(0, len(parsed), BATCH))
    return save_batches(
        batches, format=format, owner=owner, dry_run=dry_run, progress=progress, skipped=skipped,
        total=len(parsed), strict=strict, refused=refused, by=by,
    )  # fmt: skip


def save_batches(
    batches: Iterable[list[ParsedPublication]],
    *,
    format: str,
    owner: Person | None = None,
    dry_run: bool = False,
    progress: Progress = None,
    skipped: Sequence[tuple[str, str, str]] = (),
    total: int = 0,
    strict: bool = True,
    refused: list[tuple[str, str]] | None = None,
    warnings: list[tuple[str, str]] | None = None,
    by: User | None = None,
    unchanged: Sequence["Known"] = (),
    fingerprints: "Fingerprints | None" = None,
) -> tuple[ImportReport, list[int | None]]:
    """save_publications for entries that come a batch at a time (a large file parsed piece by piece):
        only one batch of parsed entries and stored papers is held at once. Still all or nothing, in one
        transaction: a problem found in a later batch undoes the earlier ones, and every problem in the
        input (the parser's too, raised at the end of `batches`) is named. `total` is how many entries are
        expected, for progress (an estimate is fine). Not strict, an entry with a problem is refused and the
        others are stored; `refused` and `warnings` are (place, message) the parser gathers while `batches`
        is read (blocks it could not read; things to look at), reported once it is done. `unchanged`: entries
    set aside unread, as last imported (importers.unchanged); `fingerprints`: those of the file's entries,
    kept for the papers this import stores."""
    report = ImportReport(format=format, dry_run=dry_run)
    for place, text, reason in skipped:
        report.add("skipped", place, text, reason)
    ids: list[int | None] = []
    problems: list[tuple[str, str]] = []
    printed: list[tuple[int, str, str]] = []  # (publication, code the list printed, place)
    with transaction.atomic():
        for known in unchanged:
            report.add("unchanged", known.place, known.title, AS_LAST_IMPORTED, known.publication_id)
        # Made with the first batch: a re-import whose entries were all set aside reads no names or venues.
        saver: BatchSaver | None = None
        try:
            for batch in batches:
                if saver is None:
                    saver = BatchSaver(Importer(report, owner, by), report)
                    # another entry of a paper set aside is a duplicate of it
                    saver.matched.update(known.publication_id for known in unchanged)
                found_warnings: list[tuple[str, str]] = []
                found = check(batch, found_warnings)
                for place, message in found_warnings:
                    report.warn(place, message)
                if found and not strict:
                    bad = refuse(report, batch, found)
                    saved = saver.save([entry for entry in batch if entry.place not in bad], among=batch)
                else:
                    problems += found
                    if problems:
                        continue  # read on, to name every problem; nothing more is written
                    saved = saver.save(batch)
                printed += [
                    (pk, e.printed_code, e.place)
                    for e, pk in zip(batch, saved, strict=True)
                    if pk and e.printed_code
                ]
                ids += saved
                if progress:
                    progress(len(ids), max(total, len(ids)))
        except ImportFailed as error:
            problems += error.problems
        if problems:
            raise ImportFailed(sorted(problems, key=lambda problem: line_order(problem[0])))
        for place, message in refused or ():
            report.add("refused", place, "", message)
        for place, message in warnings or ():
            report.warn(place, message)
        if saver is not None and not saver.importer.as_member:
            saver.importer.keep_dblp_ids()
        if owner and printed:
            compare_codes(report, owner, printed)
        if owner and ids and not unchanged and not any(m["person"] == owner.slug for m in report.matches):
            report.notes.append(f"{owner.slug} was not found among the authors of any entry")
        if fingerprints is not None and not dry_run:
            fingerprints.record(report.rows)
        bump_content_version_on_commit()
        if not dry_run and report.counts["created"] >= ANALYZE_AFTER:
            transaction.on_commit(refresh_statistics)
        if dry_run:
            transaction.set_rollback(True)
            for row in report.rows:
                row.publication_id = None
            ids = [None] * len(ids)
    report.rows.sort(key=lambda row: place_order(row.place))
    return report, ids


class BatchSaver:
    """Writes batches of checked entries, remembering across batches only what tells papers apart:
    their keys (DOI, title and year), the stored papers already matched and the slugs taken."""

    def __init__(self, importer: Importer, report: ImportReport):
        self.importer, self.report = importer, report
        self.seen: dict[object, str] = {}
        self.matched: set[int] = set()
        self.taken = set(Publication.objects.values_list("slug", flat=True))
        self.doi_titles: dict[str, tuple[str, str]] = {}  # DOI -> (place, title) of the entry that has it
        # Papers created by earlier batches are told apart by `seen`; stored ones are those up to here.
        self.stored = Publication.objects.filter(
            pk__lte=Publication.objects.aggregate(last=Max("pk"))["last"] or 0
        )

    def drop_a_borrowed_doi(
        self, entry: ParsedPublication, existing_by_doi: dict, stored_titles: dict
    ) -> None:
        """A DOI that an earlier entry or a stored paper with another title already has was copied by
        mistake (a link pasted from the neighbouring entry): the two are different papers, so this one
        is imported without it, and a warning says so, rather than one paper being lost."""
        other = None
        if (claimant := self.doi_titles.get(entry.doi)) and not same_title(claimant[1], entry.title):
            other = claimant[0]
        elif (pk := existing_by_doi.get(entry.doi)) and not any(
            same_title(title, entry.title) for title in stored_titles.get(pk, [])
        ):
            other = (
                f"the stored paper {stored_titles[pk][0][:60]!r}"
                if stored_titles.get(pk)
                else "a stored paper"
            )
        if other:
            self.report.warn(
                entry.place,
                f"the DOI {entry.doi} is also that of {other}, which has another title: left out here",
            )
            entry.doi = ""

    def save(
        self, batch: list[ParsedPublication], among: list[ParsedPublication] | None = None
    ) -> list[int | None]:
        """Each entry's publication id (None: skipped); with `among`, the batch the entries were taken
        from (the others refused), for each of its entries."""
        if among is not None:
            by_place = dict(zip((entry.place for entry in batch), self.save(batch), strict=True))
            return [by_place.get(entry.place) for entry in among]
        report = self.report
        # One query for both: a preprint and its published version share their arXiv id (one paper).
        existing_by_doi: dict[str, int] = {}
        existing_by_arxiv: dict[str, int] = {}
        stored_titles: dict[int, list[str]] = {}
        for pk, doi, arxiv_id, *printed_titles in self.stored.filter(
            Q(doi__in={e.doi for e in batch if e.doi})
            | Q(arxiv_id__in={e.arxiv_id for e in batch if e.arxiv_id})
        ).values_list("id", "doi", "arxiv_id", "title_en", "title_zh_hans"):
            stored_titles[pk] = [title for title in printed_titles if title]
            if doi:
                existing_by_doi[doi] = pk
            if arxiv_id:
                existing_by_arxiv[arxiv_id] = pk
        existing_by_title: dict[tuple, int] = {}
        entry_keys = [title_keys(entry.title) for entry in batch]
        titles = {strict for strict, _loose in entry_keys}
        loose_titles = {loose for _strict, loose in entry_keys}
        stored_kinds: dict[int, str] = {}
        for pk, title_en, title_zh, year, kind in self.stored.filter(
            year__in={e.year for e in batch}
        ).values_list("id", "title_en", "title_zh_hans", "year", "kind"):
            stored_kinds[pk] = kind
            for title in (title_en, title_zh):
                if not title:
                    continue
                strict, loose = title_keys(title)
                if strict in titles:
                    existing_by_title.setdefault((strict, year), pk)
                if loose in loose_titles:
                    existing_by_title.setdefault(("loose", loose, year), pk)

        ids: list[int | None] = [None] * len(batch)
        matched: dict[int, int] = {}  # index in batch -> existing publication id
        new: list[int] = []
        in_batch: dict[str, ParsedPublication] = {}
        for index, entry in enumerate(batch):
            if entry.doi:
                self.drop_a_borrowed_doi(entry, existing_by_doi, stored_titles)
            keys: list[tuple] = [("doi", entry.doi)] if entry.doi else []
            keys += [("arxiv", entry.arxiv_id)] if entry.arxiv_id else []
            strict, loose = entry_keys[index]
            keys.append(("title", strict, entry.year))
            keys.append(("loose title", loose, entry.year))
            earlier = next((self.seen[key] for key in keys if key in self.seen), None)
            if earlier and not entry.doi and other_version(self.importer, in_batch.get(earlier), entry):
                earlier = None  # a journal paper after the conference paper of that title: two papers
            if earlier:
                reason = f"the same paper as {earlier}"
                first = in_batch.get(earlier)
                if first is not None and entry.arxiv_id and not first.arxiv_id:
                    # DBLP lists the CoRR preprint beside the published paper: one paper, both ids.
                    first.arxiv_id = entry.arxiv_id
                    reason += f", which takes its arXiv id {entry.arxiv_id}"
                report.add("skipped", entry.place, entry.title, reason)
                continue
            in_batch[entry.place] = entry
            for key in keys:
                self.seen[key] = entry.place
            if entry.doi:
                self.doi_titles[entry.doi] = (entry.place, entry.title)
            found: int | None = existing_by_doi.get(entry.doi) if entry.doi else None
            found = found or (existing_by_arxiv.get(entry.arxiv_id) if entry.arxiv_id else None)
            by_title = existing_by_title.get((strict, entry.year)) or existing_by_title.get(
                ("loose", loose, entry.year)
            )
            kind = self.importer.kind_of(entry)[0]
            if by_title and not found and not other_version_kinds(stored_kinds.get(by_title, ""), kind):
                found = by_title
            if found and found in self.matched:
                report.add("skipped", entry.place, entry.title, "the same stored paper as another entry")
                continue
            if found:
                matched[index] = found
                self.matched.add(found)
            else:
                new.append(index)

        existing = Publication.objects.filter(pk__in=matched.values()).with_authors().in_bulk()
        for index, pk in matched.items():
            entry = batch[index]
            stored = existing[pk]
            theirs = stored.created_by_id == getattr(self.importer.by, "pk", None)
            if self.importer.as_member and (stored.is_published or not theirs):
                report.add(
                    "skipped", entry.place, entry.title,
                    "already stored: a member's import leaves stored papers as they are (change it in the "
                    "admin, where an editor reviews the change)", pk,
                )  # fmt: skip
                continue
            changed = update_publication(self.importer, stored, entry)
            ids[index] = pk
            report.add(
                "updated" if changed else "unchanged",
                entry.place,
                entry.title,
                f"matched by {matched_by(existing[pk], entry)}"
                + (f"; changed: {', '.join(changed)}" if changed else ""),
                pk,
            )

        publications = []
        for index in new:
            entry = batch[index]
            publication = self.importer.new_publication(
                **self.importer.values(entry),
                is_lab_work=entry.is_lab_work,
                slug=unique_slug(entry.title, entry.year, self.taken),
                created_by=self.importer.by,
                is_published=not self.importer.as_member,
            )
            publication.render_markdown_fields()
            publications.append(publication)
        bulk.insert(Publication, publications)
        authorships, awards = [], []
        for index, publication in zip(new, publications, strict=True):
            entry = batch[index]
            ids[index] = publication.pk
            authorships += self.importer.authorships(entry, publication.pk)
            awards += self.importer.awards(entry, publication.pk)
            report.add("created", entry.place, entry.title, "", publication.pk)
        bulk.insert(Authorship, authorships)
        bulk.insert(Award, awards)
        return ids


def compare_codes(report: ImportReport, owner: Person, printed: list[tuple[int, str, str]]) -> None:
    """Warn where the code a list printed ([C53]) is not the one the owner's page gives the paper: the
    list and the site do not hold the same papers, or their order differs."""
    codes = publication_codes(
        Publication.objects.public().for_person(owner).order_by().values_list("id", "kind", "year", "date")
    )
    for pk, code, place in printed:
        if codes.get(pk) and codes[pk] != code:
            report.warn(place, f"printed as [{code}], numbered [{codes[pk]}] on {owner.slug}'s page")


def refresh_statistics() -> None:
    """ANALYZE the tables a large import filled (PostgreSQL). Until the planner's statistics catch up
    (autovacuum is off on some servers) it plans as for the small tables they were: a person page was
    measured 10x slower after a 10,000-entry import."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Publication, Authorship, Award):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


# Fields where a source that disagrees with the stored value is worth a line in the report.
NOTED_DIFFERENCES = {"title_en", "title_zh_hans", "year", "doi", "kind", "venue", "venue_text", "pages",
                     "volume", "issue", "note_en", "note_zh_hans"}  # fmt: skip


def update_publication(importer: Importer, publication: Publication, entry: ParsedPublication) -> list[str]:
    """Bring a stored paper up to date with the entry; returns the names of what changed."""
    values = importer.values(entry)
    if entry.kind == PublicationKind.PREPRINT and publication.kind != PublicationKind.PREPRINT:
        # The arXiv version of a paper stored as published: it adds what it knows, never undoes that.
        for name in ("kind", "year", "date", "venue", "venue_text", "ccf_rank_printed"):
            values.pop(name, None)
    published_now = publication.kind == PublicationKind.PREPRINT and entry.kind != PublicationKind.PREPRINT
    if published_now and "venue" in values:
        values["venue_text"] = ""  # "arXiv preprint …" gives way to the venue it was published at
    elif publication.venue_id or publication.venue_text:  # a venue chosen in the admin stays
        values.pop("venue", None)
        values.pop("venue_text", None)
        venue = publication.venue if publication.venue_id else None
        if venue is not None and values.get("ccf_rank_printed") == venue.ccf_rank:
            values.pop("ccf_rank_printed")
    values.pop("citations_refreshed_at", None)
    # An update never removes what the lab entered: a field already filled keeps its value, and where
    # the source says otherwise the report says so. Counts a source keeps current are replaced, and a
    # preprint that is now published takes its venue, kind and year.
    renewed = {"cited_by_count", "citations_by_year"}
    if published_now:
        renewed |= {"kind", "year", "date", "venue", "venue_text", "status"}
    for name, value in list(values.items()):
        current = getattr(publication, name)
        if name in renewed or current in ("", None, [], {}) or current == value:
            continue
        if name in NOTED_DIFFERENCES:
            shown = str(getattr(value, "pk", value))[:80]
            importer.report.warn(
                entry.place, f"the stored {name.removesuffix('_en')} is kept; the file says {shown!r}"
            )
        del values[name]
    changed = [name for name, value in values.items() if getattr(publication, name) != value]
    if "cited_by_count" in changed or "citations_by_year" in changed:
        values["citations_refreshed_at"] = importer.values(entry).get("citations_refreshed_at")
        changed.append("citations_refreshed_at")
    for name in changed:
        setattr(publication, name, values[name])
    stored = list(publication.authorships.all())
    if entry.authors and [a.name for a in stored][: len(entry.authors)] == [a.name for a in entry.authors]:
        # The same people in the same order (or the first of them, "et al."): sources know different
        # marks (OpenAlex the corresponding author, a lab's list equal contributions), so marks and
        # links are added, never taken away.
        fresh = importer.authorships(entry, publication.pk)
        merged = []
        for old, new in zip(stored, fresh, strict=False):
            before = (old.is_corresponding, old.is_equal_contribution, old.affiliation, old.person_id)
            old.is_corresponding |= new.is_corresponding
            old.is_equal_contribution |= new.is_equal_contribution
            old.affiliation = old.affiliation or new.affiliation
            old.person_id = old.person_id or new.person_id
            if before != (old.is_corresponding, old.is_equal_contribution, old.affiliation, old.person_id):
                merged.append(old)
        if merged:
            Authorship.objects.bulk_update(
                merged, ["is_corresponding", "is_equal_contribution", "affiliation", "person"]
            )
            changed.append("authors")
    elif entry.authors and stored and not {a.name for a in stored} <= {a.name for a in entry.authors}:
        # A list that lacks authors the lab stored (the faculty list's seven of a paper's nine): the
        # stored list stays, richer; the report says what the file has.
        importer.authorships(entry, publication.pk)
        importer.report.warn(
            entry.place,
            f"the stored {len(stored)} authors are kept; the file lists {len(entry.authors)}: "
            + ", ".join(a.name for a in entry.authors)[:200],
        )
    elif entry.authors and author_signature(stored) != author_signature(entry.authors):
        new_rows = importer.authorships(entry, publication.pk)
        linked = {a.name: a.person_id for a in stored if a.person_id}
        for row in new_rows:
            row.person_id = row.person_id or linked.get(row.name)
        publication.authorships.all().delete()
        bulk.insert(Authorship, new_rows)
        changed.append("authors")
    else:
        importer.authorships(entry, publication.pk)  # reports the matches all the same
    have = {award.kind for award in publication.awards.all()}
    missing = [award for award in importer.awards(entry, publication.pk) if award.kind not in have]
    if missing:
        for order, award in enumerate(missing, start=len(have)):
            award.order = order
        Award.objects.bulk_create(missing)
        changed.append("awards")
    if any(name != "authors" and name != "awards" for name in changed):
        publication.save()
    return changed
