/* The site's service worker, written by kookboek at every build (src/kookboek/site/offline.py).
 * It stores the shell (the offline page and what it loads) when it is installed, then every
 * page the visitor opens, the photos of the recipes she opened, the PDFs she opened and the
 * parts of the search index her searches fetched.
 * Pages: the network first, the stored copy without network. Offline, a page she never
 * opened leads to the offline page. Only this site's own GET requests are touched. */
"use strict";

const VERSION = {{ version | tojson }};
const LIVE = {{ live | tojson }}; // `kookboek serve`: stylesheets and scripts change meanwhile
const SHELL_FILES = {{ shell | tojson }};
const PREFIX = {{ cache_prefix | tojson }};
const SHELL = PREFIX + "shell-" + VERSION;
const KEPT = PREFIX + "bewaard-" + VERSION;
const SCOPE = self.registration.scope; // ends in "/"
const OFFLINE = new URL({{ offline_url | tojson }}, SCOPE).href;
const RECIPES = new URL({{ recipes | tojson }}, SCOPE).pathname;
const ASSETS = new URL("assets/", SCOPE).pathname;
const SELF = new URL("service-worker.js", SCOPE).pathname;
const SEARCH = {{ search_dirs | tojson }}.map((folder) => new URL(folder + "/", SCOPE).pathname);

function key(url) {
  const clean = new URL(url);
  clean.search = "";
  clean.hash = "";
  return clean.href;
}

const OVERVIEW_PAGES = RECIPES + {{ pages_folder | tojson }} + "/";

function isRecipePage(url) {
  const path = new URL(url).pathname;
  return path.startsWith(RECIPES) && path.length > RECIPES.length && !path.startsWith(OVERVIEW_PAGES);
}

function isPage(url) {
  const path = new URL(url).pathname;
  return path.endsWith("/") || path.endsWith(".html");
}

function kind(request) {
  const url = new URL(request.url);
  if (url.pathname.endsWith(".pdf")) return "pdf";
  // The search's script and the parts of its index a search fetched (and the overview's
  // card index): offline, the same searches and filters still work.
  if (SEARCH.some((folder) => url.pathname.startsWith(folder))) return "search";
  if (request.mode === "navigate" || isPage(request.url)) return "page";
  if (url.pathname.startsWith(ASSETS)) return "asset";
  if (request.destination === "image" || /\.(jpe?g|webp|png|svg|avif)$/.test(url.pathname)) {
    return "image";
  }
  // The search index, the sitemap Material reads for its navigation, the feed.
  if (/\.(json|xml)$/.test(url.pathname)) return "data";
  return null; // anything else (the live reload of `kookboek serve`) is left alone
}

async function store(cacheName, url, response) {
  if (!response || !response.ok || response.status !== 200 || response.type !== "basic") return;
  const cache = await caches.open(cacheName);
  await cache.put(key(url), response);
}

// Network first; the stored copy when there is no network. What the network gave is kept.
async function networkFirst(request, cacheName) {
  try {
    const response = await fetch(request);
    await store(cacheName, request.url, response.clone());
    return response;
  } catch (error) {
    const stored = await caches.match(key(request.url), { ignoreSearch: true });
    if (stored) return stored;
    throw error;
  }
}

async function cacheFirst(request, cacheName, keep) {
  const stored = await caches.match(key(request.url), { ignoreSearch: true });
  if (stored) return stored;
  const response = await fetch(request);
  if (keep) await store(cacheName, request.url, response.clone());
  return response;
}

async function page(request) {
  try {
    return await networkFirst(request, KEPT);
  } catch (error) {
    // Never opened: the browser goes to the offline page. Material's instant navigation
    // (a script's request) gets an error, and then loads the address as a whole page.
    if (request.mode === "navigate") return Response.redirect(OFFLINE, 302);
    return Response.error();
  }
}

async function pdf(request) {
  if (request.headers.has("range")) {
    // The PDF viewer asking for a part: the network, else the whole stored file.
    try {
      return await fetch(request);
    } catch (error) {
      const stored = await caches.match(key(request.url));
      if (stored) return stored;
      throw error;
    }
  }
  return networkFirst(request, KEPT);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(SHELL_FILES.map((path) => new URL(path, SCOPE).href)))
      .then(() => self.skipWaiting())
  );
});

// A photo or PDF she kept, asked again only if it changed: "304 Not Modified" costs a few
// hundred bytes on a prepaid plan, a replaced photo (a better one, or one she may no longer
// show) comes whole. Null when the stored copy is still right or the site cannot be asked.
async function changedSince(request, stored) {
  const headers = {};
  const etag = stored.headers.get("ETag");
  const modified = stored.headers.get("Last-Modified");
  if (etag) headers["If-None-Match"] = etag;
  if (modified) headers["If-Modified-Since"] = modified;
  const fresh = await fetch(request.url, { cache: "no-store", headers: headers });
  return fresh.status === 304 ? null : fresh;
}

// A new build: the pages she kept are fetched again for it (they name its stylesheets and
// scripts), photos and PDFs only when they changed; offline, everything is kept as it was.
// Then the caches of the old version go.
async function moveKept(name) {
  const old = await caches.open(name);
  const kept = await caches.open(KEPT);
  for (const request of await old.keys()) {
    const stored = await old.match(request);
    if (!stored) continue;
    try {
      const fresh = isPage(request.url)
        ? await fetch(request.url, { cache: "no-cache" })
        : await changedSince(request, stored);
      if (fresh && fresh.ok && fresh.status === 200) {
        await kept.put(request, fresh);
        continue;
      }
      if (fresh && fresh.status === 404) continue; // gone from the site
    } catch (error) {
      /* offline: the stored copy below */
    }
    await kept.put(request, stored);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX));
      for (const name of names) {
        if (name.startsWith(PREFIX + "bewaard-") && name !== KEPT) await moveKept(name);
      }
      await Promise.all(
        names.filter((name) => name !== SHELL && name !== KEPT).map((name) => caches.delete(name))
      );
      await self.clients.claim();
    })()
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  if (url.pathname === SELF) return;
  switch (kind(request)) {
    case "page":
      event.respondWith(page(request));
      break;
    case "pdf":
      event.respondWith(pdf(request));
      break;
    case "asset":
      event.respondWith(LIVE ? networkFirst(request, SHELL) : cacheFirst(request, SHELL, true));
      break;
    case "image":
      // Kept only for a recipe page: an overview's cards are many, a recipe's photo is one.
      event.respondWith(cacheFirst(request, KEPT, isRecipePage(request.referrer || SCOPE)));
      break;
    case "data":
    case "search":
      event.respondWith(networkFirst(request, KEPT));
      break;
    default: // left to the browser
  }
});

// The first page came before the worker: the page names itself and what it loaded.
async function keepFirstPage(page, urls) {
  const recipe = isRecipePage(page);
  for (const url of urls) {
    if (!url.startsWith(SCOPE) || new URL(url).pathname === SELF) continue;
    const request = new Request(url);
    const which = kind(request);
    if ((which === "image" && !recipe) || which === "data" || which === null) continue;
    try {
      const response = await fetch(request);
      await store(which === "asset" ? SHELL : KEPT, url, response);
    } catch (error) {
      /* offline again: it will be kept the next time */
    }
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "bewaar" && typeof data.page === "string" && Array.isArray(data.urls)) {
    event.waitUntil(keepFirstPage(data.page, [data.page, ...data.urls.map(String)]));
  }
});
