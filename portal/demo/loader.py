"""Loads the demo lab (portal.demo.data) into the database; running it again changes nothing."""

from datetime import date
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from accounts.roles import EDITOR, MEMBER
from achievements.models import Achievement, AchievementFigure, AchievementLink
from activities.models import Project, Talk
from news.models import NewsItem, news_slug
from people.models import Honor, Membership, Person, PersonAlias, ResearchArea, Supervision
from portal import images
from portal.content import bump_content_version_on_commit
from portal.models import Lab
from publications.models import Authorship, Award, Collection, CollectionEntry, Publication, Venue

from . import data, papers
from .activities import load_activities
from .found import load_found
from .pictures import area_png, banner_png, bar_chart_png, portrait_png, schematic_png

KINDS = {"C": "conference", "J": "journal", "P": "preprint"}


def parse_authors(text: str) -> list[dict]:
    """'A, B*, C=' -> [{'name': 'A', ...}, {'name': 'B', 'is_corresponding': True}, ...]."""
    authors = []
    for raw in text.split(","):
        name = raw.strip()
        corresponding = equal = False
        while name and name[-1] in "*=":
            corresponding |= name[-1] == "*"
            equal |= name[-1] == "="
            name = name[:-1].rstrip()
        authors.append({"name": name, "is_corresponding": corresponding, "is_equal_contribution": equal})
    return authors


def publication_slug(title: str, year: int) -> str:
    return f"{slugify(title)[:90].strip('-') or 'paper'}-{year}"


