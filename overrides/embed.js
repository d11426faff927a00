/* Online Group Therapy guide: embed loader (MIT). How to use it: the guide's page for clinics. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.src || !window.URL || !window.URLSearchParams) return;
  var base = me.src.replace(/[?#].*$/, "").replace(/[^\/]*$/, "");
  var origin = new URL(base).origin;
  var NAME = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/;
  var ACCENT = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/;
  var OPTIONS = {
    view: [/^(full|summary)$/, "full or summary"],
    theme: [/^(light|dark|auto)$/, "light, dark or auto"],
    accent: [ACCENT, "a colour like #1d5f8a"],
    region: [/^[a-z]{2}$/i, "a two-letter country code like gb, so the general crisis line shows"]
  };
  var NAMES = null; // the build writes the names here (guide/embed.py bake_names)
  var mine = [];

  function warn(text) {
    console.warn("Online Group Therapy guide embed: " + text);
  }

  function nearest(name) { // most letters shared at the start and end
    var best = NAMES[0], most = -1;
    NAMES.forEach(function (known) {
      for (var a = 0; name[a] && name[a] === known[a];) a++;
      for (var z = 1; z <= name.length && name.slice(-z) === known.slice(-z);) z++;
      if (a + z > most) { most = a + z; best = known; }
    });
    return best;
  }

  function make(div) {
    var options = div.dataset;
    if (options.ogtEmbedDone != null) return;
    options.ogtEmbedDone = "";
    var name = options.ogtEmbed.replace(/^\/+|\/+$/g, "");
    if (!NAME.test(name)) return warn('"' + name + '" is not a page name; the link stays.');
    var link = div.querySelector("a");
    if (NAMES && NAMES.indexOf(name) < 0) {
      var near = nearest(name);
      if (link) link.href = base + near + "/";
      return warn('"' + name + '" is not a page of the guide. Did you mean "' + near + '"? The link now opens it.');
    }
    var id = "e" + Math.random().toString(36).slice(2, 10);
    var query = new URLSearchParams({ id: id });
    for (var key in OPTIONS) {
      var value = options[key];
      if (value && OPTIONS[key][0].test(value)) query.set(key, value.toLowerCase());
      else if (value) warn("data-" + key + ' "' + value + '" is not ' + OPTIONS[key][1] + "; ignored.");
    }
    var frame = document.createElement("iframe");
    frame.title = (link && link.textContent.trim()) || "Online Group Therapy guide: " + name;
    frame.loading = "lazy";
    frame.referrerPolicy = "no-referrer";
    frame.sandbox = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-modals";
    frame.style.cssText = "display:block;width:100%;height:30em;border:0;overflow:hidden";
    frame.src = base + "embed/" + name + "/" + (query.get("view") === "summary" ? "summary.html" : "") + "#" + query;
    div.textContent = "";
    div.appendChild(frame);
    var end = document.createElement("span"); // where the skip link lands
    end.tabIndex = -1;
    div.appendChild(end);
    mine.push({ frame: frame, id: id, end: end });
  }

  function scan() {
    var divs = document.querySelectorAll("[data-ogt-embed]");
    for (var i = 0; i < divs.length; i++) make(divs[i]);
  }

  addEventListener("message", function (event) {
    var data = event.data || 0, type = data.type;
    var n = { "ogt-embed:skip": 0, "ogt-embed:height": data.height, "ogt-embed:scroll": data.top }[type];
    if (event.origin !== origin || typeof n !== "number" || !(n >= 0 && n < 1e5)) return;
    mine.forEach(function (m) {
      var frame = m.frame;
      if (event.source !== frame.contentWindow || data.id !== m.id) return;
      if (type === "ogt-embed:skip") m.end.focus(); // "Skip past this embedded guide"
      else if (type === "ogt-embed:scroll") scrollTo(0, frame.getBoundingClientRect().top + pageYOffset + n - 16);
      else if (n) frame.style.height = Math.ceil(n) + "px";
    });
  });

  scan();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
})();
