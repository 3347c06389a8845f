// The sales dashboard: polls the application's JSON endpoints (/api/dashboard/*, /api/status) and
// redraws when the marts were rebuilt or a filter changed. Plain JS, every asset served locally.
// What each panel shows is also kept in window.dashboard (rows, source, query), which the browser
// test compares with the marts.
const POLL_MS = 3000;
const API = '/api/dashboard/';

const state = {
  panels: {},       // panel name -> rows drawn
  sources: {},      // panel name -> the table the figures came from
  query: '',        // the filter query string of the last complete load
  version: 0,       // completed loads
  lastMartRefresh: null,
  loading: false,
  error: null
};
window.dashboard = state;

const charts = new Map();
function chart(id) {
  if (!charts.has(id)) {
    charts.set(id, echarts.init(document.getElementById(id)));
  }
  return charts.get(id);
}

// ---------------------------------------------------------------- formatting

const money = v => v == null ? '–' : Number(v).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = v => v == null ? '–' : Number(v).toLocaleString('en-GB', { maximumFractionDigits: 0 });
const percent = v => v == null ? '–' : (Number(v) * 100).toLocaleString('en-GB', { maximumFractionDigits: 2 }) + ' %';
// Instants from the server (ISO with Z) shown in UTC whatever the browser's zone.
const utc = iso => iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : 'not yet';
const set = (id, v) => { document.getElementById(id).textContent = v; };

function amountsCurrency() {
  const f = filterValues();
  return f.amounts === 'sale' && f.currency ? f.currency : state.reportingCurrency || 'EUR';
}

// ---------------------------------------------------------------- filters

function filterValues() {
  const value = id => document.getElementById(id).value;
  return { from: value('f-from'), to: value('f-to'), country: value('f-country'), channel: value('f-channel'),
           currency: value('f-currency'), amounts: value('f-amounts') };
}

function filterQuery() {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filterValues())) {
    if (value && !(name === 'amounts' && value === 'reporting')) {
      params.set(name, value);
    }
  }
  return params.toString();
}

function fillSelect(id, values) {
  const select = document.getElementById(id);
  const chosen = select.value;
  const known = new Set([...select.options].map(o => o.value));
  for (const v of values) {
    if (!known.has(v)) {
      select.add(new Option(v, v));
    }
  }
  select.value = chosen;
}

async function loadChoices() {
  const choices = await getJson(API + 'filters');
  state.reportingCurrency = choices.reporting_currency;
  document.querySelectorAll('.reporting-currency').forEach(e => { e.textContent = choices.reporting_currency; });
  fillSelect('f-country', choices.countries);
  fillSelect('f-channel', choices.channels);
  fillSelect('f-currency', choices.currencies);
  for (const id of ['f-from', 'f-to']) {
    if (choices.first_day) {
      document.getElementById(id).min = choices.first_day;
      document.getElementById(id).max = choices.last_day;
    }
  }
}

// ---------------------------------------------------------------- loading

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body.error || response.statusText);
    error.parameter = body.parameter;
    throw error;
  }
  return body;
}

const PANELS = {
  kpis: 'kpis',
  overTime: () => 'revenue-over-time?grain=' + document.getElementById('grain').value,
  country: 'by-country',
  currency: 'currency-split',
  product: 'by-product?top=10',
  category: 'by-category',
  store: 'by-store?top=15',
  channel: 'by-channel',
  payment: 'by-payment-method',
  segment: 'customer-segments',
  tier: 'by-loyalty-tier',
  vip: 'top-customers?top=20'
};

async function loadPanels() {
  if (state.loading) {
    state.reloadWanted = true;
    return;
  }
  state.loading = true;
  const query = filterQuery();
  try {
    const entries = Object.entries(PANELS).map(([name, path]) => {
      const url = API + (typeof path === 'function' ? path() : path);
      return getJson(url + (query ? (url.includes('?') ? '&' : '?') + query : '')).then(body => [name, body]);
    });
    entries.push(fetch('/api/revenue-daily-by-country').then(r => r.json()).then(rows => ['daily', rows]));
    const answers = Object.fromEntries(await Promise.all(entries));
    for (const [name, body] of Object.entries(answers)) {
      state.panels[name] = name === 'kpis' || name === 'daily' ? body : body.rows;
      state.sources[name] = name === 'daily' ? 'sales_gold.revenue_daily_by_country' : body.source;
    }
    draw();
    state.query = query;
    state.error = null;
    set('filter-error', '');
    set('source-note', query ? 'Filtered: from ' + [...new Set(Object.values(state.sources))].filter(s => s !== 'sales_gold.revenue_daily_by_country').join(', ')
      : 'Unfiltered: every figure is its all-time mart.');
    state.version++;
  } catch (e) {
    state.error = e.message;
    set('filter-error', e.message);
  } finally {
    state.loading = false;
    if (state.reloadWanted) {
      state.reloadWanted = false;
      loadPanels();
    }
  }
}

