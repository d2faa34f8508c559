"""Write kam/static/css/scales.css (the number classes of kam/lib/scales.py)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

import django  # noqa: E402

django.setup()

from kam.lib.scales import stylesheet  # noqa: E402
from kam.scorecard.selectors.portfolio import HEAT_COLOURS  # noqa: E402

(ROOT / "kam" / "static" / "css" / "scales.css").write_text(stylesheet(HEAT_COLOURS))
