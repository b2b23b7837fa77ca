// Repairs the usual damage in model-written tool arguments: code fences, trailing commas, single
// quotes, unquoted keys, missing closing brackets. Returns null when the text is not an object even
// after repair (the caller then asks the model again).

export function parseToolArgs(raw: string): Record<string, unknown> | null {
  const text = raw.trim();
  if (text === '') return {};
  for (const candidate of [text, repair(text)]) {
    try {
      const v: unknown = JSON.parse(candidate);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // Try the next candidate.
    }
  }
  return null;
}

function repair(s: string): string {
  let t = s.replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  const first = t.indexOf('{');
  if (first > 0) t = t.slice(first);
  // Single-quoted strings → double-quoted (only when there are no double quotes at all, to stay safe).
  if (!t.includes('"')) t = t.replace(/'([^'\\]*)'/g, '"$1"');
  // Unquoted keys.
  t = t.replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:/g, '$1"$2":');
  // Trailing commas.
  t = t.replace(/,\s*([}\]])/g, '$1');
  // Close what was left open (a truncated stream), outside strings.
  const stack: string[] = [];
  let inStr = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') stack.pop();
  }
  if (inStr) t += '"';
  t = t.replace(/,\s*$/, '');
  while (stack.length) t += stack.pop();
  return t;
}
