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
    button.type = "button";
    button.className = "md-button ogt-copy";
    button.textContent = "Copy the code";
    status.className = "ogt-copy__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = code.textContent;
      var done = function () { status.textContent = "Copied. Paste it into your page."; };
      var failed = function () {
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        status.textContent = "Selected. Press Ctrl+C (or Cmd+C) to copy.";
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
