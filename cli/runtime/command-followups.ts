import { ok, type Result } from '../../core/shared/result.js';
import type { FileComplaint, HandOverShift } from '../../core/use-cases/chat-command/index.js';
import type { UseCaseError } from '../../core/use-cases/use-case.errors.js';

/** The complaints feature's submit use case, as far as 投诉 needs it. */
export interface ComplaintSubmitter {
  execute(cmd: Parameters<FileComplaint>[0]): Promise<Result<{ complaint: { id: string } }, UseCaseError>>;
}

/** The handover feature's use case, as far as 交接 needs it. */
export interface ShiftHandover {
  execute(
    cmd: Parameters<HandOverShift>[0],
  ): Promise<Result<{ id: string; items: readonly unknown[] }, UseCaseError>>;
}

/** 投诉 from chat runs the complaints feature's use case; the reply quotes the complaint's id. */
export function complaintCommand(submit: ComplaintSubmitter): FileComplaint {
  return async (req) => {
    const r = await submit.execute(req);
    return r.ok ? ok({ reference: r.value.complaint.id }) : r;
  };
}

/** 交接 from chat runs the handover feature's use case; the reply counts the tickets handed over. */
export function handoverCommand(handover: ShiftHandover): HandOverShift {
  return async (req) => {
    const r = await handover.execute(req);
    return r.ok ? ok({ reference: r.value.id, tickets: r.value.items.length }) : r;
  };
}
