import { trustProxy } from './app-config';

describe('TRUST_PROXY (unit)', () => {
  it('unset, empty, false and 0 trust no proxy', () => {
    for (const v of [undefined, '', '  ', 'false', 'FALSE', '0']) expect(trustProxy(v)).toBe(false);
  });

  it('a number is how many proxies (hops) stand in front of the server', () => {
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy(' 2 ')).toBe(2);
  });

  it('a list names the proxies by address, subnet or Express name', () => {
    expect(trustProxy('10.0.0.5')).toEqual(['10.0.0.5']);
    expect(trustProxy('10.0.0.5, 10.1.0.0/16,fd00::/8 , ::1, loopback')).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ]);
  });

  it.each([
    ['true', /TRUST_PROXY=true would believe any client's X-Forwarded-For/],
    ['yes', /TRUST_PROXY: "yes" is not an IP address/],
    ['10.0.0.256', /TRUST_PROXY: "10.0.0.256" is not an IP address/],
    ['10.0.0.0/33', /TRUST_PROXY: "10.0.0.0\/33"/],
    ['10.0.0.0/8/1', /TRUST_PROXY: "10.0.0.0\/8\/1"/],
    ['10.0.0.5,', /TRUST_PROXY: "" is not an IP address/],
    ['-1', /TRUST_PROXY: "-1"/],
    ['99999999999999999999', /TRUST_PROXY="99999999999999999999" is too large/],
  ])('refuses %p with a message naming TRUST_PROXY and what it takes', (v, message) => {
    expect(() => trustProxy(v)).toThrow(message);
    expect(() => trustProxy(v)).toThrow(/number of proxies in front of the server/);
  });
});
