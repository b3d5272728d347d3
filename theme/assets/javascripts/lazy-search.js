/* Material starts its search as soon as a page loads: it fetches the whole search index and
 * starts the search worker (its own script of some 40 kB). With a thousand recipes the index
 * is megabytes on a phone, for a search most visitors never open. This holds both back until
 * someone actually opens the search (focus in the search field, or the search toggle): the
 * index request waits, and the worker is a stand-in that keeps what Material says to it
 * until the real worker is started then. Every other request and worker is untouched.
 * Loaded in <head>, before Material's bundle.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js$/;
  var waiting = [];
  var workers = [];
  var active = false;

  function activate() {
    if (active) return;
    active = true;
    workers.forEach(function (worker) { worker.start(); });
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

  // The search worker's stand-in: the messages Material posts wait, its listeners get what
  // the real worker answers once it runs.
  var RealWorker = window.Worker;

  function LaterWorker(url, options) {
    // Resolved now: by the time it starts, instant navigation may have changed the address
    // a relative one is read against.
    this.url = new URL(String(url), document.baseURI).href;
    this.options = options;
    this.real = null;
    this.posted = [];
    this.listeners = [];
    this.onmessage = null;
    this.onerror = null;
    workers.push(this);
    if (active) this.start();
  }

  LaterWorker.prototype.start = function () {
    if (this.real) return;
    var self = this;
    this.real = new RealWorker(this.url, this.options);
    ["message", "messageerror", "error"].forEach(function (type) {
      self.real.addEventListener(type, function (event) { self.dispatch(type, event); });
    });
    this.posted.splice(0).forEach(function (args) {
      self.real.postMessage.apply(self.real, args);
    });
  };

  LaterWorker.prototype.dispatch = function (type, event) {
    var self = this;
    this.listeners.slice().forEach(function (listener) {
      if (listener.type !== type) return;
      if (typeof listener.handler === "function") listener.handler.call(self, event);
      else listener.handler.handleEvent(event);
    });
    var property = this["on" + type];
    if (typeof property === "function") property.call(this, event);
  };

  LaterWorker.prototype.addEventListener = function (type, handler) {
    if (!handler || this.listeners.some(function (l) {
      return l.type === type && l.handler === handler;
    })) return;
    this.listeners.push({ type: type, handler: handler });
  };

  LaterWorker.prototype.removeEventListener = function (type, handler) {
    this.listeners = this.listeners.filter(function (l) {
      return !(l.type === type && l.handler === handler);
    });
  };

  LaterWorker.prototype.postMessage = function () {
    if (this.real) this.real.postMessage.apply(this.real, arguments);
    else this.posted.push(Array.prototype.slice.call(arguments));
  };

  LaterWorker.prototype.terminate = function () {
    if (this.real) this.real.terminate();
    this.posted = [];
    workers = workers.filter(function (worker) { return worker !== this; }, this);
  };

  if (typeof RealWorker === "function") {
    var Worker = function (url, options) {
      var path = String(url).split(/[?#]/)[0];
      if (!active && SEARCH_WORKER.test(path)) return new LaterWorker(url, options);
      return new RealWorker(url, options);
    };
    Worker.prototype = RealWorker.prototype;
    window.Worker = Worker;
  }

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
