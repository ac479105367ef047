// dossier workbench niceties. Pages work without this file; it only adds
// click-to-sort on tables marked "sortable". Loaded from /assets (the
// Content-Security-Policy allows no inline script).
"use strict";
(function () {
  function key(cell) {
    var t = (cell.textContent || "").trim();
    var n = parseFloat(t.replace(/,/g, ""));
    return isNaN(n) || !/^[\d,.\-–+]+/.test(t) ? t.toLowerCase() : n;
  }
  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var asc = !th.classList.contains("asc");
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.classList.remove("asc", "desc"); });
    th.classList.add(asc ? "asc" : "desc");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[col]), y = key(b.cells[col]);
      if (typeof x !== typeof y) { x = String(x); y = String(y); }
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable thead th").forEach(function (th, i) {
      th.addEventListener("click", function () { sortBy(th.closest("table"), th.cellIndex, th); });
    });
    document.documentElement.setAttribute("data-js", "ready");
  });
})();
