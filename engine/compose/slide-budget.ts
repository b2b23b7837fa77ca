// The slide budget a person may ask for, in one place: the composers clamp to it, the skills' option
// schemas and `folio export --slides` check against it (SKILL.md states the same bounds; the registry
// refuses a skill whose SKILL.md disagrees with its schema).
export const SLIDE_MIN = 4;
export const SLIDE_MAX = 60;

/** A slide count within the budget's bounds, rounded to a whole slide. */
export function clampSlides(n: number): number {
  return Math.max(SLIDE_MIN, Math.min(SLIDE_MAX, Math.round(n)));
}
