// Transient messages (a run failed, a file was saved), announced to screen readers.
import { useActions, useApp } from '../context.ts';

export function Notices() {
  const a = useActions();
  const notices = useApp((s) => s.notices);
  return (
    <div className="notices" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>{n.message}</span>
          <button type="button" className="icon" aria-label="Dismiss" onClick={() => a.dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
