// Finding a 任务分解表's header row by its words, whatever the court named its columns.

export type ColumnRole =
  | 'seq'
  | 'task'
  | 'content'
  | 'leader'
  | 'lead'
  | 'dept'
  | 'support'
  | 'due'
  | 'targets'
  | 'remark';

/** The words a header cell may say for each column, tried in this order (exact before contained). */
export const HEADER_WORDS: Record<ColumnRole, readonly string[]> = {
  seq: ['序号', '编号', '序'],
  task: ['工作任务', '重点任务', '任务名称', '工作事项', '任务', '项目'],
  content: ['具体内容', '工作措施', '具体措施', '主要内容', '工作内容', '任务内容', '主要措施', '工作要求', '具体要求'],
  leader: ['责任领导', '分管领导', '牵头领导', '分管院领导', '责任院领导', '责任人', '负责人'],
  lead: ['牵头单位', '牵头部门', '主办部门', '牵头'],
  dept: ['责任单位', '责任部门', '承办部门'],
  support: ['配合部门', '配合单位', '协办部门', '协办单位', '参与部门'],
  due: ['完成时限', '时间节点', '完成时间', '完成期限', '时限要求', '工作进度及要求', '进度要求', '时限'],
  targets: ['目标及阈值', '目标任务', '目标值', '考核指标', '目标', '指标'],
  remark: ['进展情况', '完成情况', '落实情况', '备注'],
};

export type HeaderColumns = Partial<Record<ColumnRole, number>>;

const squash = (s: string): string => s.replace(/[\s\u3000]+/g, '');

/** The column role a header cell's words name, or null. */
export function headerRole(cell: string): ColumnRole | null {
  const text = squash(cell);
  // A caption (……任务分解表) is not a column's name, though it says 任务.
  if (!text || text.length > 12 || text.endsWith('表')) return null;
  for (const exact of [true, false]) {
    for (const [role, words] of Object.entries(HEADER_WORDS) as Array<[ColumnRole, readonly string[]]>) {
      if (words.some((w) => (exact ? text === w : text.includes(w)))) return role;
    }
  }
  return null;
}

/**
 * The columns a row names, if it is a header: a task column (or a content column standing in for it), and
 * at least two of 责任领导 / 牵头 / 责任 / 配合 / 完成时限. Null when the row is not a header.
 */
export function readHeader(cells: readonly string[]): HeaderColumns | null {
  const cols: HeaderColumns = {};
  cells.forEach((c, k) => {
    const role = headerRole(c);
    if (role && cols[role] === undefined) cols[role] = k;
  });
  if (cols.task === undefined && cols.content !== undefined) {
    cols.task = cols.content;
    delete cols.content;
  }
  if (cols.task === undefined) return null;
  const others = (['leader', 'lead', 'dept', 'support', 'due'] as const).filter((r) => cols[r] !== undefined).length;
  return others >= 2 ? cols : null;
}
