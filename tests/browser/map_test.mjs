// Browser test of the map: headless Chromium (Debian's) driven by playwright-core from web/.
// Loads the page from `caravan serve`, types Stepnogorsk and Yokohama, avoids China, and checks
// that routes are drawn and the table is filled, then asks for landed costs (CIF); saves a
// screenshot.
// Usage: node map_test.mjs path/to/caravan SCREENSHOT_DIR. Exits 77 (skipped) without Chromium or
// web/node_modules.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const web = resolve(here, '../../web');
const [bin, shotDir = '.'] = process.argv.slice(2);
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium) || !existsSync(join(web, 'node_modules/playwright-core')) || !existsSync(join(web, 'dist/index.html'))) {
  console.log('map_test: skipped (needs /usr/bin/chromium, web/node_modules and web/dist: make web)');
  process.exit(77);
}
const { chromium: pw } = createRequire(join(web, 'package.json'))('playwright-core');

const deadline = setTimeout(() => { console.error('map_test: timed out'); cleanup(1); }, 120000);
let server = null, browser = null, profile = null;
async function cleanup(code) {
  clearTimeout(deadline);
  try { if (browser) await browser.close(); } catch { /* already gone */ }
  if (server && server.exitCode === null) server.kill('SIGTERM');
  if (profile) rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}

function startServer() {
  return new Promise((ok, fail) => {
    server = spawn(bin, ['serve', '--port', '0', '--web', join(web, 'dist')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^listening on (http:\/\/[^ \n]+)\//m);
      if (m) ok(m[1]);
    });
    server.on('exit', (c) => fail(new Error(`server exited (${c}): ${out}`)));
  });
}

