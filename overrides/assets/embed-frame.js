/*
 * Runs inside an embed view (embed/<page>/). It reads the options the loader put after "#":
 * id, theme (light, dark or auto) and accent (#rgb or #rrggbb), checks them again, applies them,
 * and tells the host page the content's height, so the iframe never needs a scrollbar. The
 * message holds the loader's id and a number, nothing about the reader.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var body = document.body;
  var options = new URLSearchParams(location.hash.slice(1));
  var theme = options.get("theme");
  var accent = options.get("accent");
  var id = options.get("id");

  var dark = theme === "dark" ||
    (theme === "auto" && window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches);
  body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");
  if (accent && /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(accent)) {
    body.style.setProperty("--md-typeset-a-color", accent);
    body.style.setProperty("--md-accent-fg-color", accent);
    body.style.setProperty("--ogt-embed-accent", accent);
  }

  if (window.parent === window || !id || !/^[A-Za-z0-9_-]{1,40}$/.test(id)) return;
  root.classList.add("ogt-embed-root--sized");

  // The frame has no scroll bar of its own, so in-page links (footnotes, back-links, the skip
  // link) move focus here and ask the host page to scroll: the loader does, to the target.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link || event.defaultPrevented) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) return;
    event.preventDefault();
    if (target.id === "ogt-embed-end") {  // "Skip past": the loader focuses what follows the frame
      window.parent.postMessage({ type: "ogt-embed:skip", id: id }, "*");
      return;
    }
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    var top = target.getBoundingClientRect().top;
    window.parent.postMessage({ type: "ogt-embed:scroll", id: id, top: top }, "*");
  });
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
