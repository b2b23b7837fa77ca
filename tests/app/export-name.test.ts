// An exported file is named for what the run was about, not for the skill that made it: a writer's
// downloads folder filled with "doc-writing-a33c73.md", "doc-writing-9f01be.md", …
import { describe, expect, it } from 'vitest';
import { exportBase } from '../../electron/services/controllers/export.ts';

describe('export file names', () => {
  it('takes the goal, else the summary, else the skill, and keeps the short run id', () => {
    expect(exportBase({ id: 'run-a33c73', skillId: 'doc-writing', goal: 'How the systems are evaluated?' })).toBe('how-the-systems-are-evaluated-a33c73');
    expect(exportBase({ id: 'run-9f01be', skillId: 'doc-writing', goal: '', summary: 'Write-up of Dense Passage Retrieval for Open-Domain Question Answering' })).toBe('write-up-of-dense-passage-retrieval-for-open-9f01be');
    expect(exportBase({ id: 'run-77', skillId: 'pdf-to-ppt', goal: '  ' })).toBe('pdf-to-ppt-77');
    expect(exportBase({ id: 'run-1', skillId: 'pdf-to-web', goal: 'Évaluation – données' })).toBe('evaluation-donnees-1');
    expect(exportBase({ id: 'run-2', skillId: 'ocr', goal: '日本語' })).toBe('ocr-2');
  });
});
