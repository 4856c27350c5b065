// The proxy rules as curl reads the variables, and gqx's loopback rule.
import {describe, expect, it} from 'vitest';
import {bypassesProxy, environmentProxy, noProxyEntries} from '../../source/net/proxy-rules.js';

const api = new URL('https://api.mypurecloud.ie/api/v2/routing/queues');
const login = new URL('https://login.mypurecloud.ie/oauth/token');

describe('which proxy variable applies', () => {
	it('takes HTTPS_PROXY for https and HTTP_PROXY for http, never the other', () => {
		const env = {HTTPS_PROXY: 'http://secure:3128', HTTP_PROXY: 'http://plain:3128'};
		expect(environmentProxy(api, env)).toEqual({url: 'http://secure:3128', variable: 'HTTPS_PROXY'});
		expect(environmentProxy(new URL('http://gateway.example.com/'), env)).toEqual({
			url: 'http://plain:3128',
			variable: 'HTTP_PROXY',
		});
		expect(environmentProxy(api, {HTTP_PROXY: 'http://plain:3128'})).toBeUndefined();
	});

	it('prefers the lower-case variable, and skips an empty one', () => {
		expect(environmentProxy(api, {https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2'})?.variable).toBe(
			'https_proxy',
		);
		expect(environmentProxy(api, {https_proxy: '  ', HTTPS_PROXY: 'http://upper:2'})).toEqual({
			url: 'http://upper:2',
			variable: 'HTTPS_PROXY',
		});
		expect(environmentProxy(api, {})).toBeUndefined();
	});

	it('falls back to ALL_PROXY (all_proxy first) when the protocol has no variable of its own, as curl does', () => {
		expect(environmentProxy(api, {ALL_PROXY: 'http://every:3128'})).toEqual({
			url: 'http://every:3128',
			variable: 'ALL_PROXY',
		});
		expect(environmentProxy(api, {all_proxy: 'http://lower:1', ALL_PROXY: 'http://upper:2'})?.variable).toBe(
			'all_proxy',
		);
		expect(environmentProxy(api, {ALL_PROXY: 'http://every:3128', HTTPS_PROXY: 'http://secure:3128'})?.variable).toBe(
			'HTTPS_PROXY',
		);
		expect(environmentProxy(api, {ALL_PROXY: '', HTTP_PROXY: 'http://plain:3128'})).toBeUndefined();
	});
});

describe('NO_PROXY', () => {
	const bypass = (url: URL | string, noProxy: string | undefined, extra: Record<string, string> = {}) =>
		bypassesProxy(typeof url === 'string' ? new URL(url) : url, {...extra, NO_PROXY: noProxy});

	it('reads no_proxy before NO_PROXY, and tells unset from set empty', () => {
		expect(noProxyEntries({})).toBeUndefined();
		expect(noProxyEntries({NO_PROXY: ''})).toEqual([]);
		expect(noProxyEntries({no_proxy: ''})).toEqual([]);
		expect(noProxyEntries({no_proxy: 'a.com', NO_PROXY: 'b.com'})).toEqual(['a.com']);
		expect(noProxyEntries({no_proxy: '', NO_PROXY: 'b.com'})).toEqual(['b.com']);
		expect(noProxyEntries({NO_PROXY: ' A.com, .b.com  c.com,,'})).toEqual(['a.com', '.b.com', 'c.com']);
	});

	it('matches a host name exactly and as a domain, with or without a leading dot or *.', () => {
		for (const entry of ['mypurecloud.ie', '.mypurecloud.ie', '*.mypurecloud.ie', 'MyPureCloud.IE']) {
			expect(bypass(api, entry), entry).toBe(true);
			expect(bypass(login, entry), entry).toBe(true);
		}
		expect(bypass(api, 'api.mypurecloud.ie')).toBe(true);
		expect(bypass(login, 'api.mypurecloud.ie')).toBe(false);
		// A suffix that is not a whole label does not match.
		expect(bypass(api, 'purecloud.ie')).toBe(false);
		expect(bypass(api, 'ie.com, example.org')).toBe(false);
	});

	it('matches a port only when it is the URL port (443 and 80 when none is written)', () => {
		expect(bypass(api, 'api.mypurecloud.ie:443')).toBe(true);
		expect(bypass(api, 'api.mypurecloud.ie:8443')).toBe(false);
		expect(bypass('http://gateway.example.com/', 'gateway.example.com:80')).toBe(true);
		expect(bypass('https://gateway.example.com:8443/', 'gateway.example.com:8443')).toBe(true);
		expect(bypass('https://gateway.example.com:8443/', '.example.com:443')).toBe(false);
	});

	it('takes * as every host, and addresses, IPv6 and CIDR ranges', () => {
		expect(bypass(api, '*')).toBe(true);
		expect(bypass('https://10.1.2.3/', '10.1.2.3')).toBe(true);
		expect(bypass('https://10.1.2.3/', '10.0.0.0/8')).toBe(true);
		expect(bypass('https://11.1.2.3/', '10.0.0.0/8')).toBe(false);
		expect(bypass('https://[fd00::5]:8443/', '[fd00::5]:8443')).toBe(true);
		expect(bypass('https://[fd00::5]/', 'fd00::/8')).toBe(true);
		expect(bypass(api, '10.0.0.0/8')).toBe(false);
	});

	it('keeps loopback direct unless NO_PROXY is set empty on purpose', () => {
		for (const url of ['http://127.0.0.1:8080/', 'http://localhost:8080/', 'http://[::1]:8080/', 'http://127.1.2.3/']) {
			expect(bypass(url, undefined), url).toBe(true);
			expect(bypass(url, 'example.com'), url).toBe(true);
			expect(bypass(url, ''), url).toBe(false);
			expect(bypassesProxy(new URL(url), {no_proxy: ''}), url).toBe(false);
		}
		expect(bypass(api, undefined)).toBe(false);
		expect(bypass(api, '')).toBe(false);
	});
});
