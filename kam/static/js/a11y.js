// Keyboard and screen-reader help for the whole site (loaded by base.html, no inline script):
// - a page that comes back with form errors puts the focus on the first invalid field;
// - after an htmx swap (paging, filters) the focus goes to the new content when the control
//   that had it was replaced, and the status region (#live-status) reads what changed: the
//   swapped part's count and page lines ("12 accounts", "Page 2 of 5"), or a general
//   "content updated". The texts come translated from the server (data attributes or the page).
//   Swaps nobody asked for (hx-trigger="load", polling) neither move the focus nor speak.
(function () {
  "use strict";
  var SUMMARY = "[data-live-message], .count, .pagination span";

  function focusFirstInvalid() {
    var field = document.querySelector("main [aria-invalid='true']");
    if (!field) { return; }
    field.focus();
    var status = document.getElementById("live-status");
    if (status) { announce(status.dataset.invalid); }
  }

  function announce(text) {
    var status = document.getElementById("live-status");
    if (!status || !text) { return; }
    // Empty first, so the same text twice (page 2 → page 2 again) is still read.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function summaryOf(region) {
    var texts = [];
    region.querySelectorAll(SUMMARY).forEach(function (element) {
      var text = (element.dataset.liveMessage || element.textContent).trim().replace(/\s+/g, " ");
      if (text) { texts.push(text); }
    });
    return texts.join(" · ");
  }

  function focusRegion(region) {
    var active = document.activeElement;
    // Typing in a filter field keeps the focus there; only a replaced control loses it.
    if (active && active !== document.body && document.contains(active) && !region.contains(active)) {
      return;
    }
    var heading = region.querySelector("h1, h2, h3, [data-live-message], .count");
    var target = heading || region;
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }

  function afterSettle(event) {
    var region = event.detail && event.detail.target;
    if (!region || !region.querySelectorAll || !document.contains(region)) { return; }
    if (region === document.body) { return; }
    // Only what a person did: parts that load themselves or poll (no triggering event) stay quiet
    // and leave the focus where it is.
    var config = event.detail.requestConfig;
    if (!config || !config.triggeringEvent) { return; }
    // Parts with their own live region (the action board) announce and focus themselves.
    if (region.matches("[aria-live]") || region.querySelector("[aria-live]")) { return; }
    var status = document.getElementById("live-status");
    if (!status) { return; }
    if (region.querySelector("[aria-invalid='true']")) {
      region.querySelector("[aria-invalid='true']").focus();
      announce(status.dataset.invalid);
      return;
    }
    focusRegion(region);
    announce(summaryOf(region) || status.dataset.updated);
  }

  document.addEventListener("DOMContentLoaded", focusFirstInvalid);
  document.addEventListener("htmx:afterSettle", afterSettle);
})();

// A long list of checkbox groups (the ladder rungs of each person a meeting names) is one tab
// stop per group, <fieldset data-roving>: Tab goes from group to group, the arrow keys (and Home,
// End) move within a group, Space ticks. The group's stop stays on the box last focused.
(function () {
  "use strict";
  var KEYS = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

  function boxesOf(group) {
    return Array.prototype.slice.call(group.querySelectorAll("input[type=checkbox]:not(:disabled)"));
  }

  function makeStop(group, stop) {
    boxesOf(group).forEach(function (box) { box.tabIndex = box === stop ? 0 : -1; });
  }

  function setUp(root) {
    root.querySelectorAll("[data-roving]").forEach(function (group) {
      var boxes = boxesOf(group);
      if (!boxes.length || group.dataset.rovingReady) { return; }
      group.dataset.rovingReady = "1";
      makeStop(group, boxes.filter(function (box) { return box.checked; })[0] || boxes[0]);
      group.addEventListener("focusin", function (event) {
        if (event.target.type === "checkbox") { makeStop(group, event.target); }
      });
      group.addEventListener("keydown", function (event) {
        var list = boxesOf(group);
        var index = list.indexOf(event.target);
        if (index < 0) { return; }
        var next = null;
        if (KEYS[event.key]) { next = list[(index + KEYS[event.key] + list.length) % list.length]; }
        if (event.key === "Home") { next = list[0]; }
        if (event.key === "End") { next = list[list.length - 1]; }
        if (!next) { return; }
        event.preventDefault();
        makeStop(group, next);
        next.focus();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail && event.detail.target && event.detail.target.querySelectorAll) {
      setUp(event.detail.target);
    }
  });
})();

// A box that scrolls sideways (a wide table on a phone) can be scrolled from the keyboard: when it
// overflows and holds nothing focusable, it joins the tab order (arrow keys then scroll it); when
// it stops overflowing (a wider window) it leaves it again.
(function () {
  "use strict";
  var BOXES = ".table, .table-scroll, .scroll-x";
  var FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";
  function update() {
    document.querySelectorAll(BOXES).forEach(function (box) {
      var overflows = box.scrollWidth > box.clientWidth + 1;
      var managed = box.hasAttribute("data-scroll-focus");
      if (overflows && !managed && !box.hasAttribute("tabindex") && !box.querySelector(FOCUSABLE)) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-focus", "");
      } else if (!overflows && managed) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    });
  }
  var pending = null;
  function later() {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(update, 100);
  }
  document.addEventListener("DOMContentLoaded", update);
  document.addEventListener("htmx:afterSettle", update);
  window.addEventListener("resize", later);
})();
