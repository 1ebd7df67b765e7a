"""Loads the demo lab (portal.demo.data) into the database; running it again changes nothing."""

import io
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from achievements.models import Achievement, AchievementFigure, AchievementLink
from people.models import Honor, Person, PersonAlias, ResearchArea
from portal.content import bump_content_version_on_commit
from portal.models import Lab
from publications.models import Authorship, Award, Collection, CollectionEntry, Publication, Venue

from . import data

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


def bar_chart_png(bars: list[tuple[str, int]]) -> bytes:
    """A small bar chart, drawn rather than shipped, so the demo's figures are real images."""
    from PIL import Image, ImageDraw, ImageFont

    width, height, margin = 640, 360, 40
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=18)
    top = max(value for _label, value in bars)
    slot = (width - 2 * margin) // len(bars)
    for index, (label, value) in enumerate(bars):
        left = margin + index * slot + slot // 5
        right = left + slot * 3 // 5
        bar_top = height - margin - int((height - 3 * margin) * value / top)
        draw.rectangle([left, bar_top, right, height - margin], fill=(11, 92, 173))
        draw.text((left, height - margin + 8), label, fill="black", font=font)
        draw.text((left, bar_top - 24), f"{value / 100:.2f}×", fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@transaction.atomic
def load_demo() -> dict[str, int]:
    Lab.objects.update_or_create(pk=1, defaults=data.LAB)

    areas = {}
    for area in data.RESEARCH_AREAS:
        areas[area["slug"]], _created = ResearchArea.objects.update_or_create(
            slug=area["slug"], defaults={k: v for k, v in area.items() if k != "slug"}
        )

    people = {}
    by_name = {}
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
        for year, title_en, title_zh in honors:
            Honor.objects.update_or_create(
                person=person, year=year, title_en=title_en, defaults={"title_zh_hans": title_zh}
            )
        people[person.slug] = person
        for name in [person.name_en, person.name_zh_hans, *aliases]:
            if name:
                by_name[name] = person

    for venue in data.EXTRA_VENUES:
        Venue.objects.update_or_create(kind=venue["kind"], name=venue["name"], defaults=venue)
    venues = {}
    for venue in Venue.objects.all():
        venues.setdefault((venue.acronym, venue.kind), venue)
        venues.setdefault((venue.acronym, None), venue)

    publications = {}
    for code, year, venue_key, author_text, title, extras in data.PUBLICATIONS:
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
            [areas[slug] for slug, words in data.AREA_KEYWORDS.items() if any(w in title for w in words)]
        )
        publications[title] = publication

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

    collection_data = dict(data.COLLECTION)
    entries = collection_data.pop("entries")
    collection, _created = Collection.objects.update_or_create(
        slug=collection_data.pop("slug"), defaults=collection_data
    )
    collection.entries.all().delete()
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

    if settings.DEMO_MODE:
        user, _created = get_user_model().objects.get_or_create(username=settings.DEMO_USERNAME)
        user.is_staff = user.is_superuser = True
        user.set_password(data.DEMO_PASSWORD)
        user.save()

    # authors, awards and links went in through bulk_create, which sends no signals
    bump_content_version_on_commit()
    return {
        "people": Person.objects.count(),
        "publications": Publication.objects.count(),
        "authorships": Authorship.objects.count(),
        "achievements": Achievement.objects.count(),
        "collection entries": CollectionEntry.objects.count(),
    }