@transaction.atomic
def load_demo() -> dict[str, int]:
    lab, _created = Lab.objects.update_or_create(pk=1, defaults=data.LAB)
    if not lab.banner:
        lab.banner.save("banner.png", ContentFile(banner_png()))

    areas = {}
    for index, area in enumerate(data.RESEARCH_AREAS):
        areas[area["slug"]], _created = ResearchArea.objects.update_or_create(
            slug=area["slug"], defaults={"order": index, **{k: v for k, v in area.items() if k != "slug"}}
        )
        if not areas[area["slug"]].image:
            areas[area["slug"]].image.save(f"{area['slug']}.png", ContentFile(area_png(area["slug"], index)))

    people = {}
    by_name = {}
    honor_papers = []  # (honour, title start of the paper whose award it is)
    for order, entry in enumerate(data.PEOPLE):
        entry = dict(entry)
        aliases = entry.pop("aliases", [])
        honors = entry.pop("honors", [])
        area_slugs = entry.pop("areas", [])
        for field in ("joined_on", "left_on"):
            if entry.get(field):
                entry[field] = date.fromisoformat(entry[field])
        entry.setdefault("display_order", 100 + order)
        person, _created = Person.objects.update_or_create(slug=entry.pop("slug"), defaults=entry)
        person.research_areas.set([areas[slug] for slug in area_slugs])
        for alias in aliases:
            PersonAlias.objects.get_or_create(person=person, name=alias)
        for year, title_en, title_zh, *paper in honors:
            honor, _created = Honor.objects.update_or_create(
                person=person, year=year, title_en=title_en, defaults={"title_zh_hans": title_zh}
            )
            if paper:
                honor_papers.append((honor, paper[0]))
        if not person.photo:
            person.photo.save(f"{person.slug}.png", ContentFile(portrait_png(person.slug)), save=False)
            Person.objects.filter(pk=person.pk).update(photo=person.photo.name)
            transaction.on_commit(partial(images.generate_variants, person))  # as a save would
        people[person.slug] = person
        for name in [person.name_en, person.name_zh_hans, *aliases]:
            if name:
                by_name[name] = person

    for venue in papers.EXTRA_VENUES:
        Venue.objects.update_or_create(kind=venue["kind"], name=venue["name"], defaults=venue)
    venues = {}
    for venue in Venue.objects.all():
        venues.setdefault((venue.acronym, venue.kind), venue)
        venues.setdefault((venue.acronym, None), venue)

    publications = {}
    for code, year, venue_key, author_text, title, extras in papers.PUBLICATIONS:
        extras = dict(extras)
        kind = KINDS[code]
        awards = extras.pop("awards", [])
        title_field = "title_" + extras.pop("title_lang", "en")
        if extras.get("date"):
            extras["date"] = date.fromisoformat(extras["date"])
        venue = venues.get((venue_key, kind)) or venues.get((venue_key, None))
        defaults = {
            "kind": kind,
            "year": year,
            "venue": venue,
            "venue_text": extras.pop("venue_text", "" if venue else venue_key),
            title_field: title,
            **extras,
        }
        for start, (abstract_en, abstract_zh) in papers.ABSTRACTS.items():
            if title.startswith(start):
                defaults.update(abstract_en=abstract_en, abstract_zh_hans=abstract_zh)
        publication, _created = Publication.objects.update_or_create(
            slug=publication_slug(title, year), defaults=defaults
        )
        publication.authorships.all().delete()
        Authorship.objects.bulk_create(
            Authorship(
                publication=publication, position=position, person=by_name.get(author["name"]), **author
            )
            for position, author in enumerate(parse_authors(author_text), start=1)
        )
        publication.awards.all().delete()
        Award.objects.bulk_create(
            Award(publication=publication, kind=kind, order=order) for order, kind in enumerate(awards)
        )
        publication.research_areas.set(
            [areas[slug] for slug, words in papers.AREA_KEYWORDS.items() if any(w in title for w in words)]
        )
        publications[title] = publication

    load_group(people, publications, honor_papers)

    for entry in data.ACHIEVEMENTS:
        entry = dict(entry)
        related = entry.pop("publications", [])
        members = entry.pop("people", [])
        area_slugs = entry.pop("areas", [])
        links = entry.pop("links", [])
        figures = entry.pop("figures", [])
        achievement, _created = Achievement.objects.update_or_create(
            year=entry.pop("year"), slug=entry.pop("slug"), defaults=entry
        )
        achievement.publications.set([publications[title] for title in related])
        achievement.people.set([people[slug] for slug in members])
        achievement.research_areas.set([areas[slug] for slug in area_slugs])
        achievement.links.all().delete()
        AchievementLink.objects.bulk_create(
            AchievementLink(achievement=achievement, kind=kind, url=url, order=order)
            for order, (kind, url) in enumerate(links)
        )
        for order, (caption_en, caption_zh, bars) in enumerate(figures):
            if not achievement.figures.filter(order=order).exists():
                figure = AchievementFigure(
                    achievement=achievement, order=order, caption_en=caption_en, caption_zh_hans=caption_zh
                )
                figure.image.save(
                    f"{achievement.slug}-{order}.png", ContentFile(bar_chart_png(bars)), save=False
                )
                figure.save()
        if figures:  # the write-up's first figure is its paper's teaser
            caption_en, caption_zh, bars = figures[0]
            for title in related:
                paper = publications[title]
                if not paper.teaser:
                    paper.teaser.save(f"{paper.slug}.png", ContentFile(bar_chart_png(bars)), save=False)
                    paper.teaser_caption_en, paper.teaser_caption_zh_hans = caption_en, caption_zh
                    paper.save()

    for paper in publications.values():  # a selected paper without a chart shows its design's floorplan
        if paper.featured and not paper.teaser:
            name = paper.title.split(":")[0] if ":" in paper.title else paper.venue_label
            paper.teaser.save(f"{paper.slug}.png", ContentFile(schematic_png(name)), save=False)
            paper.teaser_caption_en = f"The floorplan of {name}"
            paper.teaser_caption_zh_hans = f"{name} 的平面布局"
            paper.save()

    load_news(people, publications)
    load_activities(people, publications)

    collection_data = dict(papers.COLLECTION)
    entries = collection_data.pop("entries")
    collection, _created = Collection.objects.update_or_create(
        slug=collection_data.pop("slug"), defaults=collection_data
    )
    collection.entries.all().delete()
    # Each section's entries together, sections in the order they first appear, papers by year within.
    first_seen = {}
    for entry in entries:
        first_seen.setdefault(entry[0], len(first_seen))
    entries = sorted(entries, key=lambda entry: (first_seen[entry[0]], entry[3]))
    for position, (
        section,
        highlighted,
        title,
        year,
        venue_key,
        institutions,
        comment_en,
        comment_zh,
    ) in enumerate(entries, start=1):
        venue = venues.get((venue_key, "conference")) or venues.get((venue_key, None))
        publication, _created = Publication.objects.update_or_create(
            slug=publication_slug(title, year),
            defaults={
                "title_en": title,
                "year": year,
                "kind": "conference",
                "venue": venue,
                "venue_text": "" if venue else venue_key,
                "institutions": institutions,
                "is_lab_work": False,
            },
        )
        CollectionEntry.objects.create(
            collection=collection,
            publication=publication,
            position=position,
            section=section,
            is_highlighted=highlighted,
            comment_en=comment_en,
            comment_zh_hans=comment_zh,
        )

    load_found()
    if settings.DEMO_MODE:
        load_demo_accounts()

    # authors, awards and links went in through bulk_create, which sends no signals
    bump_content_version_on_commit()
    return {
        "people": Person.objects.count(),
        "publications": Publication.objects.count(),
        "authorships": Authorship.objects.count(),
        "achievements": Achievement.objects.count(),
        "memberships": Membership.objects.count(),
        "news items": NewsItem.objects.count(),
        "collection entries": CollectionEntry.objects.count(),
        "projects": Project.objects.count(),
        "talks": Talk.objects.count(),
    }


