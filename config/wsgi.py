"""WSGI entry point for gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
# Move everything loaded at start-up (Django, the apps, the URL tree) out of the collector's
# reach: full collections then scan only what requests create, which shortens latency spikes.
gc.freeze()
