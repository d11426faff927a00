/* Checklists (guide/templates/checklist.html): progress, the summary of essential items not
   ticked, answers saved on this device only, "Clear my answers" and "Print or save as PDF".
   The checklist works without this script; nothing here sends anything anywhere. */
(function () {
  "use strict";
  var PREFIX = "ogt-checklist:";

  /* Storage may be blocked: even reading window.localStorage can throw. */
  function storage() {
    try {
      var s = window.localStorage;
      s.getItem(PREFIX);
      return s;
    } catch (e) {
      return null;
    }
  }

  /* Storage may be readable but full (or refuse writes): saved answers must still show. */
  function writable(s) {
    try {
      s.setItem(PREFIX, "1");
      s.removeItem(PREFIX);
      return true;
    } catch (e) {
      return false;
    }
  }

  function enhance(form) {
    if (form.hasAttribute("data-ogt-ready")) return;
    form.setAttribute("data-ogt-ready", "");
    var id = form.getAttribute("data-ogt-checklist");
    var key = PREFIX + id + ":" + form.getAttribute("data-ogt-version");
    var store = storage();
    var canSave = !!store && writable(store);
    var boxes = [].slice.call(form.querySelectorAll("input[type=checkbox]"));
    var bands = [].slice.call(form.querySelectorAll("[data-ogt-band]"));

    function find(name) {
      return form.querySelector("[data-ogt-" + name + "]");
    }
    function show(el, on) {
      if (el) el.hidden = !on;
    }
    function note() {
      show(find("saved"), !!store && canSave);
      show(find("full"), !!store && !canSave);
      show(find("unsaved"), !store);
    }

    /* Saved answers: a JSON list of item ids. Anything else is ignored. */
    function load() {
      var saved = [];
      try {
        saved = JSON.parse(store.getItem(key));
      } catch (e) {}
      if (!Array.isArray(saved)) saved = [];
      boxes.forEach(function (box) {
        box.checked = saved.indexOf(box.name) >= 0;
      });
      /* Answers of an older version of this checklist no longer fit: drop them. */
      for (var i = store.length - 1; i >= 0; i--) {
        var k = store.key(i);
        if (k && k !== key && k.indexOf(PREFIX + id + ":") === 0) store.removeItem(k);
      }
    }

    /* A failed write keeps what is on screen; the note says new ticks are not saved. */
    function save() {
      if (!store) return;
      var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.name; });
      try {
        if (!ticked.length) store.removeItem(key);
        else if (canSave) store.setItem(key, JSON.stringify(ticked));
      } catch (e) {
        canSave = false;
        note();
      }
    }

    function update() {
      var done = 0;
      var missing = [];
      var list = find("missing");
      boxes.forEach(function (box) {
        if (box.checked) done++;
        else if (box.hasAttribute("data-ogt-essential")) missing.push(box);
      });
      /* The words come from the page (data-ogt-word-progress, guide/words/<language>.yml). */
      var progress = find("progress"), format = progress.getAttribute("data-ogt-word-progress");
      progress.textContent = format ? format.replace("{done}", done).replace("{total}", boxes.length)
        : done + " of " + boxes.length + " ticked";
      if (list) {
        list.textContent = "";
        missing.forEach(function (box) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          var help = document.getElementById(box.id + "-help");
          a.href = "#" + box.id;
          a.textContent = box.labels[0].querySelector(".ogt-checklist__text").textContent;
          li.appendChild(a);
          if (help) li.appendChild(document.createTextNode(": " + help.textContent));
          list.appendChild(li);
        });
        show(find("summary"), missing.length > 0);
      }
      /* Show the one result that fits best. */
      var has = function (w) { return bands.some(function (b) { return b.getAttribute("data-ogt-band") === w; }); };
      var band = missing.length ? "essential-unticked" : "essential-ticked";
      if (done === boxes.length && has("all-ticked")) band = "all-ticked";
      bands.forEach(function (b) {
        show(b, b.getAttribute("data-ogt-band") === band);
      });
    }

    if (store) {
      try {
        load();
      } catch (e) {
        store = null;
      }
    }
    note();
    show(find("nojs"), false);
    show(find("tools"), true);
    show(find("actions"), true);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("change", function () {
      save();
      update();
    });
    find("clear").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      save();
      update();
    });
    find("print").addEventListener("click", function () { window.print(); });
    update();
  }

  function enhanceAll() {
    [].forEach.call(document.querySelectorAll("form[data-ogt-checklist]"), enhance);
  }

  /* Material's instant navigation swaps pages without a load event: document$ tells us. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(enhanceAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();
