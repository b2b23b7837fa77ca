// One kill -9 trial of a research run (issue 28): `folio research` (offline provider) in its own
// process group, SIGKILLed after a given delay, so the kill may land while the sources are read or
// anywhere in the loop; then continued the way README says: `--resume` when state.json is there,
// otherwise the same command again. The end state is checked against an uninterrupted run's.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ResearchState } from '../../engine/agent/state.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FOLIO = path.join(ROOT, 'electron/bin/folio.mjs');

export interface ResearchRequest {
  sources: string[];
  goal: string;
}

/** When to kill: after so many ms, or as soon as the trace holds so many step-start events. */
export type KillAt = { ms: number } | { step: number; out: string };

function stepsInTrace(out: string): number {
  try {
    return (readFileSync(path.join(out, 'trace.jsonl'), 'utf8').match(/"type":"step-start"/g) ?? []).length;
  } catch {
    return 0;
  }
}

function folio(args: string[], kill?: KillAt): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FOLIO, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const killGroup = (): void => {
      try {
        // The whole group: the CLI, its page workers and the model host.
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // It had ended already.
      }
    };
    let timer: NodeJS.Timeout | undefined;
    if (kill && 'ms' in kill) timer = setTimeout(killGroup, kill.ms);
    if (kill && 'step' in kill) {
      timer = setInterval(() => {
        if (stepsInTrace(kill.out) >= kill.step) {
          clearInterval(timer);
          killGroup();
        }
      }, 5);
    }
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}

export const researchArgs = (r: ResearchRequest, out: string): string[] => ['research', ...r.sources, '--goal', r.goal, '--out', out, '--quiet'];

/** What must hold of a run's folder: a state that parses, and a trace whose every line does. */
export function readRun(out: string): { state: ResearchState | null; problems: string[] } {
  const problems: string[] = [];
  let state: ResearchState | null = null;
  const file = path.join(out, 'state.json');
  if (existsSync(file)) {
    const parsed = ResearchState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) state = parsed.data;
    else problems.push(`state.json does not parse: ${parsed.error.issues[0]?.message ?? '?'}`);
  }
  const trace = path.join(out, 'trace.jsonl');
  if (existsSync(trace)) {
    const lines = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    lines.forEach((l, i) => {
      try {
        JSON.parse(l);
      } catch {
        problems.push(`trace.jsonl line ${i + 1} is cut off`);
      }
    });
  }
  // A source folder without document.json is hidden (a temporary one); one with it must parse whole.
  const sources = path.join(out, 'sources');
  if (existsSync(sources)) {
    for (const d of readdirSync(sources).filter((n) => !n.startsWith('.'))) {
      const doc = path.join(sources, d, 'document.json');
      if (!existsSync(doc)) problems.push(`sources/${d} has no document.json`);
      else
        try {
          JSON.parse(readFileSync(doc, 'utf8'));
        } catch {
          problems.push(`sources/${d}/document.json is cut off`);
        }
    }
  }
  if (state) for (const img of [...state.visuals.map((v) => v.image), ...state.crops.map((c) => c.image)]) if (img && !existsSync(path.join(out, img))) problems.push(`${img} is named in state.json but missing`);
  return { state, problems };
}

/** The notes as a comparable list: text and evidence, in order (ids and steps may differ). */
export const noteKeys = (s: ResearchState): string[] => s.notes.map((n) => JSON.stringify([n.text, n.evidence.map((e) => [e.sourceId, e.page, e.quote])]));

export async function referenceRun(r: ResearchRequest, out: string): Promise<ResearchState> {
  const res = await folio(researchArgs(r, out));
  const { state, problems } = readRun(out);
  if (res.code !== 0 || !state || problems.length > 0) throw new Error(`reference run failed (exit ${res.code}): ${problems.join('; ')} ${res.stderr.slice(-500)}`);
  return state;
}

export interface TrialResult {
  kill: string;
  /** Where the kill landed: before state.json existed (reading sources), or at which step. */
  killedAt: string;
  resumedBy: 'resume' | 'same command' | 'none (had finished)';
  resumedOk: boolean;
  notesIdentical: boolean;
  duplicates: number;
  problems: string[];
}

export async function killTrial(r: ResearchRequest, out: string, at: { ms: number } | { step: number }, reference: ResearchState): Promise<TrialResult> {
  const first = await folio(researchArgs(r, out), 'ms' in at ? at : { step: at.step, out });
  const mid = readRun(out);
  const problems = [...mid.problems.map((p) => `after the kill: ${p}`)];
  const killedAt = first.signal !== 'SIGKILL' ? 'after it ended' : mid.state ? `step ${mid.state.step}` : 'reading sources';
  let resumedBy: TrialResult['resumedBy'] = 'none (had finished)';
  let resumed = { code: 0 as number | null, stderr: '' };
  if (mid.state?.status !== 'finished') {
    resumedBy = mid.state ? 'resume' : 'same command';
    resumed = await folio(mid.state ? ['research', '--resume', out, '--quiet'] : researchArgs(r, out));
  }
  const end = readRun(out);
  problems.push(...end.problems);
  const keys = end.state ? noteKeys(end.state) : [];
  const resumedOk = resumed.code === 0 && end.state?.status === 'finished';
  if (!resumedOk) problems.push(`resume: exit ${resumed.code}, status ${end.state?.status ?? 'no state'}: ${resumed.stderr.trim().split('\n').slice(-2).join(' / ')}`);
  return {
    kill: 'ms' in at ? `after ${at.ms} ms` : `at step ${at.step}`,
    killedAt,
    resumedBy,
    resumedOk,
    notesIdentical: JSON.stringify(keys) === JSON.stringify(noteKeys(reference)),
    duplicates: keys.length - new Set(keys).size + (end.state ? end.state.notes.length - new Set(end.state.notes.map((n) => n.id)).size : 0),
    problems,
  };
}
