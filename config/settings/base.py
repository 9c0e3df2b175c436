"""Everything; behaviour switched by the environment (config/env.py), not by file."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from config import env
from vigie.core.keys import ensure_keys, read_secret_key

BASE_DIR = env.BASE_DIR
VAR_DIR = env.VAR_DIR
KEYS_DIR = VAR_DIR / "keys"
ensure_keys(VAR_DIR)

SECRET_KEY = env.SECRET_KEY or read_secret_key(VAR_DIR)
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
    "vigie.crossref",
    "vigie.demo",
    "vigie.web.public",
    "vigie.web.backoffice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "vigie.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

if env.REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py's default socket timeout (5 s) equals channels-redis' blocking pop
            # (5 s): a consumer idle that long would die of a TimeoutError.
            "CONFIG": {"hosts": [{"address": env.REDIS_URL, "socket_timeout": 30}]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
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
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_HTTPONLY = True
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
for _private_dir in (EVIDENCE_DIR, env.VAR_DIR / "uploads"):
    _private_dir.mkdir(mode=0o700, parents=True, exist_ok=True)

# Abuse resistance without any IP address (vigie.core.abuse).
POW_DIFFICULTY = env.POW_DIFFICULTY
POW_CHALLENGE_TTL_SECONDS = 600
# name: (how many, per how many seconds), counted per rotating keyed hash of the client.
RATE_LIMITS = {
    "report_submit": (20, 3600),
    "report_submit_without_pow": (5, 3600),
    "receipt_attempt": (10, 900),
    "analyse": (240, 600),
    "attachment_upload": (40, 3600),
    "chat_start": (10, 3600),
    "chat_message": (30, 60),
}

# Background jobs (cross-referencing each arriving report): django-tasks with its database
# backend, so the embedded default needs no other server; `make run` starts `db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Report map: offline département outlines; optional tile server.
MAP_TILE_URL = env.MAP_TILE_URL

# Live chat (vigie.chat).
CHAT_MESSAGE_MAX_LENGTH = 4000
# An agent counts as connected while one of their console sockets is open; the citizen is
# told honestly when nobody of the département is.

# No handler ever receives request metadata: see vigie.core.privacy. Django's own request
# logger prints only the path and status.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_request_metadata": {"()": "vigie.core.privacy.DropRequestMetadata"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_request_metadata"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": [], "propagate": False},
        "uvicorn.access": {"handlers": [], "propagate": False},
    },
}
