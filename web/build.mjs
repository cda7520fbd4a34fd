// Builds web/dist: the page's own files from src/ plus Leaflet, topojson-client and the world-atlas
// country shapes copied from node_modules (npm ci first). No bundler, no network.
import { cpSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const nm = join(here, 'node_modules');
const vendor = [
  ['leaflet/dist/leaflet.js', 'vendor/leaflet.js'],
  ['leaflet/dist/leaflet.css', 'vendor/leaflet.css'],
  ['leaflet/dist/images', 'vendor/images'],
  ['topojson-client/dist/topojson-client.min.js', 'vendor/topojson-client.min.js'],
  ['world-atlas/countries-50m.json', 'vendor/countries-50m.json'],
  ['leaflet/LICENSE', 'vendor/LICENSE-leaflet.txt'],
  ['topojson-client/LICENSE', 'vendor/LICENSE-topojson-client.txt'],
  ['world-atlas/LICENSE', 'vendor/LICENSE-world-atlas.txt'],
];
for (const [from] of vendor) {
  if (!existsSync(join(nm, from))) {
    console.error(`build: missing node_modules/${from}; run 'npm ci' in web/ first`);
    process.exit(1);
  }
}
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'vendor'), { recursive: true });
cpSync(join(here, 'src'), dist, { recursive: true });
for (const [from, to] of vendor) cpSync(join(nm, from), join(dist, to), { recursive: true });
console.log(`build: wrote ${dist}`);
