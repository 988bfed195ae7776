import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { DeskSettings } from '../../core/desk/index.js';
import { err, ok, type Result } from '../../core/shared/index.js';
import { configErrorMap, formatPath, type ConfigProblem } from './config-problem.js';
import { deskSettingsSchema } from './desk.schema.js';

/** Parses desk.yaml text; `source` names the file in problems. */
export function parseDeskYaml(text: string, source: string): Result<DeskSettings, ConfigProblem[]> {
  const lines = new LineCounter();
  // failsafe: every scalar stays a string (see desk-values.ts for why).
  const doc = parseDocument(text, {
    lineCounter: lines,
    schema: 'failsafe',
    prettyErrors: true,
    uniqueKeys: true,
  });
  if (doc.errors.length > 0) {
    return err(
      doc.errors.map((e) => ({
        source,
        path: '',
        // The pretty message repeats the source line under it; one line per problem is enough.
        message: `invalid YAML: ${e.message.split('\n')[0]?.replace(/:$/, '') ?? e.code}`,
        ...(e.linePos ? { line: e.linePos[0].line } : {}),
      })),
    );
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return err([{ source, path: '', message: 'is empty' }]);

  const parsed = deskSettingsSchema.safeParse(data, { error: configErrorMap });
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((issue): ConfigProblem => {
    const line = lineOf(doc, lines, issue.path);
    return { source, path: formatPath(issue.path), message: issue.message, ...(line ? { line } : {}) };
  });
  return err(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
}

/** The line of the value at `path`, or of its nearest existing parent (a missing key points at its owner). */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  const keys = path.filter((k): k is string | number => typeof k !== 'symbol');
  for (let depth = keys.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(keys.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export function readDeskFile(filePath: string): Result<DeskSettings, ConfigProblem[]> {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    return err([{ source: filePath, path: '', message: unreadable(error) }]);
  }
  return parseDeskYaml(text, filePath);
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found (set DESK_CONFIG to your desk.yaml; desk.example.yaml is a sample to copy)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'EISDIR':
      return 'is a directory, not a YAML file';
    default:
      return `cannot be read (${code ?? String(error)})`;
  }
}
