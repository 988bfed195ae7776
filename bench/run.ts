/**
 * `npm run bench -- <name>` runs one benchmark, `npm run bench` runs them all. Each prints its
 * figures with ratios against a baseline measured in the same run and writes bench/results/<name>.json.
 */
const BENCHMARKS: Record<string, () => Promise<void>> = {
  pipeline: async () => (await import('./pipeline.bench.js')).runPipelineBench(),
  db: async () => (await import('./db-repository.bench.js')).runDbRepositoryBench(),
  email: async () => (await import('./email.bench.js')).runEmailBench(),
  classify: async () => (await import('./classify.bench.js')).runClassifyBench(),
  // The CDR import runs first, in a fresh process's memory (its peak RSS is a target), then the KPI queries.
  kpi: async () => {
    const cdr = await import('./cdr-import.bench.js');
    const figures = await cdr.runCdrImportBench();
    await (await import('./kpi.bench.js')).runKpiBench();
    await cdr.mergeIntoKpiResults(figures);
  },
  'cdr-import': async () => void (await (await import('./cdr-import.bench.js')).runCdrImportBench()),
  sla: async () => (await import('./sla.bench.js')).runSlaBench(),
  chat: async () => (await import('./chat.bench.js')).runChatBench(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length > 0 ? wanted : Object.keys(BENCHMARKS);
  for (const name of names) {
    const bench = BENCHMARKS[name];
    if (!bench) {
      console.error(`unknown benchmark "${name}"; available: ${Object.keys(BENCHMARKS).join(', ')}`);
      process.exit(2);
    }
    console.log(`\n=== bench ${name} ===`);
    await bench();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('bench failed:', e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
