// The credentials a session is opened with, made in one place from a saved profile, one being saved or the wizard's.
import {describe, expect, it} from 'vitest';
import {profileCredentials} from '../../../source/ui/hooks/use-session.js';

const profile = {name: 'acme', region: 'eu-west-1', clientId: 'client-1', clientSecret: 's3cret'};

describe('profileCredentials', () => {
	it('resolves the region and keeps the client and secret', () => {
		const credentials = profileCredentials(profile, {});
		expect(credentials.region.loginUrl).toContain('login.mypurecloud.ie');
		expect(credentials).toMatchObject({clientId: 'client-1', clientSecret: 's3cret'});
	});

	it('goes through the profile’s proxy with its password, named after the profile', () => {
		const {network} = profileCredentials(
			{...profile, proxy: 'http://me@proxy.example.com:8080', proxyPassword: 'p@ss'},
			{HTTPS_PROXY: 'http://other.example.com:3128'},
		);
		expect(network?.proxy).toMatchObject({kind: 'url', source: 'profile acme'});
		const url = network?.proxy?.kind === 'url' ? network.proxy.url : undefined;
		expect(url?.host).toBe('proxy.example.com:8080');
		expect(decodeURIComponent(url?.password ?? '')).toBe('p@ss');
	});

	it('leaves the proxy to the environment when the profile names none (an empty wizard field)', () => {
		const {network} = profileCredentials({...profile, proxy: ''}, {HTTPS_PROXY: 'http://other.example.com:3128'});
		expect(network?.proxy).toBeUndefined();
		expect(network?.env).toEqual({HTTPS_PROXY: 'http://other.example.com:3128'});
	});

	it('says what is wrong with a region that does not exist', () => {
		expect(() => profileCredentials({...profile, region: ''}, {})).toThrow('No region given.');
	});
});
