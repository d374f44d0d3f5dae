// Editor files generated from the keyword table (keywords.ts) — the same words the workbench's Monarch
// tokenizer highlights: a TextMate grammar and snippets for editors/vscode. scripts/build-vscode-grammar.js
// writes them; test/lsp/vscode.test.ts checks the committed files are current.
import { CASE_FIELDS, EVENT_TYPES } from '../domain/vocabulary.js';
import {
  allKeywordSpellings,
  EXPR_KEYWORDS,
  GROUP_KEYWORDS,
  OTHER_KEYWORDS,
  PLAN_KEYWORDS,
  RULE_KEYWORDS,
  TARGET_KEYWORDS,
  TASK_KEYWORDS,
  TOP_KEYWORDS,
} from './keywords.js';

const NAME_CHAR = '[\\p{L}\\p{N}_·]';
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Whole words only (a keyword followed by a name character is part of a name, as in the grammar). */
const words = (list: readonly string[]): string =>
  `(?<!${NAME_CHAR})(?:${[...new Set(list)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(escapeRegex)
    .join('|')})(?!${NAME_CHAR})`;

export function textMateGrammar(): Record<string, unknown> {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'luoshi plan',
    scopeName: 'source.luoshi',
    fileTypes: ['plan'],
    patterns: [
      { include: '#comments' },
      { include: '#strings' },
      { include: '#dates' },
      { include: '#numbers' },
      { include: '#keywords' },
      { include: '#eventTypes' },
      { include: '#fields' },
      { include: '#operators' },
    ],
    repository: {
      comments: {
        patterns: [
          { name: 'comment.line.double-slash.luoshi', match: '//.*$' },
          { name: 'comment.block.luoshi', begin: '/\\*', end: '\\*/' },
        ],
      },
      strings: {
        patterns: [
          {
            name: 'string.quoted.double.luoshi',
            begin: '"',
            end: '"|$',
            patterns: [{ name: 'constant.character.escape.luoshi', match: '\\\\.' }],
          },
          { name: 'string.quoted.other.luoshi', begin: '“', end: '”|$' },
        ],
      },
      dates: {
        patterns: [
          { name: 'constant.numeric.date.luoshi', match: '\\d{4}年\\d{1,2}月\\d{1,2}[日号]前?' },
          { name: 'constant.numeric.date.luoshi', match: '\\d{4}年\\d{1,2}月[底末前]?' },
          { name: 'constant.numeric.date.luoshi', match: `\\d{4}-\\d{1,2}(?:-\\d{1,2})?(?![\\p{L}\\p{N}_])` },
          { name: 'constant.numeric.date.luoshi', match: '\\d{4}年[底末前]?(?!\\d)' },
        ],
      },
      numbers: {
        patterns: [
          {
            name: 'constant.numeric.unit.luoshi',
            match:
              '\\d+(?:\\.\\d+)?[ \\t]*(?:%|％|‰|个工作日|工作日|个月|万元|亿元|元|件|人|日|天|次)(?![\\p{L}\\p{N}_])',
          },
          { name: 'constant.numeric.luoshi', match: '\\d+(?:,\\d{3})*(?:\\.\\d+)?(?![\\p{L}_])' },
        ],
      },
      keywords: { name: 'keyword.control.luoshi', match: words(allKeywordSpellings()) },
      eventTypes: { name: 'support.type.event.luoshi', match: words(EVENT_TYPES) },
      fields: { name: 'variable.other.field.luoshi', match: words(CASE_FIELDS.flatMap((f) => [f.zh, f.en])) },
      operators: { name: 'keyword.operator.luoshi', match: '>=|<=|!=|==|[<>=≥≤≠+\\-*/×÷]' },
    },
  };
}

/** VS Code snippets: every keyword with a snippet, in Chinese and English (`$LANG` words as typed). */
export function snippets(): Record<string, { prefix: string[]; body: string[]; description: string }> {
  const out: Record<string, { prefix: string[]; body: string[]; description: string }> = {};
  for (const list of [
    TOP_KEYWORDS,
    PLAN_KEYWORDS,
    GROUP_KEYWORDS,
    RULE_KEYWORDS,
    TASK_KEYWORDS,
    TARGET_KEYWORDS,
    EXPR_KEYWORDS,
    OTHER_KEYWORDS,
  ]) {
    for (const k of list) {
      if (!k.snippet || out[`${k.zh} (${k.en})`]) continue;
      out[`${k.zh} (${k.en})`] = { prefix: [k.zh], body: k.snippet.zh.split('\n'), description: k.doc };
      out[`${k.en} (${k.zh})`] = { prefix: [k.en], body: k.snippet.en.split('\n'), description: k.docEn };
    }
  }
  return out;
}
