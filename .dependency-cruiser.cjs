/**
 * The import rules of scim-conform, as each folder's README states them ("May import: …"), checked by
 * dependency-cruiser in `npm test` (tests/architecture/import-rules.test.ts) or by hand, naming the folders:
 *   npx depcruise --config .dependency-cruiser.cjs core mock-idp reference-app suites cli
 * A rule's `comment` is what a violation prints: the README it enforces and how to comply. When a README's list
 * changes, change the rule with it. A module in a folder not named in FOLDERS breaks `unknown-folder`: a new
 * top-level folder needs a README saying what it may import and its rules here.
 */

/** Every top-level folder (and root file) that holds code, and whose rules follow. */
const FOLDERS = ['core', 'test-data', 'mock-idp', 'reference-app', 'suites', 'reports', 'replay', 'cli', 'bench', 'tests', 'scripts', 'action', 'bin', 'console'];
const ROOT_FILES = ['playwright\\.config\\.ts'];

/** `^(a|b)/` */
const under = (...folders) => `^(${folders.join('|')})/`;
/** Packages by name, as resolved under node_modules. */
const pkg = (...names) => `(^|/)node_modules/(${names.join('|')})/`;
/** Every dependency type that is a package from node_modules (not a node built-in, not ours). */
const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];
const OURS = ['local'];

/**
 * The folders of ours a folder may import, besides itself (`may`), and the packages (`packages`: undefined = any).
 * Sub-folder rules (mock-idp/okta, reference-app/*) come after.
 */
const FOLDER_RULES = [
  { folder: 'core', readme: 'core/README.md', may: [], packages: ['undici', 'ajv', 'ajv-formats', 'better-sqlite3'] },
  { folder: 'test-data', readme: 'test-data/README.md', may: ['core'], packages: ['@faker-js/faker'] },
  { folder: 'mock-idp', readme: 'mock-idp/README.md', may: ['core', 'test-data'], packages: ['better-sqlite3', '@faker-js/faker', 'undici'] },
  { folder: 'reference-app', readme: 'reference-app/README.md', may: ['core'], packages: ['fastify', '@fastify/[^/]+', 'better-sqlite3', 'selfsigned'] },
  { folder: 'suites', readme: 'suites/README.md', may: ['core', 'mock-idp', 'test-data'], packages: ['@playwright/test', 'allure-js-commons'] },
  { folder: 'reports', readme: 'reports/README.md', may: ['core'], packages: ['@playwright/test', 'allure', 'allure-js-commons', 'allure-playwright'] },
  { folder: 'replay', readme: 'replay/README.md', may: ['core', 'reports'], packages: ['undici'] },
  { folder: 'console', readme: 'console/README.md', may: ['core', 'mock-idp'], packages: undefined },
  { folder: 'action', readme: 'action/README.md', may: [], packages: [] },
];

const folderRules = FOLDER_RULES.flatMap(({ folder, readme, may, packages }) => [
  {
    name: `${folder}-imports-of-ours`,
    comment: `${readme}: ${folder}/ may import ${may.length ? may.map((f) => `${f}/`).join(', ') : 'nothing else of ours'}${may.length ? ' and nothing else of ours' : ''}`,
    severity: 'error',
    from: { path: under(folder) },
    to: { dependencyTypes: OURS, pathNot: [under(folder, ...may)] },
  },
  ...(packages === undefined ? [] : [{
    name: `${folder}-packages`,
    comment: `${readme}: the packages ${folder}/ may import are ${packages.length ? packages.join(', ') : 'none (node built-ins only)'}`,
    severity: 'error',
    from: { path: under(folder) },
    to: { dependencyTypes: NPM, ...(packages.length ? { pathNot: pkg(...packages) } : {}) },
  }]),
]);

