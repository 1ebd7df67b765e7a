"""Small clients for the remote sources we read; each base URL is a setting so tests can replay."""

from urllib.parse import quote

import requests
from django.conf import settings

from portal import jsonlimits

from .importers import ImportFailed


class RemoteUnavailable(Exception):
    """The source did not answer, or answered with a server error or a rate limit: worth retrying."""


class RemoteClient:
    name = ""
    base_setting = ""

    def __init__(self, base_url: str = "", session: requests.Session | None = None):
        self.base_url = (base_url or getattr(settings, self.base_setting)).rstrip("/")
        self.session = session or requests.Session()
        contact = settings.REMOTE_CONTACT_EMAIL
        self.session.headers["User-Agent"] = f"lab-portal/1.0{f' (mailto:{contact})' if contact else ''}"

    def params(self) -> dict:
        return {}

    def get(self, path: str, params: dict | None = None) -> dict:
        text = self.get_text(path, params)
        try:
            data = jsonlimits.loads(text)
        except ValueError:
            raise ImportFailed(
                [("", f"{self.name} answered {path} with something that is not JSON")]
            ) from None
        if not isinstance(data, dict):
            raise ImportFailed([("", f"{self.name} answered {path} with JSON that is not an object")])
        return data

    def get_text(self, path: str, params: dict | None = None) -> str:
        url = f"{self.base_url}{path}"
        try:
            response = self.session.get(
                url, params={**self.params(), **(params or {})}, timeout=settings.REMOTE_TIMEOUT_SECONDS
            )
        except requests.RequestException as error:
            raise RemoteUnavailable(f"{self.name} did not answer: {error.__class__.__name__}") from error
        if response.status_code == 404:
            raise ImportFailed([("", f"{self.name} has no record at {path}")])
        if response.status_code == 429 or response.status_code >= 500:
            raise RemoteUnavailable(f"{self.name} answered {response.status_code} for {path}")
        if response.status_code != 200:
            raise ImportFailed([("", f"{self.name} refused {path}: HTTP {response.status_code}")])
        response.encoding = response.encoding or "utf-8"
        return response.text


class OpenAlexClient(RemoteClient):
    """https://docs.openalex.org: works by DOI, by author (cursor paging) and by id, politely."""

    name = "OpenAlex"
    base_setting = "OPENALEX_URL"
    PAGE = 200
    BATCH = 50  # ids per filter: OpenAlex accepts up to 100 values joined with |

    def params(self) -> dict:
        return {"mailto": settings.REMOTE_CONTACT_EMAIL} if settings.REMOTE_CONTACT_EMAIL else {}

    def work_by_doi(self, doi: str) -> dict:
        return self.get(f"/works/doi:{quote(doi, safe='/')}")

    def works_by_author(self, author_id: str):
        """Every work of an author, following `meta.next_cursor` until the last page."""
        cursor = "*"
        while cursor:
            page = self.get(
                "/works", {"filter": f"author.id:{author_id}", "per-page": self.PAGE, "cursor": cursor}
            )
            results = page.get("results") or []
            yield from results
            cursor = (page.get("meta") or {}).get("next_cursor") if results else None

    def works_by_ids(self, openalex_ids=(), dois=()) -> list[dict]:
        """Works for up to BATCH OpenAlex ids and BATCH DOIs (two requests at most)."""
        works = []
        for key, values in (("openalex", openalex_ids), ("doi", dois)):
            if values:
                page = self.get(
                    "/works", {"filter": f"{key}:{'|'.join(values)}", "per-page": self.BATCH,
                               "select": "id,doi,cited_by_count,counts_by_year"},
                )  # fmt: skip
                works += page.get("results") or []
        return works


class CrossrefClient(RemoteClient):
    """https://api.crossref.org/works/{doi}."""

    name = "Crossref"
    base_setting = "CROSSREF_URL"

    def params(self) -> dict:
        return {"mailto": settings.REMOTE_CONTACT_EMAIL} if settings.REMOTE_CONTACT_EMAIL else {}

    def work_by_doi(self, doi: str) -> dict:
        return self.get(f"/works/{quote(doi, safe='/')}")


class DblpClient(RemoteClient):
    """https://dblp.org/pid/<pid>.xml: a person's whole record, every paper with its DBLP key."""

    name = "DBLP"
    base_setting = "DBLP_URL"

    def person_xml(self, pid: str) -> str:
        return self.get_text(f"/pid/{quote(pid.strip(), safe='/')}.xml")
