"""A deterministic synthetic lab for benchmarks and scale tests (`manage.py make_bench_data`).

Everything it creates carries the slug prefix `bench-` so that it can be replaced without touching
real or demo content. Rows go in with bulk_create; Markdown is rendered before insertion.
"""

import datetime
import io
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

from achievements.models import Achievement, AchievementFigure, AchievementLink
from devtools.bench_activities import clear_bench_activities, make_bench_activities
from news.models import NewsItem
from people.models import Honor, Membership, Person, PersonAlias, Precision, ResearchArea, Role, Supervision
from portal.content import bump_content_version_on_commit
from publications.models import Authorship, Award, Collection, CollectionEntry, Publication, Venue

PREFIX = "bench-"
FIRST_YEAR, LAST_YEAR = 2001, 2025

SURNAMES = [
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
    ("Zhao", "赵"), ("Huang", "黄"), ("Zhou", "周"), ("Wu", "吴"), ("Xu", "徐"), ("Sun", "孙"),
    ("Hu", "胡"), ("Zhu", "朱"), ("Gao", "高"), ("Lin", "林"), ("He", "何"), ("Guo", "郭"),
    ("Ma", "马"), ("Luo", "罗"), ("Song", "宋"), ("Jiang", "蒋"), ("Jing", "景"), ("Liang", "梁"),
]  # fmt: skip
GIVEN = [
    ("Wei", "伟"), ("Fang", "芳"), ("Min", "敏"), ("Jing", "静"), ("Qiang", "强"), ("Lei", "磊"),
    ("Jun", "军"), ("Yang", "洋"), ("Yong", "勇"), ("Yan", "艳"), ("Jie", "杰"), ("Tao", "涛"),
    ("Ming", "明"), ("Chao", "超"), ("Hui", "慧"), ("Zhuo", "卓"), ("Ran", "然"), ("Xin", "鑫"),
    ("Hao", "浩"), ("Yu", "宇"), ("Kai", "凯"), ("Ning", "宁"), ("Feng", "峰"), ("Lan", "兰"),
]  # fmt: skip
FOREIGN = [
    "Onur Mutlu", "Rachata Ausavarungnirun", "Yuan Xie", "Vivienne Sze", "Joel Emer", "Song Han",
    "Mark Horowitz", "David Brooks", "Gu-Yeon Wei", "Christos Kozyrakis", "Natalie Enright Jerger",
]  # fmt: skip
WORDS = ["Sparse", "Efficient", "Scalable", "Processing-in-Memory", "Accelerator", "Transformer", "Graph",
         "Quantization", "Dataflow", "Near-Data", "ReRAM", "Attention", "Point Cloud", "Spiking", "Training",
         "Inference", "Compiler", "Heterogeneous", "Cache", "DRAM", "Approximate", "Video", "LLM", "KV Cache",
         "Energy-Aware", "Reconfigurable", "Bit-Serial", "Crossbar", "Pruning", "Encoding"]  # fmt: skip
ZH_WORDS = [
    "稀疏",
    "高效",
    "存算一体",
    "加速器",
    "量化",
    "数据流",
    "图神经网络",
    "注意力",
    "编译",
    "近数据处理",
]


@dataclass
class BenchSize:
    publications: int = 10_000
    people: int = 500
    venues: int = 400
    achievements: int = 300
    heavy_author_papers: int = 300  # the PI: the person page the benchmarks load


def _person_name(rng, index):
    surname, surname_zh = rng.choice(SURNAMES)
    syllables = rng.sample(GIVEN, rng.choice([1, 2]))
    given = "".join(s for s, _h in syllables).capitalize()
    given = given[0] + given[1:].lower()
    return f"{given} {surname}", surname_zh + "".join(h for _s, h in syllables), f"{given[0]}. {surname}"


def _title(rng, chinese=False):
    if chinese:
        return "面向" + "".join(rng.sample(ZH_WORDS, 3)) + "的体系结构研究"
    words = rng.sample(WORDS, rng.randint(4, 7))
    acronym = "".join(w[0] for w in words[:4]).upper()
    return f"{acronym}: " + " ".join(words)


