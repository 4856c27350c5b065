// The Genesys Cloud regions and how a user's region input becomes a login URL and an API URL.
import {UsageError} from '../errors.js';
import {isLoopbackHost} from '../net/loopback.js';

export type Region = {
	/** AWS-style name, the one users type: `eu-west-1`. */
	id: string;
	/** Where it is, for pickers. */
	location: string;
	domain: string;
	/** Country, cities and common names a search finds it by (`japan`, `uk`, `germany`). */
	names: string;
};

export const regions: readonly Region[] = [
	{
		id: 'us-east-1',
		location: 'US East (Virginia)',
		domain: 'mypurecloud.com',
		names: 'united states usa us america virginia ashburn',
	},
	{
		id: 'us-east-2',
		location: 'US East (FedRAMP)',
		domain: 'use2.us-gov-pure.cloud',
		names: 'united states usa us america government gov fedramp',
	},
	{
		id: 'us-west-2',
		location: 'US West (Oregon)',
		domain: 'usw2.pure.cloud',
		names: 'united states usa us america oregon portland west coast',
	},
	{id: 'ca-central-1', location: 'Canada (Central)', domain: 'cac1.pure.cloud', names: 'canada montreal quebec'},
	{
		id: 'sa-east-1',
		location: 'South America (São Paulo)',
		domain: 'sae1.pure.cloud',
		names: 'brazil brasil sao paulo latin america latam',
	},
	{
		id: 'mx-central-1',
		location: 'Mexico (Central)',
		domain: 'mxc1.pure.cloud',
		names: 'mexico méxico queretaro latin america latam',
	},
	{id: 'eu-west-1', location: 'Europe (Ireland)', domain: 'mypurecloud.ie', names: 'ireland dublin europe eu'},
	{
		id: 'eu-west-2',
		location: 'Europe (London)',
		domain: 'euw2.pure.cloud',
		names: 'united kingdom uk gb great britain england london europe',
	},
	{
		id: 'eu-central-1',
		location: 'Europe (Frankfurt)',
		domain: 'mypurecloud.de',
		names: 'germany deutschland frankfurt europe eu',
	},
	{
		id: 'eu-central-2',
		location: 'Europe (Zurich)',
		domain: 'euc2.pure.cloud',
		names: 'switzerland schweiz suisse zurich zürich europe',
	},
	{
		id: 'eusc-de-east-1',
		location: 'EU Sovereign Cloud (Germany)',
		domain: 'edee1.eusc-pure.cloud',
		names: 'germany deutschland sovereign europe eu',
	},
	{
		id: 'me-central-1',
		location: 'Middle East (UAE)',
		domain: 'mec1.pure.cloud',
		names: 'united arab emirates uae dubai abu dhabi middle east',
	},
	{id: 'ap-south-1', location: 'Asia Pacific (Mumbai)', domain: 'aps1.pure.cloud', names: 'india mumbai bombay asia'},
	{
		id: 'ap-southeast-1',
		location: 'Asia Pacific (Jakarta)',
		domain: 'apse1.pure.cloud',
		names: 'indonesia jakarta asia',
	},
	{
		id: 'ap-southeast-2',
		location: 'Asia Pacific (Sydney)',
		domain: 'mypurecloud.com.au',
		names: 'australia sydney new zealand oceania asia',
	},
	{id: 'ap-northeast-1', location: 'Asia Pacific (Tokyo)', domain: 'mypurecloud.jp', names: 'japan tokyo asia'},
	{
		id: 'ap-northeast-2',
		location: 'Asia Pacific (Seoul)',
		domain: 'apne2.pure.cloud',
		names: 'south korea korea seoul asia',
	},
	{id: 'ap-northeast-3', location: 'Asia Pacific (Osaka)', domain: 'apne3.pure.cloud', names: 'japan osaka asia'},
];

export type ResolvedRegion = {
	/** What to show the user: `eu-west-1` or the custom base URL. */
	label: string;
	/** Base of the token endpoint; `/oauth/token` is appended. */
	loginUrl: string;
	/** Base of the platform API; `/api/v2/...` is appended. */
	apiUrl: string;
	/** True when the input was a custom base URL (an emulator or a gateway). */
	custom: boolean;
};

function fromDomain(region: Region): ResolvedRegion {
	return {
		label: region.id,
		loginUrl: `https://login.${region.domain}`,
		apiUrl: `https://api.${region.domain}`,
		custom: false,
	};
}

function findByDomain(host: string): Region | undefined {
	const bare = host.toLowerCase().replace(/^(?:api|login|apps)\./, '');
	return regions.find(region => region.domain === bare);
}

const regionHint = `Use a region name such as us-east-1 or eu-west-1 (gqx regions lists all ${regions.length}), a domain such as mypurecloud.ie, or a base URL such as http://127.0.0.1:8080.`;

/**
 * Turns what a user typed into login and API URLs. Accepts `eu-west-1` and `eu_west_1`, a bare
 * domain with or without `api.`/`login.`, a region's own https URL, or a custom base URL that serves
 * both `/oauth/token` and `/api/v2` (plain http only on loopback, so a secret never crosses a
 * network unencrypted).
 */
export function resolveRegion(input: string): ResolvedRegion {
	const text = input.trim();
	if (text === '') throw new UsageError('No region given.', regionHint);
	const byId = regions.find(region => region.id === text.toLowerCase().replaceAll('_', '-'));
	if (byId) return fromDomain(byId);

	if (/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
		let url: URL;
		try {
			url = new URL(text);
		} catch {
			throw new UsageError(`"${text}" is not a valid URL.`, regionHint);
		}
		if (url.protocol !== 'https:' && url.protocol !== 'http:') {
			throw new UsageError(
				`"${text}" uses ${url.protocol.slice(0, -1)}; only https (or http on loopback) is supported.`,
				regionHint,
			);
		}
		if (url.username || url.password) {
			throw new UsageError(
				'A region URL must not contain a user name or password.',
				'Give the client id and secret separately.',
			);
		}
		const known = findByDomain(url.hostname);
		if (known && url.protocol === 'https:' && (url.pathname === '/' || url.pathname === '') && !url.port)
			return fromDomain(known);
		if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
			throw new UsageError(
				`Refusing plain http to ${url.hostname}: the client secret would cross the network unencrypted.`,
				'Use https, or http only for a loopback address (127.0.0.1, localhost, [::1]).',
			);
		}
		const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
		return {label: base, loginUrl: base, apiUrl: base, custom: true};
	}

	const known = findByDomain(text.replace(/\/+$/, ''));
	if (known) return fromDomain(known);
	throw new UsageError(`Unknown region "${text}".`, regionHint);
}

/**
 * What a pasted or typed address means in a region search: a known region by its domain (`mypurecloud.ie`,
 * `apps.mypurecloud.ie`, or the whole web address of the Genesys Cloud app, any path), else a custom base
 * URL (https, or http on loopback), else nothing.
 */
export function regionFromAddress(input: string): {region: string} | {baseUrl: string} | undefined {
	const text = input.trim();
	if (text === '') return undefined;
	const isUrl = /^[a-z][a-z\d+.-]*:\/\//i.test(text);
	let host = text;
	if (isUrl) {
		try {
			host = new URL(text).hostname;
		} catch {
			return undefined;
		}
	} else if (!/^[a-z\d-]+(?:\.[a-z\d-]+)+\/?$/i.test(text)) return undefined;
	const known = findByDomain(host.replace(/\/+$/, ''));
	if (known) return {region: known.id};
	if (!isUrl) return undefined;
	try {
		return {baseUrl: resolveRegion(text).label};
	} catch {
		return undefined;
	}
}
