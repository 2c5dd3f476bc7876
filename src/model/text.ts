/**
 * Text PostgreSQL can take: no NUL character (its text type cannot hold one) and no lone UTF-16
 * surrogate (not Unicode at all). The API refuses other text before any resolver; the store checks
 * cursor values with the same rule.
 */

/** A surrogate that is not half of a pair (in `u` mode a pair is one code point). */
const LONE_SURROGATE = /\p{Cs}/u;

export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}
