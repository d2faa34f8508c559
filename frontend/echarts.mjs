// The ECharts build KAM serves: echarts/core with only the series, components and features that
// the option builders (kam/lib/charts.py, kam/*/charts.py, chart selectors) use. esbuild bundles
// it (frontend/build.mjs) into kam/static/vendor/echarts.min.js as the global `echarts`, so
// kam/static/js/charts.js keeps calling echarts.init / getInstanceByDom.
//
// A new series type or component in an option builder must be registered here as well: ECharts'
// production build drops an unregistered series or component silently. tests/test_static_build.py
// checks that every series type and option component written in kam/ is registered below.
import { use } from "echarts/core";
import {
  BarChart,
  FunnelChart,
  GaugeChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  LinesChart,
  PieChart,
  RadarChart,
  ScatterChart,
} from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
} from "echarts/components";
import { LabelLayout, LegacyGridContainLabel } from "echarts/features";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";

use([
  // Series: portfolio matrix and IPA (scatter, trails as lines with arrows), trends (line, bar),
  // profiles (radar), health and influence gauges, compliance year map (heatmap), power map
  // (graph), matching funnel, the PDCA wheel (pie as a donut).
  BarChart,
  FunnelChart,
  GaugeChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  LinesChart,
  PieChart,
  RadarChart,
  ScatterChart,
  // Components: cartesian grid, titles, legends (plain and scroll), tooltips, thresholds and
  // bands (markLine, markArea), the year map's piecewise visualMap, the power map's toolbox
  // (reset view, save as PNG).
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  // Features: label overlap handling (labelLayout: hideOverlap / moveOverlap) and
  // grid.containLabel (a legacy option in ECharts 6 that needs its feature installed).
  LabelLayout,
  LegacyGridContainLabel,
  // Renderers: charts are drawn on canvas; SVG stays available for echarts.init(…, {renderer: "svg"}).
  CanvasRenderer,
  SVGRenderer,
]);

export * from "echarts/core";
