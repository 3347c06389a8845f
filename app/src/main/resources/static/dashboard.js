// Polls the application's JSON endpoints and redraws; every asset is served locally (no CDN).
const REFRESH_MS = 3000;
const chart = echarts.init(document.getElementById('chart'));

function seriesByCountry(rows) {
  const days = [...new Set(rows.map(r => r.saleDate))].sort();
  const keys = [...new Set(rows.map(r => r.country + ' (' + r.currency + ')'))].sort();
  const series = keys.map(key => {
    const byDay = new Map(rows.filter(r => r.country + ' (' + r.currency + ')' === key)
      .map(r => [r.saleDate, Number(r.revenue)]));
    // A few days read better as bars; a longer history as lines.
    return { name: key, type: days.length > 3 ? 'line' : 'bar', showSymbol: days.length < 40,
             data: days.map(d => byDay.get(d) ?? null) };
  });
  return { days, series };
}

function drawChart(rows) {
  const { days, series } = seriesByCountry(rows);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { top: 56, left: 70, right: 20, bottom: 40 },
    xAxis: { type: 'category', data: days },
    // Every country in the one reporting currency, so one linear axis compares them.
    yAxis: { type: 'value', name: 'net revenue (' + [...new Set(rows.map(r => r.currency))].join(', ') + ')' },
    series
  }, true);
  document.getElementById('empty').hidden = rows.length > 0;
  document.getElementById('chart').dataset.series = String(series.length);
  document.getElementById('chart').dataset.days = String(days.length);
}

function drawTotals(rows) {
  const totals = new Map();
  for (const r of rows) {
    const key = r.country + '|' + r.currency;
    const t = totals.get(key) ?? { country: r.country, currency: r.currency, sales: 0, units: 0, revenue: 0 };
    t.sales += r.sales; t.units += r.units; t.revenue += Number(r.revenue);
    totals.set(key, t);
  }
  const body = document.querySelector('#totals tbody');
  body.replaceChildren(...[...totals.values()].sort((a, b) => a.country.localeCompare(b.country)).map(t => {
    const tr = document.createElement('tr');
    for (const v of [t.country, t.currency, t.sales, t.units,
                     t.revenue.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    return tr;
  }));
}

function drawStatus(s) {
  const set = (id, v) => { document.getElementById(id).textContent = v; };
  set('sales', s.salesGenerated);
  set('events', s.eventsStored);
  set('bronze', s.bronzeRows);
  set('dead', s.deadLetters);
  set('silver', s.silverSaleLines);
  set('refreshed', s.lastMartRefresh ? new Date(s.lastMartRefresh).toLocaleTimeString() : 'not yet');
}

async function refresh() {
  try {
    const [rows, status] = await Promise.all([
      fetch('/api/revenue-daily-by-country').then(r => r.json()),
      fetch('/api/status').then(r => r.json())
    ]);
    drawChart(rows);
    drawTotals(rows);
    drawStatus(status);
  } catch (e) {
    document.getElementById('empty').textContent = 'Cannot reach the application: ' + e.message;
    document.getElementById('empty').hidden = false;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

window.addEventListener('resize', () => chart.resize());
refresh();
