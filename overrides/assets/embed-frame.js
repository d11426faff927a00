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

  // The clinic's country (data-region on the snippet): show its crisis numbers instead of the
  // general line. An unknown code keeps the general line and says so once.
  var region = options.get("region");
  if (region && /^[a-z]{2}$/.test(region)) {
    var line = document.querySelector('[data-ogt-crisis-line] [data-ogt-region="' + region + '"]');
    var general = document.querySelector('[data-ogt-crisis-line] [data-ogt-region="general"]');
    if (line && general) {
      line.hidden = false;
      general.hidden = true;
    } else if (window.console) {
      console.warn('Online Group Therapy guide embed: data-region "' + region +
        '" has no crisis lines in this guide; the general crisis line shows.');
    }
  }

  if (window.parent === window || !id || !/^[A-Za-z0-9_-]{1,40}$/.test(id)) return;
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
