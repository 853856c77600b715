/* Diptych: the side-by-side toggle (translation / original / both), remembered across
   pages in localStorage. The page reads fully without this script. */
(function () {
  "use strict";
  var KEY = "diptych.view";
  var MODES = ["translation", "original", "both"];

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return MODES.indexOf(value) >= 0 ? value : null;
    } catch (error) {
      return null; /* storage disabled: the toggle still works on this page */
    }
  }

  function apply(mode) {
    document.querySelectorAll(".dp-pairs").forEach(function (pairs) {
      pairs.setAttribute("data-dp-view", mode);
    });
    document.querySelectorAll(".dp-toggle__button").forEach(function (button) {
      button.setAttribute(
        "aria-pressed", button.getAttribute("data-dp-view") === mode ? "true" : "false");
    });
  }

  function setup() {
    var toggles = document.querySelectorAll(".dp-toggle");
    if (!toggles.length) return;
    apply(stored() || "both");
    toggles.forEach(function (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function (event) {
        var button = event.target.closest(".dp-toggle__button");
        if (!button) return;
        var mode = button.getAttribute("data-dp-view");
        apply(mode);
        try {
          window.localStorage.setItem(KEY, mode);
        } catch (error) {
          /* not remembered, nothing else lost */
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
