// Prompt-only skills (a folder with just a SKILL.md, as the public GLM skills are): the research agent
// follows the skill's instructions with the configured vision-language model over the inputs, and the
// result is written as a report (plus state and trace, so the run can be inspected and resumed).
import path from 'node:path';
import { runResearch } from '../../engine/agent/index.js';
import { composeResearch } from '../../engine/compose/research.js';
import { exportArtifacts } from '../../engine/export/index.js';
import type { ProviderConfig } from '../../engine/providers/index.js';
import type { RunSkillRequest, SkillEvent, SkillInfo, SkillResult } from '../types.js';

export async function runPromptSkill(args: {
  info: SkillInfo;
  body: string;
  req: RunSkillRequest;
  runId: string;
  signal: AbortSignal;
  emit: (e: Omit<SkillEvent, 'runId'>) => void;
}): Promise<SkillResult> {
  const { info, body, req, signal, emit } = args;
  const goal = [`Follow the skill "${info.name}" (${info.description}).`, body, req.goal ? `The user's request: ${req.goal}` : ''].filter(Boolean).join('\n\n');
  const runDir = path.join(path.resolve(req.outDir), 'run');
  const state = await runResearch({
    goal,
    sources: req.inputs,
    runDir,
    provider: (req.provider ?? { kind: 'offline' }) as ProviderConfig,
    network: req.network === true,
    signal,
    onEvent: (e) => emit(e as unknown as Omit<SkillEvent, 'runId'>),
  });
  const { report, problems } = await composeResearch(state, runDir);
  for (const p of problems) emit({ type: 'notice', message: p });
  const files = await exportArtifacts({ report, to: ['markdown'], outDir: req.outDir, signal });
  return {
    outputs: [
      { kind: 'markdown', path: files[0]!.path, label: files[0]!.label },
      { kind: 'state', path: path.join(runDir, 'state.json'), label: 'Research state' },
    ],
    summary: `${info.name}: ${state.notes.length} notes from ${state.sources.length} sources`,
  };
}