// ---------------------------------------------------------------- drawing

function draw() {
  const p = state.panels;
  drawKpis(p.kpis);
  drawOverTime(p.overTime);
  bars('c-country', p.country, r => r.country, false);
  bars('c-currency', p.currency, r => r.sale_currency, false);
  table('t-currency', p.currency, r => [r.sale_currency, whole(r.sales), money(r.revenue_sale_currency), money(r.revenue)]);
  bars('c-product', p.product, r => r.product_name || r.product_id, true);
  bars('c-category', p.category, r => r.category, true);
  bars('c-store', p.store, r => (r.store_name || r.store_key) + ' (' + r.country + ')', false);
  bars('c-channel', p.channel, r => r.channel_name || r.channel, false);
  bars('c-payment', p.payment, r => r.payment_method, false);
  bars('c-segment', p.segment, r => r.rfm_segment + ' (' + whole(r.customers) + ')', true);
  bars('c-tier', p.tier, r => r.loyalty_tier, false);
  table('t-vip', p.vip, r => [r.vip_rank, r.customer_id, r.name ?? '', r.country ?? '', money(r.revenue), whole(r.orders),
    r.last_purchase_at ?? '', r.current_loyalty_tier ?? '', r.rfm_segment ?? '']);
  drawDaily(p.daily);
}

function drawKpis(k) {
  const formats = { revenue: money, sales: whole, units: whole, average_basket: money, refund_rate: percent };
  for (const tile of document.querySelectorAll('#kpis .kpi')) {
    const measure = tile.dataset.kpi;
    const value = k.current ? k.current[measure] : null;
    tile.querySelector('.value').textContent = formats[measure](value)
      + (measure === 'revenue' || measure === 'average_basket' ? ' ' + (k.currency || '') : '');
    tile.dataset.value = value == null ? '' : String(value);
    const change = k.change ? k.change[measure] : null;
    const span = tile.querySelector('.change');
    span.textContent = change == null ? 'no previous period to compare' : (change >= 0 ? '▲ ' : '▼ ')
      + (Math.abs(change) * 100).toFixed(1) + ' % vs previous';
    span.className = 'change ' + (change == null ? '' : (change >= 0) === (measure !== 'refund_rate') ? 'good' : 'bad');
  }
  set('kpi-period', k.from ? 'Period ' + k.from + ' to ' + k.to + (k.previous_from
    ? ', compared with ' + k.previous_from + ' to ' + k.previous_to + ' (same length, just before)' : '') : 'No sales yet.');
}

function drawOverTime(rows) {
  const c = chart('c-over-time');
  c.setOption({
    tooltip: { trigger: 'axis' },
    grid: { top: 30, left: 80, right: 20, bottom: 30 },
    xAxis: { type: 'category', data: rows.map(r => r.period_start) },
    yAxis: { type: 'value', name: 'net revenue (' + amountsCurrency() + ')' },
    series: [{ name: 'net revenue', type: rows.length > 12 ? 'line' : 'bar', showSymbol: rows.length < 40,
               data: rows.map(r => Number(r.revenue)) }]
  }, true);
  mark('c-over-time', rows);
}

