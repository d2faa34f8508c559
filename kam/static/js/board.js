// Action boards: after a status change swaps the columns in place (htmx out-of-band), keep the
// keyboard focus on the moved card's status control.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function () {
    var summary = document.getElementById("board-summary");
    var target = summary && summary.dataset.focus ? document.getElementById(summary.dataset.focus) : null;
    if (target) {
      target.focus();
      delete summary.dataset.focus;
    }
  });
})();
