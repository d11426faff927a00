/* "My decision summary" (guide/templates/decision-summary.html). Without it the page is a blank
   worksheet. This fills it from this browser's storage only (or, when storage is blocked, from
   the #fragment the decide page's link carries), and adds print, copy as text and clear
   everything. It uses storage() and load() from decision-aid.js, which loads first. Nothing is
   sent anywhere. */
(function () {
  "use strict";
  function all(root, sel) { return [].slice.call(root.querySelectorAll(sel)); }
  function show(el, on) { if (el) el.hidden = !on; }

  function enhance(root) {
    var aid = window.ogtDecisionAid, store = aid.storage(), names = {};
    var key = root.getAttribute("data-ogt-aid-key") + ":" + root.getAttribute("data-ogt-aid-version");
    /* The words come from the server-rendered HTML (data-ogt-word-NAME, guide/words/<language>.yml);
       the English here is a last resort only. */
    function word(name, fallback) { return root.getAttribute("data-ogt-word-" + name) || fallback; }
    var scale = root.getAttribute("data-ogt-aid-scale").split("|"), none = word("none", "Not answered");
    var yes = word("yes", "Yes"), no = word("no", "No");
    var status = root.querySelector("[data-ogt-sum-status]");
    function hash() { return new URLSearchParams(location.hash.slice(1)); }
    function passedIn() {
      try {
        var v = hash().get("answers");
        return v ? aid.clean(JSON.parse(v)) : null;
      } catch (e) {
        return null;
      }
    }
    var passed = store ? null : passedIn();
    function put(el, text) { if (el) el.textContent = text; }
    function find(sel) { return root.querySelector(sel); }
    all(root, "[data-ogt-sum-option]").forEach(function (el) { names[el.getAttribute("data-ogt-sum-option")] = el.textContent; });

    function render() {
      var state = passed || (store ? aid.load(store, key) : aid.clean());
      all(root, "[data-ogt-sum-rating]").forEach(function (td) {
        put(td, scale[state.ratings[td.getAttribute("data-ogt-sum-rating")]] || none);
      });
      var best = find("[data-ogt-sum-best]"), list = document.createElement("ol");
      state.best.forEach(function (pair) {
        if (!names[pair[0]]) return;
        var li = document.createElement("li");
        li.textContent = names[pair[0]];
        list.appendChild(li);
      });
      if (!list.firstChild) {
        list = document.createElement("p");
        list.textContent = word("best-none", "Not worked out yet: rate what matters to you first.");
      }
      best.textContent = "";
      best.appendChild(list);
      put(find("[data-ogt-sum-leaning]"), state.leaning === "unsure" ? word("unsure", "Not sure yet") : names[state.leaning] || none);
      all(root, "[data-ogt-sum-ready]").forEach(function (td) {
        var a = state.ready[td.getAttribute("data-ogt-sum-ready")];
        put(td, a === "yes" ? yes : a === "no" ? no : none);
      });
      /* Checklists save a JSON list of ticked item ids (checklist.js); anything else: none ticked. */
      all(root, "[data-ogt-sum-checklist]").forEach(function (ul) {
        var id = ul.getAttribute("data-ogt-sum-checklist"), ticked = [], left = 0;
        try {
          ticked = JSON.parse(store.getItem("ogt-checklist:" + id + ":" + ul.getAttribute("data-ogt-version")));
        } catch (e) {}
        if (!Array.isArray(ticked)) ticked = [];
        all(ul, "[data-ogt-sum-item]").forEach(function (li) {
          var open = ticked.indexOf(li.getAttribute("data-ogt-sum-item")) < 0;
          show(li, open);
          if (open) left++;
        });
        show(ul, left > 0);
        show(find("[data-ogt-sum-done='" + id + "']"), !left);
      });
    }

    function asText() {
      var lines = [document.title.split(" - ")[0]];
      all(root, ".ogt-summary__part").forEach(function (part) {
        all(part, "h2, h3, tr, li, p").forEach(function (el) {
          if (el.closest("[hidden]") || el.parentNode.closest("li, tr")) return;
          var text = el.textContent.replace(/\s+/g, " ").trim();
          if (!text) return;
          if (/^H/.test(el.tagName)) lines.push("", text.toUpperCase());
          else if (el.tagName === "TR") lines.push(el.cells[0].textContent.trim() + ": " + el.cells[el.cells.length - 1].textContent.trim());
          else lines.push((el.tagName === "LI" ? "- " : "") + text);
        });
      });
      return lines.join("\n") + "\n";
    }

    function copy() {
      var text = asText();
      function fallback() {  /* no clipboard (e.g. inside a frame): show the text to copy by hand */
        var area = find("textarea") || document.createElement("textarea");
        area.readOnly = true;
        area.className = "ogt-summary__copy";
        area.setAttribute("aria-label", word("copy-box", "Your summary as text"));
        area.value = text;
        status.parentNode.appendChild(area);
        area.focus();
        area.select();
        put(status, word("copy-by-hand", "Select the text in the box and copy it."));
      }
      try {
        navigator.clipboard.writeText(text).then(function () { put(status, word("copied", "Copied. Paste it where you like.")); }, fallback);
      } catch (e) {
        fallback();
      }
    }

    function clear() {
      try {
        for (var i = store.length - 1; i >= 0; i--) {
          var k = store.key(i);
          if (k.indexOf("ogt-") === 0) store.removeItem(k);  /* every key this guide saves */
        }
      } catch (e) {}
      if (passed) {
        var params = hash();
        params.delete("answers");
        passed = null;
        history.replaceState(null, "", location.pathname + location.search + (params + "" ? "#" + params : ""));
      }
      render();
      put(status, word("cleared", "Cleared. This guide has nothing saved on this device now."));
    }

    all(root, "[data-ogt-aid-nojs]").forEach(function (el) { show(el, false); });
    show(find(store ? "[data-ogt-sum-made]" : passed ? "[data-ogt-sum-passed]" : "[data-ogt-sum-unsaved]"), true);
    show(find("[data-ogt-sum-actions]"), true);
    render();
    find("[data-ogt-sum-print]").addEventListener("click", function () { window.print(); });
    find("[data-ogt-sum-copy]").addEventListener("click", copy);
    find("[data-ogt-sum-clear]").addEventListener("click", clear);
  }

  function enhanceAll() {
    if (!window.ogtDecisionAid) return;
    all(document, "[data-ogt-summary-page]:not([data-ogt-ready])").forEach(function (root) {
      root.setAttribute("data-ogt-ready", "");
      enhance(root);
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(enhanceAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();
