import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** zxcvbn's score runs 0–4; 3 means "safely unguessable" against an online attack and a slow offline one. */
export const PASSWORD_MIN_SCORE = 3;

/** Why zxcvbn found a password weak, in Keyward's words (keyed by zxcvbn's warning names). */
const WARNINGS: Record<string, string> = {
  straightRow: 'it is a straight row of keys on the keyboard',
  keyPattern: 'it is a short keyboard pattern',
  simpleRepeat: 'it repeats the same character (like "aaa")',
  extendedRepeat: 'it repeats a group of characters (like "abcabcabc")',
  sequences: 'it is a common sequence of characters (like "abc" or "1234")',
  recentYears: 'it is built on a recent year',
  dates: 'it is built on a date',
  topTen: 'it is one of the ten most used passwords',
  topHundred: 'it is one of the hundred most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is close to a commonly used password',
  wordByItself: 'a single word is easy to guess',
  namesByThemselves: 'a single name or surname is easy to guess',
  commonNames: 'common names and surnames are easy to guess',
  userInputs: 'it contains your email address or name',
  pwned: 'it has been exposed in a data breach',
};

/** What to do instead, keyed by zxcvbn's suggestion names; the first one that applies goes into the message. */
const SUGGESTIONS: Record<string, string> = {
  l33t: "Swapping letters for look-alikes ('@' for 'a') does not help.",
  reverseWords: 'Spelling a common word backwards does not help.',
  allUppercase: 'Capitals throughout do not help.',
  capitalization: 'A capital first letter does not help.',
  dates: 'Leave out dates and years that belong to you.',
  recentYears: 'Leave out recent years.',
  associatedYears: 'Leave out years that belong to you.',
  sequences: 'Leave out sequences like "abc" or "1234".',
  repeated: 'Leave out repeated words and characters.',
  longerKeyboardPattern: 'Keyboard patterns are easy to guess.',
};

const FIX = 'Use several uncommon words, or a random password from a password manager.';

/** zxcvbn with its common and English dictionaries, loaded on the first check: they are several megabytes. */
let checker: Promise<ZxcvbnFactory> | undefined;

function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    // Every translation is its own key, so the feedback names the warning and the words are Keyward's (above).
    const keysOnly = Object.fromEntries(
      Object.entries(english.translations).map(([section, entries]) => [
        section,
        Object.fromEntries(Object.keys(entries).map((key) => [key, key])),
      ]),
    ) as typeof english.translations;
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: keysOnly,
    });
  })();
  checker.catch(() => {
    checker = undefined;
  });
  return checker;
}

/**
 * Why the password is too easy to guess, as the end of a sentence about it and what to do instead; null when it
 * scores at least PASSWORD_MIN_SCORE. `userInputs` (the person's email, name) count as easy to guess.
 */
export async function weakPasswordReason(password: string, userInputs: string[] = []): Promise<string | null> {
  const zxcvbn = await loadChecker();
  const result = zxcvbn.check(password, userInputs.filter(Boolean));
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const why = (result.feedback.warning && WARNINGS[result.feedback.warning]) || 'it follows a pattern that is quick to guess';
  const hint = result.feedback.suggestions.map((key) => SUGGESTIONS[key]).find(Boolean);
  return `${why}. ${hint ? `${hint} ` : ''}${FIX}`;
}
