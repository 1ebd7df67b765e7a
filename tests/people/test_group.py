"""The group as labs keep it: rosters with history, supervision, alumni, honours and news."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.imports import run_import
from jobs.models import ImportJob, JobState
from news.importers import import_news
from news.models import NewsItem
from people.honors import import_honors
from people.models import Honor, Membership, Person, Supervision
from people.roster import import_roster
from people.services import roster_counts
from portal.imports import ImportFailed
from publications.models import Award
from tests.api.conftest import api, staff_api  # noqa: F401 (fixtures shared with the API tests)
from tests.news.factories import NewsItemFactory
from tests.people.factories import MembershipFactory, PersonFactory
from tests.publications.factories import AuthorshipFactory, PublicationFactory, VenueFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data" / "group"


def read(name):
    return (DATA / name).read_text(encoding="utf-8")


@pytest.fixture
def supervisor():
    return PersonFactory(slug="zhuoran-song", name_en="Zhuoran Song", name_zh_hans="宋卓然", role="faculty")


def stints_of(slug):
    return list(Membership.objects.filter(person__slug=slug).order_by("start_on", "end_on"))


# -- roster imports ---------------------------------------------------------------------------------
def test_an_english_roster_imports_into_the_stints_it_describes(supervisor):
    heng = PersonFactory(slug="heng-lu", name_en="Heng Lu", name_zh_hans=None, role="master")
    MembershipFactory(person=heng, role="master", start_on=datetime.date(2020, 9, 1))
    report = import_roster(read("roster-en.md"), supervisor=supervisor)
    assert report.counts["refused"] == 0
    # Xueyuan Liu is listed twice: one person, two stints
    assert Person.objects.filter(name_en="Xueyuan Liu").count() == 1
    phd, left = sorted(stints_of("xueyuan-liu"), key=lambda s: s.end_on is None)[::-1]
    assert (phd.role, phd.start_on, phd.end_on) == ("phd", datetime.date(2023, 1, 1), None)
    assert [(s.supervisor.slug, s.is_main) for s in phd.supervisions.all()] == [("zhuoran-song", False)]
    assert (left.end_on, left.end_precision, left.destination_en) == (
        datetime.date(2023, 12, 31),
        "year",
        "SJTU",
    )
    houshu = stints_of("houshu-he")[0]
    assert [(s.supervisor.slug, s.is_main) for s in houshu.supervisions.all()] == [("zhuoran-song", True)]
    chen = stints_of("yuhan-chen")[0]
    assert (chen.destination_en, chen.destination_url) == ("A cloud company", "https://example.com/cloud")
    # Heng Lu was a current master's student: the alumni line ends that stint
    heng = stints_of("heng-lu")
    assert len(heng) == 1 and heng[0].end_on.year == 2023 and heng[0].role == "master"
    person = Person.objects.get(slug="xueyuan-liu")
    assert (person.role, person.left_on, person.is_alumnus) == ("phd", None, False)
    assert Person.objects.get(slug="qian-xu").is_alumnus


def test_importing_a_roster_again_changes_nothing(supervisor):
    import_roster(read("roster-en.md"), supervisor=supervisor)
    before = (
        list(Membership.objects.values().order_by("pk")),
        list(Supervision.objects.values().order_by("pk")),
    )
    people = Person.objects.count()
    report = import_roster(read("roster-en.md"), supervisor=supervisor)
    assert report.counts["created"] == report.counts["updated"] == 0
    assert report.counts["unchanged"] == 9
    assert (
        list(Membership.objects.values().order_by("pk")),
        list(Supervision.objects.values().order_by("pk")),
    ) == before
    assert Person.objects.count() == people


def test_a_chinese_roster_matches_chinese_names_and_reads_chinese_headings():
    PersonFactory(slug="zongwu-wang", name_en="Zongwu Wang", name_zh_hans=None)
    report = import_roster(read("roster-zh.md"))
    assert report.counts == {"created": 4, "updated": 0, "unchanged": 0, "skipped": 0, "refused": 0} or (
        report.counts["created"] == 5
    )
    assert any(m["person"] == "zongwu-wang" for m in report.matches)  # 王宗武 by its pinyin
    zhou = Person.objects.get(name_zh_hans="周文杰")
    assert zhou.slug == "wenjie-zhou"
    stint = zhou.memberships.get()
    assert (stint.role, stint.end_on.year, stint.destination_zh_hans) == ("master", 2022, "华为")
    sun = Person.objects.get(name_zh_hans="孙悦").memberships.get()
    assert (sun.start_on.year, sun.end_on.year, sun.destination_zh_hans) == (2019, 2022, "上海交通大学")
    liu = Person.objects.get(name_zh_hans="刘一鸣").memberships.get()
    assert (liu.start_on, liu.start_precision) == (datetime.date(2024, 9, 1), "month")
    # "指导" without a supervisor named: a warning, nothing invented
    assert any("by whom" in w["message"] for w in report.warnings)
    assert not Supervision.objects.exists()


def test_nested_alumni_headings_give_role_degree_and_destination_and_a_bad_line_is_refused():
    import_roster(read("roster-nested.md"))
    li = Person.objects.get(slug="dongyue-li").memberships.get()
    assert (li.role, li.degree, li.destination_en, li.start_on.year, li.end_on.year) == (
        "phd", "doctorate", "A faculty post at a university", 2019, 2024,
    )  # fmt: skip
    wu = Person.objects.get(slug="feiyang-wu").memberships.get()
    assert (wu.role, wu.degree, wu.destination_url) == ("master", "master", "https://example.org/cloud")
    assert Person.objects.get(slug="zhuoran-song").homepage == "https://example.org/zhuoran"
    assert Person.objects.get(slug="anna-berg").memberships.get().role == "visitor"
    assert Person.objects.get(slug="lin-wei").role == "postdoc"


def test_a_roster_line_that_cannot_be_read_is_refused_and_strict_imports_nothing():
    text = "## Alumni\n* Good Person (2020)\n* Bad Person\n## Master\n* Odd One (2025-2019)\n"
    report = import_roster(text)
    refused = {row.place: row.reason for row in report.rows if row.action == "refused"}
    assert set(refused) == {"line 5"} and "ends before it starts" in refused["line 5"]
    assert Person.objects.filter(name_en="Good Person").exists()
    Person.objects.all().delete()
    with pytest.raises(ImportFailed) as failed:
        import_roster(text, strict=True)
    assert [place for place, _message in failed.value.problems] == ["line 5"]
    assert not Person.objects.exists()


def test_an_alumnus_listed_without_a_year_is_kept_as_having_left_and_again_changes_nothing():
    """The year someone left is a secondary fact: an alumni list without years (a real lab's
    `<li>Feyza Akyürek (PhD, BU)</li>`) costs nobody, and says so."""
    text = "## Alumni\n<ul>\n<li>Feyza Aky&uuml;rek (PhD, BU)</li>\n<li>Yuka Machino (SB)</li>\n</ul>\n"
    report = import_roster(text)
    assert report.counts["created"] == 2 and not report.counts["refused"]
    assert any("without the year they left" in warning["message"] for warning in report.warnings)
    feyza = Person.objects.get(name_en="Feyza Akyürek").memberships.get()
    assert (feyza.role, feyza.degree, feyza.destination_en) == ("phd", "doctorate", "BU")
    assert feyza.end_precision == "none" and feyza.end_on is not None
    assert Person.objects.get(name_en="Yuka Machino").memberships.get().role == "undergraduate"
    again = import_roster(text)
    assert (again.counts["created"], again.counts["updated"]) == (0, 0)


def test_a_dry_run_reports_and_saves_nothing(supervisor):
    report = import_roster(read("roster-en.md"), supervisor=supervisor, dry_run=True)
    assert report.counts["created"] == 9 and report.dry_run
    assert Person.objects.count() == 1 and not Membership.objects.exists()


def test_a_name_two_people_share_is_refused_with_both_named():
    PersonFactory(slug="wei-zhang-1", name_en="Wei Zhang")
    PersonFactory(slug="wei-zhang-2", name_en="Wei Zhang")
    report = import_roster("## PhD\n* Wei Zhang (2024-)\n")
    (row,) = report.rows
    assert row.action == "refused" and "wei-zhang-1" in row.reason and "wei-zhang-2" in row.reason


def test_roster_counts_per_role_and_year():
    MembershipFactory(role="phd", start_on=datetime.date(2020, 9, 1), end_on=datetime.date(2024, 6, 30))
    MembershipFactory(role="phd", start_on=datetime.date(2024, 9, 1))
    MembershipFactory(role="master", start_on=datetime.date(2024, 9, 1))
    counts = roster_counts()
    assert counts["members"] == {"phd": 1, "master": 1}
    assert counts["joined"][2024] == {"phd": 1, "master": 1}
    assert counts["left"] == {2024: {"phd": 1}}
    assert roster_counts(2022)["members"] == {"phd": 1}


# -- the data migration -------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_persons_role_dates_and_position():
    executor = MigrationExecutor(connection)
    old = [("people", "0002_memberships_supervision_honours")]
    executor.migrate(old)
    apps = executor.loader.project_state(old).apps
    OldPerson = apps.get_model("people", "Person")
    OldPerson.objects.create(
        slug="alumna", name="A", name_en="Alumna", role="master", joined_on=datetime.date(2019, 9, 1),
        left_on=datetime.date(2022, 6, 30), current_position="Engineer at a company",
        current_position_en="Engineer at a company", current_position_zh_hans="某公司工程师",
    )  # fmt: skip
    OldPerson.objects.create(slug="pi", name="P", name_en="P", role="pi", joined_on=datetime.date(2014, 9, 1))
    OldPerson.objects.create(slug="undated", name="U", name_en="U", role="visitor")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    alumna = Person.objects.get(slug="alumna")
    stint = alumna.memberships.get()
    assert (stint.role, stint.start_on, stint.end_on) == (
        "master",
        datetime.date(2019, 9, 1),
        datetime.date(2022, 6, 30),
    )
    assert (stint.destination_en, stint.destination_zh_hans) == ("Engineer at a company", "某公司工程师")
    assert not alumna.update_from_memberships()  # the derived role and dates are what they were
    assert (alumna.role, alumna.joined_on, alumna.left_on) == (
        "master",
        datetime.date(2019, 9, 1),
        datetime.date(2022, 6, 30),
    )
    pi = Person.objects.get(slug="pi")
    assert not pi.update_from_memberships() and pi.role == "pi" and pi.left_on is None
    assert Person.objects.get(slug="undated").memberships.get().role == "visitor"


# -- pages ------------------------------------------------------------------------------------------
@pytest.fixture
def roster(supervisor):
    PersonFactory(slug="heng-lu", name_en="Heng Lu", name_zh_hans="陆恒", role="master")
    import_roster(read("roster-en.md"), supervisor=supervisor)
    Membership.objects.filter(person__slug="xueyuan-liu", end_on__isnull=False).update(
        destination_zh_hans="上海交通大学"
    )
    return supervisor


def test_the_people_page_shows_members_by_role_with_years_and_supervisors_and_alumni_by_year(client, roster):
    html = client.get("/en/people/").content.decode()
    phd = html.index('id="role-phd"')
    master = html.index('id="role-master"')
    alumni = html.index('id="alumni"')
    assert phd < html.index("Mingyu Gao") < master < html.index("Wenjie Zhou") < alumni
    assert "since 2025" in html and "Co-supervised by" in html and "Supervised by" in html
    assert html.index('id="alumni-2024"') < html.index("Yuhan Chen") and html.index(
        'id="alumni-2023"'
    ) > html.index("Qian Xu")
    assert "SJTU" in html and 'href="https://example.com/cloud"' in html
    chinese = client.get("/zh-hans/people/").content.decode()
    assert "博士研究生" in chinese and "上海交通大学" in chinese and "联合指导" in chinese


def test_a_persons_page_shows_their_history_and_the_students_they_supervise(client, roster):
    html = client.get("/en/people/xueyuan-liu/").content.decode()
    assert "In the lab" in html and "PhD student, 2023–" in html and "SJTU" in html
    supervisor = client.get("/en/people/zhuoran-song/").content.decode()
    students = supervisor[supervisor.index("Students supervised") :]
    assert "Mingyu Gao" in students and "Houshu He" in students and "co-supervised" in students


def test_draft_people_stay_off_the_roster_and_supervisor_lists(client, roster):
    Person.objects.filter(slug="mingyu-gao").update(is_published=False)
    assert "Mingyu Gao" not in client.get("/en/people/").content.decode()
    assert "Mingyu Gao" not in client.get("/en/people/zhuoran-song/").content.decode()


@pytest.mark.parametrize("size", [5, 60])
def test_the_people_page_runs_a_fixed_number_of_queries(client, settings, size):
    settings.PAGE_CACHE_SECONDS = 0
    boss = PersonFactory()
    for index in range(size):
        stint = MembershipFactory(end_on=datetime.date(2024, 6, 30) if index % 3 else None)
        Supervision.objects.create(membership=stint, supervisor=boss, is_main=index % 2 == 0)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/people/").status_code == 200
    # version, lab, stints + people, their research areas, supervisions, people without stints (and
    # their areas)
    assert len(queries) == 7


# -- honours ----------------------------------------------------------------------------------------
@pytest.fixture
def best_paper(supervisor):
    venue = VenueFactory(acronym="DATE", name="Design, Automation and Test in Europe")
    paper = PublicationFactory(title_en="FusionArch: A Fusion-Based Accelerator", year=2024, venue=venue)
    AuthorshipFactory(publication=paper, person=supervisor, name="Zhuoran Song")
    Award.objects.create(publication=paper, kind="best_paper")
    return paper


def test_a_best_paper_honour_becomes_its_papers_award_and_shows_once(client, supervisor, best_paper):
    report = import_honors(read("honors-en.md"), person=supervisor)
    assert report.counts["created"] == 4 and report.counts["refused"] == 1
    honor = Honor.objects.get(year=2024, person=supervisor)
    assert (honor.title_en, honor.awarding_body_en, honor.note_en) == (
        "Best Paper Award", "DATE 2024", "1 out of 1000+ submissions",
    )  # fmt: skip
    assert best_paper.awards.get().honor == honor  # the award that was there: no second one
    page = client.get(best_paper.get_absolute_url()).content.decode()
    assert page.count('class="badge award"') == 1 and "Best Paper Award (1 out of 1000+ submissions)" in page
    person_page = client.get("/en/people/zhuoran-song/").content.decode()
    assert best_paper.get_absolute_url() in person_page and "Outstanding Reviewer Award" in person_page
    assert "IEEE TCAD" in person_page
    again = import_honors(read("honors-en.md"), person=supervisor)
    assert again.counts["created"] == again.counts["updated"] == 0 and Award.objects.count() == 1


def test_chinese_honours_keep_body_title_and_year():
    report = import_honors(read("honors-zh.md"))
    assert report.counts == {"created": 4, "updated": 0, "unchanged": 0, "skipped": 0, "refused": 0}
    star = Honor.objects.get(title_zh_hans="ACM上海新星奖")
    assert (star.year, star.awarding_body_zh_hans, star.person) == (2019, "中国图灵大会", None)
    assert Honor.objects.filter(year=2023, title_zh_hans="入选国家级青年人才计划(QB)").exists()


def test_the_honours_page_lists_lab_and_member_honours_and_hides_drafts(client, supervisor):
    Honor.objects.create(year=2024, title_en="Lab prize", person=None)
    Honor.objects.create(year=2023, title_en="Member prize", person=supervisor)
    Honor.objects.create(year=2023, title_en="Draft prize", person=None, is_published=False)
    html = client.get("/en/people/honours/").content.decode()
    assert html.index("Lab prize") < html.index("Member prize") and "Draft prize" not in html
    assert "the lab" in html


# -- news -------------------------------------------------------------------------------------------
def test_a_news_list_imports_with_links_and_again_changes_nothing(supervisor):
    paper = PublicationFactory(title_en="SRender: Boosting Neural Radiance Field Efficiency", year=2024)
    report = import_news(read("news.md"))
    assert report.counts == {"created": 5, "updated": 0, "unchanged": 0, "skipped": 1, "refused": 1}
    item = NewsItem.objects.get(date=datetime.date(2024, 7, 1))
    assert item.date_precision == "month" and item.date_label == "2024.07"
    assert list(item.publications.all()) == [paper] and list(item.people.all()) == [supervisor]
    chinese = NewsItem.objects.get(date=datetime.date(2024, 3, 1))
    assert chinese.body_zh_hans.startswith("NDPBridge") and not chinese.body_en
    assert NewsItem.objects.get(date=datetime.date(2024, 3, 27)).date_precision == "day"
    again = import_news(read("news.md"))
    assert again.counts["created"] == 0 and again.counts["unchanged"] == 5
    assert NewsItem.objects.count() == 5


def test_news_pages_feed_sitemap_and_search_hide_drafts(client):
    shown = NewsItemFactory(body_en="Our accelerator paper was accepted by MICRO.")
    draft = NewsItemFactory(body_en="A secret accelerator draft.", is_published=False)
    for url in ["/en/", "/en/news/", "/en/news/2024/", "/en/feeds/news/", "/en/search/?q=accelerator"]:
        html = client.get(url).content.decode()
        assert "accepted by MICRO" in html, url
        assert "secret" not in html, url
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    sitemap = client.get("/sitemap-news.xml").content.decode()
    assert shown.slug in sitemap and draft.slug not in sitemap
    assert client.get("/en/news/1999/").status_code == 404


def test_staff_see_draft_news(admin_client):
    draft = NewsItemFactory(body_en="A secret draft.", is_published=False)
    assert admin_client.get(draft.get_absolute_url()).status_code == 200
    assert admin_client.get("/admin/news/newsitem/").status_code == 200


def test_a_papers_page_lists_the_news_that_mention_it(client):
    paper = PublicationFactory()
    item = NewsItemFactory(body_en="Accepted!")
    item.publications.add(paper)
    NewsItemFactory(body_en="Hidden mention", is_published=False).publications.add(paper)
    html = client.get(paper.get_absolute_url()).content.decode()
    assert "In the news" in html and item.get_absolute_url() in html and "Hidden mention" not in html


@pytest.mark.parametrize("size", [3, 45])
def test_news_pages_run_a_fixed_number_of_queries(client, settings, size):
    settings.PAGE_CACHE_SECONDS = 0
    paper, person = PublicationFactory(), PersonFactory()
    for _index in range(size):
        Supervision.objects.create(membership=MembershipFactory(), supervisor=person)
        item = NewsItemFactory()
        item.publications.add(paper)
        item.people.add(person)
    counts = {}
    for url in ["/en/news/", "/en/news/2024/", "/api/v1/news/", "/api/v1/memberships/"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    # version, lab, count, items, papers, people, achievements, years (the year page: and its count; the
    # lab's profile read for the first page is kept for this content version)
    assert counts == {"/en/news/": 8, "/en/news/2024/": 7, "/api/v1/news/": 6, "/api/v1/memberships/": 4}


def test_the_news_feed_has_the_latest_items():
    NewsItemFactory(body_en="First")
    assert NewsItem.objects.public().count() == 1


# -- the one pipeline: command, admin, API ----------------------------------------------------------
def test_the_three_commands_print_their_reports(supervisor, best_paper, capsys):
    call_command("import_people", str(DATA / "roster-en.md"), "--supervisor", "zhuoran-song")
    assert (
        "roster-en.md (roster): 9 created, 0 updated, 0 unchanged, 0 skipped, 0 refused"
        in capsys.readouterr().out
    )
    with pytest.raises(CommandError, match="5 created, 0 updated, 0 unchanged, 1 skipped, 1 refused"):
        call_command("import_news", str(DATA / "news.md"))
    with pytest.raises(CommandError, match="4 created, 0 updated, 0 unchanged, 0 skipped, 1 refused"):
        call_command("import_honors", str(DATA / "honors-en.md"), "--person", "zhuoran-song")
    with pytest.raises(CommandError, match="no person with the slug"):
        call_command("import_people", str(DATA / "roster-en.md"), "--supervisor", "nobody")


def test_group_lists_import_through_the_one_door_of_every_import(supervisor):
    report = run_import(read("roster-en.md"), "roster", owner=supervisor, dry_run=True)
    assert report.format == "roster" and report.counts["created"] == 9 and not Membership.objects.exists()


def test_the_admin_previews_and_imports_a_roster(
    admin_client, supervisor, django_capture_on_commit_callbacks
):
    response = admin_client.post(
        reverse("admin:jobs_importjob_import"),
        {"text": read("roster-en.md"), "format": "roster", "owner": supervisor.pk},
    )
    assert "9 created" in response.content.decode() and not Membership.objects.exists()  # a preview
    job = ImportJob.objects.get(state=JobState.PREVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:jobs_importjob_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and Membership.objects.count() == 9
    assert Supervision.objects.filter(supervisor=supervisor).count() == 5


def test_the_api_gives_memberships_and_counts_and_staff_write_them(api, staff_api):  # noqa: F811
    stint = MembershipFactory(role="master", start_on=datetime.date(2021, 9, 1))
    data = api.get(f"/api/v1/people/{stint.person.slug}/").json()
    assert data["memberships"][0]["role"] == "master" and data["role"] == "phd"  # the factory's own
    counts = api.get("/api/v1/memberships/counts/", {"year": 2022}).json()
    assert counts["members"] == {"master": 1} and counts["members_total"] == 1
    assert api.get("/api/v1/memberships/counts/", {"year": "x"}).status_code == 400
    boss = PersonFactory()
    response = staff_api.patch(
        f"/api/v1/memberships/{stint.pk}/",
        {
            "end_on": "2024-06-30",
            "degree": "master",
            "supervisors": [{"supervisor": boss.slug, "is_main": True}],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    person = Person.objects.get(pk=stint.person_id)
    assert (person.role, person.left_on) == ("master", datetime.date(2024, 6, 30))
    assert api.get("/api/v1/memberships/", {"supervisor": boss.slug}).json()["count"] == 1
    assert api.post("/api/v1/memberships/", {"person": boss.slug, "role": "phd"}).status_code in (401, 403)


def test_the_api_imports_a_roster_checks_it_first_and_refuses_what_it_cannot_read(api, staff_api, supervisor):  # noqa: F811
    body = {"text": read("roster-en.md"), "format": "roster", "owner": supervisor.slug, "dry_run": True}
    assert api.post("/api/v1/imports/", body, format="json").status_code in (401, 403)
    checked = staff_api.post("/api/v1/imports/", body, format="json")
    assert checked.status_code == 200, checked.json()
    assert checked.json()["state"] == "preview" and checked.json()["summary"]["created"] == 9
    assert not Membership.objects.exists()
    confirmed = staff_api.post(f"/api/v1/imports/{checked.json()['id']}/confirm/")
    assert confirmed.json()["state"] == "succeeded" and Membership.objects.count() == 9
    again = staff_api.post("/api/v1/imports/", {**body, "dry_run": False}, format="json")
    assert again.status_code == 201 and again.json()["summary"]["unchanged"] == 9
    assert staff_api.post(f"/api/v1/imports/{again.json()['id']}/confirm/").status_code == 409
    broken = staff_api.post("/api/v1/imports/", {"text": "## PhD\nno items", "format": "news"}, format="json")
    assert broken.status_code == 400 and broken.json()["problems"][0]["message"].startswith("no news items")
    listed = staff_api.get("/api/v1/imports/").json()
    assert listed["count"] == 2 and api.get("/api/v1/imports/").status_code in (401, 403)


def test_news_through_the_api_refuses_ids_of_the_wrong_type(staff_api):  # noqa: F811
    body = {"date": "2024-07-01", "date_precision": "month", "body": {"en": "Accepted."}}
    for achievements in [[{}], {}, ["1"]]:
        response = staff_api.post("/api/v1/news/", {**body, "achievements": achievements}, format="json")
        assert response.status_code == 400, achievements
        assert "achievements" in response.json()
    assert staff_api.post("/api/v1/news/", body, format="json").status_code == 201


def test_a_news_slug_of_digits_alone_is_refused(staff_api):  # noqa: F811
    body = {"date": "2024-07-01", "date_precision": "month", "body": {"en": "Accepted."}, "slug": "2024"}
    response = staff_api.post("/api/v1/news/", body, format="json")
    assert response.status_code == 400 and "slug" in response.json()


def test_deleting_stints_from_the_admin_list_updates_their_people(admin_client):
    person = PersonFactory(role="phd")
    ended = MembershipFactory(
        person=person, role="master", start_on=datetime.date(2018, 9, 1), end_on=datetime.date(2020, 6, 30)
    )
    current = MembershipFactory(person=person, role="phd", start_on=datetime.date(2021, 9, 1))
    person.update_from_memberships()
    admin_client.post(
        reverse("admin:people_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [current.pk], "post": "yes"},
    )
    person.refresh_from_db()
    assert not Membership.objects.filter(pk=current.pk).exists() and ended.pk
    assert (person.role, person.left_on, person.is_alumnus) == ("master", datetime.date(2020, 6, 30), True)