const RA = 'reference-app';
/** reference-app's sub-folders: what each README says it may import inside reference-app/ (core/ is always allowed). */
const referenceAppRules = [
  { sub: 'scim', may: [], types: [] },
  { sub: 'store', may: [], types: [`${RA}/scim/`] },
  { sub: 'resources', may: [`${RA}/scim/`, `${RA}/store/`], types: [`${RA}/defects/types\\.ts$`] },
  { sub: 'defects', may: [`${RA}/scim/`, `${RA}/resources/`, `${RA}/options\\.ts$`], types: [`${RA}/http/`, `${RA}/store/`] },
  { sub: 'http', may: [`${RA}/resources/fail\\.ts$`, `${RA}/scim/scim-error\\.ts$`, `${RA}/defects/types\\.ts$`], types: [] },
  { sub: 'routes', may: [`${RA}/resources/`, `${RA}/http/`, `${RA}/defects/types\\.ts$`], types: [`${RA}/options\\.ts$`] },
].flatMap(({ sub, may, types }) => {
  const own = `^${RA}/${sub}/`;
  const readme = `${RA}/${sub}/README.md`;
  return [
    {
      name: `${RA}-${sub}-imports`,
      comment: `${readme}: inside reference-app/, ${sub}/ may import ${[...may, ...types.map((t) => `types of ${t}`)].join(', ') || 'nothing but itself'}`,
      severity: 'error',
      from: { path: own },
      to: { path: `^${RA}/`, pathNot: [own, ...may.map((m) => `^${m}`), ...types.map((t) => `^${t}`)] },
    },
    ...(types.length ? [{
      name: `${RA}-${sub}-type-only`,
      comment: `${readme}: ${sub}/ may import only types from ${types.join(', ')}`,
      severity: 'error',
      from: { path: own },
      to: { path: types.map((t) => `^${t}`), dependencyTypesNot: ['type-only'] },
    }] : []),
  ];
});

module.exports = {
  forbidden: [
    {
      name: 'unknown-folder',
      comment: 'A module outside the folders whose import rules .dependency-cruiser.cjs states: give the new folder a README saying what it may import, and its rules here (FOLDERS).',
      severity: 'error',
      from: { pathNot: [under(...FOLDERS), ...ROOT_FILES.map((f) => `^${f}$`)] },
      to: {},
    },
    ...folderRules,
    {
      name: 'core-sqlite-in-one-place',
      comment: 'core/README.md: better-sqlite3 is imported by core/sqlite.ts only',
      severity: 'error',
      from: { path: '^core/', pathNot: '^core/sqlite\\.ts$' },
      to: { path: pkg('better-sqlite3'), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'reports-playwright-types-only',
      comment: 'reports/README.md: reports/ uses Playwright\'s reporter types only (the runner loads the reporter)',
      severity: 'error',
      from: { path: '^reports/' },
      to: { path: pkg('@playwright/test', 'playwright'), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'mock-idp-front-door',
      comment: 'mock-idp/README.md: other folders import the mock IdP through its front door, mock-idp/index.ts, or the request shapes alone through mock-idp/request-shapes.ts (tests/ may unit-test a module directly)',
      severity: 'error',
      from: { path: under('suites', 'cli', 'bench', 'reports', 'console') },
      to: { path: '^mock-idp/', pathNot: '^mock-idp/(index|request-shapes)\\.ts$' },
    },
    {
      name: 'mock-idp-okta-requests',
      comment: 'mock-idp/okta/README.md: requests.ts may import core/ and ../request-builder.ts, nothing else of mock-idp',
      severity: 'error',
      from: { path: '^mock-idp/okta/requests\\.ts$' },
      to: { path: '^mock-idp/', pathNot: '^mock-idp/request-builder\\.ts$' },
    },
    {
      name: 'mock-idp-okta-job',
      comment: 'mock-idp/okta/README.md: Okta\'s job imports of mock-idp only what it shares with Entra\'s: cycles/, directory/, logs/, escrow/, db.ts (and okta/ itself)',
      severity: 'error',
      from: { path: '^mock-idp/okta/' },
      to: { path: '^mock-idp/', pathNot: ['^mock-idp/(okta|cycles|directory|logs|escrow)/', '^mock-idp/(db|request-builder)\\.ts$'] },
    },
    {
      name: 'mock-idp-entra-without-okta',
      comment: 'mock-idp/README.md: Okta\'s provisioning sits beside Entra\'s; only the front doors (index.ts, and request-shapes.ts for its request shapes) export it',
      severity: 'error',
      from: { path: '^mock-idp/', pathNot: ['^mock-idp/okta/', '^mock-idp/(index|request-shapes)\\.ts$'] },
      to: { path: '^mock-idp/okta/' },
    },
    ...referenceAppRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^\\.tmp/', 'scim-conform-report'] },
    // `import type` is an edge of its own kind, so "types only" rules can tell it apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // node_modules may be a symlink (worktrees link one checkout's): keep resolved paths under ./node_modules.
    preserveSymlinks: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
  },
};
