import { extractEntities, type ReportEntities } from '../../classify/extract-entities.js';
import type { TriageVerdict } from '../../classify/triage-classifier.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import { FALLBACK_MODULE_TYPE, MODULE_TYPES, type ModuleType } from '../../desk/module-type.js';
import { PRIORITIES, type Priority, type Ticket } from '../../tickets/ticket.entity.js';

const MODULES = new Set<string>(MODULE_TYPES);
export const asModuleType = (label: string): ModuleType =>
  MODULES.has(label) ? (label as ModuleType) : FALLBACK_MODULE_TYPE;

/** Place names the desk knows: areas and offices from the roster, plus triage.places. */
export function knownPlaces(desk: Pick<DeskSettings, 'people' | 'triage'>): string[] {
  const fromRoster = desk.people.flatMap((p) => [
    ...p.areas,
    ...(p.officeLocation ? p.officeLocation.split(/\s+/).slice(0, 1) : []),
  ]);
  return [...new Set([...fromRoster, ...(desk.triage?.places ?? [])])].filter((p) => p !== '*');
}

export function entitiesOf(text: string, desk: Pick<DeskSettings, 'people' | 'triage'>): ReportEntities {
  return extractEntities(text, { places: knownPlaces(desk), systems: desk.triage?.systems ?? [] });
}

/**
 * The ticket with what classification decided. Fields the reporter or a channel already filled win:
 * type only moves off the default `fault`, priority only becomes more urgent (an alert's P1 stays)
 * or, from the default P3, drops to P4 for a request that can wait.
 */
export function applyVerdict(
  t: Ticket,
  category: ModuleType,
  confidence: number,
  verdict: TriageVerdict,
  entities: ReportEntities,
): Ticket {
  const rank = (p: Priority): number => PRIORITIES.indexOf(p);
  const suggested = verdict.priority.value;
  const priority =
    rank(suggested) < rank(t.priority) || (t.priority === 'P3' && suggested === 'P4')
      ? suggested
      : t.priority;
  return {
    ...t,
    category,
    categoryConfidence: confidence,
    type: t.type === 'fault' ? verdict.type.value : t.type,
    priority,
    location: t.location ?? entities.location,
    deviceName: t.deviceName ?? entities.device,
  };
}
