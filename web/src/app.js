// The map page: a query form (search-as-you-type, chips, objective), routes on a Leaflet map
// with no tiles (world-atlas country shapes), the alternatives table and the legs of a route.
// The query lives in the URL (?from=...&to=...), so a link reproduces the view.
const L = window.L;
const topojson = window.topojson;

const MODE_COLOURS = {
  rail: '#d62828', road: '#f77f00', sea: '#1d6fb8', ferry: '#7b2cbf', river: '#2a9d8f',
  air: '#6c757d', pipeline: '#8d6e63',
};
// The commodity the CLI and the API take when none is given (caravan route --help).
const DEFAULT_COMMODITY = 'general-container';
const $ = (id) => document.getElementById(id);
const state = { network: null, links: new Map(), places: new Map(), degree: new Map(), routes: [], layers: [], selected: -1 };

// The one world Web Mercator draws (to ±85.05°), with no copies: the view stays inside it, and the
// lowest zoom is the one where it fills the map both ways, so no empty band shows at the poles or
// beside the antimeridian.
const WORLD = L.latLngBounds([[-85.0511, -180], [85.0511, 180]]);
const map = L.map('map', { worldCopyJump: false, zoomSnap: 0.5, attributionControl: true, maxBounds: WORLD, maxBoundsViscosity: 1 });
function fitMinZoom() {
  const size = map.getSize();
  // At zoom z the world is 256·2^z pixels square; round up to the zoom snap (0.5).
  map.setMinZoom(Math.max(0, Math.ceil(2 * Math.log2(Math.max(size.x, size.y, 1) / 256)) / 2));
}
fitMinZoom();
map.setView([45, 80], Math.max(3, map.getMinZoom()));
map.on('resize', fitMinZoom);
map.attributionControl.setPrefix('Leaflet').addAttribution('Country shapes: Natural Earth via world-atlas');
const routeLayer = L.layerGroup().addTo(map);
map.createPane('labels').style.zIndex = 450; // above the route lines, below the route symbols
const labelLayer = L.layerGroup().addTo(map);
// For the browser test and the console.
window.caravan = { map, routeLayer, labelLayer };

// world-atlas rings are spherical: a ring may cross the antimeridian (Russia's Chukotka, Fiji) or
// circle a pole (Antarctica). Drawn flat, such a ring throws a band across the whole map. Each ring
// is unwrapped to continuous longitudes, a ring around a pole is closed along it, and the polygon
// is clipped to -180..180 (the part beyond drawn shifted by 360°).
function clipX(ring, x0, keepAbove) {
  const out = [];
  const inside = (p) => (keepAbove ? p[0] >= x0 : p[0] <= x0);
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i], b = ring[(i + 1) % ring.length];
    if (inside(a)) out.push(a);
    if (inside(a) !== inside(b)) out.push([x0, a[1] + ((x0 - a[0]) / (b[0] - a[0])) * (b[1] - a[1])]);
  }
  return out;
}
// One polygon per ring is enough: a feature is one SVG path filled even-odd, so a hole still cuts
// the ring around it.
function flatPolygons(rings) {
  const parts = [];
  for (const ring of rings) {
    const flat = [];
    let shift = 0;
    for (const [x, y] of ring) {
      if (flat.length) {
        const d = x + shift - flat[flat.length - 1][0];
        if (d > 180) shift -= 360; else if (d < -180) shift += 360;
      }
      flat.push([x + shift, y]);
    }
    // Beyond ±85.05° Mercator draws nothing: a ring all out there (Antarctica's ring at -89.999°)
    // has no area.
    if (flat.every((p) => Math.abs(p[1]) >= 85.0511)) continue;
    const first = flat[0], last = flat[flat.length - 1];
    if (Math.abs(last[0] - first[0]) > 180) {
      const pole = flat.reduce((sum, p) => sum + p[1], 0) < 0 ? -90 : 90;
      flat.push([last[0], pole], [first[0], pole], first);
    }
    const xs = flat.map((p) => p[0]);
    const lo = Math.min(...xs), hi = Math.max(...xs);
    if (lo >= -180 && hi <= 180) { parts.push([flat]); continue; }
    for (const k of [-360, 0, 360]) {
      if (hi + k <= -180 || lo + k >= 180) continue;
      const clipped = clipX(clipX(flat.map(([x, y]) => [x + k, y]), -180, true), 180, false);
      if (clipped.length >= 3) parts.push([clipped]);
    }
  }
  return parts;
}
function flatWorld(fc) {
  return { ...fc, features: fc.features.map((f) => {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return f;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    return { ...f, geometry: { type: 'MultiPolygon', coordinates: polys.flatMap(flatPolygons) } };
  }) };
}

function setStatus(text, kind = '') {
  const s = $('status');
  s.textContent = text;
  s.className = kind;
}

async function getJson(url, options) {
  const res = await fetch(url, options);
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    const e = body && body.error;
    throw new Error(e ? `${e.message}${e.field ? ` (field ${e.field})` : ''}` : `HTTP ${res.status}`);
  }
  return body;
}

