import { describe, expect, it } from 'vitest';
import { parseDeskYaml } from '../../../adapters/config/index.js';
import { DEFAULT_COMMAND_SETTINGS } from '../../../core/commands/index.js';
import { editedSample, expectProblem } from '../config/config-fixtures.js';

const parse = (text: string) => parseDeskYaml(text, 'desk.yaml');

describe('desk.yaml commands:', () => {
  it('the sample sets the documented values', () => {
    const r = parse(editedSample(() => undefined));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.commands).toEqual({ missingLogHours: 4, atRiskMinutes: 2 });
  });

  it('absent means the defaults, so existing desk files keep working', () => {
    const r = parse(editedSample((doc) => doc.delete('commands')));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.commands).toEqual(DEFAULT_COMMAND_SETTINGS);
  });

  it('refuses a bad value or an unknown key, naming it', () => {
    expectProblem(
      parse(editedSample((doc) => doc.setIn(['commands', 'missingLogHours'], '0'))),
      'commands.missingLogHours',
      /whole number from 1 to 720/,
    );
    expectProblem(
      parse(editedSample((doc) => doc.setIn(['commands', 'missingLogHour'], '3'))),
      'commands',
      /missingLogHour/,
    );
  });
});
