"""A production-shaped trial on loopback: nginx in front of two gunicorn application servers sharing
PostgreSQL and Redis, a Celery worker and beat, all from this checkout (run by `deploy/trial`).

    deploy/trial                 start everything on the demo lab and wait (Ctrl-C stops it all)
    deploy/trial --check         start, check what production relies on, stop; exit 1 if anything fails

The checks: static files and uploads come from nginx with year-long cache lifetimes (Brotli and gzip for
static files); a login made through one application server holds on the other, an admin edit made
through one is on the visitors' (cached) pages of the other at once, and an anonymous client's API
requests are throttled by one count across both; the worker answers and beat runs; and with 16 clients
loading pages through nginx for `--seconds` (wrk), one application server killed halfway through is
taken out of rotation without one failed request: every request it had not begun to answer is retried on
the other. A response the killed server was already sending when the SIGKILL landed cannot be retried by
any proxy (its first bytes are with the client), so at most one cut response per worker of the killed
server is allowed (a read error in wrk's count), and nothing else: no error status, no refused connection.

The database is `TRIAL_DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/portal_trial, made
afresh), the cache and broker Redis databases 14 and 15 on 127.0.0.1:6379 (emptied first)."""

import argparse
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 2  # gunicorn workers per application server
sys.path.insert(0, str(ROOT))

from devtools.scratch import free_port, run_on_server, wait_for_port  # noqa: E402

PYTHON = sys.executable
DEMO_USER, DEMO_PASSWORD = "demo", "demo-portal-2025"
API_RATE = 40
HSTS = 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;'
BROTLI_MODULES = ["ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so"]


