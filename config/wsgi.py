"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from config.worker import settle_worker

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
settle_worker()