def _png(rng):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), "white")
    draw = ImageDraw.Draw(image)
    for bar in range(5):
        height = rng.randint(20, 180)
        draw.rectangle([20 + bar * 60, 200 - height, 60 + bar * 60, 200], fill=(11, 92, 173))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def analyze_tables():
    """Refresh PostgreSQL's planner statistics after a bulk load, and fold the rows the trigram indexes
    hold aside (GIN's pending list) into them, as autovacuum does on a live site some time later.

    Without statistics the planner takes the freshly filled tables for empty ones and scans them in full
    for every `IN (…)` lookup: deleting the bench data took 40 s instead of a few. With the pending list
    left, every search reads it whole and the planner, counting it, prefers reading the table.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.get_autocommit() else "ANALYZE")


def clear_bench_data():
    clear_bench_activities()
    NewsItem.objects.filter(slug__startswith=PREFIX).delete()
    Honor.objects.filter(person__isnull=True, awarding_body_en="A society").delete()
    Publication.objects.filter(slug__startswith=PREFIX).delete()
    Achievement.objects.filter(slug__startswith=PREFIX).delete()
    Collection.objects.filter(slug__startswith=PREFIX).delete()
    Person.objects.filter(slug__startswith=PREFIX).delete()
    ResearchArea.objects.filter(slug__startswith=PREFIX).delete()


@transaction.atomic
def make_bench_data(size: BenchSize | None = None, seed: int = 2025) -> dict[str, int]:
    """Replace any earlier bench data with a fresh synthetic lab; the same seed gives the same lab."""
    size = size or BenchSize()
    rng = random.Random(seed)
    clear_bench_data()

    areas = [
        ResearchArea(slug=f"{PREFIX}area-{i}", name_en=f"Area {i}", name_zh_hans=f"方向{i}", order=i)
        for i in range(8)
    ]
    for area in areas:
        area.render_markdown_fields()
    ResearchArea.objects.bulk_create(areas)

    people = []
    for index in range(size.people):
        name_en, name_zh, initials = _person_name(rng, index)
        role = (
            Role.PI
            if index == 0
            else rng.choice([Role.FACULTY, Role.POSTDOC, Role.PHD, Role.PHD, Role.MASTER])
        )
        person = Person(
            slug=f"{PREFIX}person-{index}",
            name_en=name_en,
            name_zh_hans=name_zh,
            role=role,
            title_en="Professor" if role == Role.PI else "",
            bio_en=f"{name_en} works on *{rng.choice(WORDS).lower()}* systems.",
            bio_zh_hans=f"{name_zh}从事{rng.choice(ZH_WORDS)}研究。",
            display_order=index,
        )
        person.render_markdown_fields()
        people.append((person, [initials, f"{name_en.split()[-1]} {name_en.split()[0]}", name_zh]))
    Person.objects.bulk_create([person for person, _aliases in people], batch_size=1000)
    PersonAlias.objects.bulk_create(
        [PersonAlias(person=person, name=alias) for person, aliases in people for alias in aliases],
        batch_size=2000,
        ignore_conflicts=True,
    )
    members = [person for person, _aliases in people]
    pi, others = members[0], members[1:]
    Person.research_areas.through.objects.bulk_create(
        [
            Person.research_areas.through(person_id=person.pk, researcharea_id=rng.choice(areas).pk)
            for person in members
        ]
    )

    ranked = list(
        Venue.objects.filter(kind__in=["conference", "journal"]).exclude(ccf_rank="").order_by("pk")
    )
    venues = rng.sample(ranked, min(size.venues, len(ranked)))

    publications = []
    heavy = set(rng.sample(range(size.publications), min(size.heavy_author_papers, size.publications)))
    for index in range(size.publications):
        venue = rng.choice(venues)
        chinese = rng.random() < 0.05
        title = _title(rng, chinese)
        publications.append(
            Publication(
                slug=f"{PREFIX}paper-{index}",
                title_en="" if chinese else title,
                title_zh_hans=title if chinese else "",
                kind="journal" if venue.kind == "journal" else "conference",
                venue=venue,
                year=FIRST_YEAR + index * (LAST_YEAR - FIRST_YEAR + 1) // size.publications,
                doi=f"10.5555/bench.{seed}.{index}" if rng.random() < 0.7 else "",
                pages=f"{rng.randint(1, 900)}-{rng.randint(901, 999)}",
                featured=rng.random() < 0.01 or index % 100 == 1,  # selected papers on every home page
                is_published=rng.random() > 0.02,
                cited_by_count=rng.randint(0, 400),
                keywords=rng.sample(WORDS, 3),
            )
        )
    Publication.objects.bulk_create(publications, batch_size=1000)

    authorships, awards = [], []
    for index, publication in enumerate(publications):
        count = rng.choice([2, 3, 3, 4, 4, 5, 5, 6, 7, 8])
        authors = []
        if index in heavy:
            authors.append(pi)
        while len(authors) < count:
            authors.append(rng.choice(others) if rng.random() < 0.65 else rng.choice(FOREIGN))
        rng.shuffle(authors)
        seen = set()
        for position, author in enumerate(authors, start=1):
            is_person = isinstance(author, Person)
            name = author.name_en if is_person else author
            if name in seen:
                name = f"{name} {position}"
            seen.add(name)
            authorships.append(
                Authorship(
                    publication=publication,
                    position=position,
                    name=name,
                    person=author if is_person and name == author.name_en else None,
                    is_corresponding=position == len(authors),
                    is_equal_contribution=position <= 2 and rng.random() < 0.05,
                )
            )
        if rng.random() < 0.03:
            awards.append(
                Award(publication=publication, kind=rng.choice(["best_paper", "best_paper_nomination"]))
            )
    Authorship.objects.bulk_create(authorships, batch_size=5000)
    Award.objects.bulk_create(awards, batch_size=1000)

    images = [default_storage.save(f"achievements/{PREFIX}{i}.png", ContentFile(_png(rng))) for i in range(5)]
    achievements = []
    for index in range(size.achievements):
        achievement = Achievement(
            year=FIRST_YEAR + index % (LAST_YEAR - FIRST_YEAR + 1),
            order=index,
            slug=f"{PREFIX}result-{index}",
            short_name=f"R{index}",
            title_en=f"Result {index}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
            title_zh_hans=f"成果{index}：{rng.choice(ZH_WORDS)}{rng.choice(ZH_WORDS)}",
            summary_en=f"A **{rng.choice(WORDS).lower()}** design, {rng.randint(2, 9)}× faster.",
            summary_zh_hans=f"一种**{rng.choice(ZH_WORDS)}**设计，性能提升{rng.randint(2, 9)}倍。",
            body_en="\n\n".join(f"## Part {p}\n\n" + " ".join(rng.sample(WORDS, 10)) for p in range(3)),
            body_zh_hans="\n\n".join(
                f"## 第{p}部分\n\n" + "".join(rng.sample(ZH_WORDS, 6)) for p in range(3)
            ),
            featured=index % 50 == 0,
        )
        achievement.render_markdown_fields()
        achievements.append(achievement)
    Achievement.objects.bulk_create(achievements, batch_size=500)
    figures, links, related, involved = [], [], [], []
    for achievement in achievements:
        for order in range(rng.choice([1, 2])):
            figures.append(
                AchievementFigure(
                    achievement=achievement,
                    order=order,
                    image=rng.choice(images),
                    caption_en=f"Figure of {achievement.short_name}",
                    caption_zh_hans=f"{achievement.short_name}示意图",
                )
            )
        links.append(AchievementLink(achievement=achievement, kind="code", url="https://example.org/code"))
        for publication in rng.sample(publications, 2):
            related.append(Achievement.publications.through(achievement=achievement, publication=publication))
        for person in rng.sample(members, 3):
            involved.append(Achievement.people.through(achievement=achievement, person=person))
    AchievementFigure.objects.bulk_create(figures, batch_size=1000)
    AchievementLink.objects.bulk_create(links, batch_size=1000)
    Achievement.publications.through.objects.bulk_create(related, batch_size=2000)
    Achievement.people.through.objects.bulk_create(involved, batch_size=2000)

    collection = Collection.objects.create(slug=f"{PREFIX}reading-list", title_en="Bench reading list")
    CollectionEntry.objects.bulk_create(
        CollectionEntry(
            collection=collection,
            publication=publication,
            position=position,
            is_highlighted=position % 5 == 0,
        )
        for position, publication in enumerate(rng.sample(publications, min(200, len(publications))), start=1)
    )

    stints, supervisions, news, honors = [], [], [], []
    for index, person in enumerate(members):
        start = datetime.date(rng.randint(FIRST_YEAR, LAST_YEAR - 1), 9, 1)
        ended = index % 4 == 3  # a quarter have left, with a degree and a destination
        stints.append(Membership(
            person=person, role=person.role, start_on=start, start_precision=Precision.MONTH,
            end_on=datetime.date(min(start.year + 4, LAST_YEAR), 6, 30) if ended else None,
            end_precision=Precision.MONTH, degree="doctorate" if ended and person.role == Role.PHD else "",
            destination_en=f"{rng.choice(WORDS)} Lab" if ended else "",
        ))  # fmt: skip
    Membership.objects.bulk_create(stints, batch_size=1000)
    for stint in stints:
        if stint.role in (Role.PHD, Role.MASTER):
            supervisions.append(Supervision(membership=stint, supervisor=pi, is_main=True))
            if rng.random() < 0.5:
                supervisions.append(
                    Supervision(membership=stint, supervisor=rng.choice(others), is_main=False)
                )
    Supervision.objects.bulk_create(supervisions, batch_size=1000, ignore_conflicts=True)
    for stint in stints:
        stint.person.joined_on = stint.start_on
        stint.person.left_on = stint.end_on
    Person.objects.bulk_update(members, ["joined_on", "left_on"], batch_size=1000)
    for index in range(max(12, size.publications // 20)):
        item = NewsItem(
            slug=f"{PREFIX}news-{index}",
            date=datetime.date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), 1),
            date_precision=Precision.MONTH, body_en=f"Our paper on {rng.choice(WORDS).lower()} was accepted.",
            is_published=index % 10 != 9,
        )  # fmt: skip
        item.render_markdown_fields()
        news.append(item)
    NewsItem.objects.bulk_create(news, batch_size=1000)
    if publications:  # a lab without papers (the import benchmark's) has news without them
        link = NewsItem.publications.through
        link.objects.bulk_create(
            [link(newsitem=item, publication=rng.choice(publications)) for item in news], batch_size=2000
        )
    for index in range(max(5, size.people // 10)):
        honors.append(Honor(
            person=None if index % 3 == 0 else rng.choice(members), year=rng.randint(FIRST_YEAR, LAST_YEAR),
            title_en=f"{rng.choice(WORDS)} Award", awarding_body_en="A society", note_en="1 out of 100",
        ))  # fmt: skip
    Honor.objects.bulk_create(honors)
    if publications:
        count = max(5, size.publications // 20)
        make_bench_activities(rng, count, FIRST_YEAR, LAST_YEAR, members, publications)

    bump_content_version_on_commit()
    transaction.on_commit(analyze_tables)
    return {
        "people": len(members),
        "venues": len(venues),
        "publications": len(publications),
        "authorships": len(authorships),
        "achievements": len(achievements),
        "figures": len(figures),
        "pi_papers": Authorship.objects.filter(person=pi).count(),
    }


# Names as BibTeX files print them: LaTeX accents, "Last, First", initials, Chinese characters.
LATEX_NAMES = [
    r"M{\"u}ller, J{\"o}rg", r"Jos{\'e} Mart{\'\i}nez", r"Fran{\c{c}}ois Lef{\`e}vre",
    r"S{\o}ren Kierkeg{\aa}rd",
    r"{\v{S}}imon Kova{\v{c}}", r"Bj{\"o}rn {\O}stergaard", r"Dvo{\v r}{\'a}k, Anton{\'\i}n", "Z. Song",
    "宋卓然", "蒋力", "欧阳修远", "梁晓峣", "van der Berg, Jan", "O'Connor, Se{\\'a}n",
]  # fmt: skip
BIB_VENUES = [
    ("inproceedings", "booktitle", "Proc. of the 47th Intl. Symposium on Computer Architecture (ISCA)"),
    ("inproceedings", "booktitle", "Design Automation Conference (DAC)"),
    ("inproceedings", "booktitle", "IEEE International Symposium on High Performance Computer Architecture"),
    ("inproceedings", "booktitle", "Workshop on Machine Learning for Systems"),
    ("article", "journal", "IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems"),
    ("article", "journal", "ACM Transactions on Architecture and Code Optimization (TACO)"),
    ("article", "journal", "中国计算机学会通讯"),
    ("misc", "howpublished", "arXiv preprint"),
    ("phdthesis", "school", "Shanghai Jiao Tong University"),
    ("incollection", "booktitle", "Processing-in-Memory: Architectures and Systems"),
]  # fmt: skip
MONTH_MACROS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
NOTES = ["Best Paper Award", "Best Paper Nomination", "The first two authors contributed equally.",
         "Acceptance rate 18\\%", "", "", "", ""]  # fmt: skip


def bench_bibtex(count: int, seed: int = 7, braced_titles: bool = True) -> str:
    """`count` varied BibTeX entries: every entry type the importer reads, accents in LaTeX, Chinese
    names and titles, month macros, awards and equal contribution in notes, DOIs, arXiv ids and links.
    Deterministic for a seed; titles are unique, so every entry is a distinct paper. Every third title
    is wrapped in a second pair of braces (`{{…}}`, to keep its case) unless `braced_titles` is false:
    django-publications' parser cannot read those, and refuses the whole file."""
    rng = random.Random(seed)
    entries = []
    for index in range(count):
        entry_type, venue_field, venue = BIB_VENUES[index % len(BIB_VENUES)]
        chinese = venue == "中国计算机学会通讯"
        year = FIRST_YEAR + index % (LAST_YEAR - FIRST_YEAR + 1)
        names = [
            LATEX_NAMES[(index + k) % len(LATEX_NAMES)] if k == 0 or rng.random() < 0.3
            else _person_name(rng, 0)[0]
            for k in range(rng.randint(1, 7))
        ]  # fmt: skip
        names[-1] += "*" if rng.random() < 0.2 else ""
        title = _title(rng, chinese) + (f" {index}" if chinese else f": {{Part}} {index}")
        if index % 6 == 5 and not chinese:  # LaTeX in a title: decoded, never the same twice
            title = title.replace(": {Part}", f": {{\\em Part}} {{\\o}}{index % 97}")
        fields = [
            ("author", " and ".join(names)),
            ("title", f"{{{title}}}" if index % 3 == 0 and braced_titles else title),
            (venue_field, venue),
            ("year", str(year)),
        ]
        if index % 4:
            fields.append(("month", MONTH_MACROS[index % 12]))
        if entry_type == "misc":
            fields += [("eprint", f"{year % 100:02d}{index % 12 + 1:02d}.{10000 + index:05d}"),
                       ("archiveprefix", "arXiv")]  # fmt: skip
        elif index % 2:
            fields.append(("doi", f"10.5555/bench.{seed}.{index}"))
        if note := NOTES[index % len(NOTES)]:
            fields.append(("note", note))
        if index % 5 == 0:
            fields += [("pages", f"{index % 900 + 1}--{index % 900 + 12}"), ("volume", str(index % 40 + 1))]
        if index % 7 == 0:
            fields += [
                ("url", f"https://example.org/papers/{index}"),
                ("code", f"https://github.com/lab/p{index}"),
            ]
        if index % 11 == 0:
            fields.append(
                ("abstract", f"We study {{\\em sparse}} dataflows \\& show a {index}.3$\\times$ speed-up.")
            )
        body = ",\n".join(f"  {name} = {{{value}}}" if name != "month" else f"  {name} = {value}"
                          for name, value in fields)  # fmt: skip
        entries.append(f"@{entry_type}{{key{index},\n{body}\n}}\n")
    return "\n".join(entries)
