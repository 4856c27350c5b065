import {describe, expect, it} from 'vitest';
import {UsageError} from '../../source/errors.js';
import {regionFromAddress, regions, resolveRegion} from '../../source/genesys/regions.js';

function thrown(action: () => unknown): unknown {
	try {
		action();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

describe('resolveRegion', () => {
	it('knows all 18 regions of the reference, each with login. and api. hosts', () => {
		expect(regions).toHaveLength(18);
		expect(new Set(regions.map(region => region.domain)).size).toBe(18);
		for (const region of regions) {
			const resolved = resolveRegion(region.id);
			expect(resolved.loginUrl).toBe(`https://login.${region.domain}`);
			expect(resolved.apiUrl).toBe(`https://api.${region.domain}`);
		}
	});

	it('accepts underscore spellings, any case, as the SDK enum keys and the CLI write them', () => {
		expect(resolveRegion('eu_west_1').apiUrl).toBe('https://api.mypurecloud.ie');
		expect(resolveRegion('ME_CENTRAL_1').apiUrl).toBe('https://api.mec1.pure.cloud');
		expect(resolveRegion('ap-northeast-3').loginUrl).toBe('https://login.apne3.pure.cloud');
	});

	it('accepts bare domains, api./login. hosts and the region https URL', () => {
		for (const input of [
			'mypurecloud.ie',
			'api.mypurecloud.ie',
			'login.mypurecloud.ie',
			'https://api.mypurecloud.ie/',
			'mypurecloud.ie/',
		]) {
			expect(resolveRegion(input)).toMatchObject({
				label: 'eu-west-1',
				apiUrl: 'https://api.mypurecloud.ie',
				custom: false,
			});
		}
	});

	it('takes a custom base URL for both login and API, with http only on loopback', () => {
		expect(resolveRegion('http://127.0.0.1:8080/')).toEqual({
			label: 'http://127.0.0.1:8080',
			loginUrl: 'http://127.0.0.1:8080',
			apiUrl: 'http://127.0.0.1:8080',
			custom: true,
		});
		expect(resolveRegion('http://localhost:9').custom).toBe(true);
		expect(resolveRegion('http://[::1]:9').apiUrl).toBe('http://[::1]:9');
		expect(resolveRegion('https://gateway.example.com/genesys').apiUrl).toBe('https://gateway.example.com/genesys');
		expect(() => resolveRegion('http://gateway.example.com')).toThrow(/Refusing plain http to gateway.example.com/);
		expect(() => resolveRegion('http://10.0.0.5:8080')).toThrow(UsageError);
	});

	it('rejects unknown regions and odd URLs with an actionable message', () => {
		expect(() => resolveRegion('us-east-9')).toThrow(/Unknown region "us-east-9"/);
		expect(thrown(() => resolveRegion('api.us.genesys.cloud'))).toMatchObject({
			message: 'Unknown region "api.us.genesys.cloud".',
			hint: expect.stringMatching(/gqx regions lists all 18/),
		});
		expect(() => resolveRegion('')).toThrow(/No region given/);
		expect(() => resolveRegion('ftp://127.0.0.1')).toThrow(/only https/);
		expect(() => resolveRegion('https://user:pw@127.0.0.1')).toThrow(/user name or password/);
	});
});

describe('regionFromAddress (the wizard’s region search)', () => {
	it('picks a region by its domain or web address and takes other base URLs as they are', () => {
		expect(regionFromAddress('mypurecloud.ie')).toEqual({region: 'eu-west-1'});
		expect(regionFromAddress('apps.mypurecloud.ie')).toEqual({region: 'eu-west-1'});
		expect(regionFromAddress('https://apps.mypurecloud.ie/directory/#/person/123')).toEqual({region: 'eu-west-1'});
		expect(regionFromAddress('http://127.0.0.1:8080/')).toEqual({baseUrl: 'http://127.0.0.1:8080'});
		expect(regionFromAddress('https://gateway.example.com/genesys')).toEqual({
			baseUrl: 'https://gateway.example.com/genesys',
		});
		// Plain http off loopback is refused, and a city name is a search, not an address.
		expect(regionFromAddress('http://gateway.example.com')).toBeUndefined();
		expect(regionFromAddress('dublin')).toBeUndefined();
	});
});
