// Asks the browser for the citizen's position only when they tap the button, then reloads the list with
// ?lat=&lon= so the server sorts it nearest first. Geolocation needs HTTPS (or localhost) in current browsers.
(function () {
  'use strict';
  var button = document.getElementById('locate');
  var status = document.getElementById('locate-status');
  if (!button) return;
  if (!navigator.geolocation) {
    button.disabled = true;
    status.textContent = '当前浏览器不支持定位。';
    return;
  }
  button.addEventListener('click', function () {
    status.textContent = '正在获取您的位置…';
    navigator.geolocation.getCurrentPosition(function (p) {
      var q = new URLSearchParams({ lat: p.coords.latitude.toFixed(6), lon: p.coords.longitude.toFixed(6) });
      location.search = q.toString();
    }, function () {
      status.textContent = '无法获取您的位置，请在设置中允许定位后重试。';
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
  });
})();
