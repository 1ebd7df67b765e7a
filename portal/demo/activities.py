"""The demo's projects, software, talks, teaching and openings.

Projects follow the PI's page in general terms (national and provincial projects, results taken into
IEEE P1838, technology used by industry partners): no grant numbers or amounts are made up. The
software is MILLION's public repository. Talks are the lab's papers presented at their venues, the
course and the opening are examples a lab would write."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.text import slugify

from achievements.models import Achievement
from activities.models import Course, Opening, Project, Software, Talk

PROJECTS = [
    {
        "slug": "pim-architectures-for-ai",
        "kind": "national",
        "role": "lead",
        "lead": "li-jiang",
        "title_en": "Processing-in-memory architectures for AI workloads",
        "title_zh_hans": "面向人工智能负载的存算一体架构",
        "funder_en": "National Natural Science Foundation of China",
        "funder_zh_hans": "国家自然科学基金委员会",
        "programme_en": "General Program",
        "programme_zh_hans": "面上项目",
        "start_on": "2023-01-01",
        "end_on": "2026-12-31",
        "summary_en": "Architectures, circuits and compilers that compute where data is kept: "
        "ReRAM crossbars, near-DRAM-bank processing and their co-design with neural-network algorithms.",
        "summary_zh_hans": (
            "在数据存放之处计算的架构、电路与编译器："
            "阻变存储交叉阵列、近 DRAM bank 处理及其与神经网络算法的协同设计。"
        ),
        "people": ["li-jiang", "fangxin-liu", "yilong-zhao", "xuan-zhang", "xing-li"],
        "papers": ["NDPBridge:"],
        "achievements": [(2024, "ndpbridge")],
    },
    {
        "slug": "ai-chip-design-automation",
        "kind": "national",
        "role": "participant",
        "lead": "li-jiang",
        "title_en": "Design automation for domain-specific AI chips",
        "title_zh_hans": "领域专用人工智能芯片的设计自动化",
        "funder_en": "Ministry of Science and Technology of China",
        "funder_zh_hans": "科学技术部",
        "programme_en": "National Key R&D Program",
        "programme_zh_hans": "国家重点研发计划",
        "start_on": "2021-12-01",
        "end_on": "2024-11-30",
        "summary_en": "A subproject on compilers and accelerator generators for neural networks.",
        "summary_zh_hans": "承担其中面向神经网络的编译器与加速器生成课题。",
        "people": ["li-jiang", "zhuoran-song", "naifeng-jing"],
        "papers": ["INSPIRE:"],
        "achievements": [(2024, "inspire")],
    },
    {
        "slug": "long-context-llm-inference",
        "kind": "provincial",
        "role": "lead",
        "lead": "zhuoran-song",
        "title_en": "Efficient inference of long-context large language models",
        "title_zh_hans": "长上下文大语言模型的高效推理",
        "funder_en": "Science and Technology Commission of Shanghai Municipality",
        "funder_zh_hans": "上海市科学技术委员会",
        "start_on": "2024-07-01",
        "end_on": None,
        "summary_en": "Key-value cache compression and the systems that serve it.",
        "summary_zh_hans": "键值缓存压缩及其推理系统。",
        "people": ["zhuoran-song", "zongwu-wang"],
        "papers": ["MILLION:"],
        "achievements": [(2025, "million")],
    },
    {
        "slug": "3d-ic-test-standard",
        "kind": "industry",
        "role": "lead",
        "lead": "li-jiang",
        "title_en": "Test access for 3D-stacked chips",
        "title_zh_hans": "三维堆叠芯片的测试访问",
        "funder_en": "Industry partner",
        "funder_zh_hans": "企业合作",
        "start_on": "2014-01-01",
        "end_on": "2018-12-31",
        "summary_en": "Work whose results were taken into the IEEE P1838 standard for test access to "
        "three-dimensional stacked integrated circuits.",
        "summary_zh_hans": "相关成果已被引入 IEEE P1838 三维堆叠集成电路测试访问标准。",
        "people": ["li-jiang"],
        "papers": [],
        "achievements": [],
    },
]

SOFTWARE = [
    {
        "slug": "million",
        "name": "MILLION",
        "repository": "https://github.com/ZongwuWang/MILLION",
        "year": 2025,
        "language": "Python",
        "tagline_en": "Outlier-immune product quantization of the KV cache for long-context LLM inference",
        "tagline_zh_hans": "面向长上下文大模型推理、对异常值鲁棒的键值缓存乘积量化框架",
        "description_en": "The open-source framework of the MILLION paper: "
        "product-quantized key-value cache, asynchronous quantization and sparse attention kernels.",
        "description_zh_hans": "MILLION 论文的开源框架：乘积量化的键值缓存、异步量化与稀疏注意力算子。",
        "people": ["zongwu-wang", "li-jiang"],
        "papers": ["MILLION:"],
        "achievements": [(2025, "million")],
    },
]

# Each talk presents one of the lab's papers at its venue, given by its first author in the lab.
TALKS = [
    ("NDPBridge:", "contributed", "ISCA 2024", "Buenos Aires, Argentina", "2024-07-01"),
    ("INSPIRE:", "contributed", "ISCA 2024", "Buenos Aires, Argentina", "2024-07-02"),
]


def first(publications, start):
    return next(paper for title, paper in publications.items() if title.startswith(start))


def load_activities(people, publications) -> None:
    achievements = {(a.year, a.slug): a for a in Achievement.objects.all()}
    for entry in PROJECTS:
        entry = dict(entry)
        members, papers = entry.pop("people"), entry.pop("papers")
        related, lead = entry.pop("achievements"), entry.pop("lead")
        for field in ("start_on", "end_on"):
            entry[field] = date.fromisoformat(entry[field]) if entry[field] else None
        project, _created = Project.objects.update_or_create(
            slug=entry.pop("slug"), defaults={**entry, "principal_investigator": people[lead]}
        )
        project.people.set([people[slug] for slug in members])
        project.publications.set([first(publications, start) for start in papers])
        project.achievements.set([achievements[key] for key in related if key in achievements])
    for entry in SOFTWARE:
        entry = dict(entry)
        members, papers, related = entry.pop("people"), entry.pop("papers"), entry.pop("achievements")
        item, _created = Software.objects.update_or_create(slug=entry.pop("slug"), defaults=entry)
        item.people.set([people[slug] for slug in members])
        item.publications.set([first(publications, start) for start in papers])
        item.achievements.set([achievements[key] for key in related if key in achievements])
    for start, kind, event, place, day in TALKS:
        paper = first(publications, start)
        talk, _created = Talk.objects.update_or_create(
            slug=slugify(f"{paper.title_en.split(':')[0]} {event}"),
            defaults={
                "title_en": paper.title_en,
                "kind": kind,
                "event_en": event,
                "place_en": place,
                "date": date.fromisoformat(day),
            },
        )
        talk.publications.set([paper])
        speaker = paper.authorships.filter(person__isnull=False).order_by("position").first()
        talk.speakers.set([speaker.person] if speaker else [])
    course, _created = Course.objects.update_or_create(
        slug="computer-architecture-2025-autumn",
        defaults={
            "title_en": "Computer Architecture",
            "title_zh_hans": "计算机体系结构",
            "code": "CS2305",
            "level": "undergraduate",
            "year": 2025,
            "season": "autumn",
            "description_en": "Instruction sets, pipelines, memory hierarchies and parallel processors, with "
            "a processor built in the labs.",
            "description_zh_hans": "指令集、流水线、存储层次与并行处理器，实验课上实现一个处理器。",
        },
    )
    course.teachers.set([people["li-jiang"]])
    opening, _created = Opening.objects.update_or_create(
        slug="phd-positions",
        defaults={
            "title_en": "PhD positions in processing-in-memory and AI accelerators",
            "title_zh_hans": "招收存算一体与人工智能加速器方向博士研究生",
            "kind": "phd",
            "contact": "aca-lab@example.org",
            "description_en": "Design the next memory-centric computers: "
            "architecture, circuits and compilers.",
            "description_zh_hans": "设计下一代以存储为中心的计算机：体系结构、电路与编译器。",
            "how_to_apply_en": "Send a CV, transcripts and a page on the problems you want to work on.",
            "how_to_apply_zh_hans": "请发送简历、成绩单与一页研究兴趣陈述。",
        },
    )
    if opening.deadline is None or opening.deadline < timezone.localdate():  # open for three months more
        Opening.objects.filter(pk=opening.pk).update(deadline=timezone.localdate() + timedelta(days=90))
    opening.supervisors.set([people["li-jiang"], people["zhuoran-song"]])
