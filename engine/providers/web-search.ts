// Web search providers for the agent's web_search tool: one small interface, a self-hostable backend
// (SearXNG's JSON API) and two hosted APIs (Brave Search, Tavily). Off by default: a run uses one
// only with network access allowed and a provider configured. The endpoint is the user's own choice
// (like a model's base URL), so a SearXNG on localhost works; answers are capped in size and time.
import { ProviderError, UserInputError } from '../errors.js';

export interface WebHit {
  title: string;
  url: string;
  snippet: string;
}

export interface WebSearchProvider {
  /** Shown in the trace with each search ("searxng http://127.0.0.1:8888"). */
  name: string;
  search(query: string, opts: { signal: AbortSignal; k: number }): Promise<WebHit[]>;
}

export type WebSearchConfig =
  | { kind: 'searxng'; baseUrl: string }
  | { kind: 'brave'; apiKey?: string; apiKeyEnv?: string; baseUrl?: string }
  | { kind: 'tavily'; apiKey?: string; apiKeyEnv?: string; baseUrl?: string };

export const WEB_SEARCH_KINDS = ['searxng', 'brave', 'tavily'] as const;

const TIMEOUT_MS = 20_000;
const MAX_BYTES = 2 * 1024 * 1024;

async function getJson(url: string, init: RequestInit, who: string, signal: AbortSignal): Promise<unknown> {
  const res = await fetch(url, { ...init, signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) }).catch((err: unknown) => {
    if (signal.aborted) throw err;
    throw new ProviderError(`${who}: request failed: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`);
  });
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new ProviderError(`${who}: answer larger than ${MAX_BYTES} bytes`);
  if (!res.ok) {
    const hint = res.status === 403 && who.startsWith('searxng') ? ' (enable the JSON format: search.formats: [html, json] in settings.yml)' : res.status === 401 || res.status === 422 ? ' (check the API key)' : '';
    throw new ProviderError(`${who}: HTTP ${res.status}${hint}`, { status: res.status });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderError(`${who}: the answer is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
function hits(list: unknown, snippetKey: string, k: number): WebHit[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((r: Record<string, unknown>) => ({ title: str(r.title).slice(0, 300), url: str(r.url), snippet: str(r[snippetKey]).replace(/<[^>]+>/g, '').slice(0, 600) }))
    .filter((h) => /^https?:\/\//.test(h.url))
    .slice(0, k);
}

function keyOf(c: { apiKey?: string; apiKeyEnv?: string }, fallbackEnv: string, env: NodeJS.ProcessEnv): string {
  const v = c.apiKeyEnv ?? fallbackEnv;
  const key = c.apiKey ?? env[v];
  if (!key) throw new ProviderError(`web search: no API key: set the environment variable ${v}`);
  return key;
}

export function createWebSearch(config: WebSearchConfig, env: NodeJS.ProcessEnv = process.env): WebSearchProvider {
  switch (config.kind) {
    case 'searxng': {
      let base: URL;
      try {
        base = new URL(config.baseUrl);
      } catch {
        throw new UserInputError(`web search: not a valid SearXNG URL: ${config.baseUrl}`);
      }
      const root = base.href.replace(/\/+$/, '');
      const name = `searxng ${base.host}`;
      return {
        name,
        async search(query, { signal, k }) {
          const j = (await getJson(`${root}/search?${new URLSearchParams({ q: query, format: 'json' })}`, { headers: { accept: 'application/json' } }, name, signal)) as { results?: unknown };
          return hits(j.results, 'content', k);
        },
      };
    }
    case 'brave': {
      const key = keyOf(config, 'BRAVE_API_KEY', env);
      const root = (config.baseUrl ?? 'https://api.search.brave.com').replace(/\/+$/, '');
      return {
        name: 'brave',
        async search(query, { signal, k }) {
          const url = `${root}/res/v1/web/search?${new URLSearchParams({ q: query, count: String(k) })}`;
          const j = (await getJson(url, { headers: { accept: 'application/json', 'x-subscription-token': key } }, 'brave search', signal)) as { web?: { results?: unknown } };
          return hits(j.web?.results, 'description', k);
        },
      };
    }
    case 'tavily': {
      const key = keyOf(config, 'TAVILY_API_KEY', env);
      const root = (config.baseUrl ?? 'https://api.tavily.com').replace(/\/+$/, '');
      return {
        name: 'tavily',
        async search(query, { signal, k }) {
          const j = (await getJson(
            `${root}/search`,
            { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, max_results: k }) },
            'tavily search',
            signal,
          )) as { results?: unknown };
          return hits(j.results, 'content', k);
        },
      };
    }
  }
}

/** From CLI-style settings: --search searxng|brave|tavily, --search-url URL. */
export function webSearchFrom(kind: string | undefined, url: string | undefined, env: NodeJS.ProcessEnv = process.env): WebSearchProvider | undefined {
  if (kind === undefined) {
    if (url !== undefined) throw new UserInputError('--search-url needs --search searxng|brave|tavily');
    return undefined;
  }
  if (kind === 'searxng') {
    if (!url) throw new UserInputError('--search searxng needs --search-url (your SearXNG instance, e.g. http://127.0.0.1:8888)');
    return createWebSearch({ kind, baseUrl: url }, env);
  }
  if (kind === 'brave' || kind === 'tavily') return createWebSearch({ kind, ...(url ? { baseUrl: url } : {}) }, env);
  throw new UserInputError(`--search: unknown web search provider "${kind}" (${WEB_SEARCH_KINDS.join(', ')})`);
}
