// Builds the front end into the Python package: src/eventledger/web/static/.
//   app.js, app.css       bundled and minified by esbuild (Leaflet, topojson-client, our code)
//   countries-50m.json    Natural Earth 1:50m country shapes (world-atlas, TopoJSON)
//   LICENSES.txt          the licences of what is bundled
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// EVENTLEDGER_STATIC_OUT builds elsewhere (the tests compare such a build to the committed one).
const out = process.env.EVENTLEDGER_STATIC_OUT || join(here, '..', 'src', 'eventledger', 'web', 'static');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: join(here, 'src', 'main.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outdir: out,
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'img/[name]-[hash]',
  legalComments: 'eof',
  logLevel: process.env.EVENTLEDGER_STATIC_OUT ? 'warning' : 'info',
});

copyFileSync(join(here, 'node_modules', 'world-atlas', 'countries-50m.json'), join(out, 'countries-50m.json'));
copyFileSync(join(here, 'src', 'favicon.svg'), join(out, 'favicon.svg'));

const licences = ['leaflet', 'topojson-client', 'world-atlas'].map((name) => {
  const dir = join(here, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const text = readFileSync(join(dir, 'LICENSE'), 'utf8');
  return `== ${name} ${pkg.version} (${pkg.license})\n\n${text.trim()}\n`;
});
writeFileSync(
  join(out, 'LICENSES.txt'),
  'Bundled into app.js, app.css and countries-50m.json by frontend/build.mjs.\n' +
    'Country shapes: Natural Earth (public domain), https://www.naturalearthdata.com/\n\n' +
    licences.join('\n'),
);
