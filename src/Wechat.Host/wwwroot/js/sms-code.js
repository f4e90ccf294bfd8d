// 获取验证码 without leaving the page: posts the button's form in the background (the server answers JSON to
// X-Requested-With: fetch), shows the answer as a notice or an error, and counts down before the next request.
(function () {
    'use strict';
    var wait = 60;

    function show(status, ok, message) {
        if (!status) return;
        status.textContent = message;
        status.classList.toggle('notice', ok);
        status.classList.toggle('form-error', !ok);
        if (ok) status.removeAttribute('role'); else status.setAttribute('role', 'alert');
    }

    function countDown(button, label) {
        var left = wait;
        button.disabled = true;
        button.textContent = left + '秒后重发';
        var timer = setInterval(function () {
            left -= 1;
            if (left <= 0) {
                clearInterval(timer);
                button.disabled = false;
                button.textContent = label;
            } else {
                button.textContent = left + '秒后重发';
            }
        }, 1000);
    }

    document.querySelectorAll('[data-sms-send]').forEach(function (button) {
        var label = button.textContent;
        button.addEventListener('click', function (event) {
            event.preventDefault();
            // A page with several code buttons (the withdrawal's card and submit steps) names each one's status.
            var status = document.getElementById(button.getAttribute('data-sms-status') || 'sms-status');
            button.disabled = true;
            button.textContent = '发送中…';
            fetch(button.formAction, {
                method: 'POST',
                body: new FormData(button.form),
                headers: { 'X-Requested-With': 'fetch' },
                credentials: 'same-origin',
                redirect: 'manual'
            }).then(function (response) {
                if (response.type === 'opaqueredirect') return { ok: false, message: '页面已过期，请刷新后重试' };
                if (!response.ok) return { ok: false, message: '发送失败，请稍后再试' };
                return response.json();
            }).catch(function () {
                return { ok: false, message: '网络异常，请稍后再试' };
            }).then(function (answer) {
                // The form's own error is from the last submit: the code's answer replaces it, so one problem is
                // never named twice on the page (the status lines have ids, the submit's error has none).
                button.form.querySelectorAll('.form-error[role="alert"]:not([id])').forEach(function (stale) { stale.remove(); });
                show(status, answer.ok, answer.message);
                if (answer.ok) {
                    countDown(button, label);
                } else {
                    button.disabled = false;
                    button.textContent = label;
                }
            });
        });
    });
})();
