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