async function loadBase() {
  const [world, network, info, scenarios] = await Promise.all([
    getJson('vendor/countries-50m.json'), getJson('v1/network'), getJson('v1/info'),
    getJson('v1/scenarios').catch(() => ({ scenarios: [] }))]);
  for (const name of scenarios.scenarios || []) {
    const o = document.createElement('option');
    o.value = name; o.textContent = name;
    $('scenario').appendChild(o);
  }
  window.caravan.countries = L.geoJSON(flatWorld(topojson.feature(world, world.objects.countries)), {
    style: { color: '#8a99a8', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 }, interactive: false,
  }).addTo(map);
  for (const f of network.features) {
    if (f.geometry.type === 'Point') state.places.set(f.properties.id, f);
    else {
      state.links.set(f.properties.id, f);
      for (const end of [f.properties.from, f.properties.to]) state.degree.set(end, (state.degree.get(end) || 0) + 1);
    }
  }
  L.geoJSON({ type: 'FeatureCollection', features: [...state.links.values()] }, {
    style: (f) => ({ color: MODE_COLOURS[f.properties.mode] || '#555', weight: 1, opacity: 0.25 }),
    interactive: false,
  }).addTo(map);
  const sel = $('commodity');
  sel.innerHTML = '';
  for (const c of info.commodities || []) {
    const o = document.createElement('option');
    o.value = c.id; o.textContent = c.id; o.title = c.name;
    sel.appendChild(o);
  }
  if ([...sel.options].some((o) => o.value === DEFAULT_COMMODITY)) sel.value = DEFAULT_COMMODITY;
  const legend = $('legend');
  for (const [mode, colour] of Object.entries(MODE_COLOURS)) {
    const s = document.createElement('span');
    s.style.setProperty('--c', colour); s.textContent = mode;
    legend.appendChild(s);
  }
  legend.insertAdjacentHTML('beforeend',
    '<span style="--c:transparent">&#x25C6; border</span><span style="--c:transparent">&#x21C4; gauge break</span>' +
    '<span style="--c:transparent">&#x224B; ferry</span><span style="--c:transparent">&#x26A0; chokepoint</span>' +
    '<span style="--c:transparent">&middot;&middot;&middot; drawn straight: no track shape in the data</span>');
  layoutLabels();
  map.on('zoomend', layoutLabels);
}

// Place labels. Which places are named from which zoom (see docs/map.md): the hubs (seaports with
// six or more links, cities with four or more) from the lowest zoom; every city and the busier
// seaports and rail terminals from zoom 3 (the opening view); the other ports, terminals, plants
// and mines from 4.5; junctions and border crossings only from 5.5. The selected route's origin
// and destination are always named. Labels then claim space in that order (within a tier, the
// place with more links first): a label goes right of its dot, else left, else is left out, so
// none lies over another.
const LABEL_TIERS = [
  { zoom: 0, test: (k, n) => (k === 'seaport' && n >= 6) || (k === 'city' && n >= 4) },
  { zoom: 3, test: (k, n) => k === 'city' || (['seaport', 'rail_terminal'].includes(k) && n >= 4) },
  { zoom: 4.5, test: (k) => ['seaport', 'rail_terminal', 'dry_port', 'oil_terminal', 'plant', 'mine'].includes(k) },
  { zoom: 5.5, test: () => true }, // junctions, border crossings and any other kind
];
const LABEL_FONT = '600 11px system-ui, sans-serif';
const measure = document.createElement('canvas').getContext('2d');
const shortName = (name) => name.replace(/\s*\(.*\)\s*$/, '') || name;
function labelTier(f) {
  const n = state.degree.get(f.properties.id) || 0;
  return LABEL_TIERS.findIndex((t) => t.test(f.properties.kind, n));
}
function layoutLabels() {
  labelLayer.clearLayers();
  const z = map.getZoom();
  const route = state.routes[state.selected];
  const ends = new Set(route && route.legs && route.legs.length ? [route.legs[0].from, route.legs[route.legs.length - 1].to] : []);
  const candidates = [...state.places.values()]
    .map((f) => ({ f, tier: ends.has(f.properties.id) ? -1 : labelTier(f), n: state.degree.get(f.properties.id) || 0 }))
    .filter((c) => c.tier < 0 || LABEL_TIERS[c.tier].zoom <= z)
    .sort((a, b) => a.tier - b.tier || b.n - a.n);
  measure.font = LABEL_FONT;
  const taken = [];
  const free = (box) => !taken.some((t) => box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]);
  for (const { f } of candidates) {
    const [lon, lat] = f.geometry.coordinates;
    const name = shortName(f.properties.name);
    const p = map.project([lat, lon], z);
    // The box: a 6 px dot and a 3 px gap, then the name; 16 px tall; 2 px kept clear around it.
    const w = Math.ceil(measure.measureText(name).width) + 11;
    const right = [p.x - 4 - 2, p.y - 8 - 2, p.x - 4 + w + 2, p.y + 8 + 2];
    const left = [p.x + 4 - w - 2, right[1], p.x + 4 + 2, right[3]];
    const side = free(right) ? 'right' : free(left) ? 'left' : null;
    if (!side) continue;
    taken.push(side === 'right' ? right : left);
    const text = `<span>${escapeHtml(name)}</span>`;
    L.marker([lat, lon], {
      pane: 'labels', interactive: false, keyboard: false,
      icon: L.divIcon({
        className: `place-label k-${f.properties.kind} ${side}${ends.has(f.properties.id) ? ' end' : ''}`,
        html: side === 'right' ? `<i></i>${text}` : `${text}<i></i>`,
        iconSize: [w, 16], iconAnchor: side === 'right' ? [4, 8] : [w - 4, 8],
      }),
    }).addTo(labelLayer);
  }
}

