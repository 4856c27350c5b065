// The HTTP agents gqx's got instance uses: direct, or through a proxy with hpagent (CONNECT tunnels
// that stay open between requests), each trusting the extra CA file when one is given.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import fs from 'node:fs';
import {HttpProxyAgent, HttpsProxyAgent} from 'hpagent';
import {bypassesProxy, environmentProxy} from './proxy-rules.js';
import {type NetworkSettings, parseProxyUrl, proxyHost} from './settings.js';

/** The agents for one request, in got's shape (`agent` option). */
export type Agents = {http?: http.Agent; https?: https.Agent};

/** How one request reaches its host: the agents to use and, when proxied, which proxy (for messages). */
export type Route = {
	agent: Agents | undefined;
	proxy?: {
		/** `host:port`, never the credentials. */
		host: string;
		/** Where it was configured: `--proxy`, `HTTPS_PROXY`, `profile acme`. */
		source: string;
		hasCredentials: boolean;
		/** An `https://` proxy: a TLS failure may be its own certificate's. */
		tls: boolean;
	};
	/** The extra CA file trusted on this route, if any. */
	caFile?: string;
};

// The same socket behaviour as Node's global agent, which gqx used before proxies.
const agentOptions = {keepAlive: true, scheduling: 'lifo', timeout: 5000} as const;
// hpagent takes `timeout` as the limit for the proxy to answer CONNECT: left to got's request timeout.
const proxyAgentOptions = {keepAlive: true, scheduling: 'lifo'} as const;

/** The certificate authorities Node trusts by default (bundled, NODE_EXTRA_CA_CERTS, system if asked). */
function defaultAuthorities(): string[] {
	const get = (tls as {getCACertificates?: (type: 'default') => string[]}).getCACertificates;
	if (get) return get('default');
	// Node 20 has no getCACertificates: rebuild the default store, extra certificates included.
	const extra = process.env['NODE_EXTRA_CA_CERTS'];
	let extraText: string[] = [];
	if (extra) {
		try {
			extraText = [fs.readFileSync(extra, 'utf8')];
		} catch {
			// Node warned about it at start; nothing to add.
		}
	}
	return [...tls.rootCertificates, ...extraText];
}

/**
 * The proxy as hpagent connects to it. A URL keeps an IPv6 host bracketed (`[::1]`), and hpagent hands
 * `hostname` to the socket, where DNS cannot resolve it: the same proxy with the bare address.
 */
function connectable(proxy: URL): URL {
	if (!proxy.hostname.startsWith('[')) return proxy;
	const {protocol, port, username, password, href} = proxy;
	return {protocol, hostname: proxy.hostname.slice(1, -1), port, username, password, href} as URL;
}

/** The agents for one set of network settings; made once per client, so the connection pool is shared. */
export class Network {
	readonly settings: NetworkSettings;
	#authorities: string[] | undefined;
	#secureContext: tls.SecureContext | undefined;
	#direct: Agents | undefined;
	readonly #proxied = new Map<string, Agents>();

	constructor(settings: NetworkSettings) {
		this.settings = settings;
	}

	/** The CA list when an extra CA file is given: the defaults and the file (a `ca` option replaces the defaults). */
	#tlsOptions(): {secureContext?: tls.SecureContext; ca?: string[]} {
		if (!this.settings.caFile) return {};
		if (!this.#authorities) {
			this.#authorities = [...defaultAuthorities(), fs.readFileSync(this.settings.caFile, 'utf8')];
			// One context for every connection: cheaper than a `ca` option, which Node compares per request.
			this.#secureContext = tls.createSecureContext({ca: this.#authorities});
		}
		return {secureContext: this.#secureContext, ca: this.#authorities};
	}

	#directAgents(): Agents | undefined {
		// Without a CA file, got's default (Node's global agents, keep-alive) as before.
		if (!this.settings.caFile) return undefined;
		this.#direct ??= {https: new https.Agent({...agentOptions, secureContext: this.#tlsOptions().secureContext})};
		return this.#direct;
	}

	#proxyAgents(url: URL): Agents {
		let agents = this.#proxied.get(url.href);
		if (!agents) {
			const {secureContext, ca} = this.#tlsOptions();
			// `ca` for an https proxy's own certificate; the secure context for the host behind it.
			const proxyRequestOptions = ca ? {ca} : undefined;
			const proxy = connectable(url);
			agents = {
				http: new HttpProxyAgent({...proxyAgentOptions, proxy, proxyRequestOptions}),
				https: new HttpsProxyAgent({...proxyAgentOptions, proxy, proxyRequestOptions, secureContext}),
			};
			this.#proxied.set(url.href, agents);
		}
		return agents;
	}

	/** The route of a request to `target`. Throws a usage error when the environment's proxy is not a URL. */
	route(target: string | URL): Route {
		const url = typeof target === 'string' ? new URL(target) : target;
		const caFile = this.settings.caFile;
		const choice = this.settings.proxy;
		const direct = (): Route => ({agent: this.#directAgents(), ...(caFile ? {caFile} : {})});
		if (choice?.kind === 'direct' || bypassesProxy(url, this.settings.env)) return direct();
		let proxy: URL;
		let source: string;
		if (choice?.kind === 'url') {
			proxy = choice.url;
			source = choice.source;
		} else {
			const found = environmentProxy(url, this.settings.env);
			if (!found) return direct();
			proxy = parseProxyUrl(found.url, found.variable);
			source = found.variable;
		}
		return {
			agent: this.#proxyAgents(proxy),
			proxy: {
				host: proxyHost(proxy),
				source,
				hasCredentials: Boolean(proxy.username || proxy.password),
				tls: proxy.protocol === 'https:',
			},
			...(caFile ? {caFile} : {}),
		};
	}

	/** Closes idle pooled connections (the process may exit without it: idle sockets do not hold it). */
	destroy(): void {
		this.#direct?.https?.destroy();
		for (const agents of this.#proxied.values()) {
			agents.http?.destroy();
			agents.https?.destroy();
		}
	}
}
