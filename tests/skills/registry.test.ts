// The skill registry: built-ins listed, a user's skill folder discovered and run, a prompt-only
// SKILL.md listed as such, a broken skill reported with its path while the others still load.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSkills, parseSkillMd, runSkill } from '../../skills/registry.js';
import { corpus, repoRoot } from '../helpers/corpus.js';

const BUILTINS = ['doc-writing', 'image-caption', 'ocr', 'pdf-to-ppt', 'pdf-to-web', 'research-report', 'table-recognition', 'visual-grounding'];

function userSkills(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'folio-skills-'));
  // A runnable user skill: counts the pages of its input with the engine's public ingest.
  mkdirSync(path.join(root, 'page-count'));
  writeFileSync(
    path.join(root, 'page-count', 'SKILL.md'),
    '---\nname: Page count\ndescription: Counts the pages of a document.\nid: page-count\ninputs: [pdf]\nmax-inputs: 1\noutputs: [json]\nprovider: none\noptions:\n  - name: label\n    type: string\n    default: pages\n    description: The key the count is written under.\n---\nCounts pages.\n',
  );
  writeFileSync(
    path.join(root, 'page-count', 'index.ts'),
    `import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ingestFile } from '${path.join(repoRoot, 'engine/ingest/index.js')}';
import { defineSkill } from '${path.join(repoRoot, 'skills/types.js')}';
export default defineSkill({
  id: 'page-count',
  inputSchema: z.object({ label: z.string().default('pages') }),
  async run(ctx) {
    const { doc } = await ingestFile(ctx.inputs[0]!, { crops: false, signal: ctx.signal });
    const file = path.join(ctx.outDir, 'count.json');
    await writeFile(file, JSON.stringify({ [ctx.options.label]: doc.pageCount }));
    ctx.emit({ type: 'log', message: 'counted' });
    return { outputs: [{ kind: 'json', path: file, label: 'Page count' }], summary: doc.pageCount + ' pages' };
  },
});
`,
  );
  // Prompt-only, in the public GLM skill format.
  mkdirSync(path.join(root, 'poster-critique'));
  writeFileSync(path.join(root, 'poster-critique', 'SKILL.md'), '---\nname: poster-critique\ndescription: Critiques an academic poster.\nmetadata:\n  author: someone\n---\nLook at the poster and list what to fix.\n');
  // Broken: its SKILL.md offers a slide budget of 4..60 while its code takes 1..10 and an option it never declares.
  mkdirSync(path.join(root, 'drifted'));
  writeFileSync(
    path.join(root, 'drifted', 'SKILL.md'),
    '---\nname: Drifted\ndescription: Options out of step.\nid: drifted\noptions:\n  - name: slides\n    type: number\n    min: 4\n    max: 60\n    description: Slide budget.\n---\nbody\n',
  );
  writeFileSync(
    path.join(root, 'drifted', 'index.ts'),
    `import { z } from 'zod';
import { defineSkill } from '${path.join(repoRoot, 'skills/types.js')}';
export default defineSkill({
  id: 'drifted',
  inputSchema: z.object({ slides: z.coerce.number().int().min(1).max(10).optional(), secret: z.boolean().default(false) }),
  async run() {
    return { outputs: [], summary: 'ran' };
  },
});
`,
  );
  // Broken: front matter without a description; and a folder without SKILL.md.
  mkdirSync(path.join(root, 'broken'));
  writeFileSync(path.join(root, 'broken', 'SKILL.md'), '---\nname: broken\n---\nno description\n');
  mkdirSync(path.join(root, 'empty'));
  return root;
}