// Search as you type on /v1/locations, with arrow keys, Enter and Escape.
function combo(input, list) {
  let items = [], active = -1, timer = 0, seq = 0;
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; };
  const choose = (i) => { input.value = items[i].name; input.dataset.id = items[i].id; close(); };
  const render = () => {
    list.innerHTML = '';
    items.forEach((m, i) => {
      const li = document.createElement('li');
      li.id = `${list.id}-${i}`; li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      li.innerHTML = `${escapeHtml(m.name)} <small>${escapeHtml(m.id)} · ${escapeHtml(m.kind)} · ${escapeHtml(m.country)}</small>`;
      li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
  };
  input.addEventListener('input', () => {
    delete input.dataset.id;
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { items = []; render(); return; }
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const r = await getJson(`v1/locations?q=${encodeURIComponent(q)}&limit=8`);
        if (mine !== seq) return;
        // The network's places, then (when none matches exactly) gazetteer places beyond it,
        // which a route joins by estimated access legs.
        const beyond = (r.beyond_network || []).map((p) => ({
          id: p.locode || `${p.lat},${p.lon}`, name: p.name, country: p.country,
          kind: `${p.functions || 'place'}, beyond the network`,
        }));
        items = (r.matches || []).concat(beyond); active = items.length ? 0 : -1; render();
      } catch { items = []; render(); }
    }, 120);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { active = Math.min(items.length - 1, active + 1); render(); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { active = Math.max(0, active - 1); render(); e.preventDefault(); }
    else if (e.key === 'Enter' && active >= 0) { choose(active); e.preventDefault(); }
    else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}

function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// Countries (or places, modes) to avoid, as removable chips.
const avoid = [];
function renderChips() {
  const box = $('avoid-chips');
  box.querySelectorAll('.chip').forEach((c) => c.remove());
  avoid.forEach((code, i) => {
    const chip = document.createElement('span');
    chip.className = 'chip'; chip.textContent = code;
    const x = document.createElement('button');
    x.type = 'button'; x.textContent = '×'; x.setAttribute('aria-label', `stop avoiding ${code}`);
    x.addEventListener('click', () => { avoid.splice(i, 1); renderChips(); $('avoid-input').focus(); });
    chip.appendChild(x);
    box.insertBefore(chip, $('avoid-input'));
  });
}
function addAvoid(text) {
  for (const part of text.split(',')) {
    const v = part.trim();
    if (v && !avoid.includes(v.toUpperCase()) && !avoid.includes(v)) avoid.push(/^[a-z]{2}$/i.test(v) ? v.toUpperCase() : v);
  }
  renderChips();
}
$('avoid-input').addEventListener('keydown', (e) => {
  const input = e.target;
  if ((e.key === 'Enter' || e.key === ',') && input.value.trim()) {
    addAvoid(input.value); input.value = ''; e.preventDefault();
  } else if (e.key === 'Backspace' && !input.value && avoid.length) {
    avoid.pop(); renderChips();
  }
});

function formQuery() {
  const pending = $('avoid-input').value.trim();
  if (pending) { addAvoid(pending); $('avoid-input').value = ''; }
  const q = {
    from: $('from').dataset.id || $('from').value.trim(),
    to: $('to').dataset.id || $('to').value.trim(),
    commodity: $('commodity').value,
  };
  const tonnes = parseFloat($('tonnes').value);
  if (tonnes > 0) q.tonnes = tonnes;
  if (avoid.length) q.avoid = [...avoid];
  if ($('depart').value) q.depart = $('depart').value;
  if ($('landed').checked) {
    q.landed_cost = true; q.incoterm = $('incoterm').value;
    if ($('vat-recoverable').checked) q.vat_recoverable = true;
  }
  if ($('objective').value === 'pareto') q.pareto = true;
  else {
    q.objective = $('objective').value;
    const k = parseInt($('alternatives').value, 10);
    if (k > 1) q.alternatives = k;
  }
  return q;
}

function queryToUrl(q, kind) {
  const p = new URLSearchParams();
  p.set('from', $('from').value.trim()); p.set('to', $('to').value.trim());
  p.set('commodity', q.commodity);
  if (q.tonnes) p.set('tonnes', q.tonnes);
  if (q.avoid) p.set('avoid', q.avoid.join(','));
  p.set('objective', $('objective').value);
  if (q.alternatives) p.set('alternatives', q.alternatives);
  if (q.depart) p.set('depart', q.depart);
  if (q.landed_cost) p.set('landed', q.incoterm);
  if (q.vat_recoverable) p.set('vat', 'recovered');
  if (kind === 'compare') p.set('view', 'compare');
  history.replaceState(null, '', `?${p}`);
}

function urlToForm() {
  const p = new URLSearchParams(location.search);
  if (!p.get('from') || !p.get('to')) return null;
  $('from').value = p.get('from'); $('to').value = p.get('to');
  if (p.get('commodity')) $('commodity').value = p.get('commodity');
  if (p.get('tonnes')) $('tonnes').value = p.get('tonnes');
  if (p.get('avoid')) addAvoid(p.get('avoid'));
  if (p.get('objective')) $('objective').value = p.get('objective');
  if (p.get('alternatives')) $('alternatives').value = p.get('alternatives');
  if (p.get('depart')) $('depart').value = p.get('depart');
  if (p.get('landed')) { $('landed').checked = true; $('incoterm').value = p.get('landed'); }
  if (p.get('vat') === 'recovered') $('vat-recoverable').checked = true;
  return p.get('view') === 'compare' ? 'compare' : 'route';
}

function point(id) {
  const f = state.places.get(id);
  return f ? [f.geometry.coordinates[1], f.geometry.coordinates[0]] : null;
}
// Points along the great circle from a to b ([lat, lon]), one every ~50 km (at most 128 steps),
// longitudes kept continuous so Leaflet draws the short way.
function greatCircle(a, b) {
  const rad = Math.PI / 180;
  const [p1, l1, p2, l2] = [a[0] * rad, a[1] * rad, b[0] * rad, b[1] * rad];
  const d = 2 * Math.asin(Math.sqrt(Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin((l2 - l1) / 2) ** 2));
  if (!(d > 1e-9)) return [a, b];
  const n = Math.min(128, Math.max(2, Math.ceil((d * 6371) / 50)));
  const pts = [];
  let prev = a[1];
  for (let i = 0; i <= n; i++) {
    const A = Math.sin((1 - i / n) * d) / Math.sin(d), B = Math.sin((i / n) * d) / Math.sin(d);
    const x = A * Math.cos(p1) * Math.cos(l1) + B * Math.cos(p2) * Math.cos(l2);
    const y = A * Math.cos(p1) * Math.sin(l1) + B * Math.cos(p2) * Math.sin(l2);
    const z = A * Math.sin(p1) + B * Math.sin(p2);
    let lon = Math.atan2(y, x) / rad;
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    prev = lon;
    pts.push([Math.atan2(z, Math.hypot(x, y)) / rad, lon]);
  }
  return pts;
}

// A leg's line and where it comes from: 'data' (the leg's own geometry from the route answer, else
// its link's shape in the network), 'great-circle' (a sea or ferry leg with only its two ends),
// 'straight' (a land leg with only its two ends: the data has no track shape) or 'estimated' (an
// access leg to a place beyond the network: straight by land, along the lanes by sea).
const SEA_MODES = new Set(['sea', 'ferry']);
function legShape(leg) {
  if (leg.from_pos && leg.to_pos) {
    // A sea access leg carries its lanes; a land one only its ends.
    const from = [leg.from_pos[1], leg.from_pos[0]];
    let pts = leg.geometry && leg.geometry.length > 2 ? leg.geometry.map(([x, y]) => [y, x]) : [from, [leg.to_pos[1], leg.to_pos[0]]];
    if (L.latLng(from).distanceTo(pts[0]) > L.latLng(from).distanceTo(pts[pts.length - 1])) pts = pts.reverse();
    return { pts, drawn: 'estimated' };
  }
  const link = state.links.get(leg.link);
  const coords = leg.geometry && leg.geometry.length > 1 ? leg.geometry
    : link && link.geometry.type === 'LineString' ? link.geometry.coordinates : null;
  let pts = coords ? coords.map(([x, y]) => [y, x]) : [point(leg.from), point(leg.to)].filter(Boolean);
  const a = point(leg.from);
  // Links are stored in one direction; draw them the way the leg goes.
  if (a && pts.length > 1 && L.latLng(a).distanceTo(pts[0]) > L.latLng(a).distanceTo(pts[pts.length - 1])) pts = pts.reverse();
  if (pts.length > 2) return { pts, drawn: 'data' };
  if (pts.length === 2 && SEA_MODES.has(leg.mode)) return { pts: greatCircle(pts[0], pts[1]), drawn: 'great-circle' };
  return { pts, drawn: 'straight' };
}
// A land leg drawn straight this long is drawn dotted: the line is not where the track runs.
const SCHEMATIC_KM = 500;

function icon(symbol, title) {
  return L.divIcon({ className: 'marker-label', html: `<span title="${escapeHtml(title)}">${symbol}</span>`, iconSize: [18, 18] });
}

// Draws every route; returns the Leaflet group of each.
function drawRoutes(routes) {
  routeLayer.clearLayers();
  state.layers = routes.map((r, i) => {
    const g = L.featureGroup();
    for (const leg of r.legs || []) {
      // An estimated access leg (a place beyond the network) is dashed; a long land leg with no
      // track shape is dotted, and its tooltip says which countries it really runs through.
      const { pts, drawn } = legShape(leg);
      const schematic = drawn === 'straight' && leg.km > SCHEMATIC_KM;
      const line = L.polyline(pts, {
        color: MODE_COLOURS[leg.mode] || '#333', weight: 4, opacity: 0.9,
        dashArray: leg.estimated ? '8 6' : schematic ? '1 9' : null, lineCap: 'round', mode: leg.mode, drawn,
      });
      const notes = [`${leg.mode}`, `${leg.estimated ? '~' : ''}${fmt(leg.km)} km`];
      if (leg.estimated) notes.push('estimated access leg');
      if (Number.isFinite(leg.risk)) notes.push(`risk ${fmt(100 * leg.risk, 1)}%`);
      if (schematic) notes.push(`drawn straight: the data has no track shape${(leg.countries || []).length ? `; runs through ${leg.countries.join(', ')}` : ''}`);
      line.bindTooltip(`${i + 1}: ${escapeHtml(leg.from_name)} → ${escapeHtml(leg.to_name)} (${escapeHtml(notes.join(', '))})`);
      line.on('click', () => select(i));
      line.addTo(g);
    }
    for (const b of r.border_crossings || []) {
      const p = point(b.to) || point(b.from);
      const what = b.border_row === false
        ? `${b.from_country}→${b.to_country} by ${b.mode} (customs at the ports)`
        : `border ${b.from_country}→${b.to_country}, ${b.hours} h`;
      if (p) L.marker(p, { icon: icon('◆', what), keyboard: false }).addTo(g);
    }
    for (const s of r.gauge_breaks || []) {
      const p = point(s.at);
      if (p) L.marker(p, { icon: icon('⇄', `gauge break ${s.from_gauge_mm}→${s.to_gauge_mm} mm at ${s.at_name}`), keyboard: false }).addTo(g);
    }
    for (const f of r.ferries || []) {
      const a = point(f.from), b = point(f.to);
      if (a && b) {
        const arc = greatCircle(a, b);
        L.marker(arc[Math.floor(arc.length / 2)], { icon: icon('≋', `ferry ${f.link}`), keyboard: false }).addTo(g);
      }
    }
    for (const leg of r.legs || []) {
      if (!(leg.chokepoints || []).length) continue;
      const { pts } = legShape(leg);
      if (pts.length) L.marker(pts[Math.floor(pts.length / 2)], { icon: icon('⚠', `chokepoint ${leg.chokepoints.join(', ')}`), keyboard: false }).addTo(g);
    }
    g.addTo(routeLayer);
    return g;
  });
}

const fmt = (v, d = 0) => (v === undefined || v === null || !Number.isFinite(Number(v)) ? '–' : Number(v).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));

