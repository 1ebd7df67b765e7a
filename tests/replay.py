"""A local HTTP server on loopback that answers with recorded responses (tests/data/), in order.

Routes are "path?query" with the query's parameters sorted and `mailto` left out; each route has a
list of (status, body-file-or-text) answers, the last of which repeats. Every request is kept in
`requests` so tests can check what a client sent (its polite `mailto`, its cursor).

An answer's body "sleep:N" answers nothing for N seconds (a source that times out). A HEAD request
is answered by the route "HEAD <path>" when one is recorded, else 501 (HEAD refused, as some servers do).
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

DATA = Path(__file__).resolve().parent / "data"


def route_key(raw_path: str) -> str:
    parts = urlsplit(raw_path)
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "mailto")
    return parts.path + (f"?{urlencode(query)}" if query else "")


class ReplayServer:
    def __init__(self, routes: dict[str, list[tuple[int, str]]]):
        self.routes = {self.key(path): list(answers) for path, answers in routes.items()}
        self.requests: list[str] = []
        self.headers: list[dict] = []  # each request's headers, in the same order
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self, key=""):
                replay.requests.append(f"{key}{self.path}")
                replay.headers.append(dict(self.headers))
                answers = replay.routes.get(key + route_key(self.path))
                if not answers:
                    status, body = (501, "") if key else (404, '{"error": "not recorded"}')
                else:
                    status, body = answers.pop(0) if len(answers) > 1 else answers[0]
                if body.startswith("sleep:"):
                    time.sleep(float(body.removeprefix("sleep:")))
                    status, body = 200, "{}"
                content_type = "application/json"
                if body.endswith((".json", ".xml")):
                    content_type = "application/json" if body.endswith(".json") else "application/xml"
                    body = (DATA / body).read_text(encoding="utf-8")
                payload = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if not key:
                    self.wfile.write(payload)

            def do_HEAD(self):
                self.do_GET(key="HEAD ")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @staticmethod
    def key(path: str) -> str:
        if path.startswith("HEAD "):
            return f"HEAD {route_key(path.removeprefix('HEAD '))}"
        return route_key(path)

    def answer(self, path: str, *answers: tuple[int, str]) -> None:
        """Record (or replace) the answers for a route ("HEAD /path" for a HEAD request's)."""
        self.routes[self.key(path)] = list(answers)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


OPENALEX_AUTHOR = "A5000000001"
DBLP_PERSON = "00/0001"
RECORDED = {
    "/works/doi:10.5555/portal.test.1": [(200, "openalex/work-test-1.json")],
    f"/works?filter=author.id:{OPENALEX_AUTHOR}&per-page=200&cursor=*": [
        (200, "openalex/author-page-1.json")
    ],
    f"/works?filter=author.id:{OPENALEX_AUTHOR}&per-page=200&cursor=page2cursor": [
        (200, "openalex/author-page-2.json")
    ],
    f"/works?filter=author.id:{OPENALEX_AUTHOR}&per-page=200&cursor=page3cursor": [
        (200, "openalex/author-page-3.json")
    ],
    "/works/10.5555/portal.test.4": [(200, "crossref/work-test-4.json")],
    f"/pid/{DBLP_PERSON}.xml": [(200, "dblp/person-00-0001.xml")],
}
