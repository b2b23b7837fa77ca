// The evidence board: the run's notes and chosen visuals with their source; clicking one opens the
// source page with the box highlighted.
import { useRef } from 'react';
import { useActions, useApp } from '../context.ts';
import { rovingKeys, useRovingTabIndex } from '../lib/a11y.ts';
import { sourcesSelectors } from '../store/sources/selectors.ts';

export function EvidenceBoard() {
  const a = useActions();
  const ev = useApp((s) => (s.activeRunId ? s.evidence[s.activeRunId] : undefined));
  const done = useApp((s) => (s.activeRunId ? s.runs[s.activeRunId]?.status === 'done' : false));
  const sources = useApp((s) => s.sources);
  const visuals = useRef<HTMLUListElement>(null);
  // The visual cards are one Tab stop; the arrow keys move between them.
  useRovingTabIndex(visuals, '.card');
  if (!ev || (ev.notes.length === 0 && ev.visuals.length === 0)) {
    return (
      <section className="panel evidence" aria-label="Evidence">
        <h2>Evidence</h2>
        {/* A finished run whose evidence came back empty kept none (a deck or a write-up): saying "appear here" would promise what will not come. */}
        <p className="muted" data-testid="evidence-empty">
          {done && ev ? 'This run kept no notes or chosen visuals.' : 'Notes and chosen visuals of a finished run appear here, each linked to its page.'}
        </p>
      </section>
    );
  }
  return (
    <section className="panel evidence" aria-label="Evidence" data-testid="evidence">
      <h2>Evidence</h2>
      {ev.visuals.length > 0 && (
        <ul className="visuals" aria-label="Visuals" ref={visuals} onKeyDown={rovingKeys('.card')}>
          {ev.visuals.map((v) => (
            <li key={v.id}>
              <button type="button" className="card" onClick={() => a.openViewer({ sourceId: v.ref.sourceId, page: v.ref.page, ...(v.ref.bbox ? { box: v.ref.bbox } : {}), label: v.caption })}>
                <strong>{v.caption || v.id}</strong>
                <span className="small muted">
                  {sourcesSelectors.name({ sources }, v.ref.sourceId)} · p. {v.ref.page}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ul className="notes" aria-label="Notes">
        {ev.notes.map((n) => (
          <li key={n.id} className="note">
            <p>{n.text}</p>
            {n.refs.map((r, i) => (
              <button key={i} type="button" className="link small" onClick={() => a.openViewer({ sourceId: r.sourceId, page: r.page, ...(r.bbox ? { box: r.bbox } : {}) })}>
                {sourcesSelectors.name({ sources }, r.sourceId)} p. {r.page}
              </button>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
