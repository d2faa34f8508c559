// Renders every ECharts chart on the page. The server builds the option JSON (a selector or
// kam/lib/charts.py) and the template embeds it with json_script:
//   {{ option|json_script:"matrix-option" }}
//   <div class="chart" data-chart="matrix-option"></div>
// Charts re-render after htmx swaps and resize with the window and for printing.
(function () {
  "use strict";
  function render(root) {
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source || !window.echarts) { return; }
      var chart = window.echarts.getInstanceByDom(element) || window.echarts.init(element, null, { renderer: "canvas" });
      chart.setOption(JSON.parse(source.textContent), true);
    });
  }
  function resizeAll() {
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var chart = window.echarts && window.echarts.getInstanceByDom(element);
      if (chart) { chart.resize(); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSettle", function (event) { render(event.target); });
  window.addEventListener("resize", resizeAll);
  window.addEventListener("beforeprint", resizeAll);
  window.kamCharts = { render: render, resizeAll: resizeAll };
})();
