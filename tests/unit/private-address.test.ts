// SSRF classifier (issue 28): every IPv6 spelling that routes to a private IPv4 address is private.
// `[::7f00:1]` (WHATWG's form of ::127.0.0.1), ::ffff:0:7f00:1 and 6to4 2002:7f00:1:: counted as public.
import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../engine/net/private-address.js';

describe('isPrivateAddress', () => {
  it.each([
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::FFFF:7F00:0001',
    '0:0:0:0:0:ffff:7f00:1',
    '[::ffff:7f00:1]',
    '::ffff:a9fe:a9fe', // 169.254.169.254, cloud metadata
    '::ffff:0:7f00:1', // IPv4-translated
    '::ffff:0:127.0.0.1',
    '::127.0.0.1', // IPv4-compatible
    '::7f00:1',
    '[::7f00:1]',
    '::a00:1', // 10.0.0.1
    '64:ff9b::127.0.0.1', // NAT64
    '64:ff9b::7f00:1',
    '64:ff9b::c0a8:101', // 192.168.1.1
    '64:ff9b:1::a00:1', // local-use NAT64
    '2002:7f00:1::', // 6to4
    '2002:7f00:0001:0:0:0:0:1',
    '2002:c0a8:0101::1',
    '2002:a9fe:a9fe::',
    '2001:0:4136:e378:8000:63bf:80ff:fffe', // Teredo, client 127.0.0.1
    'fe80::1%eth0',
    '::1',
    '::',
    '127.0.0.1',
    'not-an-ip',
    '1:2:3:4:5:6:7:8:9',
  ])('%s is private', (a) => expect(isPrivateAddress(a)).toBe(true));

  it.each(['8.8.8.8', '::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::808:808', '2002:808:808::1', '2606:4700:4700::1111', '2a00:1450:4001:82b::200e'])(
    '%s is public',
    (a) => expect(isPrivateAddress(a)).toBe(false),
  );
});
