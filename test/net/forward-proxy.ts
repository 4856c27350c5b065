// Test helpers: a real forward proxy on 127.0.0.1 (CONNECT tunnels, optional Basic credentials,
// refusals), a throwaway CA and server certificate made by openssl, and a TLS front for the emulator.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import net, {type AddressInfo, type Socket} from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

export type ProxyOptions = {
	/** When set, every CONNECT must carry these as Proxy-Authorization: Basic, or is answered 407. */
	credentials?: {user: string; password: string};
	/** A status to answer instead of opening the tunnel (a proxy that refuses). */
	refuseWith?: number;
	/** Serve the proxy itself over TLS (an `https://` proxy) with this certificate. */
	tls?: TestCertificates;
	/** The address it listens on: 127.0.0.1 unless given (`::1` for a proxy known by its IPv6 address). */
	listenOn?: string;
};

export type ForwardProxy = {
	/** `http://127.0.0.1:PORT`, without credentials. */
	url: string;
	host: string;
	/** Every CONNECT received: the target asked for and the Proxy-Authorization header sent. */
	connects: Array<{target: string; authorization: string | undefined}>;
	/** CONNECTs answered 200. */
	tunnels: number;
	/** Every request head the proxy saw, raw, to look for leaked secrets. */
	heads: string[];
	stop(): Promise<void>;
};

function track(sockets: Set<Socket>, socket: Socket): void {
	sockets.add(socket);
	socket.on('close', () => sockets.delete(socket));
}

function head(request: IncomingMessage): string {
	const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
	for (let index = 0; index < request.rawHeaders.length; index += 2)
		lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
	return lines.join('\r\n');
}

/** A forward proxy on 127.0.0.1 (or `listenOn`) port 0 that opens tunnels to loopback only (it never reaches further). */
export async function startForwardProxy(options: ProxyOptions = {}): Promise<ForwardProxy> {
	const sockets = new Set<Socket>();
	const state: ForwardProxy = {url: '', host: '', connects: [], tunnels: 0, heads: [], stop: async () => {}};
	const expected = options.credentials
		? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`
		: undefined;
	const handler = (request: IncomingMessage, response: ServerResponse) => {
		// gqx's agents tunnel every request; a plain proxied request is not expected here.
		state.heads.push(head(request));
		response.writeHead(501, {'content-type': 'text/plain'}).end('only CONNECT');
	};
	const server = options.tls
		? createHttpsServer({key: options.tls.key, cert: options.tls.cert}, handler)
		: createServer(handler);
	if (options.tls) server.on('tlsClientError', () => {});
	server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => track(sockets, socket));
	server.on('connect', (request: IncomingMessage, client: Socket, early: Buffer) => {
		track(sockets, client);
		state.heads.push(head(request));
		const target = request.url ?? '';
		const authorization = request.headers['proxy-authorization'];
		state.connects.push({target, authorization});
		client.on('error', () => {});
		if (expected && authorization !== expected) {
			client.end(
				'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="gqx test"\r\nContent-Length: 0\r\n\r\n',
			);
			return;
		}
		if (options.refuseWith) {
			client.end(`HTTP/1.1 ${options.refuseWith} Refused\r\nContent-Length: 0\r\n\r\n`);
			return;
		}
		const match = /^(127\.0\.0\.1|localhost|\[::1\]):(\d+)$/.exec(target);
		if (!match) {
			client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		const upstream = net.connect(Number(match[2]), '127.0.0.1', () => {
			state.tunnels++;
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (early.length > 0) upstream.write(early);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		track(sockets, upstream);
		upstream.on('error', () => client.destroy());
		client.on('close', () => upstream.destroy());
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, options.listenOn ?? '127.0.0.1', () => resolve());
	});
	const {port} = server.address() as AddressInfo;
	const address = options.listenOn ?? '127.0.0.1';
	state.host = `${net.isIPv6(address) ? `[${address}]` : address}:${port}`;
	state.url = `${options.tls ? 'https' : 'http'}://${state.host}`;
	state.stop = async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise<void>(resolve => server.close(() => resolve()));
	};
	return state;
}

/** A port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
	const {port} = server.address() as AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return port;
}

export type TestCertificates = {dir: string; caFile: string; key: string; cert: string};

/** A throwaway CA and a certificate it signs for 127.0.0.1 and localhost, made by openssl in `dir`. */
export function makeCertificates(dir: string): TestCertificates {
	const file = (name: string) => path.join(dir, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, {cwd: dir, stdio: 'pipe'});
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	openssl(
		'req',
		'-x509',
		...ec,
		'-keyout',
		'ca.key',
		'-out',
		'ca.pem',
		'-days',
		'2',
		'-subj',
		'/CN=gqx test CA',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
	);
	openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
	fs.writeFileSync(
		file('server.ext'),
		'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n',
	);
	openssl(
		'x509',
		'-req',
		'-in',
		'server.csr',
		'-CA',
		'ca.pem',
		'-CAkey',
		'ca.key',
		'-CAcreateserial',
		'-out',
		'server.pem',
		'-days',
		'2',
		'-extfile',
		'server.ext',
	);
	return {
		dir,
		caFile: file('ca.pem'),
		key: fs.readFileSync(file('server.key'), 'utf8'),
		cert: fs.readFileSync(file('server.pem'), 'utf8'),
	};
}

/** The emulator served over TLS: a TLS listener on 127.0.0.1 that hands each connection to `port`. */
export async function startTlsFront(
	port: number,
	certificates: TestCertificates,
): Promise<{url: string; stop(): Promise<void>}> {
	const sockets = new Set<Socket>();
	const server = tls.createServer({key: certificates.key, cert: certificates.cert}, secure => {
		track(sockets, secure);
		const upstream = net.connect(port, '127.0.0.1');
		track(sockets, upstream);
		secure.pipe(upstream).pipe(secure);
		secure.on('error', () => upstream.destroy());
		upstream.on('error', () => secure.destroy());
	});
	// A handshake the client gives up on (an untrusted certificate) is not a test failure.
	server.on('tlsClientError', () => {});
	server.on('connection', socket => track(sockets, socket));
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
	const address = server.address() as AddressInfo;
	return {
		url: `https://127.0.0.1:${address.port}`,
		stop: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}