// A landed cost as text: "≥" when a component is unknown (a lower bound), "a–b" for a range;
// `short` writes millions as "75.64 M" to fit the alternatives table.
function landedText(lc, short = false) {
  const f = (v) => (short && v >= 1e6 ? `${fmt(v / 1e6, 2)} M` : fmt(v));
  const highUsd = lc.landed_cost_usd_high ?? lc.landed_cost_usd;
  // Ends less than a dollar apart are one amount, as in the CLI.
  const low = f(lc.landed_cost_usd), high = Math.abs(highUsd - lc.landed_cost_usd) < 1 ? low : f(highUsd);
  return `${lc.complete ? '' : '≥ '}${low}${high !== low ? `–${high}` : ''}`;
}

function fillTable(rows) {
  const body = $('routes-table').querySelector('tbody');
  body.innerHTML = '';
  const landed = rows.some((row) => row.route && row.route.landed_cost);
  $('landed-col').hidden = !landed;
  rows.forEach((row, i) => {
    const tr = document.createElement('tr');
    tr.tabIndex = 0; tr.setAttribute('aria-selected', 'false');
    const r = row.route;
    // An alternative says how it differs from the best route; risk reads as a percentage, as in
    // the CLI.
    const differs = r && r.differs_from_best && r.differs_from_best.length
      ? `<br><small>${escapeHtml(r.differs_from_best.join('; '))}</small>` : '';
    tr.innerHTML = `<td>${i + 1}</td><td>${escapeHtml(row.label)}${differs}</td>` + (r
      ? `<td class="num">${fmt(r.cost_usd)}</td><td class="num">${fmt(r.days, 1)}</td><td class="num">${fmt(r.co2_kg / 1000, 1)}</td><td class="num">${fmt(100 * r.risk, 1)}%</td>` +
        (landed ? `<td class="num">${r.landed_cost ? landedText(r.landed_cost, true) : '–'}</td>` : '')
      : `<td colspan="${landed ? 5 : 4}">no route</td>`);
    tr.addEventListener('click', () => select(row.index));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { select(row.index); e.preventDefault(); } });
    body.appendChild(tr);
  });
}

