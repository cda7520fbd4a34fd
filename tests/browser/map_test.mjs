// Browser test of the map: headless Chromium (Debian's) driven by playwright-core from web/.
// Loads the page from `caravan serve`, checks the base map (the CLI's default commodity, place
// labels by zoom with none over another, no band at the poles or the antimeridian), types
// Stepnogorsk and Yokohama, avoids China, and checks that routes are drawn (sea legs along their
// geometry, long land legs with no track shape dotted) and the table is filled, then asks for
// landed costs (CIF) and a ferry route (a great-circle arc); saves screenshots.
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

  // The commodity the page starts with is the one the API (and the CLI) take when none is given.
  const apiDefault = (await (await fetch(`${base}/v1/route`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ from: 'Stepnogorsk', to: 'Yokohama', tonnes: 1 }) })).json()).query.commodity;
  const pageDefault = await page.$eval('#commodity', (el) => el.value);
  // Place labels at a view: the visible ones (name, kind) and any two whose dot-and-name overlap.
  const labelsAt = (center, zoom) => page.evaluate(([c, z]) => {
    const m = window.caravan.map;
    if (c) m.setView(c, z ?? m.getMinZoom(), { animate: false });
    const view = document.getElementById('map').getBoundingClientRect();
    const seen = [...document.querySelectorAll('#map .place-label')].map((el) => {
      const rs = [...el.children].map((x) => x.getBoundingClientRect());
      return { name: el.textContent, kind: [...el.classList].find((k) => k.startsWith('k-')).slice(2),
        r: [Math.min(...rs.map((r) => r.left)), Math.min(...rs.map((r) => r.top)), Math.max(...rs.map((r) => r.right)), Math.max(...rs.map((r) => r.bottom))] };
    }).filter(({ r }) => r[2] > view.left && r[0] < view.right && r[3] > view.top && r[1] < view.bottom);
    const overlaps = [];
    seen.forEach((a, i) => seen.slice(i + 1).forEach((b) => {
      if (a.r[0] < b.r[2] - 0.5 && b.r[0] < a.r[2] - 0.5 && a.r[1] < b.r[3] - 0.5 && b.r[1] < a.r[3] - 0.5) overlaps.push(`${a.name}/${b.name}`);
    }));
    return { zoom: m.getZoom(), minZoom: m.getMinZoom(), labels: seen.map(({ name, kind }) => ({ name, kind })), overlaps };
  }, [center, zoom]);
  mkdirSync(shotDir, { recursive: true });
  const atDefault = await labelsAt(null);
  await page.screenshot({ path: resolve(shotDir, 'map_test_labels_default.png') });
  const atMin = await labelsAt([45, 80], null);
  await page.screenshot({ path: resolve(shotDir, 'map_test_labels_min.png') });
  const atClose = await labelsAt([44.6, 80.5], 6.5);
  await page.screenshot({ path: resolve(shotDir, 'map_test_labels_close.png') });
  // At the lowest zoom, centred on either pole or the antimeridian and then dragged past them with
  // the mouse, the view stays inside the one Mercator world (no band beyond it), and no country
  // outline has an edge across the map (a ring crossing the antimeridian drawn flat), poles' own
  // edges aside, and Antarctica is filled to the bottom edge (no strip of sea under it).
  const polar = [];
  const outside = () => page.evaluate(() => {
    const m = window.caravan.map, v = m.getPixelBounds(), w = m.getPixelWorldBounds();
    return v.min.x < w.min.x - 1 || v.min.y < w.min.y - 1 || v.max.x > w.max.x + 1 || v.max.y > w.max.y + 1
      ? `view ${JSON.stringify(v)} outside the world ${JSON.stringify(w)}` : '';
  });
  const box = await page.$eval('#map', (el) => { const r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
  for (const [c, [dx, dy]] of [[[89, 80], [0, 600]], [[-89, 80], [0, -600]], [[0, 179], [-600, 0]], [[0, -179], [600, 0]]]) {
    await page.evaluate((at) => window.caravan.map.setView(at, window.caravan.map.getMinZoom(), { animate: false }), c);
    const centred = await outside();
    if (centred) polar.push(`centred on ${c}: ${centred}`);
    await page.mouse.move(box.x, box.y);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + (dx * k) / 10, box.y + (dy * k) / 10);
    await page.mouse.up();
    await page.waitForTimeout(800); // inertia and the pan back inside the bounds
    const dragged = await outside();
    if (dragged) polar.push(`dragged from ${c} by ${dx},${dy}: ${dragged}`);
    if (Math.abs(c[0]) === 89) await page.screenshot({ path: resolve(shotDir, `map_test_${c[0] > 0 ? 'north' : 'south'}.png`) });
  }
  polar.push(...await page.evaluate(() => {
    const m = window.caravan.map, out = [];
    m.setZoom(m.getMinZoom() - 1, { animate: false });
    if (m.getZoom() < m.getMinZoom()) out.push(`zoomed out to ${m.getZoom()} below ${m.getMinZoom()}`);
    let widest = null;
    window.caravan.countries.eachLayer((l) => {
      const walk = (ll) => {
        if (Array.isArray(ll[0])) { ll.forEach(walk); return; }
        ll.forEach((p, i) => {
          const q = ll[(i + 1) % ll.length];
          if (Math.abs(p.lat) > 85 && Math.abs(q.lat) > 85) return;
          const dx = Math.abs(p.lng - q.lng);
          if (!widest || dx > widest.dx) widest = { dx, name: l.feature.properties.name, lat: p.lat };
        });
      };
      walk(l.getLatLngs());
    });
    // Antarctica, a ring around the pole, is filled down to the map's bottom edge, all the way round.
    let south = null;
    window.caravan.countries.eachLayer((l) => { if (l.feature.properties.name === 'Antarctica') south = l.getBounds(); });
    if (!south || south.getSouth() > -85.0511 || south.getWest() > -179.9 || south.getEast() < 179.9)
      out.push(`Antarctica does not reach the bottom edge: ${south && south.toBBoxString()}`);
    if (widest && widest.dx > 90) out.push(`a country edge ${widest.dx.toFixed(0)}° wide (${widest.name} at ${widest.lat.toFixed(1)}°)`);
    m.setView([45, 80], 3, { animate: false });
    return out;
  }));

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
  // How each line of the routes is drawn: sea legs along their geometry, a long land leg with no
  // track shape (Omsk-Vostochny) dotted.
  const linesDrawn = () => page.evaluate(() => {
    const out = [];
    window.caravan.routeLayer.eachLayer((g) => g.eachLayer((l) => {
      if (l.getLatLngs) out.push({ mode: l.options.mode, drawn: l.options.drawn, points: l.getLatLngs().length, dash: l.options.dashArray });
    }));
    return out;
  });
  const routeLines = await linesDrawn();
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
  const shot = resolve(shotDir, 'map_test.png');
  await page.screenshot({ path: shot });
  const atRoute = await labelsAt(null);
  // Picks both ends from the suggestion lists as a user would, finds routes, and waits for a
  // route whose text matches `expect`; the lines drawn.
  const routeBetween = async (from, to, expect) => {
    for (const [id, text] of [['#from', from], ['#to', to]]) {
      await page.fill(id, '');
      await page.click(id);
      await page.keyboard.type(text, { delay: 20 });
      await page.waitForSelector(`${id}-list li`, { timeout: 10000 });
      await page.keyboard.press('Enter');
    }
    await page.click('#go');
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#routes-table tbody')?.textContent || ''), expect, { timeout: 30000 });
    return linesDrawn();
  };
  // A ferry across the Caspian: only its two ends in the data, drawn as a great-circle arc.
  const ferryLines = await routeBetween('Aktau port', 'Baku', 'ferry');
  await page.waitForTimeout(600); // the zoom to the route
  await page.screenshot({ path: resolve(shotDir, 'map_test_ferry.png') });
  // A long land leg the data has no track shape for (Xi'an-Chongqing: the line is newer than
  // the rail layer): drawn straight and dotted. China is no longer avoided (Backspace removes it).
  await page.click('#avoid-input');
  await page.keyboard.press('Backspace');
  const straightLines = await routeBetween("Xi'an", 'Chongqing', 'Chongqing');
  // A port in a country the network does not cover (Kaohsiung, TW): joined by an estimated
  // sailing, drawn dashed along the sea lanes.
  const seaAccessLines = await routeBetween('Stepnogorsk', 'TWKHH', 'Kao-Hsiung');
  await page.waitForTimeout(600); // the zoom to the route
  await page.screenshot({ path: resolve(shotDir, 'map_test_sea_access.png') });
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
  if (pageDefault !== apiDefault || pageDefault !== 'general-container') problems.push(`default commodity: page ${pageDefault}, API ${apiDefault}`);
  const kinds = (at) => new Set(at.labels.map((l) => l.kind));
  for (const [what, at] of [['default view', atDefault], ['lowest zoom', atMin], ['zoom 6.5', atClose], ['route view', atRoute]])
    if (at.overlaps.length) problems.push(`labels overlap at the ${what} (zoom ${at.zoom}): ${at.overlaps.join(', ')}`);
  if (atDefault.zoom !== 3 || !atDefault.labels.some((l) => l.name === 'Almaty')) problems.push(`default view (zoom ${atDefault.zoom}) labels: ${JSON.stringify(atDefault.labels)}`);
  if (['border_crossing', 'junction'].some((k) => kinds(atDefault).has(k) || kinds(atMin).has(k))) problems.push(`border crossings or junctions named zoomed out: ${JSON.stringify(atDefault.labels.concat(atMin.labels))}`);
  if (atMin.zoom !== atMin.minZoom || atMin.minZoom < 1.5 || !atMin.labels.length || atMin.labels.length > 20 || [...kinds(atMin)].some((k) => k !== 'seaport' && k !== 'city'))
    problems.push(`lowest zoom ${atMin.zoom} (min ${atMin.minZoom}): ${atMin.labels.length} labels ${JSON.stringify(atMin.labels)}`);
  if (!kinds(atClose).has('border_crossing') || !kinds(atClose).has('junction'))
    problems.push(`zoomed in (${atClose.zoom}), no border crossing or junction named: ${JSON.stringify(atClose.labels)}`);
  if (!atRoute.labels.some((l) => l.name === 'Stepnogorsk') || !atRoute.labels.some((l) => l.name === 'Yokohama')) problems.push(`route ends not named: ${JSON.stringify(atRoute.labels)}`);
  problems.push(...polar);
  const seaLines = routeLines.filter((l) => l.mode === 'sea');
  if (!seaLines.length || !seaLines.every((l) => l.drawn === 'data' && l.points > 2)) problems.push(`sea legs not drawn along their geometry: ${JSON.stringify(seaLines)}`);
  if (!straightLines.some((l) => l.mode === 'rail' && l.drawn === 'straight' && l.dash)) problems.push(`no long straight rail leg drawn dotted: ${JSON.stringify(straightLines)}`);
  if (!ferryLines.some((l) => l.mode === 'ferry' && l.drawn === 'great-circle' && l.points > 2)) problems.push(`ferry not drawn as an arc: ${JSON.stringify(ferryLines)}`);
  if (!seaAccessLines.some((l) => l.mode === 'sea' && l.drawn === 'estimated' && l.points > 2 && l.dash)) problems.push(`sea access leg not drawn dashed along the lanes: ${JSON.stringify(seaAccessLines)}`);
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
