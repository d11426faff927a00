/*
 * Online Group Therapy guide: embed loader (MIT licence). A clinic pastes two lines:
 *
 *   <div data-ogt-embed="choose/platform"><a href="https://GUIDE/choose/platform/">Choosing a platform</a></div>
 *   <script src="https://GUIDE/embed.js" async referrerpolicy="no-referrer"></script>
 *
 * Each div becomes an iframe of the page's embed view, sized to its content. Options on the
 * div: data-theme="light|dark|auto", data-accent="#1d5f8a". Without scripts the link stays.
 * No cookies, no tracking, no request anywhere but the guide. Pasting the snippet many times
 * is fine: every script run takes only the divs that no run has taken yet.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.src || !window.URL || !window.URLSearchParams) return;
  var base = me.src.replace(/[?#].*$/, "").replace(/[^\/]*$/, "");
  var origin = new URL(base).origin;
  var NAME = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/;
  var ACCENT = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/;
  var THEMES = { light: 1, dark: 1, auto: 1 };
  var mine = [];

  function warn(text) {
    if (window.console) console.warn("Online Group Therapy guide embed: " + text);
  }

  function make(div) {
    if (div.hasAttribute("data-ogt-embed-done")) return;
    div.setAttribute("data-ogt-embed-done", "");
    var name = (div.getAttribute("data-ogt-embed") || "").replace(/^\/+|\/+$/g, "");
    if (!NAME.test(name)) return warn('"' + name + '" is not a page name; the link stays.');
    var id = "e" + Math.random().toString(36).slice(2, 10);
    var query = new URLSearchParams({ id: id });
    var theme = div.getAttribute("data-theme");
    var accent = div.getAttribute("data-accent");
    if (theme && THEMES.hasOwnProperty(theme)) query.set("theme", theme);
    else if (theme) warn('data-theme "' + theme + '" is not light, dark or auto; ignored.');
    if (accent && ACCENT.test(accent)) query.set("accent", accent);
    else if (accent) warn('data-accent "' + accent + '" is not a colour like #1d5f8a; ignored.');
    var link = div.querySelector("a");
    var frame = document.createElement("iframe");
    frame.title = (link && link.textContent.trim()) || "Online Group Therapy guide: " + name;
    frame.setAttribute("loading", "lazy");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-modals");
    frame.style.cssText = "display:block;width:100%;height:30em;border:0;overflow:hidden";
    frame.src = base + "embed/" + name + "/#" + query;
    div.textContent = "";
    div.appendChild(frame);
    var end = document.createElement("span");  // where "Skip past this embedded guide" lands
    end.tabIndex = -1;
    div.appendChild(end);
    mine.push({ frame: frame, id: id, end: end });
  }

  function scan() {
    var divs = document.querySelectorAll("[data-ogt-embed]");
    for (var i = 0; i < divs.length; i++) make(divs[i]);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || typeof data !== "object") return;
    for (var i = 0; i < mine.length; i++) {
      var frame = mine[i].frame;
      if (event.source !== frame.contentWindow || data.id !== mine[i].id) continue;
      var n = data.type === "ogt-embed:skip" ? 0 : data.type === "ogt-embed:height" ? data.height : data.top;
      if (typeof n !== "number" || !(n >= 0 && n < 100000)) return;
      if (data.type === "ogt-embed:height" && n) frame.style.height = Math.ceil(n) + "px";
      else if (data.type === "ogt-embed:scroll") scrollTo(0, frame.getBoundingClientRect().top + pageYOffset + n - 16);
      else if (data.type === "ogt-embed:skip") mine[i].end.focus();
      return;
    }
  });

  scan();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
})();
