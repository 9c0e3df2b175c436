"""Everything; behaviour switched by the environment (config/env.py), not by file."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from config import env
from vigie.core.keys import (
    CHANNEL_LAYER_KEY,
    channel_layer_secret,
    ensure_keys,
    read_secret_key,
    secure_var_dir,
)

BASE_DIR = env.BASE_DIR
VAR_DIR = env.VAR_DIR
KEYS_DIR = VAR_DIR / "keys"
secure_var_dir(VAR_DIR)
ensure_keys(VAR_DIR)

SECRET_KEY = env.SECRET_KEY or read_secret_key(VAR_DIR)
VIGIE_SECRET_KEY_FROM_ENV = bool(env.SECRET_KEY)
# Redis (cache, channel layer) when several processes share the service; "" when embedded.
VIGIE_REDIS_URL = env.REDIS_URL
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS
VIGIE_INTERFACE = env.INTERFACE
VIGIE_BACKOFFICE_PREFIX = env.BACKOFFICE_PREFIX

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "dsfr",
    "widget_tweaks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "vigie.core",
    "vigie.geo",
    "vigie.cells",
    "vigie.accounts",
    "vigie.audit",
    "vigie.reports",
    "vigie.evidence",
    "vigie.chat",
    "vigie.retention",
    "vigie.notifications",
    "vigie.crossref",
    "vigie.outcomes",
    "vigie.operations",
    "vigie.analytics",
    "vigie.demo",
    "vigie.web.public",
    "vigie.web.backoffice",
]

MIDDLEWARE = [
    # First, so it times everything below; labels by route name only (vigie.core.metrics).
    "vigie.core.metrics.RequestMetricsMiddleware",
    # Django's middleware (and WhiteNoise) with their hooks run on the event loop under ASGI,
    # no thread hop per middleware (vigie.core.middleware); same hooks, same checks.
    "vigie.core.middleware.SecurityMiddleware",
    "vigie.core.middleware.StaticFilesMiddleware",
    "vigie.core.middleware.SecurityHeadersMiddleware",
    "vigie.core.middleware.SessionMiddleware",
    "vigie.core.middleware.LocaleMiddleware",
    "vigie.core.middleware.CommonMiddleware",
    "vigie.core.middleware.CsrfViewMiddleware",
    "vigie.core.middleware.AuthenticationMiddleware",
    "vigie.web.backoffice.auth.session.BackofficeSessionExpiry",
    "vigie.core.middleware.MessageMiddleware",
    "vigie.core.middleware.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "vigie" / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.DjangoTemplates"


def _database() -> dict[str, object]:
    if env.DATABASE_URL:
        import dj_database_url

        # A connection pool (psycopg-pool), not persistent connections: under ASGI each request
        # runs in its own thread, and a connection kept per thread leaked until PostgreSQL
        # refused clients (bench/api). The pool hands one back at the end of each request.
        config: dict[str, object] = dict(dj_database_url.parse(env.DATABASE_URL, conn_max_age=0))
        config["OPTIONS"] = {"pool": {"min_size": 2, "max_size": 16, "timeout": 10}}
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "vigie.sqlite3",
        # Persistent connections; WAL and a busy timeout so readers never block the writer.
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_channel_layer(redis_url: str) -> dict[str, object]:
    """channels-redis, encrypting every message: chat text never crosses Redis in clear; our
    subclass leaves no buffer behind for a closed socket (vigie/chat/layers.py)."""
    if not (KEYS_DIR / CHANNEL_LAYER_KEY).exists():
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"REDIS_URL is set but {KEYS_DIR / CHANNEL_LAYER_KEY} is missing: copy the back "
            "office's channel_layer.key (deploy/README.md, step 3)."
        )
    return {
        "BACKEND": "vigie.chat.layers.RedisChannelLayer",
        "CONFIG": {
            # redis-py's default socket timeout (5 s) equals channels-redis' blocking pop
            # (5 s): a consumer idle that long would die of a TimeoutError.
            "hosts": [{"address": redis_url, "socket_timeout": 30}],
            "symmetric_encryption_keys": [channel_layer_secret(KEYS_DIR)],
        },
    }


if env.REDIS_URL:
    CHANNEL_LAYERS = {"default": redis_channel_layer(env.REDIS_URL)}
    CACHES = {
        "default": {
            # Django's, with one connection pool per process (vigie/core/cache.py).
            "BACKEND": "vigie.core.cache.RedisCache",
            "LOCATION": env.REDIS_URL,
        }
    }
else:
    # channels' own, sweeping expired entries once a second instead of on every message.
    CHANNEL_LAYERS = {"default": {"BACKEND": "vigie.chat.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.Agent"
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:triage"
LOGOUT_REDIRECT_URL = "backoffice:login"
# ANSSI's guidance on passwords (recommandations relatives à l'authentification
# multifacteur et aux mots de passe, 2021): length first (at least 12 characters here, the
# second factor carrying the rest), no composition rules, a check against a list of common
# passwords (Django's, shipped locally) and against the account's own names.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Agents' login (vigie.web.backoffice.auth): password, then TOTP (django-otp) or a recovery
# code; nobody is logged in before the second factor.
AUTHENTICATION_BACKENDS = [
    # Throttling and lockout (django-axes): refuses a locked account or source first.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = "Vigie"
# Lockout per account and, separately, per source address (agents' addresses only: the
# public side never authenticates and its requests carry none).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "vigie.web.backoffice.auth.lockout.agent_address"
AXES_LOCKOUT_CALLABLE = "vigie.web.backoffice.auth.lockout.lockout_response"
# Its log lines name no address, user agent nor path (structured logs, issue 15).
AXES_CLIENT_STR_CALLABLE = "vigie.web.backoffice.auth.lockout.client_description"
# The back office answers a locked login itself (vigie.web.backoffice.auth.views): no axes
# middleware on the citizens' requests.
SILENCED_SYSTEM_CHECKS = ["axes.W002"]
# The audit-log viewer reads the whole keyed chain again at most this often, and only the
# new events in between (vigie.audit.selectors.chain_status).
AUDIT_VIEWER_FULL_CHECK_SECONDS = 10 * 60
# A new agent's one-time activation link (vigie.accounts.services): 72 hours.
PASSWORD_RESET_TIMEOUT = 72 * 3600
# Back-office sessions: closed after 30 minutes without a request and 8 hours after login.
BACKOFFICE_IDLE_SECONDS = 30 * 60
BACKOFFICE_SESSION_MAX_SECONDS = 8 * 3600
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = None  # prod.py: collected into staticfiles/
STATICFILES_DIRS = [
    BASE_DIR / "vigie" / "web" / "static",
    # npm packages (package.json, installed by `make install`), served from our own origin.
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The embedded default serves the app's static files straight from the packages; production
# (prod.py) serves a collected, hashed copy.
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = BACKOFFICE_SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_HTTPONLY = True
# No durable marker on a witness's device: the CSRF cookie lasts as long as the browser session
# (Django's default is a year). The language cookie is a session cookie too (its default).
CSRF_COOKIE_AGE = None
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts,
# which CSRF protection rightly refuses. Other sites still never get a referrer.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DSFR_USE_INTEGRITY_CHECKSUMS = True
# DSFR marks optional fields, not required ones (the design system's current rule).
DSFR_MARK_OPTIONAL_FIELDS = True

# Free text of a report: long enough for a detailed account, short enough to read.
REPORT_TEXT_MAX_LENGTH = 8000

# Evidence files (vigie.evidence): streamed to disk, cleaned of metadata, encrypted at rest.
EVIDENCE_DIR = env.VAR_DIR / "evidence"
EVIDENCE_MAX_IMAGE_BYTES = 40 * 1024 * 1024
EVIDENCE_MAX_VIDEO_BYTES = 500 * 1024 * 1024
EVIDENCE_MAX_FILES_PER_REPORT = 10
# Every upload goes to a private temporary file, never into memory; it is deleted as soon as
# the cleaned, encrypted copy is stored.
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
FILE_UPLOAD_TEMP_DIR = str(env.VAR_DIR / "uploads")
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_HANDLERS = ["vigie.evidence.uploads.LimitedTemporaryFileUploadHandler"]
# Retention (vigie.retention), in days; docs/security.md gives the legal frame. The act that
# creates the processing (arrêté or décret, loi Informatique et Libertés title III) sets the
# real durations: these defaults are the shortest that still serve the cells' purpose.
RETENTION = {
    "report_out_of_scope": 90,  # hors champ: nothing for the cell to keep
    "report_not_exploitable": 365,  # may still corroborate a later report for a year
    "report_exploitable": 3 * 365,  # after qualification; a dossier in progress keeps it longer
    "conversation_closed": 180,  # a chat that did not become a report
}

# Request bodies (vigie.core.bodylimit): refused beyond their route's limit before Django reads
# them, and spooled to a private file under FILE_UPLOAD_TEMP_DIR beyond a few KiB (Django's own
# spool, sized by FILE_UPLOAD_MAX_MEMORY_SIZE = 0, never rolled over and kept bodies in RAM).
REQUEST_BODY_SPOOL_BYTES = 64 * 1024
REQUEST_BODY_MAX_BYTES = 1024 * 1024  # JSON, forms, everything that takes no file
# Routes that take evidence: one request carries at most one video and a few photos; more
# files are added afterwards from the follow-up page.
_UPLOAD_REQUEST_MAX_BYTES = EVIDENCE_MAX_VIDEO_BYTES + 4 * EVIDENCE_MAX_IMAGE_BYTES
REQUEST_BODY_UPLOAD_ROUTES = {
    "/signaler/": _UPLOAD_REQUEST_MAX_BYTES,
    "/suivi/completer/": _UPLOAD_REQUEST_MAX_BYTES,
    "/api/v1/reports/": _UPLOAD_REQUEST_MAX_BYTES,  # .../attachments; JSON bodies stay small
    "/discuter/": EVIDENCE_MAX_IMAGE_BYTES + REQUEST_BODY_MAX_BYTES,  # a photo in the chat
}
for _private_dir in (EVIDENCE_DIR, env.VAR_DIR / "uploads"):
    _private_dir.mkdir(mode=0o700, parents=True, exist_ok=True)

# Abuse resistance without any IP address (vigie.core.abuse).
POW_DIFFICULTY = env.POW_DIFFICULTY
POW_CHALLENGE_TTL_SECONDS = 600
# name: (how many, per how many seconds), counted per rotating keyed hash of the client.
RATE_LIMITS = {
    "report_submit": (20, 3600),
    "report_submit_without_pow": (5, 3600),
    # New drafts of the report form (vigie.reports.drafts): one per report for a citizen;
    # bounds what a client without the draft cookie can make the database hold.
    "report_draft_new": (60, 3600),
    "receipt_attempt": (10, 900),
    "analyse": (240, 600),
    "attachment_upload": (40, 3600),
    "chat_start": (10, 3600),
    "chat_message": (30, 60),
}

# Background jobs (cross-referencing each arriving report): django-tasks with its database
# backend, so the embedded default needs no other server; `make run` starts `db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Dispatches to units (vigie.operations): how long a unit has to acknowledge one, per
# priority; past it the cell sees it overdue and its cell head is alerted.
DISPATCH_ACKNOWLEDGE_HOURS = {"urgente": 2, "haute": 24, "normale": 72}
# How often the worker looks for overdue acknowledgements (vigie.operations.tasks).
DISPATCH_ESCALATION_EVERY_MINUTES = 15
# How often the worker rebuilds the figures and looks for emerging areas (vigie.analytics.tasks).
ANALYTICS_REFRESH_EVERY_MINUTES = 60

# Operations (vigie.core.health, vigie.core.metrics): who may read /metrics.
METRICS_ALLOWED_NETWORKS = env.METRICS_ALLOWED_NETWORKS
METRICS_TOKEN = env.METRICS_TOKEN
METRICS_MULTIPROC_DIR = env.PROMETHEUS_MULTIPROC_DIR

# Report map: offline département outlines; optional tile server.
MAP_TILE_URL = env.MAP_TILE_URL

# Who runs this instance, for the legal notice and the personal data page (vigie.web.legal).
VIGIE_OPERATOR = env.OPERATOR
VIGIE_HOSTING = env.HOSTING

# Live chat (vigie.chat).
CHAT_MESSAGE_MAX_LENGTH = 4000
# The ASGI server freezes what start-up allocated and what survives each full garbage
# collection (vigie/core/collector.py): short pauses with thousands of sockets open.
VIGIE_GC_FREEZE = env.GC_FREEZE
# ... and reads every commune outline first: its memory known from start-up, not growing
# with each département a report comes from (vigie.geo.reference.load_all).
VIGIE_PRELOAD_GEOGRAPHY = env.PRELOAD_GEOGRAPHY
# An agent counts as connected while one of their console sockets is open; the citizen is
# told honestly when nobody of the département is.

# No handler ever receives request metadata: see vigie.core.privacy. Lines are JSON objects
# (vigie.core.logs) with references, secrets and addresses masked.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_request_metadata": {"()": "vigie.core.privacy.DropRequestMetadata"},
        "quiet_task_runs": {"()": "vigie.core.logs.QuietTaskRuns"},
    },
    "formatters": {"json": {"()": "vigie.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_request_metadata", "quiet_task_runs"],
            "formatter": "json",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": [], "propagate": False},
        "uvicorn.access": {"handlers": [], "propagate": False},
        # 4xx answers are not worth a line each (they named receipt references); errors are
        # kept, without their path (DropRequestMetadata).
        "django.request": {"level": "ERROR"},
    },
}