function select(i) {
  state.selected = i;
  const rows = $('routes-table').querySelectorAll('tbody tr');
  state.rows.forEach((row, k) => rows[k]?.setAttribute('aria-selected', String(row.index === i)));
  state.layers.forEach((g, k) => g.eachLayer((l) => {
    if (l.setStyle) l.setStyle({ opacity: k === i ? 1 : 0.25, weight: k === i ? 6 : 3 });
    if (l.setOpacity) l.setOpacity(k === i ? 1 : 0.3);
  }));
  if (state.layers[i]) { state.layers[i].bringToFront(); map.fitBounds(state.layers[i].getBounds(), { padding: [30, 30] }); }
  const r = state.routes[i];
  const legs = $('legs-table');
  legs.hidden = !r; $('legs-title').hidden = !r;
  const body = legs.querySelector('tbody');
  body.innerHTML = '';
  // With a departure date each leg shows the day the cargo reaches it, and a hold when it waits.
  const dated = !!(r && r.depart);
  for (const th of legs.querySelectorAll('th.dated')) th.hidden = !dated;
  for (const leg of (r && r.legs) || []) {
    const tr = document.createElement('tr');
    let reached = '';
    if (dated) {
      reached = escapeHtml(leg.reached || '');
      if (leg.departs) reached += ` (held to ${escapeHtml(leg.departs)})`;
    }
    tr.innerHTML = `<td>${escapeHtml(leg.from_name)}</td><td>${escapeHtml(leg.to_name)}</td><td>${escapeHtml(leg.mode)}</td>` +
      `<td class="num"${leg.estimated ? ' title="estimated access leg: the place is not in the network"' : ''}>${leg.estimated ? '~' : ''}${fmt(leg.km)}</td><td class="num">${fmt(leg.hours, 1)}</td><td class="num">${fmt(leg.cost_usd)}</td>` +
      (dated ? `<td>${reached}</td>` : '');
    body.appendChild(tr);
  }
  showLanded(r && r.landed_cost);
  showExposure(r);
  layoutLabels();
}

