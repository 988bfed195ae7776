/** The hexagon's one rule, checked on every `npm test`: core is pure. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ imports only core/ and zod (schemas). I/O and SDKs live in adapters/, bots/, workers/.',
      severity: 'error',
      from: { path: '^core/' },
      to: { pathNot: ['^core/', '^node_modules/zod/', '^node_modules/\\.pnpm/zod'] },
    },
    {
      name: 'no-node-builtins-in-core',
      severity: 'error',
      from: { path: '^core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'adapters-do-not-import-workers-or-bots',
      comment:
        'adapters implement ports; the process roles (workers, bots, cli) compose them, not the reverse.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^(workers|bots|cli)/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
