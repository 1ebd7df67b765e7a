"""DBLP: a person's record by DBLP person id (command, admin, job) and DBLP XML files, replayed from a
recorded answer (tests/data/dblp) on a loopback server."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from jobs.models import ImportJob, JobKind, JobState
from jobs.tasks import run_import_job
from publications.importers import ImportFailed, guess_format, import_publications
from publications.models import Publication
from tests.people.factories import PersonFactory
from tests.replay import DATA, DBLP_PERSON, RECORDED, ReplayServer

pytestmark = pytest.mark.django_db

RECORD = (DATA / "dblp" / "person-00-0001.xml").read_text(encoding="utf-8")


@pytest.fixture
def venues():
    call_command("load_ccf_venues", verbosity=0)


@pytest.fixture
def replay(settings):
    with ReplayServer(RECORDED) as server:
        settings.DBLP_URL = server.url
        yield server


def test_a_dblp_record_imports_with_venues_and_ranks_from_dblp_keys(venues):
    assert guess_format(RECORD) == "dblp"

    report = import_publications(RECORD, "dblp")

    assert report.counts == {"created": 4, "updated": 0, "unchanged": 0, "skipped": 2, "refused": 0}
    by_key = {p.doi.rsplit(".", 1)[1]: p for p in Publication.objects.all()}
    assert (by_key["11"].venue.dblp_key, by_key["11"].ccf_rank, by_key["11"].kind) == (
        "conf/isca",
        "A",
        "conference",
    )
    tcad = by_key["12"]
    assert (tcad.venue.acronym, tcad.kind, tcad.volume, tcad.issue, tcad.pages) == (
        "TCAD",
        "journal",
        "42",
        "5",
        "1500-1512",
    )
    assert tcad.title_en == "A Replayed Journal Paper on Processing-in-Memory", (
        "markup read through, full stop off"
    )
    assert by_key["13"].venue.acronym == "DAC" and by_key["14"].venue.acronym == "MICRO"
    assert by_key["11"].arxiv_id == "2401.00011", "the CoRR preprint is the ISCA paper's arXiv version"
    assert by_key["14"].arxiv_id == "2208.00014", "from an arxiv.org link among the ee"
    names = list(by_key["11"].authorships.values_list("name", flat=True))
    assert names == ["Mei Lin", "Rui Zhao", "Wei Wang"], "DBLP's homonym number is not part of the name"
    assert by_key["13"].authorships.first().name == "Zoltán Kovács"
    reasons = {row.place.split()[1]: row.reason for row in report.rows if row.action == "skipped"}
    assert reasons["5"] == "an edited volume, not a paper" and "arXiv id 2401.00011" in reasons["2"]
    again = import_publications(RECORD, "dblp")
    assert again.counts["unchanged"] == 4 and again.counts["created"] == again.counts["updated"] == 0


def test_the_command_fetches_a_person_by_dblp_id_and_keeps_their_ids(replay, venues, capsys):
    mei = PersonFactory(slug="mei-lin", name_en="Mei Lin")
    rui = PersonFactory(slug="rui-zhao", name_en="Rui Zhao")
    wang = PersonFactory(slug="wei-wang", name_en="Wei Wang", dblp="99/9999")

    call_command("import_publications", DBLP_PERSON, "--format", "dblp", "--owner", "mei-lin")

    assert replay.requests == [f"/pid/{DBLP_PERSON}.xml"]
    assert Publication.objects.for_person(mei).count() == 4
    mei.refresh_from_db(), rui.refresh_from_db(), wang.refresh_from_db()
    assert (mei.dblp, rui.dblp) == ("00/0001", "00/0002"), "authors' DBLP ids kept on the members"
    assert wang.dblp == "99/9999", "an id a member has is never replaced"
    out = capsys.readouterr().out
    assert "mei-lin: DBLP person id 00/0001 recorded" in out and "4 created" in out


def test_a_member_known_by_dblp_id_is_linked_whatever_the_name(replay, venues):
    zhao = PersonFactory(slug="r-zhao", name_en="Zhao Rui", dblp="00/0002")
    import_publications(RECORD, "dblp")
    assert Publication.objects.for_person(zhao).count() == 3


def test_an_unknown_dblp_id_is_a_clear_error(replay):
    with pytest.raises(CommandError, match="DBLP has no record at /pid/00/9999.xml"):
        call_command("import_publications", "00/9999", "--format", "dblp")
    assert Publication.objects.count() == 0


def test_the_admin_fetches_a_dblp_person_as_a_job(replay, venues, staff_client):
    conf = run_import_job.app.conf
    before, conf.task_always_eager = conf.task_always_eager, True
    try:
        url = reverse("admin:jobs_importjob_fetch")
        refused = staff_client.post(url, {"kind": "dblp_person", "identifier": "not an id"})
        assert "A DBLP person id looks like" in refused.content.decode() and not ImportJob.objects.exists()
        staff_client.post(
            url, {"kind": "dblp_person", "identifier": f"https://dblp.org/pid/{DBLP_PERSON}.html"}
        )
    finally:
        conf.task_always_eager = before
    job = ImportJob.objects.get()
    assert (job.kind, job.source, job.format) == (JobKind.DBLP_PERSON, DBLP_PERSON, "dblp")
    if job.state != JobState.SUCCEEDED:  # queued on a broker: run it here
        run_import_job.apply(args=[job.pk], throw=False)
        job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.error
    assert job.report["counts"]["created"] == 4 and Publication.objects.count() == 4


@pytest.mark.parametrize(
    "text, message",
    [
        ("<dblpperson><r><article key='x'>", "line 1, column"),
        ("<html><body>not dblp</body></html>", "not DBLP XML"),
        (
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><dblp>&b;</dblp>',
            "declares what this portal does not read",
        ),
    ],
)
def test_bad_dblp_xml_is_refused_with_where_and_why(text, message):
    with pytest.raises(ImportFailed) as error:
        import_publications(text, "dblp")
    assert message in str(error.value.problems)
    assert Publication.objects.count() == 0
