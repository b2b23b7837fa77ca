// Themes shared by the deck, the site and the report: assets/themes/<name>.json.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UserInputError } from '../errors.js';
import { projectRoot } from '../project-root.js';

const Palette = z.object({
  bg: z.string(),
  fg: z.string(),
  muted: z.string(),
  accent: z.string(),
  surface: z.string(),
  border: z.string(),
});

export const Theme = z.object({
  name: z.string(),
  label: z.string(),
  light: Palette,
  dark: Palette,
  /** Font families that PowerPoint, LibreOffice and browsers all have (or substitute metrically). */
  fonts: z.object({ heading: z.string(), body: z.string(), mono: z.string() }),
  /** Which palette the deck uses. */
  deck: z.enum(['light', 'dark']),
});
export type Theme = z.infer<typeof Theme>;
export type Palette = z.infer<typeof Palette>;

export const THEMES_DIR = path.join(projectRoot(), 'assets/themes');
export const DEFAULT_THEME = 'paper';

export async function listThemes(): Promise<string[]> {
  const names = await readdir(THEMES_DIR);
  return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
}

export async function loadTheme(name: string = DEFAULT_THEME): Promise<Theme> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new UserInputError(`theme "${name}": a theme name is lower-case letters, digits and dashes`);
  let raw: string;
  try {
    raw = await readFile(path.join(THEMES_DIR, `${name}.json`), 'utf8');
  } catch {
    throw new UserInputError(`theme "${name}" not found (themes: ${(await listThemes()).join(', ')})`);
  }
  return Theme.parse(JSON.parse(raw));
}
