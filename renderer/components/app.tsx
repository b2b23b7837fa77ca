// The app shell: header, the three working columns (sources, task + run, outputs + evidence),
// dialogs, notices and the keyboard shortcuts (Ctrl/Cmd+O add sources, Ctrl/Cmd+Enter run, Esc cancel).
import { useEffect, useRef } from 'react';
import { useActions, useApp, useClient } from '../context.ts';
import { researchSelectors } from '../store/research/selectors.ts';
import { settingsSelectors } from '../store/settings/selectors.ts';
import { sourcesSelectors } from '../store/sources/selectors.ts';
import { taskSelectors } from '../store/task/selectors.ts';
import { EvidenceBoard } from './evidence-board.tsx';
import { Notices } from './notices.tsx';
import { OutputsPanel } from './outputs-panel.tsx';
import { PageViewer } from './page-viewer.tsx';
import { RunView } from './run-view.tsx';
import { SettingsDialog } from './settings-dialog.tsx';
import { SourcesPanel } from './sources-panel.tsx';
import { TaskPanel } from './task-panel.tsx';

export function App() {
  const a = useActions();
  const client = useClient();
  const project = useApp((s) => s.project);
  const appearance = useApp((s) => settingsSelectors.appearance(s, matchMedia('(prefers-color-scheme: dark)').matches));
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.documentElement.dataset.theme = appearance;
  }, [appearance]);

  useEffect(() => {
    const run = (command: 'add-sources' | 'run' | 'cancel' | 'settings'): void => {
      const s = a.store();
      if (command === 'add-sources') {
        if (s.app?.nativeDialogs) void s.pickFiles();
        else fileInput.current?.click();
      } else if (command === 'run') {
        const running = researchSelectors.isRunning(s);
        if (!taskSelectors.blocker(s, sourcesSelectors.chosenCounts(s), running)) void s.startRun();
      } else if (command === 'cancel') {
        if (researchSelectors.isRunning(s)) void s.cancelRun();
      } else {
        s.setSettingsOpen(true);
      }
    };
    const onKey = (e: KeyboardEvent): void => {
      const s = a.store();
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        run('add-sources');
      } else if (mod && e.key === 'Enter') {
        e.preventDefault();
        run('run');
      } else if (e.key === 'Escape') {
        // Esc closes the topmost thing first; only with nothing open does it cancel the run.
        if (s.viewer) s.closeViewer();
        else if (s.settingsOpen) s.setSettingsOpen(false);
        else run('cancel');
      }
    };
    window.addEventListener('keydown', onKey);
    const off = client.on('app.command', ({ command }) => run(command));
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [a, client]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand" aria-label="Folio">
          <span className="logo" aria-hidden="true">▤</span> Folio
        </div>
        <div className="project" title={project?.dir}>
          {project ? project.name : 'No project'}
          {project && <span className="muted small"> — {project.dir}</span>}
        </div>
        <button type="button" className="ghost" onClick={() => a.setSettingsOpen(true)}>
          Settings
        </button>
      </header>
      <main className="columns">
        <SourcesPanel fileInput={fileInput} />
        <section className="column center" aria-label="Task and run">
          <TaskPanel />
          <RunView />
        </section>
        <section className="column right" aria-label="Results">
          <OutputsPanel />
          <EvidenceBoard />
        </section>
      </main>
      <PageViewer />
      <SettingsDialog />
      <Notices />
    </div>
  );
}
