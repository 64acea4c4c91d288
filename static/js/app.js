// Move keyboard and screen-reader focus to what must be read first: the error summary of a
// refused form, or (after an in-place htmx save) the confirmation message.
(function () {
  "use strict";

  function focus(element) {
    if (!element) return false;
    if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
    element.focus();
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    focus(document.querySelector(".error-summary"));
  });

  document.addEventListener("htmx:afterSettle", function () {
    var swapped = document.getElementById("client-file") || document;
    focus(swapped.querySelector(".error-summary")) || focus(swapped.querySelector(".messages"));
  });
})();

// The conversation form proposes the norm's duration for the chosen kind, until the user types
// a duration of their own.
(function () {
  "use strict";

  function follow(duration) {
    var kind = document.getElementById(duration.getAttribute("data-follows-kind"));
    if (!kind || duration.dataset.following) return;
    duration.dataset.following = "yes";
    var minutes = JSON.parse(kind.getAttribute("data-minutes") || "{}");
    var proposed = String(minutes[kind.value] || "");
    duration.addEventListener("input", function () {
      proposed = null; // the user's own figure now
    });
    kind.addEventListener("change", function () {
      if (proposed === null || duration.value !== proposed) return;
      proposed = String(minutes[kind.value] || "");
      duration.value = proposed;
    });
  }

  function followAll() {
    document.querySelectorAll("[data-follows-kind]").forEach(follow);
  }

  document.addEventListener("DOMContentLoaded", followAll);
  document.addEventListener("htmx:afterSettle", followAll);
})();

// A client list's "all on this page" box ticks every row's box. Without JavaScript it stays
// hidden: the action bar's "all matching the filters" covers every page.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-ticks]").forEach(function (box) {
      var selector = 'input[type="checkbox"][name="client"][form="' + box.dataset.ticks + '"]';
      var rows = document.querySelectorAll(selector);
      if (!rows.length) return;
      box.hidden = false;
      box.addEventListener("change", function () {
        rows.forEach(function (row) {
          row.checked = box.checked;
        });
      });
    });
  });
})();

// A table or chart wider than its box scrolls inside it (.table-scroll, figure.chart); while it
// does, the box takes keyboard focus so the arrow keys can scroll it too.
(function () {
  "use strict";

  function mark() {
    document.querySelectorAll(".table-scroll, figure.chart").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }

  document.addEventListener("DOMContentLoaded", mark);
  document.addEventListener("htmx:afterSettle", mark);
  window.addEventListener("resize", mark);
})();
