// Messages the loaders build in more than one place: a repeated id, and problems left unlisted.
import type { DataProblem } from '../../engine/data/problems.js';

/** The message of a record whose id an earlier accepted record (at `where`, file:line) already has. */
export function duplicateMessage(id: string, where: string): { message: string; messageEn: string } {
  return {
    message: `案号重复：${id}（首次出现于 ${where}）`,
    messageEn: `duplicate id ${id} (first seen at ${where})`,
  };
}

/** The last problem listed when some are not: how many more there are. */
export function moreProblems(unlisted: number): DataProblem {
  return {
    file: '',
    line: 0,
    field: '',
    code: 'D0000',
    severity: 'warning',
    message: `另有 ${unlisted} 个问题未列出`,
    messageEn: `${unlisted} more problems not listed`,
  };
}
