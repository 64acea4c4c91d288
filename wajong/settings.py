"""Settings come from the environment (django-environ); the defaults run on a bare machine.

With no environment at all the project uses a SQLite file and a filesystem Celery broker in
`var/`, so `make run` needs no servers. Set DATABASE_URL and REDIS_URL for PostgreSQL and
Redis (production, CI).
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from common.logging import redacting_logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # git-ignored: SQLite file, broker folders, beat schedule
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]"]),
    PORT=(int, 8000),
)

DEBUG = env("DEBUG")
# The fallback key is for a laptop only; `manage.py check --deploy` flags its prefix.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-development-key-wajong")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
PORT = env("PORT")

INSTALLED_APPS = [
    "wajong.apps.StaffAdminConfig",  # the admin site, for staff roles only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for FORM_RENDERER below
    "django.contrib.postgres",
    "rest_framework",
    "knox",  # API tokens, stored hashed, with an expiry
    "django_otp",
    "django_otp.plugins.otp_totp",  # the second factor: a code from an authenticator app
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our own static files, no CDN
    "django_htmx",
    "simple_history",
    "axes",
    "accounts",
    "access",
    "clients",
    "phases",
    "interventions",
    "work",
    "participation",  # the participation ladder
    "referrals",  # the social map and referrals to it
    "norms",
    "signals",
    "audit",
    "reports",
    "casework",  # the screens that combine the apps above
    "demo",
    "benchmarks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.middleware.NoStoreMiddleware",  # below whitenoise: static files stay cacheable
    "django.contrib.sessions.middleware.SessionMiddleware",
    "common.middleware.LanguageChoiceMiddleware",
    "common.middleware.ApiErrorMiddleware",  # JSON for every error under /api/
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "common.middleware.BusyDatabaseMiddleware",
    "common.middleware.ErrorPageMiddleware",
    "audit.middleware.ReadLogMiddleware",  # writes the read log of what the response showed
    "common.middleware.IdleTimeoutMiddleware",
    "access.middleware.SessionLifetimeMiddleware",  # 12 hours after login; the user's sessions
    "django_otp.middleware.OTPMiddleware",
    "access.middleware.SecondFactorMiddleware",  # with MFA_REQUIRED: a code before any page
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "wajong.urls"
WSGI_APPLICATION = "wajong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "signals.context_processors.unread_notifications",
                "casework.context_processors.roles",
            ],
            "builtins": [  # |day_text, |money, {% badge %} ... with no {% load %}
                "common.templatetags.dutch",
                "common.templatetags.badges",
            ],
        },
    },
]

# Form widgets render through the project's templates: templates/django/forms/widgets/ gives
# every input, select and textarea the NL Design System classes (utrecht-textbox ...). The
# common widgets are written in Python with the same HTML (common/widget_renderer.py).
FORM_RENDERER = "common.widget_renderer.WidgetRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'wajong.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# A web or worker process keeps its connection between requests instead of opening one per
# request (a new PostgreSQL connection costs a fork and a few ms of authentication), and
# checks it before reuse, so a restarted database costs one failed check, not an error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; wait instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    # PostgreSQL's JIT compiles the dashboards' grouped queries anew on every run: 0.2-0.4 s
    # of compiling for queries that execute in less (EXPLAIN ANALYZE in the reports issue).
    options = "-c jit=off"
    if env.bool("DB_REQUEST_TIMEOUTS", default=False):
        # A web request waits a few seconds for a row a colleague is saving, then hears "try
        # again" (common.middleware.BusyDatabaseMiddleware) instead of hanging. The web server's
        # configuration turns this on; nightly jobs and commands run without these limits.
        options += (
            f" -c lock_timeout={env.int('DB_LOCK_TIMEOUT_MS', default=5000)}"
            f" -c statement_timeout={env.int('DB_STATEMENT_TIMEOUT_MS', default=30000)}"
        )
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = options
# A PostgreSQL streaming replica for the reads that may lag a second: dashboards, report API,
# exports and drill-downs (common/replica.py). Unset, there is no second alias and no router.
if env("DATABASE_REPLICA_URL", default=""):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL in DATABASE_URL too.")
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": DATABASES["default"].get("OPTIONS", {}),
        # Tests read the replica alias from the primary's test database (tests/test_replica.py).
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["common.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before checking it
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "access.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # About a million passwords from breaches, shipped with the code: no network call.
    {"NAME": "access.passwords.BreachedPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Two-step login: with MFA_REQUIRED (on unless DEBUG, so off in `make run`'s demo) a signed-in
# session must pass a TOTP code before any page, the admin or the API by session; API tokens
# are not asked. `manage.py reset_mfa USERNAME` forgets a lost phone.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "Wajong dossier"  # the name in the authenticator app
# Each wrong code doubles the wait before the next try: 1, 2, 4 ... seconds (django-otp).
OTP_TOTP_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["common.formats"]  # "12 december 2026" in text, "12-12-2026" in tables

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True  # serve straight from the apps when collectstatic has not run
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Production images run collectstatic and set STATIC_MANIFEST for cache-busting names.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Change reasons are free text (a phase transition's reason, a handover note): no length cap.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Lists kept in the cache until one of their clients changes (clients/stamps.py); 0: never.
STAMPED_CACHE_SECONDS = env.int("STAMPED_CACHE_SECONDS", default=15 * 60)
REDIS_URL = env("REDIS_URL", default="")
# How long the dashboard keeps a team's counts of today (reports/today_figures.py); a write
# drops them sooner. Only in a cache all processes share: 0 (count on every page) without Redis.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=600 if REDIS_URL else 0)
# How long a user's roles, teams and unread count are kept (common.cache.KeptPerUser).
USER_CACHE_SECONDS = env.int("USER_CACHE_SECONDS", default=300 if REDIS_URL else 0)
# Every key this deployment writes to Redis, cache and queue alike, starts with this: two
# deployments sharing a Redis (acceptance beside production) then never read each other's
# roles, kept pages or sessions, nor take each other's tasks. By default the name of the
# database served: not its address, which one process may write otherwise than another.
REDIS_KEY_PREFIX = env("REDIS_KEY_PREFIX", default=str(DATABASES["default"]["NAME"]))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_KEY_PREFIX,
        }
    }
    # Sessions stay in PostgreSQL and are read through Redis: no session query per request.
    # Ending a session (access.sessions.end_sessions) deletes it from both.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CELERY_BROKER_URL = REDIS_URL
    # A message a worker took but never acknowledged (it died mid-task) goes to a worker again
    # after this many seconds; Celery's default is an hour. The longest nightly job, the
    # month-end figures from scratch, took 16 s at 20,000 clients (signals: 3 s) and about
    # 40 s at 110,000; even growing linearly it stays under two minutes. Ten minutes never
    # hands out a job that is still running, and a lost one is back within minutes (plus up
    # to 100 s until a worker's next sweep for such messages).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=10 * 60),
        "global_keyprefix": f"{REDIS_KEY_PREFIX}:",
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # kombu's filesystem transport: a real worker and beat run without any server. The folder
    # can be moved (CELERY_BROKER_DIR), so a test's worker does not meet the one of `make run`.
    # It deletes a message once a worker takes it; wajong/celery.py keeps a task whose worker
    # died from being lost.
    BROKER_DIR = Path(env("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
    for folder in ("queue", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }

CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# A task whose worker process died (killed, out of memory) goes back on the queue instead of
# being acknowledged as failed; the tasks are idempotent, so running one again is safe.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The nightly jobs and when they run: a module of their own, read by beat.
from wajong.beat_schedule import CELERY_BEAT_SCHEDULE  # noqa: E402, F401

REST_FRAMEWORK = {
    # Token first: a request without credentials gets 401 with `WWW-Authenticate: Token`
    # (DRF answers from the first class); a browser's session still signs it in.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "access.authentication.TokenAuthentication",
        "access.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable API's forms would list clients (a dropdown of every related
    # record) outside the read log.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only, as the contract says: form fields carry no types (is "false" a yes or a
    # no?), so a form body could not be checked against the API document. Others get 415.
    "DEFAULT_PARSER_CLASSES": ["common.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_PAGINATION_CLASS": "common.api.Pagination",
    # The hourly ceiling of clients read, shared with the screens (audit.throttle).
    "DEFAULT_THROTTLE_CLASSES": ["audit.throttle.ClientReadThrottle"],
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "common.api.exception_handler",
}
# API tokens (`manage.py create_api_token USERNAME [--days N]`): knox keeps a hash, never the
# token; each token expires (90 days unless --days says otherwise, at most a year).
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=90),
    "AUTO_REFRESH": False,
}
# The API document (drf-spectacular) has its settings in a module of their own: they are long.
from wajong.openapi_settings import SPECTACULAR_SETTINGS  # noqa: E402, F401

# Sessions end after 30 idle minutes (SESSION_IDLE_MINUTES); IdleTimeoutMiddleware keeps an
# active one alive.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
# And 12 hours after the login (SESSION_MAX_HOURS), however active (access.middleware).
SESSION_MAX_AGE = env.int("SESSION_MAX_HOURS", default=12) * 60 * 60
SESSION_COOKIE_HTTPONLY = True
# Behind the load balancer that ends TLS: it sets X-Forwarded-Proto and appends the client's
# address to X-Forwarded-For, which the read log and the login lockout then use.
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "common.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # Production runs behind TLS: cookies only over HTTPS, HSTS for a year, and plain HTTP is
    # redirected. SECURE_SSL_REDIRECT=false where a proxy in front already redirects.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the container healthcheck speaks plain HTTP
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: scripts and styles only from our own static files, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# At most this many clients shown to one user per clock hour, on the screens and the API
# together (every read-log row counts: a page of 50 clients is 50). Then 429 until the hour
# ends. A caseworker's busy day is a few thousand rows; a scrape of the whole register is not.
CLIENT_READS_PER_HOUR = env.int("CLIENT_READS_PER_HOUR", default=5000)

# Every export (caseload, conversations, changes, reports and the clients behind a figure) of
# more rows than this is refused with a message to narrow the selection; none is cut short.
EXPORT_ROW_LIMIT = env.int("EXPORT_ROW_LIMIT", default=10_000)

# Login lockout (django-axes): after 5 failures for a username from one address, 15 minutes;
# and after 20 for a username from any addresses together (password spraying, access.lockout).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_PER_USERNAME = env.int("LOGIN_FAILURE_LIMIT_PER_USERNAME", default=20)
AXES_HANDLER = "access.lockout.LockoutHandler"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False  # its log lines name the user and address: personal data
# The same address as the read log: the proxy's own entry, never one the client wrote.
AXES_CLIENT_IP_CALLABLE = "common.addresses.client_ip"

# No personal data in log lines: every handler blanks BSN-like numbers (common/logging.py).
# Celery's worker and beat use this too (wajong/celery.py); gunicorn.conf.py does the same.
LOGGING = redacting_logging_config(level=env("LOG_LEVEL", default="INFO"))
