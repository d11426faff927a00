/*
 * The clinics page: a "Copy the code" button beside each snippet. The snippet stays in a
 * <pre><code> that anyone can select, so the page works without this script.
 */
(function () {
  "use strict";
  var codes = document.querySelectorAll("code[data-ogt-copy]");
  for (var i = 0; i < codes.length; i++) enhance(codes[i]);

  function enhance(code) {
    var pre = code.parentNode;
    var button = document.createElement("button");
    var status = document.createElement("span");
    // The page gives its words once, on the list (data-ogt-word-*, guide/words/<language>.yml);
    // the English here is a last resort only.
    var list = code.closest(".ogt-embeds");
    function word(name, fallback) { return (list && list.getAttribute("data-ogt-word-" + name)) || fallback; }
    var labels = [word("copy", "Copy the code"), word("copied", "Copied. Paste it into your page."),
                  word("selected", "Selected. Press Ctrl+C (or Cmd+C) to copy.")];
    button.type = "button";
    button.className = "md-button ogt-copy";
    button.textContent = labels[0];
    status.className = "ogt-copy__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = code.textContent;
      var done = function () { status.textContent = labels[1]; };
      var failed = function () {
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        status.textContent = labels[2];
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        failed();
      }
    });
    pre.parentNode.insertBefore(button, pre.nextSibling);
    button.parentNode.insertBefore(status, button.nextSibling);
  }
})();
