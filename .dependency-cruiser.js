/** Architecture rules, checked by `npm run lint`. */
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
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
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
    exclude: { path: '(^dist|\\.spec\\.ts$)' },
  },
};
