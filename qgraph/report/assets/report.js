// Draws the charts of a qgraph report page with Plotly (assets/plotly.min.js, loaded before this file).
// Each chart's figure is JSON in a <script type="application/json" class="chart-data"> element; a click on a
// mark follows its customdata (the id of the evidence group listing the clauses behind it).
// window.__report tells tests how many charts there are and how many are drawn.
(function () {
  "use strict";
  var FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', " +
             "'PingFang SC', sans-serif";
  var report = window.__report = {charts: 0, drawn: 0};
  function evidenceOf(point) {
    var key = point.customdata;
    if (key === undefined && point.data && point.data.customdata && point.pointIndex !== undefined) {
      var i = point.pointIndex;  // a heat map's point index is [row, column]
      key = Array.isArray(i) ? point.data.customdata[i[0]][i[1]] : point.data.customdata[i];
    }
    return Array.isArray(key) ? key[0] : key;
  }
  var blocks = document.querySelectorAll("script.chart-data");
  Array.prototype.forEach.call(blocks, function (block) {
    var div = document.getElementById(block.getAttribute("data-chart"));
    var spec = JSON.parse(block.textContent);
    report.charts += 1;
    spec.layout.font = Object.assign({family: FONT, size: 13}, spec.layout.font || {});
    spec.layout.hoverlabel = Object.assign({font: {family: FONT}}, spec.layout.hoverlabel || {});
    Plotly.newPlot(div, spec.data, spec.layout,
                   {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"]})
      .then(function () {
        report.drawn += 1;
        div.on("plotly_click", function (event) {
          var key = event.points && event.points.length ? evidenceOf(event.points[0]) : null;
          if (key && document.getElementById(key)) { window.location.hash = key; }
        });
      });
  });
})();
