// Inside WeChat: pick or take a photo with wx.chooseImage, read it back with getLocalImgData and hand it to the
// plain file input, so the upload goes through the same server checks as any other file.
(function () {
    if (typeof wx === 'undefined') return;
    var config = JSON.parse(document.getElementById('wx-config').textContent);
    wx.config({ debug: false, appId: config.appId, timestamp: config.timestamp, nonceStr: config.nonceStr,
        signature: config.signature, jsApiList: ['chooseImage', 'getLocalImgData'] });
    wx.ready(function () {
        var button = document.getElementById('choose-image');
        button.hidden = false;
        button.addEventListener('click', function () {
            wx.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'], success: function (res) {
                wx.getLocalImgData({ localId: res.localIds[0], success: function (data) {
                    var base64 = data.localData.replace(/^data:image\/\w+;base64,/, '');
                    var bytes = Uint8Array.from(atob(base64), function (c) { return c.charCodeAt(0); });
                    var transfer = new DataTransfer();
                    transfer.items.add(new File([bytes], 'photo.jpg', { type: 'image/jpeg' }));
                    document.getElementById('upload-file').files = transfer.files;
                    document.getElementById('upload-form').submit();
                } });
            } });
        });
    });
})();
