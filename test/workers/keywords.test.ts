// The workbench's keyword table (completion, hover, highlighting) must agree with the grammar: every
// keyword spelling the grammar accepts is known to the editor, and the editor offers none it rejects.
import { describe, expect, it } from 'vitest';
import { allKeywordSpellings } from '../../src/engine/language/keywords.js';
import { grammarRules, literalsOf } from '../language/grammar-text.js';
import { STAFFING_SET, WINDOW_WORDS } from '../../src/engine/domain/vocabulary.js';

/** Every spelling of every KW_ rule of the grammar (multi-word English keywords split into words). */
function grammarKeywordWords(): Set<string> {
  const words = new Set<string>();
  for (const [name, text] of grammarRules()) {
    if (!name.startsWith('KW_')) continue;
    for (const lit of literalsOf(text)) for (const w of lit.split(' ')) if (w) words.add(w);
  }
  return words;
}

describe('editor keywords = grammar keywords', () => {
  const grammar = grammarKeywordWords();
  const editor = new Set(allKeywordSpellings());

  it('the grammar has keywords to compare (the extraction works)', () => {
    expect([...grammar]).toContain('任务');
    expect([...grammar]).toContain('task');
    expect(grammar.size).toBeGreaterThan(80);
  });

  it('every grammar keyword is known to the editor', () => {
    const missing = [...grammar].filter((w) => !editor.has(w)).sort();
    expect(missing).toEqual([]);
  });

  it('the editor knows no keyword the grammar lacks (entry words such as 标题 come from other rules; 窗口起, 人员配置 are built-in names)', () => {
    const allLiterals = new Set<string>([...Object.keys(WINDOW_WORDS), STAFFING_SET.zh, STAFFING_SET.en]);
    for (const [, text] of grammarRules())
      for (const lit of literalsOf(text)) for (const w of lit.split(' ')) allLiterals.add(w);
    const unknown = [...editor].filter((w) => !allLiterals.has(w)).sort();
    expect(unknown).toEqual([]);
  });
});
