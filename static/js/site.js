// Behaviour for the public pages: copy buttons and BibTeX panels in publication lists.
// Loaded from a file (no inline script) so the Content-Security-Policy can forbid inline code.
(function () {
  "use strict";
  var body = document.body;
  var labels = {
    copy: body.getAttribute("data-label-copy") || "Copy",
    copied: body.getAttribute("data-label-copied") || "Copied",
    failed: body.getAttribute("data-label-failed") || "Select the text and copy it"
  };

  function announce(button, text) {
    var original = button.getAttribute("data-original") || button.textContent;
    button.setAttribute("data-original", original);
    button.textContent = text;
    window.setTimeout(function () { button.textContent = original; }, 2000);
  }

  function copyFrom(button, source) {
    var text = source.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { announce(button, labels.copied); },
        function () { announce(button, labels.failed); }
      );
    } else {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      announce(button, document.execCommand("copy") ? labels.copied : labels.failed);
    }
  }

  // The colour scheme switch: the opposite of what shows now, remembered in local storage (theme.js
  // applies it on the next page before it is drawn).
  var root = document.documentElement;
  function scheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) { return chosen; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function showScheme() {
    var switches = document.querySelectorAll("button[data-theme-switch]");
    for (var i = 0; i < switches.length; i++) { switches[i].setAttribute("aria-pressed", String(scheme() === "dark")); }
  }
  showScheme();

  // On a wide screen the filter panel starts open; on a phone it starts folded, the list first.
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    var panels = document.querySelectorAll("details[data-open-wide]");
    for (var p = 0; p < panels.length; p++) { panels[p].open = true; }
  }

  document.addEventListener("click", function (event) {
    var menu = event.target.closest("button.menu-toggle");
    if (menu) {
      var header = menu.closest(".site-header");
      var open = header.classList.toggle("menu-open");
      menu.setAttribute("aria-expanded", String(open));
      return;
    }
    if (event.target.closest("button[data-theme-switch]")) {
      var next = scheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { window.localStorage.setItem("theme", next); } catch (error) { /* kept for this page only */ }
      showScheme();
      return;
    }
    var copy = event.target.closest("button[data-copy]");
    if (copy) {
      var source = document.getElementById(copy.getAttribute("data-copy"));
      if (source) { copyFrom(copy, source); }
      return;
    }
    var link = event.target.closest("a[data-bibtex]");
    if (!link) { return; }
    event.preventDefault();
    var entry = link.closest(".entry");
    var panel = entry.querySelector(".bibtex-panel");
    if (panel) {
      panel.hidden = !panel.hidden;
      link.setAttribute("aria-expanded", String(!panel.hidden));
      return;
    }
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (text) {
        var id = "bibtex-" + entry.id;
        panel = document.createElement("div");
        panel.className = "bibtex-panel";
        var pre = document.createElement("pre");
        pre.id = id;
        pre.tabIndex = 0;
        pre.textContent = text;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "copy";
        button.setAttribute("data-copy", id);
        button.textContent = labels.copy;
        panel.appendChild(pre);
        panel.appendChild(button);
        entry.querySelector(".entry-body").appendChild(panel);
        link.setAttribute("aria-expanded", "true");
        link.setAttribute("aria-controls", id);
      })
      .catch(function () { window.location.href = link.href; });
  });
})();
