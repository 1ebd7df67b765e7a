// The colour scheme the visitor chose with the header's switch, applied before the page is drawn (so it
// does not flash). Kept in local storage, not a cookie: pages stay the same for everyone, and cached.
(function () {
  "use strict";
  document.documentElement.classList.add("js");  // the phone menu folds only where script can unfold it
  try {
    var chosen = window.localStorage.getItem("theme");
    if (chosen === "dark" || chosen === "light") { document.documentElement.setAttribute("data-theme", chosen); }
  } catch (error) { /* storage blocked: follow the system setting */ }
})();
