import type { z } from 'zod';
import type { ErrorDetail } from '../http-errors.js';

/** Validation messages go to the reporter's language: Chinese for the form, English for other clients. */
export type Locale = 'en' | 'zh';

type RawIssue = z.core.$ZodRawIssue;

function required(locale: Locale): string {
  return locale === 'zh' ? '必填' : 'Required.';
}

/** A zod error map: readable messages for the issues our input schemas can raise. */
export function issueMessage(locale: Locale): (issue: RawIssue) => string | undefined {
  const zh = locale === 'zh';
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined) return required(locale);
        return zh ? '格式不正确' : `Expected ${issue.expected}.`;
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) <= 1) return required(locale);
        return zh ? `至少 ${String(issue.minimum)} 个字符` : `At least ${String(issue.minimum)}.`;
      case 'too_big':
        if (issue.origin === 'string')
          return zh ? `最多 ${String(issue.maximum)} 个字符` : `At most ${String(issue.maximum)} characters.`;
        return zh ? `不能超过 ${String(issue.maximum)}` : `At most ${String(issue.maximum)}.`;
      case 'invalid_format':
        if (issue.format === 'email') return zh ? '邮箱格式不正确' : 'Not a valid email address.';
        return zh ? '格式不正确' : `Not a valid ${issue.format}.`;
      case 'invalid_value':
        return zh
          ? `不是有效选项（可选：${issue.values.map(String).join('、')}）`
          : `Must be one of: ${issue.values.map(String).join(', ')}.`;
      default:
        return undefined;
    }
  };
}

/** zod issues as `{ path, message }`, the path written the way the client sent the field. */
export function toErrorDetails(
  issues: readonly z.core.$ZodIssue[],
  renamePath: (path: string) => string = (p) => p,
): ErrorDetail[] {
  return issues.map((issue) => ({
    path: renamePath(issue.path.map(String).join('.')),
    message: issue.message,
  }));
}
