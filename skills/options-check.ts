// A skill declares its options twice: in SKILL.md (what the app's form and `folio skills` show) and
// as the zod inputSchema its code parses. This check makes the two one declaration in effect: a
// built-in or user skill whose two lists disagree (a name, a type, a bound, a default, an enum's
// values) loads as broken, with the option named, instead of showing a form the code then refuses
// or hiding an option the code takes (issue 25).
import { z } from 'zod';
import type { SkillOption } from './types.js';

type JsonSchema = { type?: string | string[]; enum?: unknown[]; minimum?: number; maximum?: number; default?: unknown; properties?: Record<string, JsonSchema> };

const TYPES: Record<SkillOption['type'], string[]> = {
  number: ['number', 'integer'],
  boolean: ['boolean'],
  string: ['string'],
  set: ['string'],
  enum: ['string'],
};

/** Where SKILL.md's options and the schema disagree, one line per problem; empty when they agree. */
export function optionMismatches(declared: readonly SkillOption[], schema: z.ZodType): string[] {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch (err) {
    return [`the inputSchema cannot be described (${(err as Error).message.split('\n')[0]})`];
  }
  const props = json.properties ?? {};
  const out: string[] = [];
  const names = new Set(declared.map((o) => o.name));
  for (const name of Object.keys(props)) if (!names.has(name)) out.push(`option "${name}": taken by index.ts but not declared in SKILL.md`);
  for (const o of declared) {
    const p = props[o.name];
    if (!p) {
      out.push(`option "${o.name}": declared in SKILL.md but index.ts does not take it`);
      continue;
    }
    const types = Array.isArray(p.type) ? p.type : p.type !== undefined ? [p.type] : [];
    if (types.length > 0 && !types.some((t) => TYPES[o.type].includes(t))) out.push(`option "${o.name}": SKILL.md says ${o.type}, index.ts takes ${types.join(' or ')}`);
    if (o.type === 'enum' && p.enum) {
      const a = [...(o.values ?? [])].sort().join(', ');
      const b = p.enum.map(String).sort().join(', ');
      if (a !== b) out.push(`option "${o.name}": SKILL.md's values (${a}) are not index.ts's (${b})`);
    }
    if (o.type === 'number') {
      if (o.min !== p.minimum) out.push(`option "${o.name}": SKILL.md's min ${o.min ?? 'none'} is not index.ts's ${p.minimum ?? 'none'}`);
      if (o.max !== p.maximum) out.push(`option "${o.name}": SKILL.md's max ${o.max ?? 'none'} is not index.ts's ${p.maximum ?? 'none'}`);
    }
    if (o.default !== undefined || p.default !== undefined) {
      if (String(o.default) !== String(p.default)) out.push(`option "${o.name}": SKILL.md's default ${JSON.stringify(o.default) ?? 'none'} is not index.ts's ${JSON.stringify(p.default) ?? 'none'}`);
    }
  }
  return out;
}
