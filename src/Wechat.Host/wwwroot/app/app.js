// The APP: registers the service worker (/sw.js, docs/app.md) for the hall's pages. The worker keeps static files
// only; without service-worker support the hall works as before.
'use strict';
if ('serviceWorker' in navigator) {
    window.addEventListener('load', () => {
        navigator.serviceWorker.register('/sw.js', { scope: '/hall' }).catch(() => { /* the hall works without it */ });
    });
}
