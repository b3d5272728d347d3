// The preview frame as tall as the recipe in it, so the page scrolls as one page (also
// after the phone is turned). Without this file the frame keeps its own height and
// scrolls inside.
(function () {
  "use strict";
  function content(frame) {
    var doc = frame.contentDocument;
    return doc && doc.querySelector(".md-content");
  }
  function fit(frame) {
    var article = content(frame);
    if (!article) return;
    var bottom = article.getBoundingClientRect().bottom + frame.contentWindow.scrollY;
    frame.style.height = Math.ceil(bottom + 16) + "px";
  }
  function watch(frame) {
    fit(frame);
    var article = content(frame);
    if (article && window.ResizeObserver) {
      new ResizeObserver(function () { fit(frame); }).observe(article);
    }
  }
  document.querySelectorAll("iframe[data-voorbeeld]").forEach(function (frame) {
    if (frame.contentDocument && frame.contentDocument.readyState === "complete") watch(frame);
    frame.addEventListener("load", function () { watch(frame); });
  });
})();
