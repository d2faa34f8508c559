"""Local development: `make run`."""

from config.env import env_bool
from config.settings.base import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", default=True)
# Locally the API docs open without signing in; production and the tests keep them private.
KAM_API_DOCS_PUBLIC = env_bool("KAM_API_DOCS_PUBLIC", default=True)
