// The validating wrapper: bad input and untrusted senders are refused before any handler runs;
// handler errors cross as {code, message} and come back as ContractError with the same code.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../electron/contract/contract.ts';
import { ContractError, createClient, createDispatcher, type Handlers } from '../../electron/contract/wrapper.ts';

const PAGE = 'file:///app/index.html';

function setup() {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_t, channel: string) => async (input: unknown) => {
      calls.push(channel);
      if (channel === 'sources.remove') return { removed: (input as { id: string }).id === 'paper-1' };
      if (channel === 'research.cancel') throw new ContractError('NOT_FOUND', 'no run "run-x" in this project');
      if (channel === 'sources.list') return [{ id: 'bad id with spaces' }];
      throw new Error('boom');
    },
  });
  const internal: string[] = [];
  const dispatch = createDispatcher(handlers, { isTrustedSender: (s) => s.url === PAGE, onInternalError: (c) => internal.push(c) });
  return { dispatch, calls, internal };
}

describe('contract wrapper', () => {
  it('runs a valid request from the trusted page', async () => {
    const { dispatch, calls } = setup();
    expect(await dispatch('sources.remove', { id: 'paper-1' }, { url: PAGE })).toEqual({ ok: true, data: { removed: true } });
    expect(calls).toEqual(['sources.remove']);
  });

  it('refuses other senders without calling the handler', async () => {
    const { dispatch, calls } = setup();
    const r = await dispatch('sources.remove', { id: 'paper-1' }, { url: 'https://evil.example/' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
  });

  it('refuses bad input with the field and the problem', async () => {
    const { dispatch, calls } = setup();
    const r = await dispatch('sources.remove', { id: '../../etc' }, { url: PAGE });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('BAD_INPUT');
    expect(!r.ok && r.error.message).toMatch(/^sources\.remove: id: /);
    const extra = await dispatch('sources.remove', { id: 'a', extra: 1 }, { url: PAGE });
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const page = await dispatch('sources.page', { id: 'a', page: 0, size: 'thumb' }, { url: PAGE });
    expect(page).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(calls).toEqual([]);
  });

  it('refuses unknown channels, including prototype names', async () => {
    const { dispatch } = setup();
    expect(await dispatch('sources.format', {}, { url: PAGE })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch('constructor', {}, { url: PAGE })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('carries a handler error code across, and reports internal errors', async () => {
    const { dispatch, internal } = setup();
    expect(await dispatch('research.cancel', { runId: 'run-x' }, { url: PAGE })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no run "run-x" in this project' } });
    expect(await dispatch('skills.list', {}, { url: PAGE })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
    expect(internal).toEqual(['skills.list']);
  });

  it('refuses a handler output that breaks the contract', async () => {
    const { dispatch } = setup();
    const r = await dispatch('sources.list', {}, { url: PAGE });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('the client rebuilds failures as ContractError with their code', async () => {
    const { dispatch } = setup();
    const client = createClient({
      invoke: (channel, input) => dispatch(channel, input, { url: PAGE }) as Promise<Result<unknown>>,
      on: () => () => undefined,
    });
    await expect(client.call('sources.remove', { id: 'paper-1' })).resolves.toEqual({ removed: true });
    const err = await client.call('research.cancel', { runId: 'run-x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('NOT_FOUND');
  });
});
