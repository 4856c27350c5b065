// Proxy and CA settings from flags, a profile and the environment, checked before anything is sent.
// Proxy URLs may carry a password: every message names the proxy by host only.
import {X509Certificate} from 'node:crypto';
import fs from 'node:fs';
import {UsageError} from '../errors.js';
import {bypassesProxy, type Environment, environmentProxy} from './proxy-rules.js';

/** A proxy for every request instead of the environment's, or none at all. */
export type ProxyChoice = {kind: 'direct'; source: string} | {kind: 'url'; url: URL; source: string};

export type NetworkSettings = {
	/** Unset: the environment's proxy variables decide. */
	proxy?: ProxyChoice;
	/** A PEM file of extra certificate authorities trusted by gqx alone. */
	caFile?: string;
	/** Where the proxy variables are read (the process environment in real use). */
	env: Environment;
};

/** What a profile keeps of the network: the proxy without its password, which is kept apart like the secret. */
export type ProfileNetwork = {name: string; proxy?: string; proxyPassword?: string; caFile?: string};

const proxyExample = 'http://proxy.example.com:8080, or http://user:password@proxy.example.com:8080';

/** The proxy's host and port, for messages: never its user name or password. */
export function proxyHost(url: URL): string {
	return url.host;
}

/**
 * Reads a proxy URL as users write it (a bare `host:port` means http). `source` names where it came
 * from (`--proxy`, `HTTPS_PROXY`, `profile acme`) for the message, which never repeats the text.
 */
export function parseProxyUrl(text: string, source: string): URL {
	const trimmed = text.trim();
	if (trimmed === '')
		throw new UsageError(`The proxy in ${source} is empty.`, `Give a proxy URL such as ${proxyExample}.`);
	const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		throw new UsageError(`The proxy in ${source} is not a valid URL.`, `Give a proxy URL such as ${proxyExample}.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new UsageError(
			`The proxy in ${source} uses ${url.protocol.slice(0, -1)}; gqx supports http and https proxies.`,
			`Give an HTTP proxy such as ${proxyExample}.`,
		);
	if (url.hostname === '')
		throw new UsageError(`The proxy in ${source} has no host.`, `Give a proxy URL such as ${proxyExample}.`);
	if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
		throw new UsageError(
			`The proxy in ${source} (${proxyHost(url)}) has a path; a proxy is a host and a port.`,
			`Give a proxy URL such as ${proxyExample}.`,
		);
	return url;
}

/** A proxy URL split for saving: the URL without its password, and the password (to be kept like the secret). */
export function splitProxyPassword(url: URL): {proxy: string; proxyPassword?: string} {
	const password = url.password ? decodeURIComponent(url.password) : undefined;
	const copy = new URL(url.href);
	copy.password = '';
	return {proxy: copy.href.replace(/\/$/, ''), ...(password === undefined ? {} : {proxyPassword: password})};
}

/** A saved proxy and its password, back to one URL for the agent. */
export function joinProxyPassword(proxy: string, password: string | undefined, source: string): URL {
	const url = parseProxyUrl(proxy, source);
	if (password !== undefined && password !== '') url.password = encodeURIComponent(password);
	return url;
}

/** A proxy URL fit to show: `http://user@host:port` with the password left out. */
export function showProxy(url: URL): string {
	return splitProxyPassword(url).proxy;
}

/** What the environment says for requests to `target` (a region's login URL), fit to show. */
export function describeEnvironmentProxy(env: Environment, target: URL): string {
	if (bypassesProxy(target, env)) return 'a direct connection (NO_PROXY, or a loopback address)';
	const found = environmentProxy(target, env);
	if (!found) return 'a direct connection';
	try {
		return `${showProxy(parseProxyUrl(found.url, found.variable))} (${found.variable})`;
	} catch {
		return `${found.variable}, which is not a valid proxy URL`;
	}
}

/** Checks that a CA file exists and holds PEM certificates, so a typo fails before the first request. */
export function checkCaFile(file: string, source: string): string {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(
			code === 'ENOENT'
				? `The CA file ${file} (${source}) does not exist.`
				: `The CA file ${file} (${source}) cannot be read (${code ?? 'error'}).`,
			'Give the path of the PEM file of your company CA (ask your IT team for it).',
		);
	}
	if (!text.includes('-----BEGIN CERTIFICATE-----'))
		throw new UsageError(
			`The CA file ${file} (${source}) holds no PEM certificate.`,
			'Give a PEM file (text that starts with -----BEGIN CERTIFICATE-----); convert a .cer or .der with openssl x509 -inform der.',
		);
	// Each certificate parsed now: Node would skip or choke on a damaged one only at the first TLS connection.
	const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
	const begun = text.split('-----BEGIN CERTIFICATE-----').length - 1;
	const unreadable = (which: string, why: string) =>
		new UsageError(
			`The CA file ${file} (${source}) holds a certificate that cannot be read (${which}: ${why}).`,
			'Give the PEM file of your company CA as your IT team sent it; check it with openssl x509 -in FILE -noout -text.',
		);
	if (blocks.length < begun) throw unreadable(`certificate ${blocks.length + 1}`, 'no END CERTIFICATE line');
	blocks.forEach((block, index) => {
		try {
			new X509Certificate(block);
		} catch (error) {
			throw unreadable(`certificate ${index + 1}`, (error as Error).message);
		}
	});
	return file;
}

export type NetworkInput = {
	/** `--proxy URL`. */
	proxy?: string;
	/** `--no-proxy`. */
	noProxy?: boolean;
	/** `--ca-file PATH`. */
	caFile?: string;
	profile?: ProfileNetwork;
	env: Environment;
	/** The embedded emulator: never through a proxy. */
	demo?: boolean;
};

/** Flags over the profile over the environment; `--no-proxy` and `--demo` go direct whatever is set. */
export function resolveNetwork(input: NetworkInput): NetworkSettings {
	if (input.proxy !== undefined && input.noProxy)
		throw new UsageError('Give either --proxy or --no-proxy, not both.', '');
	let proxy: ProxyChoice | undefined;
	if (input.demo) proxy = {kind: 'direct', source: '--demo'};
	else if (input.noProxy) proxy = {kind: 'direct', source: '--no-proxy'};
	else if (input.proxy !== undefined)
		proxy = {kind: 'url', url: parseProxyUrl(input.proxy, '--proxy'), source: '--proxy'};
	else if (input.profile?.proxy) {
		const source = `profile ${input.profile.name}`;
		proxy = {kind: 'url', url: joinProxyPassword(input.profile.proxy, input.profile.proxyPassword, source), source};
	}
	let caFile: string | undefined;
	if (input.caFile !== undefined) {
		if (input.caFile.trim() === '')
			throw new UsageError('--ca-file is empty.', 'Give the path of a PEM file of certificate authorities.');
		caFile = checkCaFile(input.caFile, '--ca-file');
	} else if (input.profile?.caFile && !input.demo) {
		caFile = checkCaFile(input.profile.caFile, `profile ${input.profile.name}`);
	}
	return {...(proxy ? {proxy} : {}), ...(caFile ? {caFile} : {}), env: input.env};
}
