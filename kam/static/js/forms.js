// Turns every <select multiple data-searchable> (kam.core.forms.SearchableSelectMultiple) into a
// searchable multi-select with Tom Select (kam/static/vendor, built by frontend/build.mjs).
// Progressive enhancement: without JavaScript the plain list still works (Ctrl/Cmd-click), and
// the form posts the same values either way. The widget's texts come translated from the server
// in data attributes (data-placeholder, data-no-results, data-remove-label).
(function () {
  "use strict";
  function escapeText(escape, text) { return escape(text || ""); }
  function enhance(root) {
    if (!window.TomSelect || !root.querySelectorAll) { return; }
    root.querySelectorAll("select[multiple][data-searchable]").forEach(function (select) {
      if (select.tomselect) { return; }
      var data = select.dataset;
      var picker = new window.TomSelect(select, {
        plugins: { remove_button: { title: data.removeLabel || "×" } },
        maxOptions: null,
        placeholder: data.placeholder || "",
        hidePlaceholder: true,
        closeAfterSelect: false,
        // Enter picks the highlighted person and empties the search for the next one
        clearAfterSelect: true,
        render: {
          no_results: function (_query, escape) {
            return '<div class="no-results">' + escapeText(escape, data.noResults) + "</div>";
          }
        }
      });
      // Tom Select moves the <label for> to its own input; the original <select>, still in the
      // accessibility tree, keeps its name through the label's id.
      var labelledBy = picker.control_input.getAttribute("aria-labelledby");
      if (labelledBy && !select.hasAttribute("aria-label")) {
        select.setAttribute("aria-labelledby", labelledBy);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
  window.kamForms = { enhance: enhance };
})();
