/* Offline use: registers the site's service worker (service-worker.js at the site root,
 * written by the engine at every build) and, on the offline page, lists what this phone
 * kept: the recipes, other pages and PDFs opened before. Without service workers (or
 * without scripts) the site works as always, online. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href); // assets/javascripts/

  function resources() {
    if (!window.performance || !performance.getEntriesByType) return [];
    return performance.getEntriesByType("resource").map(function (entry) { return entry.name; })
      .filter(function (url) { return url.indexOf(root.href) === 0; });
  }

  function register() {
    var first = !navigator.serviceWorker.controller;
    navigator.serviceWorker
      .register(new URL("service-worker.js", root).href, { scope: root.pathname })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        // This page came before the worker: it did not see the page nor its photo.
        if (first && registration.active) {
          registration.active.postMessage({ type: "bewaar", page: location.href.split("#")[0],
            urls: resources() });
        }
      })
      .catch(function () { /* no offline copies: the site still works online */ });
  }

  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);

  // --- The offline page: what is kept ------------------------------------------------------
  var SITE_NAME = / - [^-]*$/;

  function describe(request, response) {
    var url = new URL(request.url);
    if (/\.pdf$/.test(url.pathname)) {
      return Promise.resolve({ kind: "pdf", url: url.href,
        title: decodeURIComponent(url.pathname.split("/").pop()) });
    }
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("text/html") < 0) return Promise.resolve(null);
    return response.text().then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      if (page.querySelector("[data-kb-offline-list]")) return null;
      var heading = page.querySelector("article h1, h1");
      var title = heading ? heading.textContent : page.title.replace(SITE_NAME, "");
      return { kind: page.querySelector("[data-kb-recipe]") ? "recipe" : "page", url: url.href,
        title: title.trim() || url.pathname };
    });
  }

  function kept() {
    return caches.keys().then(function (names) {
      var wanted = names.filter(function (name) { return name.indexOf("kookboek-bewaard-") === 0; });
      return Promise.all(wanted.map(function (name) {
        return caches.open(name).then(function (cache) {
          return cache.keys().then(function (requests) {
            return Promise.all(requests.map(function (request) {
              return cache.match(request).then(function (response) {
                return response ? describe(request, response) : null;
              });
            }));
          });
        });
      }));
    }).then(function (lists) {
      var seen = {};
      return [].concat.apply([], lists).filter(function (item) {
        if (!item || seen[item.url]) return false;
        seen[item.url] = true;
        return true;
      });
    });
  }

  var GROUPS = [
    ["recipe", "Recepten"],
    ["page", "Andere pagina's"],
    ["pdf", "Pdf's"],
  ];

  function show(box, items) {
    if (!items.length) return;
    var empty = box.querySelector("[data-kb-offline-empty]");
    if (empty) empty.hidden = true;
    var intro = document.createElement("p");
    intro.textContent = "Dit heb je al eens geopend. Je kunt het ook zonder internet bekijken:";
    box.appendChild(intro);
    GROUPS.forEach(function (group) {
      var chosen = items.filter(function (item) { return item.kind === group[0]; })
        .sort(function (a, b) { return a.title.localeCompare(b.title, "nl"); });
      if (!chosen.length) return;
      var heading = document.createElement("h2");
      heading.textContent = group[1];
      var list = document.createElement("ul");
      chosen.forEach(function (item) {
        var entry = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.title;
        entry.appendChild(link);
        list.appendChild(entry);
      });
      box.appendChild(heading);
      box.appendChild(list);
    });
  }

  function fill() {
    var box = document.querySelector("[data-kb-offline-list]");
    if (!box || box.dataset.kbReady || !window.caches) return;
    box.dataset.kbReady = "1";
    kept().then(function (items) { show(box, items); }, function () {});
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(fill);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();
