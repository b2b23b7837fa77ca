// The theme a deck exporter draws with: one given by the caller, or the deck's own by name.
import type { Deck } from '../../compose/types.js';
import { loadTheme, type Theme } from '../../compose/theme.js';

export async function resolveTheme(deck: Deck, theme: Theme | string | undefined): Promise<Theme> {
  if (theme && typeof theme !== 'string') return theme;
  return loadTheme(theme ?? deck.theme);
}
