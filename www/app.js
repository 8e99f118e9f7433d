/* app.js — the dashboard: five tabs over liqserve's API (same origin). */
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);
const F = Charts.fmt;

async function api(path, body) {
  const init = body === undefined ? {} :
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const r = await fetch(path, init);
  const j = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) throw new Error(j.error || `HTTP ${r.status}`);
  return j;
}

function status(text) { $('#status').textContent = text; }

/* ---- sortable tables --------------------------------------------------- */

/* cols: [{key, label, text (left aligned), fmt, cls(row)}] */
function table(elt, cols, rows, opt = {}) {
  const state = elt._sort || { key: opt.sort, dir: opt.dir || -1 };
  elt._sort = state;
  const draw = () => {
    const k = state.key;
    const sorted = k ? rows.slice().sort((a, b) => {
      const x = a[k], y = b[k];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * state.dir;
    }) : rows;
    elt.textContent = '';
    const head = elt.createTHead().insertRow();
    for (const c of cols) {
      const th = document.createElement('th');
      th.textContent = c.label;
      if (c.text) th.className = 't';
      if (c.key === state.key) th.classList.add(state.dir > 0 ? 'asc' : 'desc');
      th.addEventListener('click', () => {
        state.dir = state.key === c.key ? -state.dir : (c.text ? 1 : -1);
        state.key = c.key;
        draw();
      });
      head.appendChild(th);
    }
    const tb = elt.createTBody();
    for (const r of sorted) {
      const tr = tb.insertRow();
      if (opt.rowClass) tr.className = opt.rowClass(r);
      if (opt.onClick) { tr.classList.add('click'); tr.addEventListener('click', () => opt.onClick(r)); }
      for (const c of cols) {
        const td = tr.insertCell();
        const v = r[c.key];
        td.textContent = c.fmt ? c.fmt(v, r) : (v === null || v === undefined ? 'NA' : v);
        if (c.text) td.className = 't';
        if (c.cls) td.classList.add(...c.cls(r).split(' ').filter(Boolean));
      }
    }
  };
  draw();
}

/* ---- 1. screener ------------------------------------------------------- */

let universe = [];   /* every bond, for the selectors and the treemap */

async function screen() {
  const f = new FormData($('#screen-form'));
  const q = new URLSearchParams();
  for (const [k, v] of f) if (v !== '') q.set(k, v);
  try {
    const j = await api('/bonds' + (q.toString() ? '?' + q : ''));
    $('#screen-count').textContent = `${j.count} of ${universe.length} bonds`;
    table($('#screen-table'), [
      { key: 'cusip', label: 'CUSIP', text: true },
      { key: 'issuer', label: 'Issuer', text: true },
      { key: 'sector', label: 'Sector', text: true },
      { key: 'rating', label: 'Rating', text: true },
      { key: 'coupon', label: 'Coupon', fmt: v => F(v, 3) },
      { key: 'maturity', label: 'Maturity', text: true },
      { key: 'amount_out', label: 'Amount out', fmt: v => F(v) },
      { key: 'score', label: 'Score', fmt: v => F(v, 1) },
      { key: 'bucket', label: 'Bucket', text: true, cls: r => 'bucket b-' + r.bucket },
      { key: 'p_high', label: 'P(High)', fmt: v => F(v, 2) },
      { key: 'half_spread_bps', label: 'Half spread bps', fmt: v => F(v, 1) },
      { key: 'adv_usd', label: 'ADV $', fmt: v => F(v) },
      { key: 'date', label: 'As of', text: true },
    ], j.bonds, { sort: 'score', dir: -1, rowClass: r => 'b-' + r.bucket,
                  onClick: r => { location.hash = '#breakdown'; explainBond(r.cusip); } });
    $('#screen-form').dataset.shown = j.count;
  } catch (e) {
    $('#screen-count').textContent = e.message;
  }
}

/* ---- 2. score breakdown ------------------------------------------------ */

