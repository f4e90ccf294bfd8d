// The withdrawal form's checks before anything is sent: a file over the limit never leaves the phone, and a double
// tap on 提交申请 sends one request (the idempotency key covers what gets past this).
(function () {
    var upload = document.getElementById('upload-form');
    if (upload) {
        upload.addEventListener('submit', function (event) {
            var input = document.getElementById('upload-file');
            var file = input.files && input.files[0];
            if (!file || file.size <= Number(upload.dataset.maxBytes)) return;
            event.preventDefault();
            var error = document.getElementById('upload-error');
            if (!error) {
                error = document.createElement('div');
                error.id = 'upload-error';
                error.className = 'weui-cells__tips form-error';
                error.setAttribute('role', 'alert');
                upload.querySelector('.weui-btn-area').before(error);
            }
            error.textContent = upload.dataset.tooLarge;
            input.value = '';
        });
    }
    var submit = document.getElementById('submit-form');
    if (submit) {
        submit.addEventListener('submit', function (event) {
            // 获取验证码 posts the same form; only the real submission disables the button.
            if (event.submitter && event.submitter.id !== 'submit') return;
            document.getElementById('submit').disabled = true;
        });
    }
})();
