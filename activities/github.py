"""Figures of the lab's repositories from GitHub's REST API (stars, forks, licence, language and the
latest release), for the nightly refresh. The API's address is a setting (GITHUB_API_URL) so tests
replay recorded answers; GITHUB_TOKEN, when set, raises GitHub's rate limit from 60 to 5,000 an hour."""

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from portal.imports import ImportFailed
from publications.remote import RemoteClient, RemoteUnavailable

from .models import Software


class GitHubClient(RemoteClient):
    name = "GitHub"
    base_setting = "GITHUB_API_URL"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.session.headers["Accept"] = "application/vnd.github+json"
        if settings.GITHUB_TOKEN:
            self.session.headers["Authorization"] = f"Bearer {settings.GITHUB_TOKEN}"

    def repository(self, name: str) -> dict:
        return self.get(f"/repos/{name}")

    def latest_release(self, name: str) -> dict | None:
        """The latest release, or None for a repository that has made none (GitHub answers 404)."""
        try:
            return self.get(f"/repos/{name}/releases/latest")
        except ImportFailed as error:
            if any("has no record" in message for _place, message in error.problems):
                return None
            raise


def count(data: dict, key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ImportFailed([("", f"GitHub's answer has no number for {key}")])
    return value


def figures_of(client: GitHubClient, name: str) -> dict:
    """The fields of a Software row from GitHub's answers for `name` ("owner/repo")."""
    data = client.repository(name)
    values = {"stars": count(data, "stargazers_count"), "forks": count(data, "forks_count")}
    licence = data.get("license") if isinstance(data.get("license"), dict) else {}
    if isinstance(licence.get("spdx_id"), str) and licence["spdx_id"] not in ("", "NOASSERTION"):
        values["licence"] = licence["spdx_id"][:100]
    if isinstance(data.get("language"), str):
        values["language"] = data["language"][:50]
    release = client.latest_release(name)
    if release is not None:
        tag = release.get("tag_name") or release.get("name")
        published = (
            parse_datetime(str(release.get("published_at") or "")) if release.get("published_at") else None
        )
        if isinstance(tag, str) and tag:
            values["last_release"] = tag[:100]
            values["last_release_on"] = published.date() if published else None
    return values


def refresh_software(client: GitHubClient | None = None) -> dict:
    """Refresh every GitHub repository's figures. A repository GitHub does not answer for (gone,
    private, a rate limit, a broken answer) keeps its last figures and records why; licence and
    language are filled only where the lab left them empty."""
    client = client or GitHubClient()
    refreshed, failed, now = 0, [], timezone.now()
    for item in Software.objects.exclude(repository="").order_by("pk"):
        name = item.github_name
        if not name:
            continue
        try:
            values = figures_of(client, name)
        except (ImportFailed, RemoteUnavailable) as error:
            problem = error.problems[0][1] if isinstance(error, ImportFailed) else str(error)
            failed.append(f"{name}: {problem}")
            Software.objects.filter(pk=item.pk).update(figures_problem=problem[:300], figures_checked_at=now)
            continue
        for field in ("licence", "language"):
            if getattr(item, field) and field in values:
                values.pop(field)  # what the lab wrote stays
        update = {**values, "figures_checked_at": now, "figures_problem": ""}
        if "last_release" not in values:
            update.pop("last_release_on", None)
        Software.objects.filter(pk=item.pk).update(**update)
        refreshed += 1
    return {"refreshed": refreshed, "failed": failed, "checked_at": now.isoformat()}
