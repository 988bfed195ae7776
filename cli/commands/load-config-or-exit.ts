import { formatConfigProblems, loadConfig } from '../../adapters/config/index.js';
import type { AppConfig } from '../../adapters/config/app-config.js';

/** Boot stops here on any bad value: every problem printed with its path, exit code 2. */
export function loadConfigOrExit(): AppConfig {
  const loaded = loadConfig();
  if (loaded.ok) return loaded.value;
  console.error(
    `deskbot: configuration has ${loaded.error.length} problem(s):\n${formatConfigProblems(loaded.error)}`,
  );
  process.exit(2);
}
