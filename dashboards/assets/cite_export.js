// Citeable chart exports (issue #12): a PNG or SVG of the chart with its title above and its
// sources, period, "data as of", licence and address below. Rendered by plotly.js in the
// browser from a copy of the chart; nothing is sent anywhere.
(function () {
  "use strict";
  function lines(meta) {
    return [meta.sources, meta.period + " · " + meta.as_of, meta.licence,
            meta.url_label + ": " + window.location.href];
  }
  function exportChart(button) {
    var controls = button.closest(".cite-controls");
    var wrap = document.querySelector(".graph-wrap .js-plotly-plot");
    if (!controls || !wrap || !window.Plotly) return;
    var meta = JSON.parse(controls.getAttribute("data-cite"));
    var rtl = document.getElementById("page").getAttribute("dir") === "rtl";
    var full = wrap._fullLayout;
    var layout = JSON.parse(JSON.stringify(wrap.layout));
    var extraTop = 50, extraBottom = 80;
    var height = full.height + extraTop + extraBottom;
    layout.height = height;
    layout.width = full.width;
    layout.margin = Object.assign({}, layout.margin || {});
    // from the margins plotly actually drew (automargin grew them for the legend and ticks)
    layout.margin.t = full._size.t + extraTop;
    layout.margin.b = full._size.b + extraBottom;
    layout.margin.l = full._size.l;
    layout.margin.r = full._size.r;
    layout.title = { text: meta.title, x: rtl ? 0.98 : 0.02, xanchor: rtl ? "right" : "left",
                     font: { size: 18 } };
    var plotHeight = full._size.h;
    var rows = lines(meta);
    layout.annotations = (layout.annotations || []).concat(rows.map(function (text, i) {
      return {
        text: text, showarrow: false, xref: "paper", yref: "paper",
        x: rtl ? 1 : 0, xanchor: rtl ? "right" : "left", yanchor: "bottom",
        y: -(layout.margin.b - 8 - 16 * (rows.length - 1 - i)) / plotHeight,
        font: { size: 11, color: "#444" }
      };
    }));
    var format = button.getAttribute("data-format");
    window.Plotly.downloadImage({ data: wrap.data, layout: layout, config: { locale: (wrap._context || {}).locale } }, {
      format: format, width: full.width, height: height,
      filename: (meta.title || "tracker-chart").replace(/[^\w\u0600-\u06FF-]+/g, "-")
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cite-export");
    if (button) { exportChart(button); return; }
    var copy = event.target.closest && event.target.closest(".copy-link");
    if (copy && navigator.clipboard) {
      navigator.clipboard.writeText(window.location.href).then(function () {
        copy.setAttribute("data-copied", "1");
      }, function () {});
    }
  });
})();
