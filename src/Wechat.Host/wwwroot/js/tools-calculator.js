// The loan calculator's two behaviours in the browser: refill the rate from the current table when the home or the
// term changes (until the citizen types a rate of their own), and draw the per-year chart of the result.
(function () {
  'use strict';
  var rates = JSON.parse(document.getElementById('current-rates').textContent || '{}');
  var home = document.getElementById('home');
  var months = document.getElementById('months');
  var rate = document.getElementById('rate');
  var typed = false;
  rate.addEventListener('input', function () { typed = true; });

  function refillRate() {
    if (typed) return;
    var table = rates[home.value] || {};
    var value = Number(months.value) <= 60 ? table.upTo5 : table.over5;
    if (value) rate.value = value;
  }
  home.addEventListener('change', refillRate);
  months.addEventListener('change', refillRate);

  var years = JSON.parse(document.getElementById('chart-data').textContent || 'null');
  var canvas = document.getElementById('repayment-chart');
  if (!years || !canvas || typeof Chart === 'undefined') return;
  new Chart(canvas, {
    data: {
      labels: years.map(function (y) { return '第' + y.year + '年'; }),
      datasets: [
        { type: 'bar', label: '本金', data: years.map(function (y) { return y.principal; }), backgroundColor: '#07c160', stack: 'paid' },
        { type: 'bar', label: '利息', data: years.map(function (y) { return y.interest; }), backgroundColor: '#fa9d3b', stack: 'paid' },
        { type: 'line', label: '年末剩余本金', data: years.map(function (y) { return y.balance; }), borderColor: '#10aeff',
          backgroundColor: '#10aeff', pointRadius: 0, yAxisID: 'balance' }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } },
        y: { stacked: true, title: { display: true, text: '当年还款（元）' } },
        balance: { position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: '剩余本金（元）' } }
      },
      plugins: { legend: { position: 'bottom' } }
    }
  });
})();
