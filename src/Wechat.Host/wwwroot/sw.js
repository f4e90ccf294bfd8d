// The APP's service worker (docs/app.md), registered by /app/app.js with the scope /hall.
//
// It keeps the hall's shell and static files only, by an explicit list of paths, and never a page: every page of the
// hall may show a citizen's name, account or money, so navigations always go to the network, and only when the
// network is gone does the citizen get the offline page (itself a static file). Anything not on the list (pages,
// /hall/... responses, documents, API answers) is not touched at all: the browser fetches it as if there were no
// service worker, and the pages' own Cache-Control: no-store keeps it out of the HTTP cache too.
'use strict';

// A new list (or new content behind an old path) needs a new name, so the old cache is dropped on activation.
const CACHE = 'xyfund-app-shell-v1';
const OFFLINE_PAGE = '/app/offline.html';

// Same for every visitor, no personal data. The pages link these files by fingerprinted URLs (/css/site.{hash}.css,
// MapStaticAssets); such a URL, or one with ?v=…, is kept under its plain path, the one this list names.
const STATIC_PATHS = [
    OFFLINE_PAGE,
    '/app/app.css',
    '/app/app.js',
    '/app/icon-192.png',
    '/app/icon-512.png',
    '/app/manifest.webmanifest',
    '/lib/weui.min.css',
    '/css/site.css',
    '/css/hall.css',
    '/js/page-behaviour.js',
    '/js/site.js',
];

self.addEventListener('install', event => {
    event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(STATIC_PATHS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
    event.waitUntil(caches.keys()
        .then(names => Promise.all(names.filter(name => name !== CACHE).map(name => caches.delete(name))))
        .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
    const request = event.request;
    if (request.mode === 'navigate') {
        // Network only: a page is never stored; offline, the static offline page stands in for it.
        event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_PAGE)));
        return;
    }
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== self.location.origin) return;
    const path = plainPath(url.pathname);
    if (!STATIC_PATHS.includes(path)) return;
    event.respondWith(fromNetworkKeepingACopy(request, path));
});

// /css/site.0123abcdef.css → /css/site.css: the build's fingerprint is one dot-separated segment of letters and
// digits before the extension. A path that is on the list as it stands is left alone.
function plainPath(path) {
    if (STATIC_PATHS.includes(path)) return path;
    return path.replace(/\.[a-z0-9]{10}(\.[a-z]+)$/, '$1');
}

// Fresh from the network when it answers (so a new deployment's files are used at once; a fingerprinted URL comes
// from the browser's HTTP cache, where it is immutable), the kept copy when not.
async function fromNetworkKeepingACopy(request, path) {
    const cache = await caches.open(CACHE);
    try {
        const response = await fetch(request);
        if (response.ok && response.type === 'basic' && !/no-store|private/i.test(response.headers.get('Cache-Control') || '')) {
            await cache.put(path, response.clone());
        }
        return response;
    } catch (offline) {
        return (await cache.match(path)) || Response.error();
    }
}
