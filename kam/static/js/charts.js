// Renders every ECharts chart on the page. The server builds the option JSON (a selector or
// kam/lib/charts.py) and the template embeds it with json_script:
//   {{ option|json_script:"matrix-option" }}
//   <div class="chart" data-chart="matrix-option"></div>
// Charts re-render after htmx swaps and resize with the window and for printing.
// Labels avoid each other through the option's own `labelLayout` (built on the server): no code
// here formats text, so what users typed stays data and ECharts escapes it.
// kamCharts.render(root, "svg") re-draws with the SVG renderer (tests measure the <text> boxes).
(function () {
  "use strict";
  function render(root, renderer) {
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source || !window.echarts) { return; }
      var option = JSON.parse(source.textContent);
      // The Content-Security-Policy blocks the style attributes of ECharts' HTML tooltips: they
      // are drawn on the chart instead (plain text, so nothing in them is read as HTML either).
      [].concat(option.tooltip || []).forEach(function (tip) { tip.renderMode = "richText"; });
      var chart = window.echarts.getInstanceByDom(element);
      if (chart && renderer) { chart.dispose(); chart = null; delete element.dataset.linksBound; }
      if (option.empty) {  // an empty state that reached the page as JSON: say it, draw nothing
        if (chart) { chart.dispose(); }
        element.textContent = option.empty;
        element.classList.add("empty");
        return;
      }
      chart = chart || window.echarts.init(element, null, { renderer: renderer || "canvas" });
      chart.setOption(option, true);
      // Items that carry a "url" (a person on the power map) open it on click.
      if (element.hasAttribute("data-chart-links") && !element.dataset.linksBound) {
        element.dataset.linksBound = "1";
        chart.on("click", function (params) {
          if (params.data && typeof params.data.url === "string" && params.data.url.charAt(0) === "/") {
            window.location.assign(params.data.url);
          }
        });
      }
    });
  }
  // <button data-chart-download="chart-element-id" data-filename="x.png"> saves the chart as PNG.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-chart-download]");
    if (!button || !window.echarts) { return; }
    var element = document.getElementById(button.dataset.chartDownload);
    var chart = element && window.echarts.getInstanceByDom(element);
    if (!chart) { return; }
    var link = document.createElement("a");
    link.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
    link.download = button.dataset.filename || "chart.png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
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
