// Pushes the hostile sources through every output writer, offline: research-report (report.md, the
// site, HTML slides), pdf-to-web (site), pdf-to-ppt (HTML slides), table-recognition (table.md),
// ocr (ocr.md), image-caption (captions.md), doc-writing (its Markdown). Returns every Markdown and
// HTML file they wrote.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { runSkill } from '../../../skills/registry.js';
import type { RunSkillRequest } from '../../../skills/types.js';

export interface WrittenFile {
  skill: string;
  file: string;
  kind: 'md' | 'html';
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export async function writeAllOutputs(src: { pdf: string; html: string; image: string }, outRoot: string): Promise<WrittenFile[]> {
  const jobs: [string, Omit<RunSkillRequest, 'outDir'>][] = [
    ['research-report', { inputs: [src.pdf, src.html], goal: 'How do the sources evaluate their method?', options: { outputs: 'md,html,slides', 'max-steps': 12 } }],
    ['pdf-to-web', { inputs: [src.pdf] }],
    ['pdf-to-ppt', { inputs: [src.pdf], options: { slides: 6 } }],
    ['table-recognition', { inputs: [src.pdf] }],
    ['ocr', { inputs: [src.image] }],
    ['image-caption', { inputs: [src.image] }],
    ['doc-writing', { inputs: [src.pdf, src.html], goal: 'Summarise the evaluation', options: { length: 'short' } }],
  ];
  const files: WrittenFile[] = [];
  for (const [skill, req] of jobs) {
    const outDir = path.join(outRoot, skill);
    await runSkill(skill, { ...req, outDir });
    for (const f of walk(outDir)) {
      const ext = path.extname(f);
      if (ext === '.md' || ext === '.html') files.push({ skill, file: f, kind: ext === '.md' ? 'md' : 'html' });
    }
  }
  return files;
}
