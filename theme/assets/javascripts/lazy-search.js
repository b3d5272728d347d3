/* Material fetches the whole search index as soon as a page loads. With a thousand recipes that
 * is megabytes on a phone, for a search most visitors never open. This holds that one request
 * back until someone actually opens the search (focus in the search field, or the search
 * toggle); every other request goes out untouched. Loaded in <head>, before Material's bundle.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var waiting = [];
  var active = false;

  function activate() {
    if (active) return;
    active = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__kookboekDefer = INDEX.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.__kookboekDefer || active) return send.apply(request, args);
    waiting.push(function () { send.apply(request, args); });
  };

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-md-component=search-query]")) {
      activate();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) activate();
  });
})();
