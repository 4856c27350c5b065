// Which proxy a URL goes through: HTTPS_PROXY / HTTP_PROXY, ALL_PROXY and NO_PROXY as curl reads them, plus
// gqx's own rule that loopback (the emulator) is never proxied unless NO_PROXY is set empty on purpose.
import {BlockList, isIP} from 'node:net';
import {isLoopbackHost} from './loopback.js';

export type Environment = Record<string, string | undefined>;

/** A variable by its lower-case name first, then upper case; an empty value counts as not set. */
function variable(env: Environment, name: string): {name: string; value: string} | undefined {
	for (const each of [name.toLowerCase(), name.toUpperCase()]) {
		const value = env[each]?.trim();
		if (value) return {name: each, value};
	}
	return undefined;
}

/**
 * The environment's proxy for a target URL: https_proxy/HTTPS_PROXY for https, http_proxy/HTTP_PROXY for http, and
 * as curl, all_proxy/ALL_PROXY when the protocol's own is not set (a SOCKS one is refused in words where it is read).
 */
export function environmentProxy(target: URL, env: Environment): {url: string; variable: string} | undefined {
	const found =
		variable(env, target.protocol === 'https:' ? 'https_proxy' : 'http_proxy') ?? variable(env, 'all_proxy');
	return found ? {url: found.value, variable: found.name} : undefined;
}

/**
 * The NO_PROXY list (no_proxy first): `undefined` when neither is set, `[]` when one is set empty,
 * which is how a user asks for loopback to be proxied too.
 */
export function noProxyEntries(env: Environment): string[] | undefined {
	const found = variable(env, 'no_proxy');
	if (found)
		return found.value
			.toLowerCase()
			.split(/[\s,]+/)
			.filter(entry => entry !== '');
	return env['no_proxy'] !== undefined || env['NO_PROXY'] !== undefined ? [] : undefined;
}

function defaultPort(target: URL): number {
	return Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
}

function bare(host: string): string {
	return host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** One NO_PROXY entry: `host`, `.domain`, `*.domain`, `host:port`, `[v6]:port`, `10.0.0.0/8`, or `*`. */
function matches(entry: string, host: string, port: number): boolean {
	if (entry === '*') return true;
	let name = entry;
	let entryPort: number | undefined;
	const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
	const withPort = /^([^:]+):(\d+)$/.exec(entry);
	if (bracketed) {
		name = bracketed[1]!;
		entryPort = bracketed[2] === undefined ? undefined : Number(bracketed[2]);
	} else if (withPort) {
		name = withPort[1]!;
		entryPort = Number(withPort[2]);
	}
	if (entryPort !== undefined && entryPort !== port) return false;
	const cidr = /^(.+)\/(\d{1,3})$/.exec(name);
	if (cidr) {
		const family = isIP(cidr[1]!);
		const hostFamily = isIP(host);
		if (family === 0 || family !== hostFamily) return false;
		const list = new BlockList();
		try {
			list.addSubnet(cidr[1]!, Number(cidr[2]), family === 6 ? 'ipv6' : 'ipv4');
		} catch {
			return false;
		}
		return list.check(host, hostFamily === 6 ? 'ipv6' : 'ipv4');
	}
	// As curl: a leading `.` or `*.` is optional, and a name covers its subdomains.
	const domain = name.replace(/^\*?\.+/, '');
	if (domain === '') return false;
	return host === domain || host.endsWith(`.${domain}`);
}

/** True when a request to `target` must go direct whatever proxy is configured. */
export function bypassesProxy(target: URL, env: Environment): boolean {
	const host = bare(target.hostname);
	const entries = noProxyEntries(env);
	if (entries === undefined) return isLoopbackHost(host);
	// A NO_PROXY set to anything but empty keeps loopback direct as well.
	if (entries.length > 0 && isLoopbackHost(host)) return true;
	const port = defaultPort(target);
	return entries.some(entry => matches(entry, host, port));
}