async function importance() {
  try {
    const j = await api('/importance');
    const key = j.features.some(d => d.mean_abs_shap !== null) ? 'mean_abs_shap' : 'mean_abs_shap_latest';
    $('#imp-note').textContent = key === 'mean_abs_shap'
      ? `mean |SHAP| on the training data (${j.source}); top 15 of ${j.features.length} features`
      : `mean |SHAP| over each bond's latest row; top 15 of ${j.features.length} features`;
    Charts.hbars($('#imp-chart'), j.features.slice(0, 15).map(d => ({
      label: d.feature, value: d[key], color: '#1f4e79',
      tip: `${d.feature}\nmean |SHAP| ${F(d.mean_abs_shap)} (training)\nover the latest rows ${F(d.mean_abs_shap_latest)}\ngain ${F(d.gain)}` })),
      { labelWidth: 170 });
  } catch (e) {
    $('#imp-note').textContent = e.message;
  }
}

async function explainBond(cusip) {
  $('#explain-form').elements.cusip.value = cusip;
  try {
    const j = await api(`/score/${encodeURIComponent(cusip)}?explain=1000`);
    const e = j.explain;
    $('#explain-head').innerHTML = '';
    const kp = document.createElement('div');
    kp.className = 'kpis';
    for (const [l, v, c] of [['score', F(j.score, 1), 'b-' + j.bucket], ['bucket', j.bucket || 'NA', 'b-' + j.bucket],
                             ['base value', F(e.base_value, 1), ''], ['model prediction', F(e.prediction, 1), ''],
                             ['features row of', e.date, '']]) {
      const d = document.createElement('div');
      d.className = 'kpi ' + c;
      d.innerHTML = '<div class="v"></div><div class="l"></div>';
      d.firstChild.textContent = v;
      d.lastChild.textContent = l;
      kp.appendChild(d);
    }
    $('#explain-head').appendChild(kp);
    Charts.hbars($('#explain-chart'), e.contributions.slice(0, 15).map(c => ({
      label: c.feature, value: c.shap, color: c.shap >= 0 ? '#4caf50' : '#d9534f',
      tip: `${c.feature} = ${F(c.value)}\nSHAP ${c.shap >= 0 ? '+' : ''}${F(c.shap)} points` })), { labelWidth: 170 });
    table($('#explain-table'), [
      { key: 'feature', label: 'Feature', text: true },
      { key: 'value', label: 'Value', fmt: v => F(v) },
      { key: 'shap', label: 'SHAP (score points)', fmt: v => (v > 0 ? '+' : '') + F(v) },
    ], e.contributions);
    $('#explain-form').dataset.shown = cusip;
  } catch (err) {
    $('#explain-head').textContent = err.message;
    $('#explain-chart').textContent = '';
    $('#explain-table').textContent = '';
  }
}

/* ---- 3. pre-trade ------------------------------------------------------ */

function kpis(box, list) {
  box.textContent = '';
  for (const [l, v, c] of list) {
    const d = document.createElement('div');
    d.className = 'kpi ' + (c || '');
    d.innerHTML = '<div class="v"></div><div class="l"></div>';
    d.firstChild.textContent = v;
    d.lastChild.textContent = l;
    box.appendChild(d);
  }
}

