// The statement page's balance line: data comes from the JSON block the page renders, so no inline script.
(function () {
  var data = document.getElementById('balance-data');
  var canvas = document.getElementById('balance-chart');
  if (!data || !canvas || typeof Chart === 'undefined') return;
  var points = JSON.parse(data.textContent);
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: points.labels,
      datasets: [{ label: '账户余额（元）', data: points.values, borderColor: '#07c160', backgroundColor: 'rgba(7,193,96,0.1)', fill: true, tension: 0.2, pointRadius: 2 }]
    },
    options: { animation: false, responsive: true, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: false } } }
  });
  canvas.setAttribute('data-ready', 'true');
})();
