/* The decision aid (guide/templates/decision-aid.html) and "My decision summary"
   (decision-summary.html). The pages work without this script; it ranks the options, saves the
   answers in this browser's localStorage only, fills the summary, copies and clears it.
   Nothing here sends anything anywhere. rank() is the rule of guide/decision_aid.py's rank(). */
(function () {
  "use strict";
  var PREFIX = "ogt-";  /* every key this guide saves starts with it (checklists too) */
  var SUMMARY = "[data-ogt-summary-page]";

  function $$(root, sel) { return [].slice.call(root.querySelectorAll(sel)); }
  function attr(el, name) { return el.getAttribute(name); }
  function show(el, on) { if (el) el.hidden = !on; }
  function lower(s) { return s.charAt(0).toLowerCase() + s.slice(1); }

  /* Highest score first, ties in the page's order; nothing rated gives no ranking. */
  function rank(fits, ratings, options) {
    var rated = Object.keys(ratings).filter(function (t) {
      var w = ratings[t];
      return fits[t] && typeof w === "number" && w % 1 === 0 && w > 0 && w <= 3;
    });
    if (!rated.length) return [];
    return options.map(function (o, i) {
      var s = 0;
      rated.forEach(function (t) { s += ratings[t] * (fits[t][o] || 0); });
      return [o, s, i];
    }).sort(function (a, b) { return b[1] - a[1] || a[2] - b[2]; })
      .map(function (r) { return [r[0], r[1]]; });
  }
  window.ogtDecisionAid = { rank: rank };

  /* Storage may be blocked: even reading window.localStorage can throw. */
  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "test", "1");
      s.removeItem(PREFIX + "test");
      return s;
    } catch (e) {
      return null;
    }
  }

  function obj(v) { return v && typeof v === "object" && !Array.isArray(v) ? v : {}; }

  /* Only well-formed answers are kept: anything else is ignored, never thrown. */
  function clean(saved) {
    saved = obj(saved);
    var out = { ratings: {}, leaning: typeof saved.leaning === "string" ? saved.leaning : "", ready: {}, quiz: {}, best: [] };
    function each(o, keep, into) {
      Object.keys(obj(o)).forEach(function (k) { if (keep(o[k])) into[k] = o[k]; });
    }
    function whole(max) { return function (v) { return typeof v === "number" && v % 1 === 0 && v >= 0 && v <= max; }; }
    each(saved.ratings, whole(3), out.ratings);
    each(saved.ready, function (v) { return v === "yes" || v === "no"; }, out.ready);
    each(saved.quiz, whole(9), out.quiz);
    if (Array.isArray(saved.best)) out.best = saved.best.filter(function (p) { return Array.isArray(p) && typeof p[0] === "string"; });
    return out;
  }

  /* Saved answers of this version; answers of older versions are dropped. */
  function load(store, key) {
    var saved = null;
    try {
      for (var i = store.length - 1; i >= 0; i--) {
        var k = store.key(i);
        if (k && k !== key && k.indexOf(key.replace(/[^:]*$/, "")) === 0) store.removeItem(k);
      }
      saved = JSON.parse(store.getItem(key));
    } catch (e) {}
    return clean(saved);
  }

  /* Without storage, the answers go to the summary in the link's #fragment, which the browser
     never sends to any server. An embed keeps its own #options (id, theme, accent) beside them. */
  function hashParams() { return new URLSearchParams(location.hash.slice(1)); }
  function fromHash() {
    try {
      var v = hashParams().get("answers");
      return v ? clean(JSON.parse(v)) : null;
    } catch (e) {
      return null;
    }
  }

  function keyOf(el) { return attr(el, "data-ogt-aid-key") + ":" + attr(el, "data-ogt-aid-version"); }

  /* -- the decide page ----------------------------------------------------------------------- */
  function decide(parts) {
    var keyed = document.querySelector("[data-ogt-aid][data-ogt-aid-key]");
    if (!keyed) return;
    var key = keyOf(keyed), store = storage(), state = store ? load(store, key) : load({ getItem: function () {} }, key);
    var fits = {}, reasons = {}, options = [], names = {}, things = {};
    $$(document, "[data-ogt-aid-fit]").forEach(function (li) {
      var t = attr(li, "data-ogt-thing"), o = attr(li, "data-ogt-option");
      (fits[t] = fits[t] || {})[o] = +attr(li, "data-ogt-value");
      reasons[t + " " + o] = li.querySelector("[data-ogt-aid-reason]").textContent;
      if (options.indexOf(o) < 0) { options.push(o); names[o] = li.querySelector("[data-ogt-aid-option-name]").textContent; }
    });
    $$(document, "[data-ogt-aid=values] fieldset").forEach(function (f) {
      things[f.id.replace("ogt-aid-t-", "")] = f.querySelector("legend").textContent;
    });

    function note() {
      $$(document, "[data-ogt-aid-saved]").forEach(function (el) { show(el, !!store); });
      $$(document, "[data-ogt-aid-unsaved]").forEach(function (el) { show(el, !store); });
    }
    function fill() {
      parts.forEach(function (form) {
        $$(form, "input[type=radio]").forEach(function (r) {
          var n = r.name, v = r.value, d = n.indexOf("-");
          var group = { matters: state.ratings, ready: state.ready, quiz: state.quiz }[n.slice(0, d)];
          r.checked = n === "leaning" ? state.leaning === v : !!group && String(group[n.slice(d + 1)]) === v;
        });
      });
    }
    function read() {
      state.ratings = {}; state.ready = {}; state.quiz = {}; state.leaning = "";
      parts.forEach(function (form) {
        $$(form, "input[type=radio]:checked").forEach(function (r) {
          var n = r.name, d = n.indexOf("-"), kind = n.slice(0, d), id = n.slice(d + 1);
          if (n === "leaning") state.leaning = r.value;
          else if (kind === "matters") state.ratings[id] = +r.value;
          else if (kind === "ready") state.ready[id] = r.value;
          else if (kind === "quiz") state.quiz[id] = +r.value;
        });
      });
    }
    function save() {
      if (!store) return;
      try {
        store.setItem(key, JSON.stringify(state));
      } catch (e) {
        store = null;
        note();
      }
    }
    function scaleLabel(t, w) {
      var label = document.querySelector("label[for='ogt-aid-" + t + "-" + w + "']");
      return label ? label.textContent : String(w);
    }
    function results() {
      var ranked = rank(fits, state.ratings, options);
      state.best = ranked.slice(0, 3);
      $$(document, "[data-ogt-aid-ranking]").forEach(function (box) {
        var list = box.querySelector("[data-ogt-aid-list]");
        list.textContent = "";
        show(box.querySelector("[data-ogt-aid-empty]"), !ranked.length);
        var rated = Object.keys(state.ratings).filter(function (t) { return state.ratings[t] > 0 && fits[t]; })
          .sort(function (a, b) { return state.ratings[b] - state.ratings[a]; });
        ranked.forEach(function (pair, i) {
          var o = pair[0], li = document.createElement("li"), head = document.createElement("strong");
          head.textContent = names[o] + (pair[1] === ranked[0][1] ? ": fits your answers best" : "");
          li.appendChild(head);
          var why = document.createElement("ul");
          [[1, "You said ", 3], [-1, "But you said ", 2]].forEach(function (kind) {
            rated.filter(function (t) { return fits[t][o] === kind[0]; }).slice(0, kind[2]).forEach(function (t) {
              var item = document.createElement("li");
              item.textContent = kind[1] + lower(things[t] || t) + " matters " + lower(scaleLabel(t, state.ratings[t])) +
                ": " + lower(reasons[t + " " + o]);
              why.appendChild(item);
            });
          });
          if (why.children.length) li.appendChild(why);
          list.appendChild(li);
        });
        show(box, true);
      });
    }
    function steps() {
      $$(document, "[data-ogt-aid-steps]").forEach(function (box) {
        var items = $$(box, "[data-ogt-aid-step]"), answered = 0, no = 0;
        items.forEach(function (li) {
          var id = attr(li, "data-ogt-aid-step"), a = state.ready[id];
          if (id === "all-yes") return;
          if (a) answered++;
          if (a === "no") no++;
          show(li, a === "no");
        });
        show(items.filter(function (li) { return attr(li, "data-ogt-aid-step") === "all-yes"; })[0],
          answered === items.length - 1 && !no);
        show(box, answered > 0);
      });
    }
    function quiz() {
      $$(document, "[data-ogt-aid=quiz] fieldset").forEach(function (f) {
        var picked = f.querySelector("input:checked"), out = f.querySelector("[data-ogt-aid-feedback]");
        show(out, !!picked);
        if (!picked) return;
        out.textContent = picked.value === attr(f, "data-ogt-aid-answer") ? "Right." : "Not quite. See the answer below.";
        f.querySelector("[data-ogt-aid-explain]").open = true;
      });
    }
    function links() {
      $$(document, "a[data-ogt-aid-local]").forEach(function (a) {
        var embed = document.documentElement.classList.contains("ogt-embed-root");
        var params = embed ? hashParams() : new URLSearchParams();
        params.delete("answers");
        if (!store) params.set("answers", JSON.stringify(state));
        var hash = params.toString();
        a.href = (embed ? attr(a, "data-ogt-aid-local") : a.href.split("#")[0]) + (hash ? "#" + hash : "");
      });
    }
    function update() { read(); results(); steps(); quiz(); save(); links(); }

    fill();
    note();
    links();
    results();
    steps();
    quiz();
    parts.forEach(function (form) {
      form.addEventListener("change", update);
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      $$(form, "[data-ogt-aid-actions]").forEach(function (el) { show(el, true); });
      $$(form, "[data-ogt-aid-clear]").forEach(function (b) {
        b.addEventListener("click", function () {
          $$(document, "[data-ogt-aid] input[type=radio]").forEach(function (r) { r.checked = false; });
          update();
        });
      });
    });
    /* In a clinic's embed, the summary opens in the same frame, where this frame's answers are. */
    if (document.documentElement.classList.contains("ogt-embed-root")) {
      $$(document, "a[data-ogt-aid-local]").forEach(function (a) {
        a.removeAttribute("target");
        a.removeAttribute("rel");
      });
    }
  }

  /* -- the summary page ---------------------------------------------------------------------- */
  function summary(root) {
    var key = keyOf(root), store = storage(), names = {};
    var scale = attr(root, "data-ogt-aid-scale").split("|");
    $$(root, "[data-ogt-sum-option]").forEach(function (el) { names[attr(el, "data-ogt-sum-option")] = el.textContent; });
    var status = root.querySelector("[data-ogt-sum-status]");
    function put(el, text) { if (el) el.textContent = text; }

    var passed = store ? null : fromHash();
    function render() {
      var state = passed || load(store || { getItem: function () {} }, key);
      var none = "Not answered";
      $$(root, "[data-ogt-sum-rating]").forEach(function (td) {
        var w = state.ratings[attr(td, "data-ogt-sum-rating")];
        put(td, scale[w] || none);
      });
      var best = root.querySelector("[data-ogt-sum-best]");
      best.textContent = "";
      var list = document.createElement(state.best.length ? "ol" : "p");
      if (state.best.length) {
        state.best.forEach(function (pair) {
          if (!Array.isArray(pair) || !names[pair[0]]) return;
          var li = document.createElement("li");
          li.textContent = names[pair[0]];
          list.appendChild(li);
        });
      } else {
        list.textContent = "Not worked out yet: rate what matters to you first.";
      }
      best.appendChild(list);
      put(root.querySelector("[data-ogt-sum-leaning]"),
        state.leaning === "unsure" ? "Not sure yet" : names[state.leaning] || none);
      $$(root, "[data-ogt-sum-ready]").forEach(function (td) {
        var a = state.ready[attr(td, "data-ogt-sum-ready")];
        put(td, a === "yes" ? "Yes" : a === "no" ? "No" : none);
      });
      $$(root, "[data-ogt-sum-checklist]").forEach(function (ul) {
        var id = attr(ul, "data-ogt-sum-checklist"), ticked = [];
        try {
          ticked = JSON.parse(store.getItem("ogt-checklist:" + id + ":" + attr(ul, "data-ogt-version")));
        } catch (e) {}
        if (!Array.isArray(ticked)) ticked = [];
        var left = 0;
        $$(ul, "[data-ogt-sum-item]").forEach(function (li) {
          var open = ticked.indexOf(attr(li, "data-ogt-sum-item")) < 0;
          show(li, open);
          if (open) left++;
        });
        show(ul, left > 0);
        show(root.querySelector("[data-ogt-sum-done='" + id + "']"), !left);
      });
    }

    function asText() {
      var lines = [document.title.split(" - ")[0], ""];
      $$(root, ".ogt-summary__part").forEach(function (part) {
        $$(part, "h2, h3, tr, li, p").forEach(function (el) {
          if (el.closest("[hidden]") || el.parentNode.closest("li, tr")) return;
          var text = el.textContent.replace(/\s+/g, " ").trim();
          if (!text) return;
          if (/^H/.test(el.tagName)) lines.push("", text.toUpperCase());
          else if (el.tagName === "TR") lines.push(el.cells[0].textContent.trim() + ": " + el.cells[el.cells.length - 1].textContent.trim());
          else lines.push((el.tagName === "LI" ? "- " : "") + text);
        });
      });
      return lines.join("\n").trim() + "\n";
    }

    $$(root, "[data-ogt-aid-nojs]").forEach(function (el) { show(el, false); });
    show(root.querySelector(store ? "[data-ogt-sum-made]" : passed ? "[data-ogt-sum-passed]" : "[data-ogt-sum-unsaved]"), true);
    show(root.querySelector("[data-ogt-sum-actions]"), true);
    render();
    root.querySelector("[data-ogt-sum-print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-ogt-sum-copy]").addEventListener("click", function () {
      var text = asText();
      function fallback() {
        var area = root.querySelector("textarea") || document.createElement("textarea");
        area.readOnly = true;
        area.className = "ogt-summary__copy";
        area.setAttribute("aria-label", "Your summary as text");
        area.value = text;
        status.parentNode.appendChild(area);
        area.focus();
        area.select();
        put(status, "Select the text in the box and copy it.");
      }
      try {
        navigator.clipboard.writeText(text).then(function () { put(status, "Copied. Paste it where you like."); }, fallback);
      } catch (e) {
        fallback();
      }
    });
    root.querySelector("[data-ogt-sum-clear]").addEventListener("click", function () {
      if (store) {
        try {
          for (var i = store.length - 1; i >= 0; i--) {
            var k = store.key(i);
            if (k && k.indexOf(PREFIX) === 0) store.removeItem(k);
          }
        } catch (e) {}
      }
      if (passed) {
        var params = hashParams();
        params.delete("answers");
        passed = null;
        history.replaceState(null, "", location.pathname + location.search + (params.toString() ? "#" + params : ""));
      }
      render();
      put(status, "Cleared. This guide has nothing saved on this device now.");
    });
  }

  function enhanceAll() {
    var parts = $$(document, "[data-ogt-aid]:not([data-ogt-ready])");
    parts.forEach(function (el) { el.setAttribute("data-ogt-ready", ""); });
    $$(document, "[data-ogt-aid] [data-ogt-aid-nojs]").forEach(function (el) { show(el, false); });
    if (parts.length) decide(parts);
    $$(document, SUMMARY + ":not([data-ogt-ready])").forEach(function (root) {
      root.setAttribute("data-ogt-ready", "");
      summary(root);
    });
  }

  /* Material's instant navigation swaps pages without a load event: document$ tells us. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(enhanceAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();
