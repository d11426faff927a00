/*
 * The clinics page's snippet builder (guide/templates/embed-builder.html). Shows the form, and on
 * every change writes the snippet and points the preview at the chosen embed view. The snippet
 * starts from the one the build made for the page, in the catalogue below (the option's
 * data-item); the script only adds the checked options, whose values come from radio buttons
 * and a colour input, so they are valid.
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
    var extra = "";
    if (view !== "full") extra += ' data-view="' + view + '"';
    if (theme !== "light") extra += ' data-theme="' + theme + '"';
    if (/^#[0-9a-f]{6}$/.test(accent)) extra += ' data-accent="' + accent + '"';
    var name = option.value;
    var ready = document.getElementById(option.getAttribute("data-item")).querySelector("code[data-ogt-copy]");
    code.textContent = ready.textContent.replace('data-ogt-embed="' + name + '"', 'data-ogt-embed="' + name + '"' + extra);
    var hash = new URLSearchParams({ theme: theme });
    if (accent) hash.set("accent", accent);
    preview.src = base + name + "/" + (view === "summary" ? "summary.html" : "") + "#" + hash;
    form.elements.accent.disabled = !form.elements.own.checked;
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  update();
})();