try {
  const base = await startServer();
  profile = mkdtempSync(join(tmpdir(), 'caravan-chromium-'));
  // A fresh profile each run (playwright passes it as --user-data-dir).
  browser = await pw.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] || await browser.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) external.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/`, { timeout: 30000 });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });

  for (const [id, text, want] of [['#from', 'Stepnogorsk', 'KZ-STEPNOGORSK'], ['#to', 'Yokohama', 'JPYOK']]) {
    await page.click(id);
    await page.keyboard.type(text, { delay: 20 });
    await page.waitForSelector(`${id}-list li`, { timeout: 10000 });
    await page.keyboard.press('Enter');
    const picked = await page.$eval(id, (el) => el.dataset.id);
    if (picked !== want) throw new Error(`${id}: picked ${picked}, expected ${want}`);
  }
  await page.selectOption('#commodity', 'rare-earth-oxide');
  await page.fill('#tonnes', '1000');
  await page.click('#avoid-input');
  await page.keyboard.type('CN');
  await page.keyboard.press('Enter');
  await page.click('#go');
  await page.waitForSelector('#routes-table tbody tr', { timeout: 30000 });
  const rows = await page.$$eval('#routes-table tbody tr', (trs) => trs.map((t) => t.textContent));
  const drawn = await page.$$eval('#map path.leaflet-interactive', (p) => p.length);
  const legs = await page.$$eval('#legs-table tbody tr', (trs) => trs.length);
  // The selected route's policy exposure: the regimes it meets (the export control at the origin).
  const exposure = await page.$$eval('#exposure-list li', (lis) => lis.map((l) => l.textContent));
  if (!exposure.some((t) => t.startsWith('KZ export permit')))
    throw new Error(`policy exposure: ${JSON.stringify(exposure)}`);
  const url = page.url();
  // The reliability histogram and a scenario comparison.
  await page.click('#reliability');
  await page.waitForSelector('#histogram svg rect', { timeout: 60000 });
  const chartTitle = await page.$eval('#histogram .chart-title', (p) => p.textContent);
  if (!/Stepnogorsk.*→.*Yokohama.*samples/.test(chartTitle)) throw new Error(`histogram caption: ${chartTitle}`);
  await page.selectOption('#scenario', 'russia-sanctions');
  await page.click('#run-scenario');
  await page.waitForSelector('#scenario-result tbody tr', { timeout: 60000 });
  // Landed cost: the table gains a column and the selected route its components.
  await page.check('#landed');
  await page.selectOption('#incoterm', 'CIF');
  await page.check('#vat-recoverable');
  // A departure date: each leg shows the day the cargo reaches it.
  await page.fill('#depart', '2026-10-15');
  await page.click('#go');
  await page.waitForSelector('#landed-table tbody tr.total', { timeout: 30000 });
  const landedHeader = await page.$eval('#landed-col', (th) => !th.hidden);
  const landedCells = await page.$$eval('#routes-table tbody tr td:last-child', (tds) => tds.map((t) => t.textContent));
  const components = await page.$$eval('#landed-table tbody tr', (trs) => trs.map((t) => t.textContent));
  const landedUrl = page.url();
  await page.click('#routes-table tbody tr');
  const reached = await page.$$eval('#legs-table tbody tr td:last-child', (tds) => tds.map((t) => t.textContent));
  mkdirSync(shotDir, { recursive: true });
  const shot = resolve(shotDir, 'map_test.png');
  await page.screenshot({ path: shot });
  // The sea-route box: any port to any port, avoiding Suez, drawn and tabled.
  await page.click('#sea-box summary');
  await page.fill('#sea-from', 'Shanghai');
  await page.fill('#sea-to', 'Rotterdam');
  await page.fill('#sea-avoid', 'suez');
  await page.click('#sea-go');
  await page.waitForSelector('#sea-result table', { timeout: 30000 });
  const seaText = await page.textContent('#sea-result');
  await page.screenshot({ path: resolve(shotDir, 'map_test_sea.png') });
  // The customs box: an HS code from a description, with confidence and the words that matched.
  await page.click('#hs-box summary');
  await page.fill('#hs-text', 'sintered neodymium iron boron permanent magnets of metal');
  await page.click('#hs-go');
  await page.waitForSelector('#hs-result table', { timeout: 30000 });
  const hsText = await page.textContent('#hs-result');
  await page.screenshot({ path: resolve(shotDir, 'map_test_hs.png') });
  // A place beyond the network is offered as such while typing (UN/LOCODE via the gazetteer).
  await page.fill('#from', '');
  await page.type('#from', 'Kustanai');
  await page.waitForSelector('#from-list li', { timeout: 10000 });
  const beyondText = await page.textContent('#from-list');
  await page.keyboard.press('Escape');
  // A tall window shows the whole side panel (legs, histogram, scenario) without scrolling.
  await page.setViewportSize({ width: 1280, height: 2200 });
  await page.screenshot({ path: resolve(shotDir, 'map_test_panel.png') });
  // Phone width: the page still lays out (no horizontal scroll of the body).
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: resolve(shotDir, 'map_test_phone.png'), fullPage: false });

  const problems = [];
  if (rows.length < 1) problems.push('no rows in the alternatives table');
  if (!hsText.includes('8505.11') || !hsText.includes('magnet')) problems.push(`classify box: ${hsText.slice(0, 200)}`);
  if (drawn < 1) problems.push('no route lines drawn');
  if (legs < 1) problems.push('no legs listed');
  if (rows.some((r) => /China|CN-/.test(r))) problems.push(`a route through China: ${rows}`);
  if (!/avoid=CN/.test(url)) problems.push(`the URL does not hold the query: ${url}`);
  if (external.length) problems.push(`requests left the machine: ${external.join(', ')}`);
  if (errors.length) problems.push(`page errors: ${errors.join('; ')}`);
  if (!/Rotterdam/.test(seaText) || /Suez Canal/.test(seaText.split('shortest')[0]) || !/shortest.*Suez Canal/.test(seaText)) problems.push(`sea route: ${seaText}`);
  if (!/Kustanai/.test(beyondText) || !/beyond the network/.test(beyondText)) problems.push(`gazetteer suggestion: ${beyondText}`);
  if (overflow > 4) problems.push(`horizontal overflow of ${overflow}px at phone width`);
  if (!landedHeader) problems.push('no Landed USD column with the landed-cost box ticked');
  if (!landedCells.length || !landedCells.every((t) => /^(≥ )?[0-9.,]+( M)?(–[0-9.,]+( M)?)?$/.test(t))) problems.push(`landed cells: ${landedCells}`);
  if (!components.some((t) => /import vat/.test(t)) || !components.some((t) => /insurance/.test(t))) problems.push(`landed components: ${components}`);
  if (!/landed=CIF/.test(landedUrl) || !/vat=recovered/.test(landedUrl)) problems.push(`the URL does not hold the landed-cost choice: ${landedUrl}`);
  if (!components.some((t) => /import vat.*not counted/.test(t))) problems.push(`recoverable VAT is not marked: ${components}`);
  if (!reached.length || !reached.every((t) => /^2026-1[0-2]-[0-9]{2}/.test(t))) problems.push(`legs are not dated from the departure: ${reached}`);
  if (!/depart=2026-10-15/.test(landedUrl)) problems.push(`the URL does not hold the departure date: ${landedUrl}`);
  console.log(`map_test: ${rows.length} routes, ${drawn} lines, ${legs} legs; screenshot ${shot}`);
  if (problems.length) { console.error(`map_test: FAIL\n  ${problems.join('\n  ')}`); await cleanup(1); }
  console.log('map_test: passed');
  await cleanup(0);
} catch (e) {
  console.error(`map_test: FAIL ${e.stack || e}`);
  await cleanup(1);
}
