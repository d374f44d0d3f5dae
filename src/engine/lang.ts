// The two languages of every message and face, and the one shape of a text given in both. Chinese is the
// default everywhere; English follows. A message that cannot know its reader's language (a diagnostic's
// one-line form, an error thrown to a caller) carries both, Chinese first: bothLangs.

export type Lang = 'zh' | 'en';

/** A text in both languages: titles, names, notes. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The text in the reader's language. */
export function inLang(text: Bilingual, lang: Lang): string {
  return text[lang];
}

/** Both languages on one line, Chinese first (`中文 / English`). */
export function bothLangs(text: Bilingual): string {
  return `${text.zh} / ${text.en}`;
}
