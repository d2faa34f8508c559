"""Page weight (issue 10, item 24): the ECharts bundle holds only what the option builders use,
static files are served compressed in production, and there is a favicon."""

import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]
ENTRY = ROOT / "frontend" / "echarts.mjs"
BUNDLE = ROOT / "kam" / "static" / "vendor" / "echarts.min.js"
FULL_DIST_BYTES = 1_117_939  # node_modules/echarts/dist/echarts.min.js 6.0.0, served until now
BUNDLE_LIMIT_BYTES = 800_000

# ECharts series type -> the name echarts/charts exports for it.
SERIES = {
    "line": "LineChart", "bar": "BarChart", "pie": "PieChart", "scatter": "ScatterChart",
    "effectScatter": "EffectScatterChart", "radar": "RadarChart", "tree": "TreeChart",
    "treemap": "TreemapChart", "sunburst": "SunburstChart", "boxplot": "BoxplotChart",
    "candlestick": "CandlestickChart", "heatmap": "HeatmapChart", "map": "MapChart",
    "parallel": "ParallelChart", "lines": "LinesChart", "graph": "GraphChart",
    "sankey": "SankeyChart", "funnel": "FunnelChart", "gauge": "GaugeChart",
    "pictorialBar": "PictorialBarChart", "themeRiver": "ThemeRiverChart",
    "custom": "CustomChart", "chord": "ChordChart",
}  # fmt: skip
# Option keys that need a component or feature registered -> what registers them.
COMPONENTS = {
    "grid": ("GridComponent",), "xAxis": ("GridComponent",), "yAxis": ("GridComponent",),
    "legend": ("LegendComponent",), "tooltip": ("TooltipComponent",),
    "title": ("TitleComponent",), "toolbox": ("ToolboxComponent",),
    "markLine": ("MarkLineComponent",), "markArea": ("MarkAreaComponent",),
    "markPoint": ("MarkPointComponent",), "graphic": ("GraphicComponent",),
    "dataZoom": ("DataZoomComponent",), "polar": ("PolarComponent",),
    "geo": ("GeoComponent",), "singleAxis": ("SingleAxisComponent",),
    "timeline": ("TimelineComponent",), "brush": ("BrushComponent",),
    "dataset": ("DatasetComponent",), "aria": ("AriaComponent",),
    "visualMap": ("VisualMapComponent", "VisualMapPiecewiseComponent"),
    "labelLayout": ("LabelLayout",), "containLabel": ("LegacyGridContainLabel",),
    "universalTransition": ("UniversalTransition",),
}  # fmt: skip


def _chart_sources() -> str:
    """Every Python module that builds ECharts options (not tests, not migrations)."""
    files = [
        path
        for path in (ROOT / "kam").rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]
    return "\n".join(text for text in (path.read_text() for path in files) if '"series"' in text)


def _registered() -> set[str]:
    entry = ENTRY.read_text()
    used = entry[entry.index("use([") :]
    return set(re.findall(r"\b([A-Z]\w+)\b", used))


def test_every_series_type_the_option_builders_use_is_registered() -> None:
    sources = _chart_sources()
    types = set(re.findall(r'"type":\s*"(\w+)"', sources)) & set(SERIES)
    assert types >= {
        "bar", "funnel", "gauge", "graph", "heatmap", "line", "lines", "radar", "scatter",
    }  # fmt: skip
    missing = {name for name in types if SERIES[name] not in _registered()}
    assert missing == set()


def test_every_component_the_option_builders_use_is_registered() -> None:
    sources = _chart_sources()
    keys = {key for key in COMPONENTS if re.search(rf'"{key}"\s*:', sources)}
    missing = {key for key in keys if not set(COMPONENTS[key]) & _registered()}
    assert missing == set()
    assert {"containLabel", "toolbox", "visualMap", "markLine", "markArea"} <= keys


def test_the_echarts_bundle_is_tree_shaken() -> None:
    assert BUNDLE.exists(), "run `npm run build` (make setup does)"
    size = BUNDLE.stat().st_size
    assert size < BUNDLE_LIMIT_BYTES < FULL_DIST_BYTES
    # The global API that kam/static/js/charts.js calls is there.
    text = BUNDLE.read_text()
    assert text.startswith("/*!") and "var echarts=" in text


def test_production_serves_hashed_compressed_static_files() -> None:
    """whitenoise writes a .gz beside every collected file (and a .br when the brotli package
    is installed, which it is not) and serves it to browsers that accept it; the production
    smoke run (scripts/production-smoke.sh) checks the Content-Encoding of the ECharts bundle."""
    settings = (ROOT / "config" / "settings" / "production.py").read_text()
    assert '"whitenoise.storage.CompressedManifestStaticFilesStorage"' in settings
    assert "Content-Encoding: gzip" in (ROOT / "scripts" / "production-smoke.sh").read_text()


@pytest.mark.django_db
def test_the_favicon_is_linked_and_favicon_ico_redirects_to_it(client: Client) -> None:
    login_page = client.get("/login/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in login_page
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/img/favicon.svg")
    svg = (ROOT / "kam" / "static" / "img" / "favicon.svg").read_text()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
