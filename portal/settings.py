"""Settings for the portal, read from the environment top to bottom.

With nothing set, the site runs on the embedded defaults: SQLite in the project folder, tasks run
in-process, local memory cache. Production sets DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY, DEBUG=false
and ALLOWED_HOSTS (and, behind TLS, SECURE=true).
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from portal.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The "django-insecure-" prefix makes `check --deploy` flag this key if production forgets its own.
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-local-development-key-change-me-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Demo mode: `load_demo` creates the demo staff account, and only in demo mode may it log in.
DEMO_MODE = env.bool("PORTAL_DEMO", default=False)
DEMO_USERNAME = "demo"  # a lab admin
# and one account of each other kind: a member (the PhD student Zongwu Wang) and an editor
DEMO_MEMBER_USERNAME, DEMO_EDITOR_USERNAME = "demo-member", "demo-editor"
DEMO_USERNAMES = [DEMO_USERNAME, DEMO_MEMBER_USERNAME, DEMO_EDITOR_USERNAME]

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its field patches apply there.
    "modeltranslation",
    "accounts.adminconfig.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_celery_beat",
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "imagekit",
    "portal",
    "people",
    "publications",
    "achievements",
    "news",
    "activities",
    "siteimport",
    "jobs",
    "watch",
    # Benchmark and test tooling (make_bench_data, the floor views): no models, no pages unless BENCH_VIEWS.
    "devtools",
    # Roles, review and history: last, so its post_migrate hook finds every other app's permissions.
    "accounts",
]

MIDDLEWARE = [
    # /healthz and /readyz for a load balancer, before host checks, sessions and the page cache
    "portal.health.HealthCheckMiddleware",
    # a request id on every log record and response (X-Request-ID)
    "portal.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # visitors' pages (never under /api/, the only addresses CORS answers for) before anything else
    "portal.cache.PageCacheMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.lab",
                "portal.context_processors.languages",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url style through DATABASE_URL (postgres://…).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A new PostgreSQL connection per request costs several times the request itself.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: it pays off for reports that scan millions of rows, and a page's queries are
    # milliseconds. A search over 5,000 people was estimated costly enough to be compiled, and took
    # 1.4 s, of which 1.2 s compiling (EXPLAIN ANALYZE; off, 15 ms).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options", ""), "-c jit=off"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6's default, opted into now

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal")}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Pages and publication-entry fragments: room for a lab's lists in both languages, bounded in bytes
    # too, so that no stream of distinct requests can grow a worker past it. (Redis: its maxmemory.)
    CACHES["default"]["BACKEND"] = "portal.locmem.BoundedLocMemCache"
    options = CACHES["default"].setdefault("OPTIONS", {})
    options.setdefault("MAX_ENTRIES", 20_000)
    options.setdefault("MAX_BYTES", env.int("CACHE_MAX_BYTES", default=128 * 1024 * 1024))
# The content version pages are keyed on: kept in the cache where every process shares it (see
# portal.content), read from the database where each process has a cache of its own.
CONTENT_VERSION_IN_CACHE = env.bool(
    "CONTENT_VERSION_IN_CACHE",
    default=not CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache")),
)
# Each process keeps a copy of that counter, told of every change by Redis (pub/sub: see
# portal.redis.VersionWatch), so that a cached page is served without asking Redis for it.
CONTENT_VERSION_WATCH = env.bool(
    "CONTENT_VERSION_WATCH",
    default=CONTENT_VERSION_IN_CACHE and CACHES["default"]["BACKEND"].endswith("RedisCache"),
)
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["BACKEND"] = "portal.redis.PortalRedisCache"  # one client per pool: see there
    # A Redis that stopped answers at once (the page fails, /readyz says so) instead of hanging a worker.
    options = CACHES["default"].setdefault("OPTIONS", {})
    options.setdefault("socket_connect_timeout", 2)
    options.setdefault("socket_timeout", 2)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins are counted by django-axes (first, so a locked account goes no further); object-level
# permissions come from django-rules (accounts.roles), model-level ones from the groups.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "portal.auth.PortalBackend",
]
# Login protection: LOGIN_FAILURE_LIMIT failed logins lock the account, and the address they came from,
# for LOGIN_LOCKOUT_MINUTES; a lab admin sees and lifts locks in the admin (Access attempts).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("LOGIN_LOCKOUT_MINUTES", default=30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = env.list("LOGIN_LOCKOUT_BY", default=["username", "ip_address"])
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_VERBOSE = False
LOGIN_URL = "admin:login"
# where a login goes when its `next` is missing or not this site's own (never another site)
LOGIN_REDIRECT_URL = "admin:index"
# "Set your password" links a lab admin hands over, and reset links sent by e-mail, last 72 hours.
PASSWORD_RESET_TIMEOUT = 72 * 3600
# E-mail: an SMTP server when EMAIL_HOST is set; else, with EMAIL_FILE_PATH, one file per message in
# that folder (a trial, the browser tests); otherwise messages are printed (development).
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default="")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
    if EMAIL_FILE_PATH
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@localhost")  # the sender of every e-mail
# Where the site is reached from outside: the links e-mails carry.
PORTAL_SITE_URL = env.str("PORTAL_SITE_URL", default="http://127.0.0.1:8000")
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Lab portal")

# Languages: English and Simplified Chinese, for the interface (Django i18n) and content
# (django-modeltranslation fields such as title_en / title_zh_hans).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans"), "en": ("zh-hans",), "zh-hans": ("en",)}

# Static files: collected and served by WhiteNoise with hashed, compressed names.
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Where uploads, image variants, documents and import inputs are kept: a folder (MEDIA_ROOT) or, with
# MEDIA_STORAGE=s3, a bucket of any S3-compatible object storage (django-storages), shared by every
# application server and worker.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
# Uploads are served by the site itself (portal.media: safely, with long cache lifetimes) unless a web
# server or object storage in front serves MEDIA_URL: then set SERVE_MEDIA=false.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=MEDIA_STORAGE == "filesystem")
# Image variants (portal.images) are made when an upload's save commits and then assumed to exist: a page
# builds their URLs without touching the storage. `manage.py generateimages` makes any missing one.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "portal.images.AfterCommit"
IMAGEKIT_CACHEFILE_DIR = "variants"
IMAGEKIT_SPEC_CACHEFILE_NAMER = "portal.images.remembered_name"
MEDIA_CACHE_SECONDS = env.int("MEDIA_CACHE_SECONDS", default=365 * 24 * 3600)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Static files are stored compressed (gzip and Brotli, for nginx and WhiteNoise to serve as they are),
# but for the source maps of the API docs' bundles: only a browser's developer tools ask for them, and
# compressing them at Brotli's strength was most of every collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,  # none: Amazon S3 itself
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,  # none: the machine's role
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default=""),  # a folder of a shared bucket
            # Pages link to the objects: public-read objects (or a web server or CDN in front, named
            # by S3_CUSTOM_DOMAIN) rather than signed addresses, which would change on every page.
            "querystring_auth": env.bool("S3_SIGNED_URLS", default=False),
            "custom_domain": env.str("S3_CUSTOM_DOMAIN", default="") or None,
            "url_protocol": env.str("S3_URL_PROTOCOL", default="https:"),
            "file_overwrite": False,  # generated names never clash; a clash gets a new name
            "object_parameters": {"CacheControl": f"public, max-age={MEDIA_CACHE_SECONDS}, immutable"},
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r}: expected filesystem or s3")

# Uploads: images are verified with Pillow and bounded in bytes and pixels.
MAX_IMAGE_BYTES = env.int("MAX_IMAGE_BYTES", default=5 * 1024 * 1024)
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)
# Moving in a whole site (import_site): no file of it may be larger, nor all it reads together.
SITE_IMPORT_MAX_FILE_BYTES = env.int("SITE_IMPORT_MAX_FILE_BYTES", default=50 * 1024 * 1024)
SITE_IMPORT_MAX_BYTES = env.int("SITE_IMPORT_MAX_BYTES", default=500 * 1024 * 1024)
SITE_IMPORT_MAX_FILES = env.int("SITE_IMPORT_MAX_FILES", default=20_000)
MAX_PDF_BYTES = env.int("MAX_PDF_BYTES", default=30 * 1024 * 1024)
# A PDF of this many characters of HTML or more (about 20 pages: the annual report of a large year) is
# laid out in two parts at once, the second in a helper process kept beside the one making it
# (portal/pdf.py); 0 lays every PDF out in one piece.
PDF_PARALLEL_FROM = env.int("PDF_PARALLEL_FROM", default=60_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Background jobs: with no broker, tasks run eagerly in the calling process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Eager tasks keep their outcome in their result (result.get() raises it), as a worker would: a task
# that retries must be able to raise Retry without that reaching the caller.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Workers and beat log through Django's LOGGING (JSON lines in production), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE
# Redis and SQS hand an unacknowledged task to another worker only after this long: keep it above the
# longest task (a 10,000-entry import takes seconds, a remote author fetch a minute or two).
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # how often a worker looks for tasks whose worker died (kombu's Redis transport)
    "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 5)),
    "unacked_restore_throttle": 1 if CELERY_VISIBILITY_TIMEOUT < 300 else 10,
}
# The schedule lives in the database (django-celery-beat), editable in the admin; these entries are
# written there when beat starts: `celery -A portal beat -S django_celery_beat.schedulers:DatabaseScheduler`.
CELERY_BEAT_SCHEDULE = {
    "refresh-citation-counts": {
        "task": "publications.tasks.refresh_citation_counts",
        "schedule": 24 * 3600,
    },
    "mark-stalled-jobs": {"task": "jobs.tasks.mark_stalled_jobs", "schedule": 15},
    "expire-import-previews": {"task": "jobs.tasks.expire_import_previews", "schedule": 3600},
    "review-digest": {"task": "accounts.tasks.send_review_digest", "schedule": 24 * 3600},
    "refresh-software-figures": {"task": "activities.tasks.refresh_software_figures", "schedule": 24 * 3600},
    "watch-sources": {"task": "watch.tasks.watch_sources", "schedule": 24 * 3600},
    "check-links": {"task": "watch.tasks.check_paper_links", "schedule": 24 * 3600},
    "mail-found-papers": {"task": "watch.tasks.mail_found_papers", "schedule": 7 * 24 * 3600},
}
# Imports (and their previews) larger than this many entries leave the request and run as a job.
IMPORT_INLINE_LIMIT = env.int("IMPORT_INLINE_LIMIT", default=300)
# A worker on a job beats this often; a job silent for JOB_STALL_SECONDS is marked stalled.
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=10)
JOB_STALL_SECONDS = env.int("JOB_STALL_SECONDS", default=45)
# A job no worker took this long after it was queued (its message lost by a broker restarted without
# persistence) is marked stalled too, and may be run again.
JOB_QUEUE_SECONDS = env.int("JOB_QUEUE_SECONDS", default=600)
# Import previews no one confirmed are deleted (with the file they keep) after this many days.
IMPORT_PREVIEW_DAYS = env.int("IMPORT_PREVIEW_DAYS", default=7)

# Remote metadata sources; tests point the base URLs at a local server replaying recorded answers.
OPENALEX_URL = env.str("OPENALEX_URL", default="https://api.openalex.org")
CROSSREF_URL = env.str("CROSSREF_URL", default="https://api.crossref.org")
DBLP_URL = env.str("DBLP_URL", default="https://dblp.org")
DOI_URL = env.str("DOI_URL", default="https://doi.org")  # the resolver a paper's DOI link is checked at
ORCID_URL = env.str("ORCID_URL", default="https://pub.orcid.org")
ARXIV_URL = env.str("ARXIV_URL", default="https://export.arxiv.org")
# The nightly watch (watch/): seconds between two requests to one source (arXiv asks for three), tries
# after a failure and the first back-off (doubled each time); a link is checked at most once a week.
WATCH_REQUEST_INTERVAL = env.float("WATCH_REQUEST_INTERVAL", default=1.0)
ARXIV_REQUEST_INTERVAL = env.float("ARXIV_REQUEST_INTERVAL", default=3.0)
WATCH_RETRIES = env.int("WATCH_RETRIES", default=2)
WATCH_BACKOFF_SECONDS = env.float("WATCH_BACKOFF_SECONDS", default=5.0)
WATCH_LINK_DAYS = env.int("WATCH_LINK_DAYS", default=7)
WATCH_LINKS_PER_RUN = env.int("WATCH_LINKS_PER_RUN", default=2000)
# GitHub's REST API for the software's figures (stars, forks, the latest release), refreshed nightly; a
# token (no scope needed for public repositories) raises the rate limit from 60 to 5,000 requests an hour.
GITHUB_API_URL = env.str("GITHUB_API_URL", default="https://api.github.com")
GITHUB_TOKEN = env.str("GITHUB_TOKEN", default="")
REMOTE_CONTACT_EMAIL = env.str("REMOTE_CONTACT_EMAIL", default="")  # OpenAlex's and Crossref's polite pool
REMOTE_TIMEOUT_SECONDS = env.float("REMOTE_TIMEOUT_SECONDS", default=20)

# Security: strict by default when not debugging; SECURE=true behind TLS turns on HSTS and secure cookies.
SECURE = env.bool("SECURE", default=False)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if SECURE:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy: everything from this site, no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The JSON API (/api/v1/): everyone reads, staff write with a token or a session (with CSRF).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["accounts.api.RolePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["portal.rest.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "portal.rest.ContentNegotiation",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_ANON_RATE", default="600/minute")},
    "EXCEPTION_HANDLER": "portal.rest.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)
SPECTACULAR_SETTINGS = {
    "TITLE": "Lab portal API",
    "DESCRIPTION": "People, publications, venues, achievements, research areas, collections and honours of "
    'the lab. Translated fields carry both languages: {"en": …, "zh-hans": …}.',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PublicationKindEnum": "publications.models.PublicationKind",
        "VenueKindEnum": "publications.models.VenueKind",
        "CcfRankEnum": "publications.models.CcfRank",
        "LinkKindEnum": "achievements.models.LinkKind",
        "PrecisionEnum": "people.models.Precision",
        "RoleEnum": "people.models.Role",
        "ProjectRoleEnum": "activities.models.ProjectRole",
        "ProjectKindEnum": "activities.models.ProjectKind",
        "NewsDatePrecisionEnum": [("month", "month"), ("day", "day")],
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.document_common_responses",
    ],
}
# Reads are open to any origin; nothing else crosses origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Link", "X-Total-Count"]

# Reference views for the benchmark script only.
BENCH_VIEWS = env.bool("BENCH_VIEWS", default=False)

# Visitors' pages are cached whole under the content version (see portal.cache); 0 turns it off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Each process keeps its own copy of the pages it served last (checked against the shared content
# version on every request), up to this many bytes: see portal.cache.LocalPages.
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
# The same for the {% fragment %}s kept in the shared cache (a person's whole list, the roster).
FRAGMENT_CACHE_LOCAL_BYTES = env.int("FRAGMENT_CACHE_LOCAL_BYTES", default=16 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The level on the handler too: records of Django's loggers reach it by propagation, past root's level.
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": env.str("LOG_LEVEL", default="WARNING")}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Backups (portal/backup.py) serialise the database with times to the microsecond.
SERIALIZATION_MODULES = {"backupjson": "portal.serializers"}

# Logs: one JSON object a line with the request id (portal.logs), readable lines while developing.
LOGGING = logging_config(json=env.str("LOG_FORMAT", default="text" if DEBUG else "json") == "json",
                         level=env.str("LOG_LEVEL", default="INFO"))  # fmt: skip
