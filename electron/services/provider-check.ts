// "Test connection" for an OpenAI-compatible model provider: lists the server's models
// (GET <base>/models); a server without that route (404/405/501) is asked for one token instead
// (POST <base>/chat/completions, max_tokens 1). The answer says what the server said, or why no
// answer came, as one of a few stable codes the UI can word: never a bare "fetch failed".
import type { ProviderCheck } from '../contract/contract.ts';

export interface CheckTarget {
  baseUrl: string;
  model: string;
  apiKey?: string | null;
  timeoutMs?: number;
}

const MAX_BODY = 1024 * 1024;

export async function checkProvider(t: CheckTarget, fetchImpl: typeof fetch = fetch): Promise<ProviderCheck> {
  const base = t.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { accept: 'application/json', ...(t.apiKey ? { authorization: `Bearer ${t.apiKey}` } : {}) };
  const started = Date.now();
  const ms = (): number => Date.now() - started;
  const call = async (url: string, init: RequestInit): Promise<{ status: number; body: string } | ProviderCheck> => {
    try {
      const res = await fetchImpl(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) }, signal: AbortSignal.timeout(t.timeoutMs ?? 10_000), redirect: 'error' });
      const text = (await res.text()).slice(0, MAX_BODY);
      return { status: res.status, body: text };
    } catch (err) {
      return unreachable(err, url, ms());
    }
  };

  const listed = await call(`${base}/models`, { method: 'GET' });
  if ('ok' in listed) return listed;
  if (listed.status === 200) {
    const ids = modelIds(listed.body);
    if (ids === null) return { ok: false, code: 'BAD_ANSWER', message: `${base}/models answered 200 but not with a model list (${snippet(listed.body)})`, ms: ms() };
    const has = ids.includes(t.model);
    return {
      ok: true,
      message: has
        ? `Connected: ${t.model} is among the ${ids.length} model${ids.length === 1 ? '' : 's'} the server lists.`
        : `Connected, but the server does not list ${t.model}${ids.length ? `; it lists ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}` : ''}.`,
      models: ids.slice(0, 50),
      modelListed: has,
      ms: ms(),
    };
  }
  if (listed.status !== 404 && listed.status !== 405 && listed.status !== 501) return httpFailure(`${base}/models`, listed, ms());

  // No model list on this server: one token of a chat answer shows the URL, key and model all work.
  const chat = await call(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: t.model, messages: [{ role: 'user', content: 'Reply with OK.' }], max_tokens: 1, stream: false }),
  });
  if ('ok' in chat) return chat;
  if (chat.status !== 200) return httpFailure(`${base}/chat/completions`, chat, ms());
  let reply: unknown;
  try {
    reply = JSON.parse(chat.body);
  } catch {
    return { ok: false, code: 'BAD_ANSWER', message: `${base}/chat/completions answered 200 but not with JSON (${snippet(chat.body)})`, ms: ms() };
  }
  const choices = (reply as { choices?: unknown })?.choices;
  if (!Array.isArray(choices)) return { ok: false, code: 'BAD_ANSWER', message: `${base}/chat/completions answered without choices (${snippet(chat.body)})`, ms: ms() };
  return { ok: true, message: `Connected: ${t.model} answered a one-token request (this server lists no models).`, modelListed: true, ms: ms() };
}

function modelIds(body: string): string[] | null {
  try {
    const j = JSON.parse(body) as { data?: unknown; models?: unknown };
    const list = Array.isArray(j.data) ? j.data : Array.isArray(j.models) ? j.models : null;
    if (!list) return null;
    return list.map((m) => (typeof m === 'string' ? m : ((m as { id?: unknown; name?: unknown }).id ?? (m as { name?: unknown }).name))).filter((x): x is string => typeof x === 'string');
  } catch {
    return null;
  }
}

function httpFailure(url: string, r: { status: number; body: string }, ms: number): ProviderCheck {
  const said = serverMessage(r.body);
  if (r.status === 401 || r.status === 403) {
    return { ok: false, code: 'AUTH', status: r.status, message: `The server refused the API key (${r.status}${said ? `: ${said}` : ''}). Check the key, or add one.`, ms };
  }
  return { ok: false, code: 'HTTP', status: r.status, message: `${url} answered ${r.status}${said ? `: ${said}` : ''}`, ms };
}

/** The server's own words from an error body ({error:{message}}, {error:"…"}, {message}) or its text. */
function serverMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof j.error === 'string' ? j.error : (j.error?.message ?? j.message);
    if (typeof m === 'string') return snippet(m);
  } catch {
    /* not JSON: its text */
  }
  return snippet(body);
}

function snippet(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 160 ? `${t.slice(0, 157)}…` : t;
}

function unreachable(err: unknown, url: string, ms: number): ProviderCheck {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const host = /^https?:\/\/([^/]+)/.exec(url)?.[1] ?? url;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, code: 'TIMEOUT', message: `${host} did not answer within ${Math.round(ms / 1000)} s`, ms };
  const code = e.cause?.code;
  const why =
    code === 'ECONNREFUSED'
      ? 'connection refused: is the server running on that port?'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'no such host'
        : code === 'ECONNRESET'
          ? 'the connection was reset'
          : /certificate|SSL|TLS/i.test(e.cause?.message ?? '')
            ? `TLS failed (${e.cause?.message ?? ''})`
            : (e.cause?.message ?? e.message ?? String(err));
  return { ok: false, code: 'UNREACHABLE', message: `Could not reach ${host}: ${why}`, ms };
}
