// The task: goal, skill (from the registry), provider/model, slide budget and theme, and Run.
import { EXPORT_LABELS, outputKindOf, type SkillOptionInfo } from '../../electron/contract/contract.ts';
import { useActions, useApp } from '../context.ts';
import { isMac } from '../lib/format.ts';
import { researchSelectors } from '../store/research/selectors.ts';
import { settingsSelectors } from '../store/settings/selectors.ts';
import { sourcesSelectors } from '../store/sources/selectors.ts';
import { taskSelectors } from '../store/task/selectors.ts';


export function TaskPanel() {
  const a = useActions();
  const goal = useApp((s) => s.goal);
  const skillId = useApp((s) => s.skillId);
  const skills = useApp((s) => s.skills);
  const skillsError = useApp((s) => s.skillsError);
  const skill = useApp((s) => taskSelectors.skill(s));
  const providers = useApp((s) => settingsSelectors.providers(s));
  const providerId = useApp((s) => settingsSelectors.effectiveProviderId(s, s.providerId));
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
        {(skill?.options ?? []).map((o) => (
          <OptionField key={`${skill?.id ?? ''}:${o.name}`} option={o} />
        ))}
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

/** One skill option, drawn from its declaration: number, yes/no, one of, several of, or text. */
function OptionField({ option: o }: { option: SkillOptionInfo }) {
  const a = useActions();
  const value = useApp((s) => taskSelectors.optionValue(s, o));
  const id = `opt-${o.name}`;
  const label = taskSelectors.optionLabel(o);
  if (o.type === 'boolean') {
    return (
      <div className="check" title={o.description}>
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => a.setOption(o.name, e.target.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  }
  if (o.type === 'set') {
    // A task remembered from an earlier version may say md/html: read through the vocabulary's aliases.
    const current = (x: string): string => {
      const k = outputKindOf(x);
      return k !== undefined && (o.values ?? []).includes(k) ? k : x;
    };
    const chosen = new Set(String(value ?? '').split(',').map((x) => current(x.trim())).filter(Boolean));
    const toggle = (v: string, on: boolean): void => {
      const next = (o.values ?? []).filter((x) => (x === v ? on : chosen.has(x)));
      if (next.length > 0) a.setOption(o.name, next.join(','));
    };
    return (
      <fieldset className="option-set" title={o.description}>
        <legend>{label}</legend>
        {(o.values ?? []).map((v) => (
          <label key={v} className="check-inline">
            <input type="checkbox" checked={chosen.has(v)} onChange={(e) => toggle(v, e.target.checked)} /> {outputWords(v)}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <div title={o.description}>
      <label htmlFor={id}>{label}</label>
      {o.type === 'enum' ? (
        <select id={id} value={String(value ?? '')} onChange={(e) => a.setOption(o.name, e.target.value)}>
          {o.default === undefined && o.setting === undefined && <option value="">none</option>}
          {(o.values ?? []).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : o.type === 'number' ? (
        <input
          id={id}
          type="number"
          {...(o.min !== undefined ? { min: o.min } : {})}
          {...(o.max !== undefined ? { max: o.max } : {})}
          placeholder="auto"
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => a.setOption(o.name, e.target.value === '' ? '' : Number(e.target.value))}
        />
      ) : (
        <input id={id} type="text" value={String(value ?? '')} onChange={(e) => a.setOption(o.name, e.target.value)} />
      )}
    </div>
  );
}

/** Output kinds in words, where a skill's values are output kinds. */
function outputWords(v: string): string {
  return Object.hasOwn(EXPORT_LABELS, v) ? EXPORT_LABELS[v as keyof typeof EXPORT_LABELS] : v;
}
