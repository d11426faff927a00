/*
 * The clinics page's snippet builder (guide/templates/embed-builder.html). Shows the form, and on
 * every change writes the snippet and points the preview at the chosen embed view. The snippet
 * starts from the one the build made for the page, in the catalogue below (the option's
 * data-item); the script only adds the checked options, whose values come from radio buttons,
 * selects and a colour input, so they are valid. The country fills the snippet's data-region.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-ogt-builder]");
  if (!form) return;
  var code = form.querySelector("[data-ogt-builder-code]");
  var preview = form.querySelector("[data-ogt-builder-preview]");
  var base = form.getAttribute("data-embed-base");

  function update() {
    var option = form.elements.name.selectedOptions[0];
    var view = form.elements.view.value;
    var theme = form.elements.theme.value;
    var accent = form.elements.own.checked ? form.elements.accent.value : "";
    var region = /^[a-z]{2}$/.test(form.elements.region.value) ? form.elements.region.value : "";
    var extra = "";
    if (view !== "full") extra += ' data-view="' + view + '"';
    if (theme !== "light") extra += ' data-theme="' + theme + '"';
    if (/^#[0-9a-f]{6}$/.test(accent)) extra += ' data-accent="' + accent + '"';
    var name = option.value;
    var ready = document.getElementById(option.getAttribute("data-item")).querySelector("code[data-ogt-copy]");
    var file = name + "/" + (view === "summary" ? "summary.html" : "");
    var hash = new URLSearchParams({ theme: theme });
    if (accent) hash.set("accent", accent);
    if (region) hash.set("region", region);
    var kind = form.elements.code.value;
    if (kind === "script") {
      var tag = 'data-ogt-embed="' + name + '"';
      code.textContent = ready.textContent.replace(' data-region=""', "")
        .replace(tag, tag + ' data-region="' + region + '"' + extra);
    } else {
      // The same code as guide/embed.py iframe_snippet, made with the DOM so the browser escapes it.
      var parts = document.createElement("template");
      parts.innerHTML = ready.textContent;
      var link = parts.content.querySelector("a");
      var root = parts.content.querySelector("script").getAttribute("src").replace(/embed\.js$/, "");
      var options = new URLSearchParams(hash);
      if (theme === "light") options.delete("theme");
      var frame = document.createElement("iframe");
      frame.setAttribute("src", root + "embed/" + file + (String(options) ? "#" + options : ""));
      frame.setAttribute("title", link.textContent);
      frame.setAttribute("width", "100%");
      frame.setAttribute("height", form.getAttribute("data-frame-height"));
      frame.setAttribute("loading", "lazy");
      frame.setAttribute("referrerpolicy", "no-referrer");
      frame.setAttribute("sandbox", form.getAttribute("data-sandbox"));
      var more = document.createElement("p");
      more.appendChild(document.createElement("a"));
      more.firstChild.setAttribute("href", link.getAttribute("href"));
      more.firstChild.textContent = "Show more: " + link.textContent;
      code.textContent = kind === "frame" ? frame.outerHTML + "\n" + more.outerHTML : root + "embed/" + name + "/" + (region ? "#region=" + region : "");
    }
    preview.src = base + file + "#" + hash;
    form.elements.accent.disabled = !form.elements.own.checked;
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  update();
})();