function bars(id, rows, label, horizontal) {
  const names = rows.map(label);
  const values = rows.map(r => Number(r.revenue));
  const category = { type: 'category', data: horizontal ? [...names].reverse() : names,
                     axisLabel: { interval: 0, rotate: horizontal ? 0 : (names.length > 6 ? 30 : 0), width: 140, overflow: 'truncate' } };
  const value = { type: 'value', name: horizontal ? '' : amountsCurrency() };
  chart(id).setOption({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { top: 30, left: horizontal ? 150 : 80, right: 30, bottom: horizontal ? 30 : 70 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [{ type: 'bar', name: 'net revenue (' + amountsCurrency() + ')',
               data: horizontal ? [...values].reverse() : values }]
  }, true);
  mark(id, rows);
}

function table(id, rows, cells) {
  const body = document.querySelector('#' + id + ' tbody');
  body.replaceChildren(...rows.map(r => {
    const tr = document.createElement('tr');
    for (const v of cells(r)) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    return tr;
  }));
  mark(id, rows);
}

function mark(id, rows) {
  const element = document.getElementById(id);
  element.dataset.rows = String(rows.length);
  element.classList.toggle('no-data', rows.length === 0);
}

// The first chart of the page: revenue per day by country, from revenue_daily_by_country; the date
// range and the country filter apply (the mart has neither channel nor sale currency).
function drawDaily(all) {
  const f = filterValues();
  const rows = all.filter(r => (!f.from || r.saleDate >= f.from) && (!f.to || r.saleDate <= f.to)
    && (!f.country || r.country === f.country));
  const days = [...new Set(rows.map(r => r.saleDate))].sort();
  const keys = [...new Set(rows.map(r => r.country + ' (' + r.currency + ')'))].sort();
  const series = keys.map(key => {
    const byDay = new Map(rows.filter(r => r.country + ' (' + r.currency + ')' === key).map(r => [r.saleDate, Number(r.revenue)]));
    return { name: key, type: days.length > 3 ? 'line' : 'bar', showSymbol: days.length < 40,
             data: days.map(d => byDay.get(d) ?? null) };
  });
  chart('chart').setOption({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { top: 56, left: 70, right: 20, bottom: 40 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', name: 'net revenue (' + [...new Set(rows.map(r => r.currency))].join(', ') + ')' },
    series
  }, true);
  document.getElementById('empty').hidden = rows.length > 0;
  const element = document.getElementById('chart');
  element.dataset.series = String(series.length);
  element.dataset.days = String(days.length);

  const totals = new Map();
  for (const r of rows) {
    const key = r.country + '|' + r.currency;
    const t = totals.get(key) ?? { country: r.country, currency: r.currency, sales: 0, units: 0, revenue: 0 };
    t.sales += r.sales; t.units += r.units; t.revenue += Number(r.revenue);
    totals.set(key, t);
  }
  table('totals', [...totals.values()].sort((a, b) => a.country.localeCompare(b.country)),
    t => [t.country, t.currency, whole(t.sales), whole(t.units), money(t.revenue)]);
}

// ---------------------------------------------------------------- status, tabs, live updates

function drawStatus(s, fresh) {
  set('sales', whole(s.salesGenerated));
  set('events', whole(s.eventsStored));
  set('bronze', whole(s.bronzeRows));
  set('dead', whole(s.deadLetters));
  set('silver', whole(s.silverSaleLines));
  set('refreshed', utc(s.lastMartRefresh));
  set('latest-sale', fresh.latest_sale_at || '–');
}

async function poll() {
  try {
    const [status, fresh] = await Promise.all([getJson('/api/status'), getJson(API + 'freshness')]);
    drawStatus(status, fresh);
    if (status.lastMartRefresh !== state.lastMartRefresh) {
      state.lastMartRefresh = status.lastMartRefresh;
      await loadChoices();
      await loadPanels();
    }
  } catch (e) {
    set('filter-error', 'Cannot reach the application: ' + e.message);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

function showTab(name) {
  for (const button of document.querySelectorAll('#tabs button')) {
    button.setAttribute('aria-selected', String(button.dataset.tab === name));
  }
  for (const section of document.querySelectorAll('.tab')) {
    section.hidden = section.id !== 'tab-' + name;
  }
  // Charts drawn while their tab was hidden have no size yet.
  charts.forEach(c => c.resize());
  state.tab = name;
}

document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));
document.querySelectorAll('#filters input, #filters select, #grain').forEach(e => e.addEventListener('change', loadPanels));
document.getElementById('f-reset').addEventListener('click', () => {
  document.getElementById('filters').reset();
  loadPanels();
});
window.addEventListener('resize', () => charts.forEach(c => c.resize()));
showTab('overview');
loadChoices().then(loadPanels).catch(e => set('filter-error', e.message));
poll();
