// Behaviour every page shares, kept out of the pages so a Content-Security-Policy of 'self' needs no inline script:
// the header's back button, 返回公众号 inside WeChat, a loading state on submit buttons and print
// buttons. page-behaviour.js, loaded before it on every layout, asks data-confirm questions and submits data-autosubmit selects.
(function () {
    var inWechat = /MicroMessenger/i.test(navigator.userAgent);

    function sameOriginReferrer() {
        try { return document.referrer !== '' && new URL(document.referrer).origin === location.origin; }
        catch (e) { return false; }
    }

    // Back: our own previous page when there is one, so the citizen lands where they were (and scrolled to);
    // otherwise the parent page the server put in href.
    document.querySelectorAll('[data-back]').forEach(function (link) {
        var canGoBack = history.length > 1 && sameOriginReferrer();
        if (canGoBack) link.hidden = false;
        link.addEventListener('click', function (e) {
            if (canGoBack) { e.preventDefault(); history.back(); }
        });
    });

    // 返回公众号: WeixinJSBridge closes the in-app browser and returns to the chat; outside WeChat there is nothing to
    // return to, so the button stays hidden.
    function closeWechatWindow() {
        if (typeof WeixinJSBridge !== 'undefined') { WeixinJSBridge.call('closeWindow'); return; }
        document.addEventListener('WeixinJSBridgeReady', function () { WeixinJSBridge.call('closeWindow'); }, false);
    }
    document.querySelectorAll('[data-close-wechat]').forEach(function (button) {
        if (!inWechat) return;
        button.hidden = false;
        button.addEventListener('click', function (e) { e.preventDefault(); closeWechatWindow(); });
    });

    // Loading state: the pressed button shows a spinner and the form ignores further taps until the next page
    // arrives (uploads and SMS codes take seconds on a phone). Forms may opt out with data-no-loading.
    document.addEventListener('submit', function (e) {
        var form = e.target;
        if (!(form instanceof HTMLFormElement)) return;
        // data-confirm="…" is asked by page-behaviour.js, loaded first; a refused question arrives here prevented.
        if (e.defaultPrevented || form.hasAttribute('data-no-loading')) return;
        if (form.dataset.busy === '1') { e.preventDefault(); return; }
        form.dataset.busy = '1';
        var button = e.submitter;
        if (!button || !button.classList || !button.classList.contains('weui-btn')) return;
        button.classList.add('weui-btn_loading');
        button.setAttribute('aria-busy', 'true');
        var spinner = document.createElement('i');
        spinner.className = 'weui-loading';
        button.insertBefore(spinner, button.firstChild);
    });
    // Coming back with the back button restores the page from the cache: make its buttons usable again.
    window.addEventListener('pageshow', function () {
        document.querySelectorAll('form[data-busy]').forEach(function (form) { delete form.dataset.busy; });
        document.querySelectorAll('.weui-btn_loading').forEach(function (button) {
            button.classList.remove('weui-btn_loading');
            button.removeAttribute('aria-busy');
            var spinner = button.querySelector('.weui-loading');
            if (spinner) spinner.remove();
        });
    });

    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.addEventListener('click', function (e) { e.preventDefault(); window.print(); });
    });
})();