// The policy regimes the selected route meets (sanctions, permits, war risk): what each adds, or
// that its figures are unknown; the act as a tooltip.
function showExposure(r) {
  const list = $('exposure-list');
  const items = (r && r.policy_exposure) || [];
  list.hidden = $('exposure-title').hidden = !items.length;
  list.innerHTML = '';
  for (const e of items) {
    const li = document.createElement('li');
    li.title = e.description;
    const parts = [];
    if (e.usd > 0) parts.push(`USD ${fmt(e.usd)}`);
    if (e.hours > 0) parts.push(`${fmt(e.hours)} h`);
    if (e.risk > 0) parts.push(`risk ${fmt(100 * e.risk, 1)}%`);
    const what = !e.known ? 'figures unknown, not counted' : parts.join(', ') || 'listed';
    li.textContent = `${e.issuer} ${e.kind.replaceAll('_', ' ')} (${e.effect}${e.at ? ` at ${e.at}` : ''}): ${what} — ${e.regime}`;
    list.appendChild(li);
  }
}

// The landed-cost components of the selected route: who pays what; the detail as a tooltip.
function showLanded(lc) {
  const table = $('landed-table'), note = $('landed-note');
  table.hidden = $('landed-title').hidden = note.hidden = !lc;
  const body = table.querySelector('tbody');
  body.innerHTML = '';
  if (!lc) return;
  for (const c of lc.components) {
    if (c.known && c.usd === 0 && c.usd_high === undefined && !/duty|vat/.test(c.name)) continue;
    const tr = document.createElement('tr');
    tr.title = c.detail;
    const money = (v) => fmt(v, Math.abs(v) < 100 && v !== Math.round(v) ? 2 : 0);
    const [a, b] = [money(c.usd), money(c.usd_high ?? c.usd)];
    const usd = !c.known ? 'unknown' : `${a}${b !== a ? `–${b}` : ''}${c.counted === false ? ' (not counted)' : ''}`;
    tr.innerHTML = `<td>${escapeHtml(c.name.replaceAll('_', ' '))}</td><td>${escapeHtml(c.payer)}</td><td class="num">${usd}</td>`;
    body.appendChild(tr);
  }
  const tr = document.createElement('tr');
  tr.className = 'total';
  tr.innerHTML = `<td>landed cost (goods ${fmt(lc.goods_value_usd)})</td><td>${escapeHtml(lc.incoterm)}</td><td class="num">${landedText(lc)}</td>`;
  body.appendChild(tr);
  note.textContent = [
    lc.complete ? '' : `Unknown in the schedules, so the total is a lower bound: ${lc.missing.join('; ')}.`,
    ...(lc.notes || []),
  ].filter(Boolean).join(' ');
  note.hidden = !note.textContent;
}

