// The explorer's service worker: the page works offline after one visit.
//
// - The app shell (the page, its script, module and styles, each named by content hash) is
//   cached when this worker installs; `cargo xtask dist` writes the list and a version made
//   from the files' hashes below, so a new build is a new worker.
// - The page itself is answered from the cache at once (a second visit paints without
//   waiting for the network) and fetched again in the background: a copy that names this
//   worker's version (a site's new day of papers) replaces the kept one for the next visit;
//   a new build comes as a new worker, which the page offers ("A new version is ready").
//   Other navigations go to the network first, with the page as the fallback offline.
// - The shell's hashed files never change: they come from the cache.
// - The site's saved feeds (`feeds/`) go to the network first; the last copy answers offline.
// - A new worker waits until the page asks it to take over ("A new version is ready").
const VERSION = "__VERSION__";
const SHELL = [/* __SHELL__ */];
const SHELL_CACHE = "explorer-shell-" + VERSION;
const FEED_CACHE = "explorer-site-feeds";

const scope = new URL(self.registration.scope);
const shellUrls = new Set(SHELL.map((file) => new URL(file, scope).href));
const pageUrl = new URL("index.html", scope).href;
const sameBuild = 'name="explorer-version" content="' + VERSION + '"';

// Keeps a fresh copy of the page when it belongs to this worker's build.
function refreshPage(response) {
  if (!response.ok) {
    return Promise.resolve();
  }
  const headers = new Headers(response.headers);
  return response.text().then((text) =>
    text.includes(sameBuild)
      ? caches.open(SHELL_CACHE).then((cache) => cache.put(pageUrl, new Response(text, { headers })))
      : undefined,
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll([...shellUrls])));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("explorer-shell-") && key !== SHELL_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "take-over") {
    self.skipWaiting();
  }
});

// The shell as this version cached it. Never `caches.match` across caches: it finds an
// older version's copy first, which that version's successor deletes while it activates,
// and a response read from a deleted cache can break off halfway.
function fromShell(request) {
  return caches.open(SHELL_CACHE).then((cache) => cache.match(request));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) {
    return;
  }
  const isPage = url.pathname === scope.pathname || url.href.split("?")[0] === pageUrl;
  if (request.mode === "navigate" && isPage) {
    const fresh = fetch(pageUrl, { cache: "no-cache" });
    event.waitUntil(fresh.then((response) => refreshPage(response.clone())).catch(() => undefined));
    event.respondWith(
      fromShell(pageUrl)
        .then((kept) => kept || fresh.then((response) => response.clone()))
        .catch(() => Response.error()),
    );
  } else if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(() =>
        fromShell(pageUrl).then((page) => page || Response.error()),
      ),
    );
  } else if (shellUrls.has(url.href)) {
    event.respondWith(fromShell(request).then((cached) => cached || fetch(request)));
  } else if (url.pathname.startsWith(scope.pathname + "feeds/")) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(FEED_CACHE).then((cache) => cache.put(request, copy)));
          }
          return response;
        })
        .catch(() =>
          caches
            .open(FEED_CACHE)
            .then((cache) => cache.match(request))
            .then((cached) => cached || Response.error()),
        ),
    );
  }
});
