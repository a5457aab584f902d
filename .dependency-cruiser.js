/** Architecture rules, checked by `npm run lint` (docs/architecture.md; tools/architecture-rules.spec.ts feeds them imports they must refuse). */
const FEATURES = [
  'structures',
  'measurements',
  'fetch-jobs',
  'uploads',
  'analyses',
  'geometry',
  'alerts',
  'monitoring',
  'live-status',
  'notifications',
];
const KERNEL = ['config', 'auth', 'observability', 'storage', 'messaging', 'oma', 'database', 'contracts', 'ingestion'];
/** Each feature and the features it may use: a DAG, lower features first (ports turn the other way round). */
const FEATURE_USES = {
  structures: [],
  measurements: ['structures'],
  'fetch-jobs': ['structures', 'measurements'],
  uploads: ['structures', 'measurements'],
  analyses: ['structures', 'measurements', 'uploads'],
  geometry: ['structures', 'analyses'],
  alerts: ['structures'],
  monitoring: ['structures', 'measurements', 'analyses', 'alerts'],
  'live-status': ['structures', 'fetch-jobs', 'analyses', 'alerts', 'monitoring'],
  notifications: [],
};
const either = (names) => `(${names.join('|')})`;

module.exports = {
  forbidden: [
    {
      name: 'apps-do-not-import-apps',
      comment: 'Each app is a thin main + module over libs; shared code belongs in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-do-not-import-apps',
      comment: 'Libraries serve the apps, never the reverse.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libraries-only-through-their-index',
      comment: 'A library is used through its one public door, src/index.ts; its other files are its own.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'libraries-only-through-their-index-between-libraries',
      comment: 'The same between libraries: another library is reached through its index alone.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'kernel-knows-no-feature',
      comment: 'Kernel libraries (config, database, messaging, ...) serve every feature and name none.',
      severity: 'error',
      from: { path: `^libs/${either(KERNEL)}/` },
      to: { path: `^libs/${either(FEATURES)}/` },
    },
    {
      name: 'contracts-is-a-leaf',
      comment: 'What apps and clients agree on imports no other library, so every library may import it.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^libs/(?!contracts/)' },
    },
    ...FEATURES.map((feature) => ({
      name: `feature-dag-${feature}`,
      comment: `${feature} uses only ${FEATURE_USES[feature].join(', ') || 'no other feature'}: features form a DAG.`,
      severity: 'error',
      from: { path: `^libs/${feature}/` },
      to: { path: `^libs/${either(FEATURES)}/`, pathNot: `^libs/${either([feature, ...FEATURE_USES[feature]])}/` },
    })),
    {
      name: 'mongoose-only-in-persistence',
      comment: 'Schemas and queries live in a feature\'s persistence/ folder and the database kernel; use cases call repositories.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/([^/]+/src/persistence/|database/)' },
      to: { path: 'node_modules/(mongoose|@nestjs/mongoose|mongodb)/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles, within a library or between libraries.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'oma-numerics-are-plain-typescript',
      comment: 'The numeric OMA library has no Nest (or other framework) imports.',
      severity: 'error',
      from: { path: '^libs/oma/' },
      to: { path: 'node_modules/@nestjs|node_modules/rxjs|node_modules/mongoose|^libs/(?!oma/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^dist|[.-]spec\\.ts$)' },
  },
};