let busy = false;
async function run(kind) {
  if (busy) return;
  const q = formQuery();
  if (!q.from || !q.to) { setStatus('Type an origin and a destination.', 'error'); return; }
  busy = true;
  $('go').disabled = $('corridors').disabled = true;
  setStatus(kind === 'compare' ? 'Comparing corridors…' : 'Finding routes…', 'loading');
  queryToUrl(q, kind);
  $('histogram').innerHTML = '';
  try {
    if (kind === 'compare') { delete q.alternatives; delete q.pareto; }
    const r = await getJson(`v1/${kind}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(q) });
    let rows;
    if (kind === 'compare') {
      const variants = r.variants || [];
      state.routes = variants.map((v) => v.route || null);
      // Corridors whose routes came out identical are one row with every name.
      const named = (v, i) => [v.name || v.corridor || v.label || `variant ${i + 1}`, ...(v.same_route_as || []).map((o) => o.name)].join(' = ');
      rows = variants.map((v, i) => ({ index: i, label: named(v, i), route: v.route || null }));
    } else {
      state.routes = r.routes || [];
      rows = state.routes.map((rt, i) => ({ index: i, label: rt.summary, route: rt }));
    }
    state.rows = rows;
    drawRoutes(state.routes.map((x) => x || { legs: [] }));
    fillTable(rows);
    $('results').hidden = false;
    const found = state.routes.filter(Boolean).length;
    setStatus(found ? `${found} route${found > 1 ? 's' : ''} from ${r.query?.from_name || q.from} to ${r.query?.to_name || q.to}.`
      : (r.explanation || r.why || 'No route under these constraints.'), found ? '' : 'error');
    const first = rows.findIndex((x) => x.route);
    if (first >= 0) select(rows[first].index);
  } catch (e) {
    setStatus(e.message, 'error');
  } finally {
    busy = false;
    $('go').disabled = $('corridors').disabled = false;
  }
}

// A histogram of sampled transit days for the best route, from /v1/reliability.
async function reliability() {
  const q = formQuery();
  delete q.alternatives; delete q.pareto;
  q.reliability_samples = 5000;
  q.histogram_bins = 30;
  const out = $('histogram');
  out.textContent = 'Sampling transit times…';
  try {
    const r = await getJson('v1/reliability', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(q) });
    const rel = r.routes && r.routes[0] && r.routes[0].reliability;
    const h = r.histograms && r.histograms[0];
    if (!rel || !h) { out.textContent = 'No route to sample.'; return; }
    const max = Math.max(...h.counts, 1), w = 360 / h.counts.length;
    const days = (i) => ((h.min_hours + i * h.bin_hours) / 24).toFixed(1);
    const bars = h.counts.map((c, i) => `<rect x="${i * w}" y="${100 - (c / max) * 95}" width="${Math.max(1, w - 1)}" height="${(c / max) * 95}" fill="#1d6fb8"><title>${days(i)}–${days(i + 1)} days: ${c}</title></rect>`).join('');
    // What the chart shows, in its caption: origin, destination, departure and samples.
    const qy = r.query || {};
    const when = qy.depart ? `departing ${qy.depart}` : (qy.month ? `departing in month ${qy.month}` : 'departure any day of the year');
    const caption = `<p class="chart-title">Transit days, best route: ${escapeHtml(qy.from_name || '')} → ${escapeHtml(qy.to_name || '')}, ${escapeHtml(when)}, ${fmt(rel.samples)} samples</p>`;
    out.innerHTML = caption + `<svg viewBox="0 0 360 116" width="100%" role="img" aria-label="Histogram of ${rel.samples} sampled transit times, ${days(0)} to ${days(h.counts.length)} days">` +
      `${bars}<text x="0" y="114" font-size="10">${days(0)} d</text><text x="360" y="114" font-size="10" text-anchor="end">${days(h.counts.length)} d</text></svg>` +
      `<table><tr><th>planned</th><td class="num">${fmt(rel.planned_hours / 24, 1)} d</td><th>P50</th><td class="num">${fmt(rel.p50_hours / 24, 1)} d</td></tr>` +
      `<tr><th>P90</th><td class="num">${fmt(rel.p90_hours / 24, 1)} d</td><th>P95</th><td class="num">${fmt(rel.p95_hours / 24, 1)} d</td></tr>` +
      `<tr><th>disruption</th><td class="num">${fmt(100 * rel.disruption_probability, 1)}%</td><th>delay cost</th><td class="num">${fmt(rel.expected_delay_cost_usd)} $</td></tr></table>`;
  } catch (e) {
    out.textContent = e.message;
  }
}

// The corridors under a baseline and a scenario, from /v1/scenario.
async function scenario() {
  const q = formQuery();
  delete q.alternatives; delete q.pareto;
  q.scenarios = [$('scenario').value];
  const out = $('scenario-result');
  out.textContent = 'Running the scenario…';
  try {
    const r = await getJson('v1/scenario', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(q) });
    const rows = (r.differences || []).map((d) => `<tr><td>${escapeHtml(d.scenario)}</td><td>${escapeHtml(d.variant_name || d.variant || '')}</td>` +
      `<td class="num">${fmt(d.cost_usd_delta)}</td><td class="num">${fmt(d.hours_delta / 24, 1)}</td><td>${d.route_changed ? escapeHtml(d.route_after || 'no route') : 'same'}</td></tr>`).join('');
    out.innerHTML = `<table><thead><tr><th>Scenario</th><th>Corridor</th><th>Δ cost USD</th><th>Δ days</th><th>Route</th></tr></thead><tbody>${rows}</tbody></table>`;
  } catch (e) {
    out.textContent = e.message;
  }
}

// Any port to any port over the global maritime network, from /v1/sea-route: the line on the map
// (longitudes unwrapped across the antimeridian), distance, passages, time, cost and CO2.
async function seaRoute() {
  const out = $('sea-result');
  const q = { from: $('sea-from').value.trim(), to: $('sea-to').value.trim(), vessel: $('sea-vessel').value,
    tonnes: Number($('tonnes').value) || undefined };
  const avoid = $('sea-avoid').value.split(',').map((x) => x.trim()).filter(Boolean);
  if (avoid.length) q.avoid = avoid;
  if (!q.from || !q.to) { out.textContent = 'Type two ports.'; return; }
  out.textContent = 'Routing at sea…';
  try {
    const r = await getJson('v1/sea-route', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(q) });
    const name = (p) => `${p.name}${p.locode ? ` (${p.locode})` : ''}`;
    if (!r.route) { out.textContent = r.reason; return; }
    const t = r.route;
    // Split where the route crosses the antimeridian, so both parts lie on the one world drawn.
    const parts = [[]];
    t.geometry.forEach(([lon, lat], i) => {
      if (i > 0) {
        const [plon, plat] = t.geometry[i - 1];
        if (Math.abs(lon - plon) > 180) {
          const edge = plon > 0 ? 180 : -180;
          const span = 360 - Math.abs(lon - plon);
          const y = plat + (lat - plat) * (Math.abs(edge - plon) / span);
          parts[parts.length - 1].push([y, edge]);
          parts.push([[y, -edge]]);
        }
      }
      parts[parts.length - 1].push([lat, lon]);
    });
    const pts = parts.flat();
    routeLayer.clearLayers();
    state.selected = -1;
    layoutLabels();
    const line = L.polyline(parts, { color: MODE_COLOURS.sea, weight: 4, opacity: 0.9 }).addTo(routeLayer);
    line.bindTooltip(`${name(r.from)} → ${name(r.to)}, ${fmt(t.nm)} nm`);
    L.marker(pts[0], { icon: icon('⚓', name(r.from)), keyboard: false }).addTo(routeLayer);
    L.marker(pts[pts.length - 1], { icon: icon('⚓', name(r.to)), keyboard: false }).addTo(routeLayer);
    map.fitBounds(line.getBounds(), { padding: [20, 20], animate: false });
    const range = (x, d = 0) => (fmt(x.low, d) === fmt(x.high, d) ? fmt(x.low, d) : `${fmt(x.low, d)}–${fmt(x.high, d)}`);
    const per = t.cargo.per_unit ? ` per ${t.cost_unit === 'TEU' ? 'TEU' : 'tonne'}` : ` for ${fmt(t.cargo.tonnes)} t`;
    const detour = r.without_avoid ? `<tr><th>shortest</th><td>${fmt(r.without_avoid.nm)} nm via ${escapeHtml(r.without_avoid.passages.map((p) => p.name).join(', ') || 'open sea')}</td></tr>` : '';
    out.innerHTML = `<p class="chart-title">${escapeHtml(name(r.from))} → ${escapeHtml(name(r.to))}</p><table>` +
      `<tr><th>distance</th><td class="num">${fmt(t.nm)} nm (${fmt(t.km)} km)</td></tr>` +
      `<tr><th>passages</th><td>${escapeHtml(t.passages.map((p) => p.name).join(', ') || 'none')}</td></tr>` +
      `<tr><th>at sea</th><td class="num">${range(t.sailing_days, 1)} days</td></tr>` +
      `<tr><th>cost USD</th><td class="num">${range(t.cost_usd)}${per}</td></tr>` +
      `<tr><th>CO2 kg</th><td class="num">${range(t.co2_kg)}${per}</td></tr>${detour}</table>`;
  } catch (e) {
    out.textContent = e.message;
  }
}

// The likeliest HS 2022 subheadings for a description, from /v1/classify: confidence (calibrated),
// heading, chapter and the words that matched; a low best confidence is said, not hidden.
async function classify() {
  const out = $('hs-result');
  const text = $('hs-text').value.trim();
  if (!text) { out.textContent = 'Describe the goods.'; return; }
  out.textContent = 'Classifying…';
  try {
    const r = await getJson('v1/classify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text, k: 5 }) });
    const pct = (x) => `${Math.round(x * 100)}%`;
    const rows = r.candidates.map((c, i) => `<tr${i === 0 && r.confident ? ' class="best"' : ''}><td>${i + 1}</td>` +
      `<td title="${escapeHtml(c.description)}">${escapeHtml(c.code)}</td><td class="num">${pct(c.confidence)}</td>` +
      `<td title="${escapeHtml(c.heading.description)}">${escapeHtml(c.heading.code)} (${pct(c.heading.confidence)})</td>` +
      `<td>${escapeHtml(c.why.words.join(', '))}</td></tr>` +
      `<tr><td></td><td colspan="4"><small>${escapeHtml(c.description)}</small></td></tr>`).join('');
    const verdict = r.confident
      ? `<p><strong>${escapeHtml(r.candidates[0].code)}</strong>: confidence ${pct(r.candidates[0].confidence)} reaches the threshold of ${pct(r.threshold)}.</p>`
      : `<p class="warn">${escapeHtml(r.note || 'low confidence')}</p>`;
    out.innerHTML = `${verdict}<table><thead><tr><th>#</th><th>HS</th><th>Conf.</th><th>Heading</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table>` +
      `<p><small>${fmt(r.known_words)} of ${fmt(r.words)} words known to the model (${escapeHtml(r.model.method)}, ${fmt(r.model.train_rows)} training rows)</small></p>`;
  } catch (e) {
    out.textContent = e.message;
  }
}

$('hs-query').addEventListener('submit', (e) => { e.preventDefault(); classify(); });
$('sea-query').addEventListener('submit', (e) => { e.preventDefault(); seaRoute(); });
$('query').addEventListener('submit', (e) => { e.preventDefault(); run('route'); });
$('corridors').addEventListener('click', () => run('compare'));
$('reliability').addEventListener('click', reliability);
$('run-scenario').addEventListener('click', scenario);
combo($('from'), $('from-list'));
combo($('to'), $('to-list'));

loadBase().then(() => {
  const kind = urlToForm();
  document.body.dataset.ready = 'true';
  if (kind) run(kind);
}).catch((e) => setStatus(`Could not load the network: ${e.message}`, 'error'));
