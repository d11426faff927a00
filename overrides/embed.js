/*
 * Online Group Therapy guide: embed loader (MIT licence). A clinic pastes two lines:
 *
 *   <div data-ogt-embed="choose/platform"><a href="https://GUIDE/choose/platform/">Choosing a platform</a></div>
 *   <script src="https://GUIDE/embed.js" async referrerpolicy="no-referrer"></script>
 *
 * Each div becomes an iframe of the page's embed view, sized to its content. Options on the
 * div: data-theme="light|dark|auto", data-accent="#1d5f8a", data-region="gb" (the country whose
 * crisis numbers show). Without scripts the link stays.
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
    var region = (div.getAttribute("data-region") || "").toLowerCase();
    if (/^[a-z]{2}$/.test(region)) query.set("region", region);
    else if (region) warn('data-region "' + region + '" is not a two-letter country code like gb; the general crisis line shows.');
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
    mine.push({ frame: frame, id: id });
  }

  function scan() {
    var divs = document.querySelectorAll("[data-ogt-embed]");
    for (var i = 0; i < divs.length; i++) make(divs[i]);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || typeof data !== "object" || data.type !== "ogt-embed:height") return;
    var height = data.height;
    if (typeof height !== "number" || !(height > 0 && height < 100000)) return;
    for (var i = 0; i < mine.length; i++) {
      if (event.source === mine[i].frame.contentWindow && data.id === mine[i].id) {
        mine[i].frame.style.height = Math.ceil(height) + "px";
        return;
      }
    }
  });

  scan();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
})();
