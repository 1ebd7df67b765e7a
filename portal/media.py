"""Uploads served by the site itself, when nothing in front (a web server, object storage) does.

Safely: no directory listing and no path outside MEDIA_ROOT (Django's static.serve), images and PDFs
shown as what they are, anything else downloaded as bytes (an HTML or SVG file with script, however
it got there, never runs on the site's origin), and a long cache lifetime: stored files never change
under their name (uploads get generated names; documents a name per content version).
"""

from django.conf import settings
from django.views import static

SHOWN = {"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"}


def serve_media(request, path):
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in SHOWN:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    if content_type.startswith("image/"):
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = f"public, max-age={settings.MEDIA_CACHE_SECONDS}, immutable"
    response["Cross-Origin-Resource-Policy"] = "same-site"
    return response
