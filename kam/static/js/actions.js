// Small page behaviours declared in the markup, instead of inline handlers (the
// Content-Security-Policy runs no onclick="…"):
//   <button type="button" data-print>           prints the page;
//   <select data-autosubmit>                     submits its form when the choice changes
//                                                (a <noscript> submit button is the fallback).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
  });
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });
})();
