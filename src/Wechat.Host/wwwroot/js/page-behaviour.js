// Behaviour the pages declare in markup, kept out of inline handlers so the Content-Security-Policy can forbid
// inline script: data-autosubmit on a select submits its form on change; data-confirm on a form asks first;
// data-single-submit on a form disables its buttons once sent (a double tap sends one request).
(function () {
    // Lets iOS apply :active styles to WeUI's buttons (was <body ontouchstart>).
    document.addEventListener('touchstart', function () { }, { passive: true });
    document.addEventListener('change', function (e) {
        var t = e.target;
        if (t instanceof HTMLSelectElement && t.hasAttribute('data-autosubmit') && t.form) t.form.submit();
    });
    document.addEventListener('submit', function (e) {
        var form = e.target;
        if (!(form instanceof HTMLFormElement)) return;
        var question = form.getAttribute('data-confirm');
        if (question && !window.confirm(question)) { e.preventDefault(); return; }
        if (form.hasAttribute('data-single-submit')) {
            form.querySelectorAll('button[type=submit], input[type=submit]').forEach(function (b) { b.disabled = true; });
        }
    });
})();
