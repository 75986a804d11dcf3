/**
 * The page's static files: `page/` beside this module (the sources in a clone, dist/console/page in the package)
 * and the ES modules of preact and htm from node_modules, found the way Node finds them for this module, so the
 * packed install serves them too. No build step: the browser loads the modules through index.html's import map.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  type: string;
  body: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

/** Bare specifiers of the import map → the ESM file each resolves to (its `import` export). */
const VENDOR: Record<string, string> = {
  'preact.mjs': 'preact',
  'preact-hooks.mjs': 'preact/hooks',
  'htm.mjs': 'htm',
};

export interface Assets {
  /** `/` and `/page/<file>` and `/vendor/<file>` → the file. */
  get(path: string): Asset | undefined;
  /** The Content-Security-Policy of the page: its own origin only, plus the inline import map by its hash. */
  csp: string;
}

export function loadAssets(): Assets {
  const dir = fileURLToPath(new URL('./page/', import.meta.url));
  const files = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) files.set(`/page/${name}`, { type, body: readFileSync(`${dir}${name}`) });
  }
  for (const [name, specifier] of Object.entries(VENDOR)) {
    files.set(`/vendor/${name}`, { type: TYPES['.mjs'] as string, body: readFileSync(fileURLToPath(import.meta.resolve(specifier))) });
  }
  const index = files.get('/page/index.html');
  if (!index) throw new Error(`the console's page is missing: no index.html in ${dir}`);
  files.set('/', index);
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(index.body.toString('utf8'))?.[1];
  if (importMap === undefined) throw new Error('the console\'s index.html has no import map');
  const hash = createHash('sha256').update(importMap).digest('base64');
  return {
    get: (path) => files.get(path),
    csp: `default-src 'self'; script-src 'self' 'sha256-${hash}'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
}
