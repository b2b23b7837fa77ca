// The task: goal, skill (from the registry), provider/model, slide budget and theme, and Run.
import { useActions, useApp } from '../context.ts';
import { isMac } from '../lib/format.ts';
import { researchSelectors } from '../store/research/selectors.ts';
import { settingsSelectors } from '../store/settings/selectors.ts';
import { sourcesSelectors } from '../store/sources/selectors.ts';
import { taskSelectors } from '../store/task/selectors.ts';

const NO_THEMES: string[] = [];

export function TaskPanel() {
  const a = useActions();
  const goal = useApp((s) => s.goal);
  const skillId = useApp((s) => s.skillId);
  const skills = useApp((s) => s.skills);
  const skillsError = useApp((s) => s.skillsError);
  const skill = useApp((s) => taskSelectors.skill(s));
  const slides = useApp((s) => s.slides);
  const theme = useApp((s) => s.theme);
  const themes = useApp((s) => s.app?.themes) ?? NO_THEMES;
  const providers = useApp((s) => settingsSelectors.providers(s));
  const providerId = useApp((s) => settingsSelectors.effectiveProviderId(s, s.providerId));
  const usesSlides = useApp((s) => taskSelectors.usesSlides(s));
  const usesTheme = useApp((s) => taskSelectors.usesTheme(s));
  const ready = useApp((s) => sourcesSelectors.readyIds(s).length);
  const ticked = useApp((s) => sourcesSelectors.chosenIds(s).length);
  const running = useApp((s) => researchSelectors.isRunning(s));
  const blocker = useApp((s) => taskSelectors.blocker(s, { ready, ticked }, running));
  const runError = useApp((s) => s.runError);
  // Two primitive selections: an object made afresh on each read would re-render forever.
  const contactsText = useApp((s) => settingsSelectors.contacts(s, providerId).text);
  const contactsBlocked = useApp((s) => settingsSelectors.contacts(s, providerId).blocked);
  const mod = isMac() ? '⌘' : 'Ctrl';

  return (
    <form
      className="panel task"
      aria-label="Task"
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocker) void a.startRun();
      }}
    >
      <h2>Task</h2>
      <label htmlFor="goal">Goal {skill?.goal === 'required' ? '' : <span className="muted small">(optional)</span>}</label>
      <textarea id="goal" rows={3} value={goal} placeholder="What do you want to find out or make?" onChange={(e) => a.setGoal(e.target.value)} />
      <div className="grid2">
        <div>
          <label htmlFor="skill">Skill</label>
          <select id="skill" value={skillId} onChange={(e) => a.setSkill(e.target.value)} aria-describedby="skill-desc">
            {skills.length === 0 && <option value="">{skillsError ? 'Skills unavailable' : 'Loading…'}</option>}
            {skills.map((k) => (
              <option key={k.id} value={k.id} disabled={k.status !== 'ready'}>
                {k.name}
                {k.status === 'broken' ? ' (broken)' : k.status === 'prompt-only' ? ' (needs a model)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="provider">Model</label>
          <select id="provider" value={providerId} onChange={(e) => a.setProvider(e.target.value)}>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
                {p.model ? ` — ${p.model}` : ''}
              </option>
            ))}
          </select>
        </div>
        {usesSlides && (
          <div>
            <label htmlFor="slides">Slide budget</label>
            <input id="slides" type="number" min={1} max={60} value={slides} onChange={(e) => a.setSlides(Number(e.target.value))} />
          </div>
        )}
        {usesTheme && (
          <div>
            <label htmlFor="theme">Theme</label>
            <select id="theme" value={theme} onChange={(e) => a.setTheme(e.target.value)}>
              {themes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <p id="skill-desc" className="small muted">
        {skill?.description ?? skillsError ?? ''}
      </p>
      <p className={`small ${contactsBlocked ? 'error-text' : 'muted'}`} data-testid="contacts">
        {contactsText}
      </p>
      <div className="row">
        <button type="submit" className="primary" disabled={blocker !== null} aria-keyshortcuts="Control+Enter Meta+Enter" data-testid="run">
          Run <span className="kbd">{mod}+Enter</span>
        </button>
        {blocker && <span className="small muted">{blocker}</span>}
      </div>
      {runError && (
        <p className="error-text" role="alert">
          {runError}
        </p>
      )}
    </form>
  );
}