describe('skill registry', () => {
  it('lists the eight built-in skills as ready', async () => {
    const skills = await listSkills({ userDir: path.join(os.tmpdir(), 'folio-no-such-dir') });
    expect(skills.map((s) => s.id).sort()).toEqual(BUILTINS);
    for (const s of skills) {
      expect(s.status, `${s.id}: ${s.error ?? ''}`).toBe('ready');
      expect(s.origin).toBe('builtin');
      expect(readFileSync(path.join(s.dir, 'SKILL.md'), 'utf8').length).toBeGreaterThan(200);
    }
  });

  it('discovers a user skill folder and runs it; lists prompt-only and broken skills with reasons', async () => {
    const dir = userSkills();
    const skills = await listSkills({ userDir: dir });
    const byId = new Map(skills.map((s) => [s.id, s]));
    expect(byId.get('page-count')).toMatchObject({ origin: 'user', status: 'ready' });
    expect(byId.get('poster-critique')).toMatchObject({ status: 'prompt-only', provider: 'required' });
    expect(byId.get('broken')?.status).toBe('broken');
    expect(byId.get('broken')?.error).toMatch(/broken[/\\]SKILL\.md: front matter field "description"/);
    expect(byId.get('empty')?.error).toMatch(/missing SKILL\.md/);
    // SKILL.md and index.ts disagree: broken, naming each option, so the app never shows a form the code refuses.
    expect(byId.get('drifted')?.status).toBe('broken');
    expect(byId.get('drifted')?.error).toMatch(/option "secret": taken by index\.ts but not declared in SKILL\.md/);
    expect(byId.get('drifted')?.error).toMatch(/option "slides": SKILL\.md's min 4 is not index\.ts's 1/);
    expect(byId.get('drifted')?.error).toMatch(/option "slides": SKILL\.md's max 60 is not index\.ts's 10/);
    expect(byId.get('pdf-to-ppt')?.status).toBe('ready');

    const out = mkdtempSync(path.join(os.tmpdir(), 'folio-user-run-'));
    const r = await runSkill('page-count', { inputs: [corpus('papers/pdfjs_tracemonkey.pdf')], outDir: out, userDir: dir, options: { label: 'n' } });
    expect(JSON.parse(readFileSync(r.outputs[0]!.path, 'utf8'))).toEqual({ n: 14 });

    await expect(runSkill('poster-critique', { inputs: [corpus('papers/pdfjs_tracemonkey.pdf')], outDir: out, userDir: dir })).rejects.toThrow(/prompt-only skill .* needs a vision-language model/);
    await expect(runSkill('broken', { inputs: [], outDir: out, userDir: dir })).rejects.toThrow(/cannot run: .*description/);
  });

  it('rejects bad requests with a clear message before doing any work', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'folio-bad-'));
    await expect(runSkill('no-such-skill', { inputs: [], outDir: out })).rejects.toThrow(/unknown skill "no-such-skill"/);
    await expect(runSkill('pdf-to-ppt', { inputs: [], outDir: out })).rejects.toThrow(/needs at least 1 input/);
    await expect(runSkill('pdf-to-ppt', { inputs: ['/nope/missing.pdf'], outDir: out })).rejects.toThrow(/missing\.pdf: file not found/);
    await expect(runSkill('pdf-to-ppt', { inputs: ['notes.docx'], outDir: out })).rejects.toThrow(/notes\.docx: not a file type Folio reads/);
    await expect(runSkill('pdf-to-ppt', { inputs: [corpus('papers/pdfjs_tracemonkey.pdf')], outDir: out, options: { slides: 'many' } })).rejects.toThrow(/option "slides"/);
    await expect(runSkill('research-report', { inputs: [corpus('papers/pdfjs_tracemonkey.pdf')], outDir: out })).rejects.toThrow(/give a goal/);
  });

  it('parses GLM-style SKILL.md front matter and reports YAML errors with the file', () => {
    expect(parseSkillMd('---\nname: x\ndescription: y\nmetadata: {a: 1}\n---\nbody', 'S.md').body).toBe('body');
    expect(() => parseSkillMd('no front matter', 'S.md')).toThrow(/S\.md: SKILL\.md must start with YAML front matter/);
    expect(() => parseSkillMd('---\nname: [\n---\n', 'S.md')).toThrow(/S\.md: front matter is not valid YAML/);
  });
});