def load_demo_accounts() -> None:
    """The demo's accounts, one of each kind, with the published demo password (demo mode only)."""
    from django.contrib.auth.models import Group

    accounts = [
        (settings.DEMO_USERNAME, None, None),
        (settings.DEMO_EDITOR_USERNAME, EDITOR, None),
        (settings.DEMO_MEMBER_USERNAME, MEMBER, data.DEMO_MEMBER_PERSON),
    ]
    for username, role, person_slug in accounts:
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = role is None  # "demo": the lab admin
        user.set_password(data.DEMO_PASSWORD)
        user.save()
        if role:
            user.groups.set([Group.objects.get(name=role)])
        if person_slug:
            Person.objects.filter(user=user).exclude(slug=person_slug).update(user=None)
            Person.objects.filter(slug=person_slug).update(user=user)


def demo_date(text: str) -> date:
    return date.fromisoformat(text + ("-01" if len(text) == 7 else "-01-01" if len(text) == 4 else ""))


def load_group(people, publications, honor_papers) -> None:
    """Stints with supervisors and destinations, and the honours that are their papers' awards."""
    for slug, person in people.items():
        person.memberships.all().delete()
        stints = data.STINTS.get(slug) or [(person.role, None, None, "", "", "", [])]
        for role, start, end, degree, destination_en, destination_zh, supervisors in stints:
            stint = Membership.objects.create(
                person=person, role=role, degree=degree,
                start_on=demo_date(start) if start else person.joined_on,
                start_precision="month" if start else "day",
                end_on=demo_date(end) if end else person.left_on,
                end_precision="month" if end else "day",
                destination_en=destination_en, destination_zh_hans=destination_zh,
            )  # fmt: skip
            Supervision.objects.bulk_create(
                Supervision(membership=stint, supervisor=people[supervisor], is_main=is_main, order=order)
                for order, (supervisor, is_main) in enumerate(supervisors)
            )
        person.update_from_memberships()
    for year, (title_en, title_zh), (body_en, body_zh), (note_en, note_zh), paper in data.LAB_HONORS:
        honor, _created = Honor.objects.update_or_create(
            person=None, year=year, title_en=title_en,
            defaults={
                "title_zh_hans": title_zh, "awarding_body_en": body_en, "awarding_body_zh_hans": body_zh,
                "note_en": note_en, "note_zh_hans": note_zh,
            },
        )  # fmt: skip
        honor_papers.append((honor, paper))
    by_start = {title.split(":")[0] + ":": publication for title, publication in publications.items()}
    for honor, paper in honor_papers:
        award = by_start[paper].awards.filter(honor__isnull=True).first()
        if award:
            award.honor = honor
            award.save(update_fields=["honor"])


def load_news(people, publications) -> None:
    by_start = {title.split(":")[0] + ":": publication for title, publication in publications.items()}
    achievements = {a.slug: a for a in Achievement.objects.all()}
    NewsItem.objects.filter(slug__in=[news_slug_of(entry) for entry in data.NEWS]).delete()
    for entry in data.NEWS:
        day, precision, text_en, text_zh, papers, members, achievement_slugs = entry
        item = NewsItem.objects.create(
            slug=news_slug_of(entry), date=date.fromisoformat(day), date_precision=precision,
            # the one item written in English only is the demo's draft
            body_en=text_en, body_zh_hans=text_zh, is_published=bool(text_zh),
        )  # fmt: skip
        item.publications.set([by_start[start] for start in papers])
        item.people.set([people[slug] for slug in members])
        item.achievements.set([achievements[slug] for slug in achievement_slugs])


def news_slug_of(entry) -> str:

    return news_slug(date.fromisoformat(entry[0]), entry[2], set())
