/* charts.js — the dashboard's charts as hand-written SVG: horizontal bars,
 * histograms, a scatter, a cost bar with its interval, a line with a band,
 * a heatmap and a squarified treemap. No library: the page must work with
 * no network, and these few shapes are less code than a dependency. */
'use strict';

const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, parent, text) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function svg(container, w, h) {
    container.textContent = '';
    return el('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img' }, container);
  }

  /* a tooltip on any element with a data-tip attribute */
  function tip(e, text) { e.setAttribute('data-tip', text); return e; }

  function fmt(x, d) {
    if (x === null || x === undefined || !isFinite(x)) return 'NA';
    const a = Math.abs(x);
    if (d !== undefined) return x.toFixed(d);
    if (a >= 1e9) return (x / 1e9).toFixed(2) + 'bn';
    if (a >= 1e6) return (x / 1e6).toFixed(2) + 'mm';
    if (a >= 1e4) return (x / 1e3).toFixed(1) + 'k';
    if (a >= 100) return x.toFixed(0);
    if (a >= 10) return x.toFixed(1);
    if (a >= 1) return x.toFixed(2);
    return x.toPrecision(3);
  }

  /* an axis tick: as short as it can be */
  function tick(t) {
    return Math.abs(t) >= 1e4 ? fmt(t) : String(+t.toPrecision(6));
  }

  /* score 0..100 to red, amber, green */
  function scoreColor(s) {
    if (s === null || !isFinite(s)) return '#c9cfd6';
    const stops = [[0, [217, 83, 79]], [50, [232, 163, 61]], [100, [76, 175, 80]]];
    s = Math.max(0, Math.min(100, s));
    const i = s <= 50 ? 0 : 1, [x0, c0] = stops[i], [x1, c1] = stops[i + 1];
    const t = (s - x0) / (x1 - x0);
    return 'rgb(' + c0.map((c, k) => Math.round(c + t * (c1[k] - c))).join(',') + ')';
  }
  const bucketColor = { Low: '#d9534f', Medium: '#e8a33d', High: '#4caf50' };

  function niceTicks(lo, hi, n) {
    if (!(hi > lo)) { hi = lo + 1; }
    const step0 = (hi - lo) / n, mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= step0);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step)
      out.push(Math.abs(v) < 1e-12 ? 0 : v);
    return out;
  }

  /* horizontal bars: items [{label, value, color, tip}]; values may be
   * negative (bars grow from zero both ways) */
  function hbars(container, items, opt = {}) {
    const W = opt.width || 520, row = 20, lab = opt.labelWidth || 150, pad = 8;
    const H = items.length * row + 28;
    const s = svg(container, W, H);
    if (!items.length) { el('text', { x: 10, y: 20, class: 'muted' }, s, opt.empty || 'no data'); return; }
    const vals = items.map(d => d.value).filter(isFinite);
    let lo = Math.min(0, ...vals), hi = Math.max(0, ...vals);
    if (hi === lo) hi = lo + 1;
    const x0 = lab + pad + (lo < 0 ? 46 : 0), x1 = W - 50;
    const X = v => x0 + (v - lo) / (hi - lo) * (x1 - x0);
    const g = el('g', { class: 'grid' }, s);
    for (const t of niceTicks(lo, hi, 4)) {
      el('line', { x1: X(t), x2: X(t), y1: 4, y2: H - 20 }, g);
      el('text', { x: X(t), y: H - 6, 'text-anchor': 'middle', class: 'muted' }, s, tick(t));
    }
    items.forEach((d, i) => {
      const y = 6 + i * row, v = isFinite(d.value) ? d.value : 0;
      el('text', { x: lab, y: y + 13, 'text-anchor': 'end' }, s, d.label);
      const r = el('rect', { x: Math.min(X(0), X(v)), y: y + 2, width: Math.max(1, Math.abs(X(v) - X(0))), height: row - 6, fill: d.color || '#1f4e79', rx: 2 }, s);
      tip(r, d.tip || `${d.label}: ${fmt(d.value)}`);
      el('text', { x: v >= 0 ? X(v) + 4 : X(v) - 4, y: y + 13, 'text-anchor': v >= 0 ? 'start' : 'end', class: 'muted' }, s, fmt(d.value));
    });
    el('line', { x1: X(0), x2: X(0), y1: 2, y2: H - 20, stroke: '#6b7785' }, s);
  }

  /* x axis and y axis of a plot area */
  function axes(s, X, Y, xt, yt, box, opt) {
    const g = el('g', { class: 'grid' }, s);
    for (const t of yt) el('line', { x1: box.l, x2: box.r, y1: Y(t), y2: Y(t) }, g);
    const a = el('g', { class: 'axis' }, s);
    el('line', { x1: box.l, x2: box.r, y1: box.b, y2: box.b }, a);
    el('line', { x1: box.l, x2: box.l, y1: box.t, y2: box.b }, a);
    for (const t of xt) el('text', { x: X(t), y: box.b + 14, 'text-anchor': 'middle', class: 'muted' }, s, opt.xfmt ? opt.xfmt(t) : tick(t));
    for (const t of yt) el('text', { x: box.l - 4, y: Y(t) + 4, 'text-anchor': 'end', class: 'muted' }, s, opt.yfmt ? opt.yfmt(t) : tick(t));
    if (opt.xlabel) el('text', { x: (box.l + box.r) / 2, y: box.b + 30, 'text-anchor': 'middle' }, s, opt.xlabel);
    if (opt.ylabel) el('text', { x: 12, y: (box.t + box.b) / 2, transform: `rotate(-90 12 ${(box.t + box.b) / 2})`, 'text-anchor': 'middle' }, s, opt.ylabel);
  }

  /* histogram of values, optionally on a log scale; series [{values,
   * color, name}] overlaid */
  function histogram(container, series, opt = {}) {
    const W = opt.width || 380, H = opt.height || 220, nb = opt.bins || 20;
    const tr = opt.log ? Math.log10 : (v => v), un = opt.log ? (v => Math.pow(10, v)) : (v => v);
    const all = series.flatMap(d => d.values).filter(v => isFinite(v) && (!opt.log || v > 0)).map(tr);
    const s = svg(container, W, H);
    if (!all.length) { el('text', { x: 10, y: 20, class: 'muted' }, s, 'no data'); return; }
    let lo = Math.min(...all), hi = Math.max(...all);
    if (hi === lo) { lo -= 0.5; hi += 0.5; }
    const w = (hi - lo) / nb;
    const counts = series.map(d => {
      const c = new Array(nb).fill(0);
      for (const v0 of d.values) {
        if (!isFinite(v0) || (opt.log && v0 <= 0)) continue;
        c[Math.min(nb - 1, Math.floor((tr(v0) - lo) / w))]++;
      }
      return c;
    });
    const top = Math.max(...counts.flat(), 1);
    const box = { l: 36, r: W - 8, t: 8, b: H - 34 };
    const X = v => box.l + (v - lo) / (hi - lo) * (box.r - box.l);
    const Y = v => box.b - v / top * (box.b - box.t);
    axes(s, X, Y, niceTicks(lo, hi, 4), niceTicks(0, top, 4).filter(t => t === Math.round(t)), box,
      { xfmt: t => tick(+un(t).toPrecision(2)), yfmt: t => String(t), xlabel: opt.xlabel });
    series.forEach((d, k) => counts[k].forEach((c, i) => {
      if (!c) return;
      const r = el('rect', { x: X(lo + i * w) + 1, y: Y(c), width: Math.max(1, X(lo + w) - X(lo) - 2), height: box.b - Y(c), fill: d.color, 'fill-opacity': series.length > 1 ? 0.55 : 0.85 }, s);
      tip(r, `${d.name || ''} ${fmt(un(lo + i * w))} – ${fmt(un(lo + (i + 1) * w))}: ${c} bonds`);
    }));
    if (series.length > 1) series.forEach((d, k) => {
      el('rect', { x: box.r - 110, y: box.t + 2 + k * 14, width: 10, height: 10, fill: d.color, 'fill-opacity': 0.7 }, s);
      el('text', { x: box.r - 96, y: box.t + 11 + k * 14 }, s, d.name);
    });
  }

  /* scatter [{x, y, color, tip}] */
  function scatter(container, pts, opt = {}) {
    const W = opt.width || 380, H = opt.height || 220;
    const s = svg(container, W, H);
    const ok = pts.filter(p => isFinite(p.x) && isFinite(p.y) && (!opt.logx || p.x > 0));
    if (!ok.length) { el('text', { x: 10, y: 20, class: 'muted' }, s, 'no data'); return; }
    const tx = opt.logx ? Math.log10 : (v => v);
    let xl = Math.min(...ok.map(p => tx(p.x))), xh = Math.max(...ok.map(p => tx(p.x)));
    let yl = opt.ymin !== undefined ? opt.ymin : Math.min(...ok.map(p => p.y));
    let yh = opt.ymax !== undefined ? opt.ymax : Math.max(...ok.map(p => p.y));
    if (xh === xl) { xl -= 0.5; xh += 0.5; }
    if (yh === yl) { yl -= 0.5; yh += 0.5; }
    const box = { l: opt.ylabel ? 56 : 40, r: W - 12, t: 8, b: H - 34 };
    const X = v => box.l + (tx(v) - xl) / (xh - xl) * (box.r - box.l);
    const Y = v => box.b - (v - yl) / (yh - yl) * (box.b - box.t);
    const xt = opt.logx ? niceTicks(xl, xh, 4).filter(t => t === Math.round(t)).map(t => Math.pow(10, t)) : niceTicks(xl, xh, 4);
    axes(s, X, Y, xt, niceTicks(yl, yh, 4), box, { xlabel: opt.xlabel, ylabel: opt.ylabel });
    for (const p of ok)
      tip(el('circle', { cx: X(p.x), cy: Y(p.y), r: 3.2, fill: p.color || '#1f4e79', 'fill-opacity': 0.75 }, s), p.tip || '');
    if (opt.legend) opt.legend.forEach((d, k) => {
      el('circle', { cx: box.r - 86, cy: box.t + 6 + k * 14, r: 4, fill: d.color }, s);
      el('text', { x: box.r - 78, y: box.t + 10 + k * 14 }, s, d.name);
    });
  }

  /* the cost of a trade: half spread + impact as a stacked bar, the 90%
   * interval as a whisker */
  function costBar(container, c) {
    const W = 520, H = 120, box = { l: 24, r: W - 24 };
    const s = svg(container, W, H);
    const vals = [c.cost_hi_bps, c.cost_bps, 0, c.cost_lo_bps].filter(isFinite);
    const lo = Math.min(0, ...vals), hi = Math.max(...vals) * 1.05 || 1;
    const X = v => box.l + (v - lo) / (hi - lo) * (box.r - box.l);
    const y = 26, h = 30;
    for (const t of niceTicks(lo, hi, 6)) {
      el('line', { x1: X(t), x2: X(t), y1: 16, y2: 68, stroke: '#eef1f4' }, s);
      el('text', { x: X(t), y: 82, 'text-anchor': 'middle', class: 'muted' }, s, tick(t));
    }
    tip(el('rect', { x: X(0), y, width: Math.max(0, X(c.half_spread_bps) - X(0)), height: h, fill: '#5b8fc7' }, s), `half spread ${fmt(c.half_spread_bps)} bps`);
    tip(el('rect', { x: X(c.half_spread_bps), y, width: Math.max(0, X(c.cost_bps) - X(c.half_spread_bps)), height: h, fill: '#e8a33d' }, s), `impact ${fmt(c.impact_bps)} bps`);
    if (isFinite(c.cost_lo_bps) && isFinite(c.cost_hi_bps)) {
      const m = y + h / 2;
      el('line', { x1: X(c.cost_lo_bps), x2: X(c.cost_hi_bps), y1: m, y2: m, stroke: '#1d2733', 'stroke-width': 1.5 }, s);
      for (const v of [c.cost_lo_bps, c.cost_hi_bps]) el('line', { x1: X(v), x2: X(v), y1: y - 6, y2: y + h + 6, stroke: '#1d2733', 'stroke-width': 1.5 }, s);
      tip(el('rect', { x: X(c.cost_lo_bps), y: y - 6, width: X(c.cost_hi_bps) - X(c.cost_lo_bps), height: h + 12, fill: 'transparent' }, s), `90% interval ${fmt(c.cost_lo_bps)} – ${fmt(c.cost_hi_bps)} bps`);
    }
    el('line', { x1: X(c.cost_bps), x2: X(c.cost_bps), y1: y - 8, y2: y + h + 8, stroke: '#a32622', 'stroke-width': 2 }, s);
    el('text', { x: X(c.cost_bps), y: 12, 'text-anchor': 'middle' }, s, `${fmt(c.cost_bps)} bps of par`);
    const lg = [['#5b8fc7', 'half spread'], ['#e8a33d', 'impact'], ['#1d2733', '90% interval'], ['#a32622', 'expected cost']];
    lg.forEach(([col, name], k) => {
      el('rect', { x: box.l + k * 110, y: 100, width: 10, height: 10, fill: col }, s);
      el('text', { x: box.l + 14 + k * 110, y: 109 }, s, name);
    });
  }

  /* a line with a band: xs, y, lo, hi arrays */
  function band(container, xs, y, lo, hi, opt = {}) {
    const W = opt.width || 520, H = opt.height || 220;
    const s = svg(container, W, H);
    const all = [...y, ...lo, ...hi].filter(isFinite);
    if (!all.length) { el('text', { x: 10, y: 20, class: 'muted' }, s, 'no data'); return; }
    const box = { l: 56, r: W - 24, t: 10, b: H - 34 };
    const xl = Math.log10(xs[0]), xh = Math.log10(xs[xs.length - 1]);
    const yl = Math.min(0, ...all), yh = Math.max(...all) * 1.05;
    const X = v => box.l + (Math.log10(v) - xl) / (xh - xl) * (box.r - box.l);
    const Y = v => box.b - (v - yl) / (yh - yl) * (box.b - box.t);
    const xt = xs.filter((v, i) => i % Math.ceil(xs.length / 6) === 0);
    axes(s, X, Y, xt, niceTicks(yl, yh, 4), box, { xlabel: opt.xlabel, ylabel: opt.ylabel });
    const ok = xs.map((x, i) => i).filter(i => isFinite(lo[i]) && isFinite(hi[i]));
    if (ok.length > 1) {
      const d = ok.map((i, k) => `${k ? 'L' : 'M'}${X(xs[i])},${Y(hi[i])}`).join('') +
        ok.slice().reverse().map(i => `L${X(xs[i])},${Y(lo[i])}`).join('') + 'Z';
      el('path', { d, fill: '#e8a33d', 'fill-opacity': 0.2, stroke: 'none' }, s);
    }
    const line = xs.map((x, i) => `${i ? 'L' : 'M'}${X(x)},${Y(y[i])}`).join('');
    el('path', { d: line, fill: 'none', stroke: '#a32622', 'stroke-width': 2 }, s);
    xs.forEach((x, i) => tip(el('circle', { cx: X(x), cy: Y(y[i]), r: 3, fill: '#a32622' }, s),
      `${fmt(x)} $MM: ${fmt(y[i])} bps (${fmt(lo[i])} – ${fmt(hi[i])})`));
    if (opt.mark) el('line', { x1: X(opt.mark), x2: X(opt.mark), y1: box.t, y2: box.b, stroke: '#1f4e79', 'stroke-dasharray': '4 3' }, s);
  }

  /* heatmap: rows x cols, cell(r, c) -> {value, text, tip} or null */
  function heatmap(container, rows, cols, cell, opt = {}) {
    const cw = 96, ch = 40, l = 48, t = 22, lw = 150;
    const W = l + cols.length * cw + 24 + lw, H = Math.max(t + rows.length * ch + 4, 90);
    const s = svg(container, W, H);
    s.style.maxWidth = W + 'px';
    /* the colour scale */
    const lx = W - lw + 10, defs = el('defs', {}, s);
    const gr = el('linearGradient', { id: 'hm-scale', x1: 0, x2: 1, y1: 0, y2: 0 }, defs);
    for (const v of [0, 25, 50, 75, 100]) el('stop', { offset: v + '%', 'stop-color': opt.color(v) }, gr);
    el('text', { x: lx, y: t + 10 }, s, opt.legend || '');
    el('rect', { x: lx, y: t + 18, width: lw - 20, height: 12, fill: 'url(#hm-scale)' }, s);
    for (const v of [0, 33, 67, 100]) el('text', { x: lx + v / 100 * (lw - 20), y: t + 44, 'text-anchor': 'middle', class: 'muted' }, s, v);
    cols.forEach((c, j) => el('text', { x: l + j * cw + cw / 2, y: 14, 'text-anchor': 'middle' }, s, c));
    rows.forEach((r, i) => {
      el('text', { x: l - 6, y: t + i * ch + ch / 2 + 4, 'text-anchor': 'end' }, s, r);
      cols.forEach((c, j) => {
        const d = cell(r, c), x = l + j * cw, y = t + i * ch;
        const rect = el('rect', { x: x + 1, y: y + 1, width: cw - 2, height: ch - 2, rx: 3, fill: d ? opt.color(d.value) : '#f1f3f5' }, s);
        if (!d) return;
        tip(rect, d.tip);
        el('text', { x: x + cw / 2, y: y + 17, 'text-anchor': 'middle', 'font-weight': 600 }, s, d.text);
        el('text', { x: x + cw / 2, y: y + 31, 'text-anchor': 'middle' }, s, d.sub);
      });
    });
  }

  /* squarified treemap (Bruls, Huizing, van Wijk 2000) of items [{value,
   * label, color, tip}] in a w x h rectangle */
  function squarify(items, x, y, w, h) {
    const out = [], total = items.reduce((a, d) => a + d.value, 0);
    if (!(total > 0)) return out;
    const scale = w * h / total;
    let rest = items.map(d => ({ d, a: d.value * scale }));
    while (rest.length) {
      const side = Math.min(w, h);
      let row = [], best = Infinity;
      for (const r of rest) {
        const tryRow = [...row, r], s = tryRow.reduce((a, q) => a + q.a, 0);
        const mx = Math.max(...tryRow.map(q => q.a)), mn = Math.min(...tryRow.map(q => q.a));
        const worst = Math.max(side * side * mx / (s * s), s * s / (side * side * mn));
        if (worst > best) break;
        best = worst;
        row = tryRow;
      }
      const s = row.reduce((a, q) => a + q.a, 0), thick = s / side;
      let off = 0;
      for (const q of row) {
        const len = q.a / thick;
        out.push(w >= h ? { d: q.d, x, y: y + off, w: thick, h: len } : { d: q.d, x: x + off, y, w: len, h: thick });
        off += len;
      }
      if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
      rest = rest.slice(row.length);
    }
    return out;
  }

  /* groups [{label, items}] as a two-level treemap */
  function treemap(container, groups, opt = {}) {
    const W = opt.width || 1100, H = opt.height || 460;
    const s = svg(container, W, H);
    const gs = groups.map(g => ({ ...g, value: g.items.reduce((a, d) => a + d.value, 0) }))
      .filter(g => g.value > 0).sort((a, b) => b.value - a.value);
    if (!gs.length) { el('text', { x: 10, y: 20, class: 'muted' }, s, 'no data'); return; }
    for (const g of squarify(gs, 0, 0, W, H)) {
      const items = g.d.items.filter(d => d.value > 0).sort((a, b) => b.value - a.value);
      for (const c of squarify(items, g.x + 2, g.y + 16, Math.max(0, g.w - 4), Math.max(0, g.h - 18))) {
        const r = el('rect', { x: c.x + 0.5, y: c.y + 0.5, width: Math.max(0, c.w - 1), height: Math.max(0, c.h - 1), fill: c.d.color, stroke: '#fff' }, s);
        tip(r, c.d.tip);
        if (c.w > 62 && c.h > 14) el('text', { x: c.x + 4, y: c.y + 12, 'font-size': 10 }, s, c.d.label);
      }
      el('rect', { x: g.x + 0.5, y: g.y + 0.5, width: g.w - 1, height: g.h - 1, fill: 'none', stroke: '#1d2733' }, s);
      if (g.w > 40) el('text', { x: g.x + 4, y: g.y + 12, 'font-weight': 600 }, s, `${g.d.label} ${fmt(g.d.value)}`);
    }
  }

  /* tooltips follow the pointer */
  function initTips(box) {
    document.addEventListener('mousemove', ev => {
      const t = ev.target.closest && ev.target.closest('[data-tip]');
      if (!t || !t.getAttribute('data-tip')) { box.hidden = true; return; }
      box.textContent = t.getAttribute('data-tip');
      box.style.left = (ev.clientX + 12) + 'px';
      box.style.top = (ev.clientY + 12) + 'px';
      box.hidden = false;
    });
  }

  return { el, svg, fmt, scoreColor, bucketColor, hbars, histogram, scatter, costBar, band, heatmap, treemap, squarify, initTips };
})();
