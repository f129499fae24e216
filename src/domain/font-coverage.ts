/**
 * Characters the counter's fonts may not have: private-use code points (外字), the replacement
 * character and variation selectors. Where a name holds one, the card face decides how it is
 * written; the identity screen and the printed application form both flag it.
 */
export function hasUnrenderableCharacters(text: string): boolean {
  return /[\u{E000}-\u{F8FF}\u{FFFD}\u{F0000}-\u{10FFFF}]/u.test(text) || /\p{Variation_Selector}/u.test(text);
}
