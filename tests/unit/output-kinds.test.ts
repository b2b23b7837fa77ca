// Output kinds have one name each (issue 25); the older names the CLI and saved runs used are read
// through the vocabulary's one alias map, and nowhere else.
import { describe, expect, it } from 'vitest';
import { RunInfo } from '../../electron/contract/contract.ts';
import { parseTargets } from '../../engine/export/index.ts';
import { EXPORT_KINDS, OUTPUT_ALIASES, OUTPUT_KINDS, OutputKind, outputKindOf } from '../../engine/vocabulary/outputs.ts';

describe('output kinds', () => {
  it('reads the current names and the older ones as the same outputs, once each, in the order given', () => {
    expect(parseTargets('markdown,site,pptx,slides')).toEqual(['markdown', 'site', 'pptx', 'slides']);
    expect(parseTargets('md, HTML ,deck,slides,report')).toEqual(['markdown', 'site', 'pptx', 'slides']);
  });

  it('refuses a name that is no output, naming the choices', () => {
    expect(() => parseTargets('md,docx')).toThrow('--to: "docx" is not an output (choose from markdown, site, pptx, slides)');
    expect(() => parseTargets('json')).toThrow(/"json" is not an output/);
    expect(() => parseTargets(' , ')).toThrow(/name at least one output/);
  });

  it('maps every alias to a kind, and no alias shadows a current name', () => {
    for (const [alias, kind] of Object.entries(OUTPUT_ALIASES)) {
      expect(OUTPUT_KINDS).toContain(kind);
      expect(OUTPUT_KINDS as readonly string[]).not.toContain(alias);
    }
    for (const k of OUTPUT_KINDS) expect(outputKindOf(k)).toBe(k);
    expect(outputKindOf('docx')).toBeUndefined();
    expect(EXPORT_KINDS.every((k) => (OUTPUT_KINDS as readonly string[]).includes(k))).toBe(true);
  });

  it('reads a run saved with the older names under the current ones', () => {
    expect(OutputKind.parse('report')).toBe('markdown');
    expect(() => OutputKind.parse('docx')).toThrow();
    const run = RunInfo.parse({
      id: 'run-1', skillId: 'research-report', goal: 'g', sourceIds: ['a'], options: { outputs: 'md,html' }, providerId: 'offline',
      status: 'done', startedAt: '2026-01-01T00:00:00Z', attempts: 1,
      outputs: [{ kind: 'report', label: 'Report', path: 'runs/run-1/out/report.md', name: 'report.md' }, { kind: 'html', label: 'Site', path: 'runs/run-1/out/site/index.html', name: 'index.html' }],
    });
    expect(run.outputs.map((o) => o.kind)).toEqual(['markdown', 'site']);
  });
});