async function pretrade() {
  const f = $('#pt-form').elements;
  const cusip = f.cusip.value.trim(), size = f.size_mm.value, side = f.side.value;
  const q = new URLSearchParams();
  for (const k of ['participation', 'target_cost_bps', 'days']) if (f[k].value !== '') q.set(k, f[k].value);
  $('#pt-error').textContent = '';
  try {
    const c = await api(`/pretrade/${encodeURIComponent(cusip)}/${encodeURIComponent(size)}/${side}?${q}`);
    if (c.status !== 'ok') throw new Error(c.error || c.status);
    kpis($('#pt-summary'), [
      ['expected cost, bps', F(c.cost_bps, 1)],
      ['90% interval, bps', `${F(c.cost_lo_bps, 1)} – ${F(c.cost_hi_bps, 1)}`],
      ['cost, $', Math.round(c.cost_usd).toLocaleString('en-US')],
      ['days to execute', F(c.exec_days, 2)],
      ['score', `${F(c.score, 1)} ${c.bucket || ''}`, 'b-' + c.bucket],
    ]);
    Charts.costBar($('#pt-chart'), c);
    const inv = $('#pt-inverse');
    inv.textContent = '';
    for (const [k, what] of [['for_target_cost', t => `at most ${F(t.target_cost_bps)} bps`], ['for_days', t => `in ${F(t.days)} days`]]) {
      const t = c[k];
      if (!t) continue;
      const p = document.createElement('p');
      p.textContent = t.status === 'ok'
        ? `Largest size ${what(t)}: $${F(t.size_mm, 3)}MM (cost ${F(t.cost_bps, 1)} bps, ${F(t.exec_days, 2)} days)`
        : `${what(t)}: ${t.error}`;
      inv.appendChild(p);
    }
    Charts.hbars($('#pt-probs'), [['Low', c.p_low], ['Medium', c.p_medium], ['High', c.p_high]].map(([l, v]) => ({
      label: l, value: v, color: Charts.bucketColor[l], tip: `P(${l}) = ${F(v, 3)}` })), { labelWidth: 70, width: 520, empty: 'no probabilities' });
    /* the cost curve: one batch request over sizes around this one */
    const sizes = [0.1, 0.2, 0.5, 1, 2, 5, 10].map(m => +(m * size).toPrecision(3));
    const b = await api('/pretrade', { participation: +(f.participation.value || 0.1),
      queries: sizes.map(s => ({ cusip, size_mm: s, side })) });
    const r = b.results;
    Charts.band($('#pt-curve'), sizes, r.map(d => d.cost_bps), r.map(d => d.cost_lo_bps), r.map(d => d.cost_hi_bps),
      { xlabel: 'size, $MM (log scale)', ylabel: 'bps', mark: +size });
    $('#pt-form').dataset.shown = cusip;
  } catch (e) {
    $('#pt-error').textContent = e.message;
  }
}

/* ---- 4. impact calibration --------------------------------------------- */

const sourceColor = { cusip: '#1f4e79', shrunk: '#8e5bb5', prior: '#9aa5b1' };

async function impact() {
  try {
    const j = await api('/impact');
    const b = j.bonds, post = j.posterior;
    const raw = k => b.map(d => d[k]);
    const series = k => post
      ? [{ name: 'own fit', values: raw(k), color: '#9aa5b1' }, { name: 'posterior', values: raw(k + '_post'), color: '#1f4e79' }]
      : [{ name: 'fit', values: raw(k), color: '#1f4e79' }];
    Charts.histogram($('#imp-alpha'), series('alpha'), { log: true, xlabel: 'α (log scale)' });
    Charts.histogram($('#imp-beta'), series('beta'), { xlabel: 'β' });
    Charts.scatter($('#imp-r2'), b.map(d => ({ x: d.n, y: d.r2, color: sourceColor[d.source] || '#1f4e79',
      tip: `${d.cusip}\n${d.n} prints, R² ${F(d.r2, 3)}\nsource ${d.source || 'fit'}` })),
      { logx: true, xlabel: 'prints in the fit (log scale)', ylabel: 'R²', ymin: 0, ymax: 1,
        legend: post ? Object.entries(sourceColor).map(([name, color]) => ({ name, color })) : null });
    const cols = [
      { key: 'cusip', label: 'CUSIP', text: true }, { key: 'n', label: 'Prints' },
      { key: 'alpha', label: 'α', fmt: v => F(v, 3) }, { key: 'beta', label: 'β', fmt: v => F(v, 3) },
      { key: 'half_spread_bps', label: 'h bps', fmt: v => F(v, 1) }, { key: 'r2', label: 'R²', fmt: v => F(v, 3) },
      { key: 'sigma_bps', label: 'σ bps', fmt: v => F(v, 1) }, { key: 'adv_usd', label: 'ADV $', fmt: v => F(v) },
    ];
    if (post) cols.push({ key: 'alpha_post', label: 'α post', fmt: v => F(v, 3) }, { key: 'beta_post', label: 'β post', fmt: v => F(v, 3) },
      { key: 'half_spread_post_bps', label: 'h post bps', fmt: v => F(v, 1) }, { key: 'weight', label: 'Weight', fmt: v => F(v, 2) },
      { key: 'source', label: 'Source', text: true }, { key: 'prior', label: 'Prior', text: true });
    table($('#impact-table'), cols, b, { sort: 'n', dir: -1, rowClass: r => 's-' + r.source });
  } catch (e) {
    $('#imp-alpha').textContent = e.message;
  }
}

