// Asks for the citizen's position only when they tap the button, then reloads the list with ?lat=&lon= so the
// server sorts it nearest first. Inside WeChat (a signed #wx-config on the page) wx.getLocation answers in GCJ-02,
// the outlets' own coordinates, and works where the in-app browser's geolocation is refused; the browser's
// geolocation (HTTPS or localhost only) is the fallback and the only way elsewhere.
(function () {
  'use strict';
  var button = document.getElementById('locate');
  var status = document.getElementById('locate-status');
  if (!button) return;
  var wechatReady = false;
  var configElement = document.getElementById('wx-config');
  if (configElement && typeof wx !== 'undefined') {
    var config = JSON.parse(configElement.textContent);
    wx.config({ debug: false, appId: config.appId, timestamp: config.timestamp, nonceStr: config.nonceStr,
      signature: config.signature, jsApiList: ['getLocation'] });
    wx.ready(function () { wechatReady = true; });
  }
  if (!configElement && !navigator.geolocation) {
    button.disabled = true;
    status.textContent = '当前浏览器不支持定位。';
    return;
  }

  function go(latitude, longitude) {
    location.search = new URLSearchParams({ lat: Number(latitude).toFixed(6), lon: Number(longitude).toFixed(6) }).toString();
  }

  function refused() { status.textContent = '无法获取您的位置，请在设置中允许定位后重试。'; }

  function browserPosition() {
    if (!navigator.geolocation) { refused(); return; }
    navigator.geolocation.getCurrentPosition(function (p) { go(p.coords.latitude, p.coords.longitude); },
      refused, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
  }

  button.addEventListener('click', function () {
    status.textContent = '正在获取您的位置…';
    if (!wechatReady) { browserPosition(); return; }
    wx.getLocation({
      type: 'gcj02',
      success: function (res) { go(res.latitude, res.longitude); },
      cancel: function () { status.textContent = '已取消定位，显示全部网点。'; },
      fail: browserPosition,
    });
  });
})();
