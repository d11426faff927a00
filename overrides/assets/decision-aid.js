/* The decision aid on the decide page (guide/templates/decision-aid.html). The page works
   without it; this ranks the options, shows next steps and quiz answers, and saves the answers
   in this browser's localStorage only. Nothing is sent anywhere. rank() is the same rule as
   guide/decision_aid.py's rank(); decision-summary.js reads what this saves. */
(function () {
  "use strict";
  function all(root, sel) { return [].slice.call(root.querySelectorAll(sel)); }
  function show(el, on) { if (el) el.hidden = !on; }
  function lower(s) { return s.charAt(0).toLowerCase() + s.slice(1); }
  /* The page's words come from the server-rendered HTML (data-ogt-word-NAME, from
     guide/words/<language>.yml); the English here is a last resort only. */
  function word(el, name, fallback) { return (el && el.getAttribute("data-ogt-word-" + name)) || fallback; }
  function fill(format, values) {
    return format.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  /* Highest score first (rating x +1/0/-1, summed), ties in page order; nothing rated: []. */
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
  function storage() {  /* blocked storage throws, even on reading window.localStorage */
    try {
      var s = window.localStorage;
      s.setItem("ogt-test", "1");
      s.removeItem("ogt-test");
      return s;
    } catch (e) {
      return null;
    }
  }
  function obj(v) { return v && typeof v === "object" && !Array.isArray(v) ? v : {}; }
  /* Only well-formed answers are kept; anything else is ignored, never thrown. */
  function clean(v) {
    v = obj(v);
    var out = { ratings: {}, leaning: typeof v.leaning === "string" ? v.leaning : "", ready: {}, quiz: {}, best: [] };
    function keep(from, ok, into) { Object.keys(obj(from)).forEach(function (k) { if (ok(from[k])) into[k] = from[k]; }); }
    function whole(max) { return function (n) { return typeof n === "number" && n % 1 === 0 && n >= 0 && n <= max; }; }
    keep(v.ratings, whole(3), out.ratings);
    keep(v.ready, function (a) { return a === "yes" || a === "no"; }, out.ready);
    keep(v.quiz, whole(9), out.quiz);
    if (Array.isArray(v.best)) out.best = v.best.filter(function (p) { return Array.isArray(p) && typeof p[0] === "string"; });
    return out;
  }
  /* This version's answers; older versions' are dropped. */
  function load(store, key) {
    var v = null;
    try {
      for (var i = store.length - 1; i >= 0; i--) {
        var k = store.key(i);
        if (k !== key && k.indexOf(key.replace(/[^:]*$/, "")) === 0) store.removeItem(k);
      }
      v = JSON.parse(store.getItem(key));
    } catch (e) {}
    return clean(v);
  }
  window.ogtDecisionAid = { rank: rank, storage: storage, clean: clean, load: load };  /* for the summary */

  function enhance(parts) {
    var first = document.querySelector("[data-ogt-aid-key]");
    if (!first) return;
    var key = first.getAttribute("data-ogt-aid-key") + ":" + first.getAttribute("data-ogt-aid-version");
    var store = storage(), state = store ? load(store, key) : clean();
    var embed = document.documentElement.classList.contains("ogt-embed-root");
    var fits = {}, reasons = {}, options = [], names = {}, things = {};
    all(document, "[data-ogt-fit]").forEach(function (li) {
      var f = li.getAttribute("data-ogt-fit").split(" "), t = f[0], o = f[1];
      (fits[t] = fits[t] || {})[o] = +f[2];
      reasons[t + " " + o] = li.querySelector("span").textContent;
      if (!names[o]) { options.push(o); names[o] = li.querySelector("strong").textContent; }
    });
    all(document, "[data-ogt-aid=values] fieldset").forEach(function (f) {
      things[f.id.slice(10)] = f.querySelector("legend").textContent;  /* id: ogt-aid-t-<thing> */
    });
    function radios() { return all(document, "[data-ogt-aid] input[type=radio]"); }
    function note() {
      all(document, "[data-ogt-aid-saved]").forEach(function (el) { show(el, !!store); });
      all(document, "[data-ogt-aid-unsaved]").forEach(function (el) { show(el, !store); });
    }
    /* name="matters-travel" / "ready-sure" / "quiz-data" / "leaning" */
    function group(name) {
      var d = name.indexOf("-");
      return [{ matters: state.ratings, ready: state.ready, quiz: state.quiz }[name.slice(0, d)], name.slice(d + 1)];
    }
    function read() {
      state.ratings = {}; state.ready = {}; state.quiz = {}; state.leaning = "";
      radios().forEach(function (r) {
        if (!r.checked) return;
        if (r.name === "leaning") return (state.leaning = r.value);
        var g = group(r.name);
        if (g[0]) g[0][g[1]] = g[0] === state.ready ? r.value : +r.value;
      });
    }
    function save() {
      try {
        if (store) store.setItem(key, JSON.stringify(state));
      } catch (e) {
        store = null;
        note();
      }
    }
    /* Without storage, the answers reach the summary in the link's #fragment, which no request
       carries. An embed keeps its own #options (id, theme, accent) beside them. */
    function links() {
      all(document, "a[data-ogt-aid-local]").forEach(function (a) {
        var params = new URLSearchParams(embed ? location.hash.slice(1) : "");
        params.delete("answers");
        if (!store) params.set("answers", JSON.stringify(state));
        a.href = (embed ? a.getAttribute("data-ogt-aid-local") : a.href.split("#")[0]) + (params + "" ? "#" + params : "");
        if (embed) { a.removeAttribute("target"); a.removeAttribute("rel"); }  /* stay in this frame */
      });
    }
    function scale(t, w) {
      var input = document.querySelector("[name=matters-" + t + "][value='" + w + "']");
      return input ? input.parentNode.textContent.trim() : "";
    }
    function results() {
      var ranked = rank(fits, state.ratings, options);
      var rated = Object.keys(state.ratings).filter(function (t) { return state.ratings[t] > 0 && fits[t]; })
        .sort(function (a, b) { return state.ratings[b] - state.ratings[a]; });
      state.best = ranked.slice(0, 3);
      all(document, "[data-ogt-aid-ranking]").forEach(function (box) {
        var list = box.querySelector("ol"), best = word(box, "best", "{option}: fits your answers best");
        var said = [[1, word(box, "pro", "You said {thing} matters {rating}: {reason}"), 3],
                    [-1, word(box, "con", "But you said {thing} matters {rating}: {reason}"), 2]];
        list.textContent = "";
        show(box.querySelector("p"), !ranked.length);
        ranked.forEach(function (pair) {
          var o = pair[0], li = document.createElement("li"), head = document.createElement("strong"), why = document.createElement("ul");
          head.textContent = pair[1] === ranked[0][1] ? fill(best, { option: names[o] }) : names[o];
          li.appendChild(head);
          said.forEach(function (k) {
            rated.filter(function (t) { return fits[t][o] === k[0]; }).slice(0, k[2]).forEach(function (t) {
              var item = document.createElement("li");
              item.textContent = fill(k[1], { thing: lower(things[t] || t), rating: lower(scale(t, state.ratings[t])),
                                              reason: lower(reasons[t + " " + o]) });
              why.appendChild(item);
            });
          });
          if (why.firstChild) li.appendChild(why);
          list.appendChild(li);
        });
        show(box, true);
      });
    }
    function steps() {
      all(document, "[data-ogt-aid-steps]").forEach(function (box) {
        var items = all(box, "[data-ogt-aid-step]"), asked = items.length - 1, answered = 0, no = 0;
        items.forEach(function (li) {
          var id = li.getAttribute("data-ogt-aid-step"), a = state.ready[id];
          if (a) answered++;
          if (a === "no") no++;
          show(li, id === "all-yes" ? answered === asked && !no : a === "no");
        });
        show(box, answered > 0);
      });
    }
    function quiz() {
      all(document, "[data-ogt-aid=quiz] fieldset").forEach(function (f) {
        var picked = f.querySelector("input:checked"), out = f.querySelector("[data-ogt-aid-feedback]");
        show(out, !!picked);
        if (!picked) return;
        var form = f.closest("[data-ogt-aid]");
        out.textContent = picked.value === f.getAttribute("data-ogt-aid-answer") ? word(form, "right", "Right.")
          : word(form, "wrong", "Not quite. See the answer below.");
        f.querySelector("details").open = true;
      });
    }
    function update() { read(); results(); steps(); quiz(); save(); links(); }

    radios().forEach(function (r) {
      var g = group(r.name);
      r.checked = r.name === "leaning" ? state.leaning === r.value : !!g[0] && String(g[0][g[1]]) === r.value;
    });
    note();
    links();
    results();
    steps();
    quiz();
    parts.forEach(function (form) {
      form.addEventListener("change", update);
      form.addEventListener("submit", function (e) { e.preventDefault(); });
    });
    all(document, "[data-ogt-aid-actions]").forEach(function (el) { show(el, true); });
    all(document, "[data-ogt-aid-clear]").forEach(function (b) {
      b.addEventListener("click", function () {
        radios().forEach(function (r) { r.checked = false; });
        update();
      });
    });
  }

  function enhanceAll() {
    var parts = all(document, "[data-ogt-aid]:not([data-ogt-ready])");
    parts.forEach(function (el) { el.setAttribute("data-ogt-ready", ""); });
    all(document, "[data-ogt-aid] [data-ogt-aid-nojs]").forEach(function (el) { show(el, false); });
    if (parts.length) enhance(parts);
  }
  /* Material's instant navigation swaps pages without a load event: document$ tells us. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(enhanceAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();
