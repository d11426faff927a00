/*
 * Runs inside an embed view (embed/<page>/). It reads the options the loader put after "#":
 * id, theme (light, dark or auto), accent (#rgb or #rrggbb) and region (a country code), checks
 * them again, applies them, and tells the host page the content's height, so the iframe never needs a scrollbar. The
 * message holds the loader's id and a number, nothing about the reader.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var body = document.body;
  var id = new URLSearchParams(location.hash.slice(1)).get("id");

  // Again when only the options change (the clinics page's builder preview).
  function apply() {
    var options = new URLSearchParams(location.hash.slice(1));
    var theme = options.get("theme");
    var accent = options.get("accent");
    var dark = theme === "dark" ||
      (theme === "auto" && window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches);
    body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");
    var good = accent && /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(accent);
    ["--md-typeset-a-color", "--md-accent-fg-color", "--ogt-embed-accent"].forEach(function (name) {
      if (good) body.style.setProperty(name, accent);
      else body.style.removeProperty(name);
    });
  }
  apply();
  window.addEventListener("hashchange", apply);

  // The clinic's country (data-region on the snippet): show its crisis numbers instead of the
  // general line. An unknown code keeps the general line and says so. Again when only the
  // options change (the builder's country choice).
  var shownLine = null;
  function showRegion() {
    var region = (new URLSearchParams(location.hash.slice(1)).get("region") || "").toLowerCase();
    var line = null;
    var general = document.querySelector('[data-ogt-crisis-line] [data-ogt-region="general"]');
    if (region && /^[a-z]{2}$/.test(region)) {
      line = document.querySelector('[data-ogt-crisis-line] [data-ogt-region="' + region + '"]');
      if (!(line && general)) {
        line = null;
        if (window.console) console.warn('Online Group Therapy guide embed: data-region "' + region +
          '" has no crisis lines in this guide; the general crisis line shows.');
      }
    }
    if (shownLine) shownLine.hidden = true;
    if (line) line.hidden = false;
    if (general) general.hidden = !!line;
    shownLine = line;
  }
  showRegion();
  window.addEventListener("hashchange", showRegion);

  var sized = window.parent !== window && id && /^[A-Za-z0-9_-]{1,40}$/.test(id);

  // In-page links (footnotes, back-links, the skip link) open any closed section around their
  // target and move focus to it. A frame sized by the loader has no scroll bar of its own, so it
  // asks the host page to scroll there; the loader does. The address keeps its options.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link || event.defaultPrevented) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) return;
    event.preventDefault();
    if (sized && target.id === "ogt-embed-end") { // "Skip past": the loader focuses what follows the frame
      window.parent.postMessage({ type: "ogt-embed:skip", id: id }, "*");
      return;
    }
    for (var open = target; open; open = open.parentElement) {
      if (open.tagName === "DETAILS") open.open = true;
    }
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    if (!sized) return target.scrollIntoView();
    var top = target.getBoundingClientRect().top;
    window.parent.postMessage({ type: "ogt-embed:scroll", id: id, top: top }, "*");
  });

  if (!sized) return;
  root.classList.add("ogt-embed-root--sized");
  var last = 0;
  function send() {
    var height = Math.ceil(body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "ogt-embed:height", id: id, height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(send).observe(body);
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  send();
})();
