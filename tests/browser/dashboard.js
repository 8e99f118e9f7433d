// dashboard.js URL OUTDIR — the dashboard in headless Debian chromium
// (playwright-core, no browser download): opens each of the five tabs,
// uses the screener's filter and the pre-trade form, fails on any console
// error, page error or failed request, and saves a screenshot of each tab
// as OUTDIR/<tab>.png. Prints TAP-like lines; exits 1 on a failure.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [url, out] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node dashboard.js URL OUTDIR');
  process.exit(2);
}

const problems = [];
let n = 0, failed = 0;
function ok(cond, what) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'liq-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
           '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 860 },
  });
  try {
    const page = browser.pages()[0] || await browser.newPage();
    page.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', e => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', r => problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
    page.on('response', r => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

    const tab = async (name, ready) => {
      await page.goto(`${url}/#${name}`);
      await page.waitForSelector(`#${name}.tab.active`);
      await page.waitForFunction(ready, null, { timeout: 15000 });
      await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
    };

    // 1. screener: every bond, then only the High bucket
    await tab('screener', () => document.querySelectorAll('#screen-table tbody tr').length > 0);
    const all = await page.$$eval('#screen-table tbody tr', r => r.length);
    // filter on a bucket that some bonds have and others not (which one
    // depends on the simulated universe: its latest scores may have no High)
    const want = await page.$$eval('#screen-table tbody tr', rows => {
      const n = {};
      for (const r of rows) for (const c of r.classList) if (/^b-(Low|Medium|High)$/.test(c)) n[c.slice(2)] = (n[c.slice(2)] || 0) + 1;
      return ['High', 'Medium', 'Low'].find(b => n[b] > 0 && n[b] < rows.length);
    });
    ok(!!want, `screener: a bucket held by some bonds and not all (${want})`);
    await page.selectOption('#screen-form select[name=bucket]', want);
    await page.waitForFunction(([n0, b]) => {
      const rows = [...document.querySelectorAll('#screen-table tbody tr')];
      return rows.length > 0 && rows.length < n0 &&
        rows.every(r => r.classList.contains('b-' + b));
    }, [all, want], { timeout: 15000 });
    const kept = await page.$$eval('#screen-table tbody tr', r => r.length);
    ok(kept > 0 && kept < all, `screener: the ${want} filter keeps ${kept} of ${all} bonds, all ${want}`);
    await page.fill('#screen-form input[name=min_score]', '80');
    await page.click('#screen-form button[type=submit]');
    await page.waitForFunction(() => [...document.querySelectorAll('#screen-table tbody tr td:nth-child(8)')]
      .every(td => parseFloat(td.textContent) >= 80));
    ok(true, 'screener: a minimum score of 80 leaves scores of 80 and up');
    await page.click('#screen-form button[type=reset]');
    await page.waitForFunction(n0 => document.querySelectorAll('#screen-table tbody tr').length === n0, all);
    // the table comes sorted by score, highest first; a click turns it
    const col = () => page.$$eval('#screen-table tbody tr td:nth-child(8)',
      t => t.map(x => parseFloat(x.textContent)).filter(isFinite));
    const sorted = (v, dir) => v.length > 1 && v.every((x, i) => i === 0 || dir * (x - v[i - 1]) >= 0);
    await page.click('#screen-table th:nth-child(8)');
    const up = await col();
    await page.click('#screen-table th:nth-child(8)');
    const down = await col();
    ok(sorted(up, 1) && sorted(down, -1), 'screener: clicks on Score sort the table up, then down');
    await page.screenshot({ path: path.join(out, 'screener.png'), fullPage: true });

    // 2. score breakdown: importance bars and one bond's SHAP
    await tab('breakdown', () => document.querySelectorAll('#imp-chart rect').length > 0 &&
      document.querySelectorAll('#explain-table tbody tr').length > 0);
    ok(await page.$$eval('#imp-chart rect', r => r.length) >= 5, 'breakdown: global importance drawn');
    ok(await page.$$eval('#explain-table tbody tr', r => r.length) > 10, 'breakdown: a bond\'s features and SHAP listed');

    // 3. pre-trade: the form, with the inverse queries
    await tab('pretrade', () => document.querySelectorAll('#pt-chart rect').length > 0);
    await page.fill('#pt-form input[name=size_mm]', '5');
    await page.selectOption('#pt-form select[name=side]', 'S');
    await page.fill('#pt-form input[name=target_cost_bps]', '60');
    await page.fill('#pt-form input[name=days]', '3');
    await page.click('#pt-form button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#pt-inverse p').length === 2 &&
      document.querySelectorAll('#pt-curve path').length > 0);
    const kp = await page.$$eval('#pt-summary .kpi', k => k.map(x => x.textContent));
    ok(kp.length === 5 && /expected cost/.test(kp[0]), `pre-trade: cost, interval, $, days, score shown (${kp[0]})`);
    ok((await page.$$eval('#pt-probs rect', r => r.length)) === 3, 'pre-trade: three bucket probabilities');
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(out, 'pretrade.png'), fullPage: true });

    // 4. impact calibration
    await tab('impact', () => document.querySelectorAll('#impact-table tbody tr').length > 0 &&
      document.querySelectorAll('#imp-r2 circle').length > 0);
    ok(await page.$$eval('#imp-alpha rect', r => r.length) > 3, 'impact: α histogram drawn');
    ok(await page.$$eval('#imp-beta rect', r => r.length) > 3, 'impact: β histogram drawn');

    // 5. universe
    await tab('universe', () => document.querySelectorAll('#heatmap rect').length > 0 &&
      document.querySelectorAll('#treemap rect').length > 0);
    ok(await page.$$eval('#treemap rect', r => r.length) > 10, 'universe: heatmap and treemap drawn');

    ok(problems.length === 0, 'no console error, page error or failed request');
    for (const p of problems) console.log(`# ${p}`);
  } catch (e) {
    ok(false, `the run: ${e.message}`);
    for (const p of problems) console.log(`# ${p}`);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
})();
