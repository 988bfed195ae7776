import { z } from 'zod';
import { DEFAULT_COMMAND_SETTINGS } from '../../core/commands/command-settings.js';
import { wholeNumber } from './desk-values.js';

/** desk.yaml `commands:` (auditors' chat questions, issue 4). Absent → defaults. */
export const commandSettingsSchema = z
  .strictObject({
    missingLogHours: wholeNumber({ min: 1, max: 720, default: DEFAULT_COMMAND_SETTINGS.missingLogHours }),
    atRiskMinutes: wholeNumber({ min: 0, max: 1440, default: DEFAULT_COMMAND_SETTINGS.atRiskMinutes }),
  })
  .prefault({ missingLogHours: undefined, atRiskMinutes: undefined });
