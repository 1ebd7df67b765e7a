"""The bench lab's projects, software, talks, courses and openings: one for every 10 or 20 papers, each
linked to people and papers, so their pages are measured with lists that grow with the lab."""

import datetime

from activities.models import Course, Opening, Project, Software, Talk

PREFIX = "bench-"


def clear_bench_activities() -> None:
    for model in (Project, Software, Talk, Course, Opening):
        model.objects.filter(slug__startswith=PREFIX).delete()


def link(model, field: str, rows, choose) -> None:
    """Two related records (`choose()`) for each of `rows`, through `model.field`'s table."""
    descriptor = getattr(model, field)
    through = descriptor.through
    source = descriptor.field.m2m_field_name()
    target = descriptor.field.m2m_reverse_field_name()
    pairs = {(row.pk, choose().pk) for row in rows for _ in range(2)}
    through.objects.bulk_create(
        [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs], batch_size=2000
    )


def make_bench_activities(rng, count: int, first_year: int, last_year: int, people, papers) -> None:
    clear_bench_activities()
    year = lambda: rng.randint(first_year, last_year)  # noqa: E731
    projects = []
    for index in range(count):
        start = datetime.date(year(), 1, 1)
        end = None if index % 4 == 0 else start + datetime.timedelta(days=365 * rng.randint(1, 4))
        projects.append(
            Project(
                slug=f"{PREFIX}project-{index}",
                title_en=f"Project {index}",
                kind="national",
                funder_en="A foundation",
                grant_number=f"G{index:05d}",
                start_on=start,
                end_on=end,
                principal_investigator=rng.choice(people),
                is_published=index % 10 != 9,
            )
        )
    Project.objects.bulk_create(projects, batch_size=1000)
    software = [
        Software(
            slug=f"{PREFIX}software-{index}",
            name=f"Tool{index}",
            stars=index,
            forks=index // 2,
            repository=f"https://github.com/bench/tool{index}",
            tagline_en="A tool",
        )
        for index in range(count)
    ]
    Software.objects.bulk_create(software, batch_size=1000)
    talks = [
        Talk(
            slug=f"{PREFIX}talk-{index}",
            title_en=f"Talk {index}",
            event_en="A conference",
            date=datetime.date(year(), rng.randint(1, 12), 1),
        )
        for index in range(count * 2)
    ]
    Talk.objects.bulk_create(talks, batch_size=1000)
    courses = [
        Course(
            slug=f"{PREFIX}course-{index}",
            title_en=f"Course {index}",
            code=f"C{index % 20}",
            year=year(),
            season="autumn",
        )
        for index in range(count)
    ]
    Course.objects.bulk_create(courses, batch_size=1000)
    openings = [
        Opening(slug=f"{PREFIX}opening-{index}", title_en=f"Position {index}", kind="phd")
        for index in range(max(2, count // 10))
    ]
    Opening.objects.bulk_create(openings)
    link(Project, "people", projects, lambda: rng.choice(people))
    link(Project, "publications", projects, lambda: rng.choice(papers))
    link(Software, "people", software, lambda: rng.choice(people))
    link(Software, "publications", software, lambda: rng.choice(papers))
    link(Talk, "speakers", talks, lambda: rng.choice(people))
    link(Talk, "publications", talks, lambda: rng.choice(papers))
    link(Course, "teachers", courses, lambda: rng.choice(people))
    link(Opening, "supervisors", openings, lambda: rng.choice(people))