/* ---- 5. universe ------------------------------------------------------- */

async function universeTab() {
  try {
    const m = await api('/universe/map');
    const cells = new Map(m.cells.map(c => [c.rating + '|' + c.sector, c]));
    const rows = m.ratings.filter(r => m.cells.some(c => c.rating === r));
    const cols = m.sectors.filter(s => m.cells.some(c => c.sector === s));
    Charts.heatmap($('#heatmap'), rows, cols, (r, s) => {
      const c = cells.get(r + '|' + s);
      return c && {
        value: c.mean_score, text: F(c.mean_score, 1), sub: `${c.bonds} bond${c.bonds === 1 ? '' : 's'}`,
        tip: `${r} ${s}: ${c.bonds} bonds, ${c.scored} scored\nmean score ${F(c.mean_score, 1)}\nLow ${c.low}, Medium ${c.medium}, High ${c.high}\n$${F(c.amount_out)} outstanding` };
    }, { color: Charts.scoreColor, legend: 'mean score' });
    const groups = new Map();
    for (const d of universe) {
      if (!(d.amount_out > 0)) continue;
      const g = d.sector || 'NA';
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push({ value: d.amount_out, label: d.issuer || d.cusip, color: Charts.scoreColor(d.score),
        tip: `${d.cusip} ${d.issuer || ''} ${d.rating || ''}\n$${F(d.amount_out)} outstanding\nscore ${F(d.score, 1)} (${d.bucket || 'NA'})` });
    }
    Charts.treemap($('#treemap'), [...groups].map(([label, items]) => ({ label, items })));
  } catch (e) {
    $('#heatmap').textContent = e.message;
  }
}

/* ---- tabs -------------------------------------------------------------- */

const loaded = {};
const loaders = { screener: screen, breakdown: importance, pretrade: null, impact, universe: universeTab };

function show() {
  const name = (location.hash || '#screener').slice(1);
  const tab = loaders.hasOwnProperty(name) ? name : 'screener';
  for (const s of document.querySelectorAll('.tab')) s.classList.toggle('active', s.id === tab);
  for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.tab === tab);
  if (!loaded[tab] && loaders[tab]) { loaded[tab] = true; loaders[tab](); }
}

async function init() {
  Charts.initTips($('#tip'));
  try {
    const [h, all, m] = await Promise.all([api('/health'), api('/bonds'), api('/universe/map')]);
    universe = all.bonds;
    status(`${h.tables.bonds} bonds · tables of ${h.loaded_at.replace('T', ' ').replace('Z', ' UTC')} · liqserve ${h.version}`);
    const dl = $('#cusips');
    for (const b of universe) { const o = document.createElement('option'); o.value = b.cusip; o.label = `${b.issuer || ''} ${b.rating || ''}`; dl.appendChild(o); }
    const rs = $('#screen-form').elements.rating, ss = $('#screen-form').elements.sector;
    for (const r of m.ratings) rs.add(new Option(r, r));
    for (const s of m.sectors) ss.add(new Option(s, s));
    const first = universe.find(b => b.score !== null) || universe[0];
    if (first) {
      $('#pt-form').elements.cusip.value = first.cusip;
      $('#explain-form').elements.cusip.value = first.cusip;
      if (h.tables.model_features) explainBond(first.cusip);
      else $('#explain-head').textContent = 'start liqserve with --model and --features to explain scores';
      pretrade();
    }
  } catch (e) {
    status('cannot reach the API: ' + e.message);
  }
  $('#screen-form').addEventListener('submit', ev => { ev.preventDefault(); screen(); });
  $('#screen-form').addEventListener('reset', () => setTimeout(screen, 0));
  for (const n of ['rating', 'sector', 'bucket']) $('#screen-form').elements[n].addEventListener('change', screen);
  $('#explain-form').addEventListener('submit', ev => { ev.preventDefault(); explainBond($('#explain-form').elements.cusip.value.trim()); });
  $('#pt-form').addEventListener('submit', ev => { ev.preventDefault(); pretrade(); });
  window.addEventListener('hashchange', show);
  show();
}

init();
