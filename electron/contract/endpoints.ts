// Which hosts a run will contact, shared by the main side (which allows a loopback model server
// while the network is off) and the UI (which says so before a run starts). Runtime-free.

export interface Endpoint {
  /** host[:port] as people read it. */
  host: string;
  /** On this computer (loopback): reaching it is not "the network". */
  local: boolean;
}

/** The host of a model server's base URL, and whether it is on this computer; null for a malformed URL. */
export function endpointOf(baseUrl: string): Endpoint | null {
  // Parsed by hand: this module has neither DOM nor Node types (URL is in both, typed in neither here).
  const m = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^/:?#]+)(:\d+)?(?:[/?#]|$)/i.exec(baseUrl.trim());
  if (!m?.[1]) return null;
  const hostname = m[1].toLowerCase();
  return { host: `${hostname}${m[2] ?? ''}`, local: isLoopbackHost(hostname) };
}

/** localhost, 127.0.0.0/8 and ::1: the names and addresses that never leave this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m[1] === '127' && m.slice(2).every((x) => Number(x) <= 255);
}
