"""Settings shared by every environment; every value comes from the environment (.env.example)."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.database import database_settings, replica_settings
from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "kam.core",
    "kam.users",
    "kam.accounts",
    "kam.people",
    "kam.audit",
    "kam.assessments",
    "kam.scorecard",
    "kam.health",
    "kam.relationship",
    "kam.ladder",
    "kam.value",
    "kam.cards",
    "kam.compliance",
    "kam.powermap",
    "kam.engagement",
    "kam.needs",
    "kam.platforms",
    "kam.kpis",
    "kam.pdca",
    "kam.cycle",
    "kam.metrics",
    "kam.plans",
    "kam.reviews",
    "kam.letters",
    "kam.broad",
    "kam.workspace",
    "kam.jobs",
    "kam.imports",
    "kam.documents",
    "kam.handover",
    "kam.alerts",
    "kam.idempotency",
    "kam.security",
    "csp",
]

# Background jobs: Django's Tasks interface (the django-tasks backport; on Django 6 the same code
# imports from django.tasks). The database backend keeps jobs in the app's own database, so it
# runs on SQLite with one worker (`make run` starts it) and on PostgreSQL with any number of
# `manage.py run_worker` processes on any number of machines.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A job that fails is tried again up to this many attempts in all (seconds to wait grow 30, 60,
# 120 …); after the last one it stays failed, listed for administrators with a retry button.
KAM_JOB_MAX_ATTEMPTS = env_int("KAM_JOB_MAX_ATTEMPTS", default=3)
KAM_JOB_RETRY_DELAY_SECONDS = env_int("KAM_JOB_RETRY_DELAY_SECONDS", default=30)
# A running job whose worker has not been seen for this long is handed to another worker.
KAM_JOB_LEASE_SECONDS = env_int("KAM_JOB_LEASE_SECONDS", default=1800)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (README, "Security"),
    # static files and the error pages of the middleware below included.
    "csp.middleware.CSPMiddleware",
    "kam.security.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kam.users.middleware.UserLanguageMiddleware",
    "kam.users.sessions.SessionRenewalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kam.core.middleware.ConflictMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kam.core.middleware.DatabaseOutageMiddleware",
    # Turns a refused sign-in of a locked username + address into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kam" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kam.core.context_processors.document",
            ],
        },
    },
]

DATABASES = {
    "default": database_settings(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60),
        # SQLite: seconds a writer waits for another writer's lock before "database is locked".
        sqlite_timeout=env_int("DATABASE_SQLITE_TIMEOUT", default=20),
    )
}
# Scale-out (README, "Primary and replica"): a streaming replica of the primary. The read-only
# portfolio pages read it (kam/core/db_router.py); everything else, and whoever wrote within the
# last DATABASE_REPLICA_PIN_SECONDS, reads the primary. Without it nothing is routed.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", default=5)
# After the replica failed to answer, reads stay on the primary for this long before it is tried
# again.
DATABASE_REPLICA_RETRY_SECONDS = env_int("DATABASE_REPLICA_RETRY_SECONDS", default=30)
if DATABASE_REPLICA_PIN_SECONDS < 0 or DATABASE_REPLICA_RETRY_SECONDS < 0:
    raise ImproperlyConfigured(
        "DATABASE_REPLICA_PIN_SECONDS and DATABASE_REPLICA_RETRY_SECONDS must not be negative."
    )
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = replica_settings(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60),
        sqlite_timeout=env_int("DATABASE_SQLITE_TIMEOUT", default=20),
    )
    DATABASE_ROUTERS = ["kam.core.db_router.ReplicaRouter"]
    # Right after the security middleware: every later one and the view know whether this
    # client wrote a moment ago.
    MIDDLEWARE.insert(1, "kam.core.middleware.PrimaryPinMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"
CSRF_FAILURE_VIEW = "kam.core.views.csrf_failure_view"
LOGIN_URL = "users:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "users:login"

# Sign-in throttling (django-axes): after KAM_LOGIN_FAILURE_LIMIT failed passwords for one
# username from one address, that pair is refused for KAM_LOGIN_COOLOFF_MINUTES, the right
# password included; other addresses and other usernames are not affected. The same rule holds
# wherever a password is checked (sign-in, creating an API token). Every attempt, lockout and
# unlock is in the audit trail; administrators unlock under Security → Sign-in lockouts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked pair before any password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("KAM_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("KAM_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a successful sign-in forgets that pair's earlier failures
# Attempts refused while locked do not push the end of the lockout further out, so the page can
# say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in our own audit trail
# Never copied into the failed attempts' stored request data or the log (besides "password").
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "old_password",
    "new_password1",
    "new_password2",
]
AXES_CLIENT_IP_CALLABLE = "kam.security.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "kam.security.views.locked_out_response"
AXES_VERBOSE = False
# Behind reverse proxies: how many of them append the client's address to X-Forwarded-For (0:
# the address is the connection's own, REMOTE_ADDR, and the header is ignored — never trust it
# when clients can reach the app without going through the proxies, it is trivially forged).
KAM_TRUSTED_PROXIES = env_int("KAM_TRUSTED_PROXIES", default=0)

# A signed-in session lasts this long after the last request (renewed on use, at most every
# five minutes: kam.users.sessions; not SESSION_SAVE_EVERY_REQUEST, a write on every request).
SESSION_COOKIE_AGE = env_int("KAM_SESSION_HOURS", default=12) * 60 * 60
# Personal access tokens: the expiry offered by default when one is created (days).
KAM_API_TOKEN_DEFAULT_DAYS = env_int("KAM_API_TOKEN_DEFAULT_DAYS", default=90)
# The interactive API docs (/api/docs) and the schema (/api/openapi.json) without signing in.
KAM_API_DOCS_PUBLIC = env_bool("KAM_API_DOCS_PUBLIC", default=False)
for _name, _value, _least in (
    ("KAM_LOGIN_FAILURE_LIMIT", AXES_FAILURE_LIMIT, 1),
    ("KAM_LOGIN_COOLOFF_MINUTES", AXES_COOLOFF_TIME.total_seconds() // 60, 1),
    ("KAM_TRUSTED_PROXIES", KAM_TRUSTED_PROXIES, 0),
    ("KAM_SESSION_HOURS", SESSION_COOKIE_AGE // 3600, 1),
    ("KAM_API_TOKEN_DEFAULT_DAYS", KAM_API_TOKEN_DEFAULT_DAYS, 1),
):
    if _value < _least:
        raise ImproperlyConfigured(f"{_name}={_value:g} must be at least {_least}.")

# Content-Security-Policy (django-csp): pages load scripts, styles, fonts and images from this
# origin only, and no inline script, style attribute, <style> element or event handler runs
# (chart options come as json_script data, behaviour from kam/static/js). data: images: the
# stylesheets' small SVG icons (Tom Select, the API docs). Browsers report what the policy
# blocked to the report view, which logs it on the "kam.security.csp" logger.
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
        "report-uri": "/security/csp-report/",  # kam.security.views.csp_report_view
    }
}
# The largest violation report the report view reads (bytes); a larger one answers 413.
KAM_CSP_REPORT_MAX_BYTES = 16 * 1024
# Violation lines logged per minute and process; more reports are answered but only counted.
KAM_CSP_REPORT_LOG_PER_MINUTE = env_int("KAM_CSP_REPORT_LOG_PER_MINUTE", default=60)
# No Referer to other sites; our own pages still see where a request came from.
SECURE_REFERRER_POLICY = "same-origin"
# Browser features no page of KAM uses, switched off for the pages and anything they embed
# (kam.security.middleware sends them as the Permissions-Policy header).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "kam" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "kam@localhost")

KAM_PAGE_SIZE = env_int("KAM_PAGE_SIZE", default=25)
# Imports (.xlsx / .csv / .vcf): the largest file and the most rows one upload may hold.
KAM_IMPORT_MAX_BYTES = env_int("KAM_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
KAM_IMPORT_MAX_ROWS = env_int("KAM_IMPORT_MAX_ROWS", default=20_000)
# Hour of the day (local time, 0–23) at which the digest worker sends the daily digests.
KAM_DIGEST_HOUR = env_int("KAM_DIGEST_HOUR", default=7)
# Where people open the app; the links in e-mails (daily digests) start with it.
KAM_BASE_URL = env_str("KAM_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
if not 0 <= KAM_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured(f"KAM_DIGEST_HOUR={KAM_DIGEST_HOUR} is not an hour (0–23).")
KAM_API_MAX_PAGE_SIZE = 200
# When the database is unreachable, pages and the API answer 503 and ask clients to come back
# after this many seconds (Retry-After).
KAM_RETRY_AFTER_SECONDS = env_int("KAM_RETRY_AFTER_SECONDS", default=30)
# /healthz calls the background worker "stale" when no job has started or finished for this
# long (a worker that sits idle still runs the periodic jobs once a day: set it above the
# scheduler's period, or have `manage.py jobs_check` run every few minutes).
KAM_WORKER_FRESH_SECONDS = env_int("KAM_WORKER_FRESH_SECONDS", default=600)
# A background worker that loses its database waits 1 s, 2 s, 4 s … up to this long between
# attempts to reconnect, instead of exiting.
KAM_WORKER_RETRY_MAX_SECONDS = env_int("KAM_WORKER_RETRY_MAX_SECONDS", default=30)
# How long a create form's one-time token and an API Idempotency-Key are remembered (hours);
# a daily job forgets older ones.
KAM_IDEMPOTENCY_TTL_HOURS = env_int("KAM_IDEMPOTENCY_TTL_HOURS", default=24)
if KAM_IDEMPOTENCY_TTL_HOURS < 1:
    raise ImproperlyConfigured(
        f"KAM_IDEMPOTENCY_TTL_HOURS={KAM_IDEMPOTENCY_TTL_HOURS} must be at least 1."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint reports each layout step and every CSS rule it skips (the screen-only rules of
    # app.css) at INFO/WARNING: noise in the log of every PDF.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# Labels of the language switch.
LANGUAGE_LABELS = {"zh-hans": _("Chinese"), "en": _("English")}