class Trial:
    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.port = port
        self.app_ports = [free_port(), free_port()]
        self.processes: dict[str, subprocess.Popen] = {}
        database = os.environ.get("TRIAL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_trial")
        self.env = {
            **os.environ,
            "DATABASE_URL": database,
            "CACHE_URL": "redis://127.0.0.1:6379/14",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/15",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PROXY_COUNT": "1",
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            "SERVE_MEDIA": "false",
            "PORTAL_DEMO": "true",
            "LOG_FORMAT": "json",
            "API_ANON_RATE": f"{API_RATE}/minute",  # low, to see one count kept for all servers
        }
        for name in ("MEDIA_STORAGE", "SECURE"):
            self.env.pop(name, None)

    # --- setting up ------------------------------------------------------------------------------

    def manage(self, *args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True)

    def prepare(self):
        url = self.env["DATABASE_URL"]
        name = urlsplit(url).path.lstrip("/")
        run_on_server(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        run_on_server(url, f'CREATE DATABASE "{name}"')
        import redis

        for number in (14, 15):
            redis.Redis(host="127.0.0.1", port=6379, db=number).flushdb()
        self.manage("migrate", "--noinput")
        self.manage("load_demo")
        self.manage("collectstatic", "--noinput")
        self.write_nginx_config()

    def write_nginx_config(self, secure: bool = False):
        for sub in ("tmp", "logs"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        site = (ROOT / "deploy" / "nginx" / "portal.conf").read_text()
        values = {
            "@UPSTREAMS@": "\n    ".join(
                f"server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in self.app_ports
            ),
            "@LISTEN@": f"127.0.0.1:{self.port}",
            "@SERVER_NAME@": "localhost",
            "@STATIC_ROOT@": f"{self.folder / 'static'}/",
            "@MEDIA_ROOT@": f"{self.folder / 'media'}/",
            "@LOG_DIR@": f"{self.folder / 'logs'}/",
            "@HSTS@": HSTS if secure else "",
        }
        lines = []
        for line in site.splitlines():
            if not line.lstrip().startswith("#"):  # the header explains the names: left as it is
                for name, value in values.items():
                    line = line.replace(name, value)
            lines.append(line)
        site = "\n".join(lines) + "\n"
        (self.folder / "portal.conf").write_text(site)
        modules = "\n".join(
            f"load_module /usr/lib/nginx/modules/{module};"
            for module in BROTLI_MODULES
            if Path("/usr/lib/nginx/modules", module).exists()
        )
        if not modules:  # without Debian's Brotli modules, gzip only
            site = re.sub(r"^\s*brotli.*?;\n", "", site, flags=re.M | re.S)
            (self.folder / "portal.conf").write_text(site)
        temp = self.folder / "tmp"
        (self.folder / "nginx.conf").write_text(
            f"""{modules}
worker_processes 2;
pid {self.folder / "nginx.pid"};
error_log {self.folder / "logs" / "error.log"} warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.folder / "portal.conf"};
}}
"""
        )

    # --- running ---------------------------------------------------------------------------------

    def start(self, name, command, port=None):
        log = (self.folder / "logs" / f"{name}.log").open("w")
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes[name] = process
        if port:
            wait_for_port(port, process, seconds=60)

    def start_all(self):
        for index, port in enumerate(self.app_ports, start=1):
            self.start(f"web{index}", [PYTHON, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}",
                                        "-w", str(WORKERS), "--timeout", "60"], port)  # fmt: skip
        self.start("worker", [PYTHON, "-m", "celery", "-A", "portal", "worker", "-l", "INFO", "-c", "1"])
        self.start("beat", [PYTHON, "-m", "celery", "-A", "portal", "beat", "-l", "INFO", "-S",
                            "django_celery_beat.schedulers:DatabaseScheduler",
                            "--schedule", str(self.folder / "beat-schedule")])  # fmt: skip
        self.start(
            "nginx", ["nginx", "-c", str(self.folder / "nginx.conf"), "-p", str(self.folder)], self.port
        )

    def kill(self, name):
        """Kill a process and its children at once (SIGKILL: no graceful goodbye)."""
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes[name].wait(timeout=20)

    def stop_all(self):
        for process in self.processes.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    # --- checking ----------------------------------------------------------------------------------

    def url(self, path, port=None):
        return f"http://127.0.0.1:{port or self.port}{path}"

    def check(self, seconds: int) -> list[tuple[str, bool, str]]:
        import requests

        results = []

        def record(name, ok, detail=""):
            results.append((name, bool(ok), detail))
            print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)

        # static files: from nginx, compressed, cached for a year
        manifest = json.loads((self.folder / "static" / "staticfiles.json").read_text())["paths"]
        css = manifest["css/site.css"]
        for encoding in ("br", "gzip"):
            response = requests.get(self.url(f"/static/{css}"), headers={"Accept-Encoding": encoding})
            record(
                f"static file from nginx ({encoding})",
                response.status_code == 200 and response.headers.get("Content-Encoding") == encoding
                and response.headers.get("X-Served-By") == "nginx"
                and "max-age=31536000" in response.headers.get("Cache-Control", ""),
                f"{response.status_code} {response.headers.get('Content-Encoding')} "
                f"{response.headers.get('Cache-Control')}",
            )  # fmt: skip

        # uploads and their variants: from nginx, immutable
        portrait = next((self.folder / "media" / "people").glob("*.png"))
        variant = next((self.folder / "media" / "variants").rglob("*.webp"))
        for path, kind in ((portrait, "image/png"), (variant, "image/webp")):
            relative = path.relative_to(self.folder / "media")
            response = requests.get(self.url(f"/media/{relative}"))
            record(
                f"upload from nginx ({kind})",
                response.status_code == 200 and response.headers.get("Content-Type") == kind
                and response.headers.get("X-Served-By") == "nginx"
                and "immutable" in response.headers.get("Cache-Control", ""),
                f"{response.status_code} {response.headers.get('Cache-Control')}",
            )  # fmt: skip

        # the application behind nginx, with the request id nginx made
        ready = requests.get(self.url("/readyz"))
        record("/readyz through nginx", ready.status_code == 200, ready.text)
        home = requests.get(self.url("/en/"))
        record(
            "a page through nginx",
            home.status_code == 200 and len(home.headers.get("X-Request-ID", "")) == 32,
        )

        # a login through one server holds on the other; an edit through one shows on the other
        first, second = self.app_ports
        session = requests.Session()
        session.get(self.url("/admin/login/", first))
        login = session.post(
            self.url("/admin/login/?next=/admin/", first),
            data={"username": DEMO_USER, "password": DEMO_PASSWORD,
                  "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": self.url("/admin/login/", first)}, allow_redirects=False,
        )  # fmt: skip
        other = session.get(self.url("/admin/", second), allow_redirects=False)
        record(
            "a login on one server holds on the other",
            login.status_code == 302 and other.status_code == 200,
            f"login {login.status_code}, other server {other.status_code}",
        )

        for _ in range(2):  # the visitors' page, cached on the second server
            before = requests.get(self.url("/en/", second))
        marker = f"Trial edit {secrets.token_hex(4)}"
        edit = self.admin_edit(session, first, marker)
        after = requests.get(self.url("/en/", second))
        record(
            "an admin edit through one server shows on the other's cached page",
            before.headers.get("X-Page-Cache") == "hit" and edit == 302 and marker in after.text,
            f"edit answered {edit}",
        )

        # throttling counts a client's API requests on every server together
        statuses = [
            requests.get(self.url("/api/v1/publications/?page_size=1", port)).status_code
            for port in (first,) * 25 + (second,) * 25
        ]
        record(
            f"an anonymous client's {API_RATE} API requests a minute are counted across servers",
            statuses[:API_RATE] == [200] * API_RATE and set(statuses[API_RATE:]) == {429},
            f"{statuses.count(200)} answered, then {statuses.count(429)} refused",
        )

        # the worker answers, beat runs
        ping = subprocess.run([PYTHON, "-m", "celery", "-A", "portal", "inspect", "ping", "-t", "10"],
                              cwd=ROOT, env=self.env, capture_output=True, text=True)  # fmt: skip
        record(
            "the worker answers", ping.returncode == 0 and "pong" in ping.stdout, ping.stdout.strip()[-80:]
        )
        record("beat runs", self.processes["beat"].poll() is None)

        # load through nginx; one application server killed halfway
        wrk = subprocess.Popen(
            ["wrk", "-t", "2", "-c", "16", "-d", f"{seconds}s", "--latency", self.url("/en/")],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(seconds / 2)
        self.kill("web1")
        output, _ = wrk.communicate(timeout=seconds + 60)
        print(output, flush=True)
        requests_done = re.search(r"(\d+) requests in", output)
        failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        errors = re.search(r"Socket errors: (.*)", output)
        counts = dict(re.findall(r"(\w+) (\d+)", errors.group(1))) if errors else {}
        cut = int(counts.get("read", 0))
        others = sum(int(n) for kind, n in counts.items() if kind != "read")
        answered = requests_done and int(requests_done.group(1)) > 0
        record(
            "a killed application server leaves no failed request (16 clients)",
            answered and not failed and not others and cut <= WORKERS,
            f"{requests_done.group(1) if requests_done else 0} requests, "
            f"{failed.group(1) if failed else 0} failed, "
            f"socket errors: {errors.group(1) if errors else 'none'}"
            + (f" ({cut} response(s) cut mid-body by the kill, at most {WORKERS} can be)" if cut else ""),
        )
        served_by = upstream_counts(self.folder / "logs" / "access.log")
        record("both servers served before the kill", len(served_by) >= 2, str(dict(served_by)))
        return results

    def admin_edit(self, session, port, marker) -> int:
        """Change the lab's English tagline through the admin's own form, as a browser would."""
        from bs4 import BeautifulSoup

        page = session.get(self.url("/admin/portal/lab/", port))
        link = BeautifulSoup(page.text, "html.parser").select_one("#result_list tbody a")
        change = self.url(link["href"], port)
        form = BeautifulSoup(session.get(change).text, "html.parser").select_one("form#lab_form")
        data = []
        for field in form.select("input[name], textarea[name], select[name]"):
            name = field["name"]
            if field.name == "textarea":
                data.append((name, field.text.removeprefix("\n")))
            elif field.name == "select":
                data += [(name, option.get("value", "")) for option in field.select("option[selected]")]
            elif field.get("type") in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data.append((name, field.get("value", "on")))
            elif field.get("type") not in ("file", "submit"):
                data.append((name, field.get("value", "")))
        data = [(name, marker if name == "tagline_en" else value) for name, value in data]
        response = session.post(change, data=data, headers={"Referer": change}, allow_redirects=False)
        return response.status_code


def upstream_counts(log: Path):
    """How many proxied requests each application server answered, from nginx's access log."""
    from collections import Counter

    counts = Counter()
    for line in log.read_text().splitlines():
        match = re.search(r" (127\.0\.0\.1:\d+)(?:, [^ ]+)? (\d{3})", line)
        if match:
            counts[match.group(1)] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="check, then stop everything")
    parser.add_argument("--seconds", type=int, default=30, help="how long wrk loads the site (--check)")
    parser.add_argument("--port", type=int, default=0, help="nginx's port (default: a free one)")
    parser.add_argument("--folder", type=Path, default=None, help="where the trial keeps its files")
    options = parser.parse_args()
    folder = options.folder or Path(tempfile.mkdtemp(prefix="portal-trial-"))
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)  # nginx's workers (www-data, nobody) read static files and uploads from it
    trial = Trial(folder.resolve(), options.port or free_port())
    print(f"setting up in {trial.folder} (database, demo lab, static files, nginx config)", flush=True)
    trial.prepare()
    try:
        trial.start_all()
        print(f"nginx on {trial.url('/')} in front of 127.0.0.1:{trial.app_ports[0]} and "
              f"127.0.0.1:{trial.app_ports[1]}; worker and beat running; logs in {trial.folder / 'logs'}",
              flush=True)  # fmt: skip
        if options.check:
            results = trial.check(options.seconds)
            failed = [name for name, ok, _detail in results if not ok]
            print(f"{len(results) - len(failed)} of {len(results)} checks passed", flush=True)
            return 1 if failed else 0
        print("Ctrl-C stops everything", flush=True)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
        return 0
    finally:
        trial.stop_all()


if __name__ == "__main__":
    sys.exit(main())
