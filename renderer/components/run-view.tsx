// The run: progress bar with elapsed time, cancel and resume, and the live trace (plan → read →
// state update), with thumbnails of the pages being read.
import { memo, useEffect, useRef, useState } from 'react';
import type { TraceEvent } from '../../electron/contract/contract.ts';
import { useActions, useApp } from '../context.ts';
import { elapsed } from '../lib/format.ts';
import { researchSelectors } from '../store/research/selectors.ts';

const LABELS: Record<string, string> = {
  plan: 'Plan',
  read: 'Read',
  'state-update': 'Update',
  'tool-call': 'Tool',
  'tool-result': 'Result',
  'step-start': 'Step',
  'run-start': 'Start',
  finish: 'Finish',
  error: 'Error',
  resume: 'Resume',
  'run-queued': 'Queued',
  'run-done': 'Done',
  'run-cancelled': 'Stopped',
  'run-failed': 'Failed',
  'skill-start': 'Start',
  'skill-finish': 'Finish',
  ingest: 'Ingest',
  'ingest-progress': 'Reading',
  compose: 'Compose',
  verify: 'Check',
  warning: 'Warning',
  'model-stream': 'Model',
  notice: 'Notice',
};

export function RunView() {
  const a = useActions();
  const run = useApp((s) => researchSelectors.activeRun(s));
  const trace = useApp((s) => researchSelectors.activeTrace(s));
  const runs = useApp((s) => s.runs);
  const skills = useApp((s) => s.skills);
  const [now, setNow] = useState(() => Date.now());
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (run?.status !== 'running') return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [run?.status]);

  // Start at the newest event; from then on CSS scroll anchoring keeps the list pinned to its end
  // while the person has not scrolled up (no layout read per event). A run chosen on load gets its
  // trace after it is shown, so this waits for the first events too.
  const hasTrace = trace.length > 0;
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      const el = listRef.current;
      if (el) el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(id);
  }, [run?.id, hasTrace]);

  if (!run) {
    return (
      <section className="panel run" aria-label="Run">
        <h2>Run</h2>
        <p className="muted">Add a source, choose a skill and press Run. The work shows here as it happens.</p>
      </section>
    );
  }
  const progress = researchSelectors.progress(run, trace);
  const counts = researchSelectors.phaseCounts(trace);
  const runList = Object.values(runs).sort((x, y) => y.startedAt.localeCompare(x.startedAt));
  return (
    <section className="panel run" aria-label="Run" data-testid="run-view" data-status={run.status}>
      <div className="run-head">
        <h2>Run</h2>
        {runList.length > 1 && (
          <select aria-label="Earlier runs" value={run.id} onChange={(e) => void a.selectRun(e.target.value)}>
            {runList.map((r) => (
              <option key={r.id} value={r.id}>
                {skills.find((k) => k.id === r.skillId)?.name ?? r.skillId} · {new Date(r.startedAt).toLocaleTimeString()} · {r.status}
              </option>
            ))}
          </select>
        )}
        <span className={`badge ${run.status}`} data-testid="run-status">
          {run.status}
        </span>
        <span className="muted small" aria-label="Elapsed time">
          {elapsed(researchSelectors.elapsedMs(run, now))}
        </span>
        <div className="spacer" />
        {run.status === 'running' && (
          <button type="button" onClick={() => void a.cancelRun()} aria-keyshortcuts="Escape" data-testid="cancel">
            Cancel <span className="kbd">Esc</span>
          </button>
        )}
        {(run.status === 'cancelled' || run.status === 'failed') && (
          <button type="button" onClick={() => void a.resumeRun()} data-testid="resume">
            Resume
          </button>
        )}
      </div>
      <div
        className={`progress big${progress === null && run.status === 'running' ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        {...(progress !== null ? { 'aria-valuenow': Math.round(progress * 100) } : {})}
      >
        <div style={{ width: `${Math.round((progress ?? (run.status === 'running' ? 0.3 : 0)) * 100)}%` }} />
      </div>
      <p className="small muted" data-testid="phase-counts">
        {/* Plan, reads and state updates are the research agent's; other skills have none, and "0 plan" would read as a fault. */}
        {counts.plan + counts.read + counts.state > 0 ? `${counts.plan} plan · ${counts.read} reads · ${counts.state} state updates · ` : ''}
        {trace.length} events
      </p>
      {run.error && run.status !== 'running' && <p className={run.status === 'failed' ? 'error-text' : 'muted'}>{run.error.message}</p>}
      {run.summary && run.status === 'done' && <p>{run.summary}</p>}
      <ol className="trace" ref={listRef} aria-label="Trace" aria-live="polite" aria-relevant="additions">
        {trace.map((e, i) => (
          <TraceItem key={i} e={e} />
        ))}
      </ol>
    </section>
  );
}

/**
 * A model request as one live line: while it streams, the newest words (reasoning dimmed); when it
 * is done, the totals, with what it wrote (and its reasoning) folded away under a disclosure.
 */
function ModelStream({ e }: { e: TraceEvent }) {
  const phase = typeof e.phase === 'string' ? e.phase : '';
  const text = typeof e.text === 'string' ? e.text : '';
  const reasoning = typeof e.reasoning === 'string' ? e.reasoning : '';
  const tail = (s: string): string => (s.length > 240 ? `…${s.slice(-240)}` : s).replace(/\s+/g, ' ');
  if (phase === 'done') {
    return (
      <span className="trace-msg model-stream done">
        {e.message}
        {(text || reasoning) && (
          <details>
            <summary>What the model wrote</summary>
            {reasoning && <p className="muted small model-reasoning">{reasoning}</p>}
            {text && <p className="model-text">{text}</p>}
          </details>
        )}
      </span>
    );
  }
  if (phase === 'waiting' && !text && !reasoning) return <span className="trace-msg model-stream waiting">{e.message}</span>;
  return (
    <span className="trace-msg model-stream" aria-live="off">
      {text ? <span className="model-text">{tail(text)}</span> : <span className="muted model-reasoning">Thinking: {tail(reasoning)}</span>}
      {phase === 'waiting' && <span className="muted small"> ({e.message})</span>}
    </span>
  );
}

// Memoised: a trace grows by one event at a time, and the items before it never change.
const TraceItem = memo(function TraceItem({ e }: { e: TraceEvent }) {
  const a = useActions();
  const ref = researchSelectors.readRef(e);
  const thumbs = useApp((s) => s.thumbs);
  useEffect(() => {
    if (ref) for (const p of ref.pages.slice(0, 4)) void a.loadThumb(ref.sourceId, p).catch(() => undefined);
    // The ref is derived from the event, which never changes.
  }, [a, e]);
  return (
    <li className={`trace-item t-${e.type}`} data-type={e.type}>
      <span className="trace-type">{LABELS[e.type] ?? e.type}</span>
      {e.type === 'model-stream' ? <ModelStream e={e} /> : <span className="trace-msg">{e.message}</span>}
      {ref && ref.pages.length > 0 && (
        <span className="trace-thumbs">
          {ref.pages.slice(0, 4).map((p) => {
            const src = thumbs[`${ref.sourceId}:${p}`];
            return (
              <button type="button" key={p} className="mini-thumb" aria-label={`Open page ${p}`} onClick={() => a.openViewer({ sourceId: ref.sourceId, page: p })}>
                {src ? <img src={src} alt="" decoding="async" /> : <span>{p}</span>}
              </button>
            );
          })}
        </span>
      )}
    </li>
  );
});
