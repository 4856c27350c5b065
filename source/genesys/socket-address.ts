// The notifications socket's address comes from the server (a channel's connectUri): only a WebSocket over TLS, or a
// plain one to this machine (the emulator), is dialled. `ws` also dials `ws+unix:` (a local Unix socket, such as a
// container engine's) and takes any host: a hostile or broken server must not point gqx at either.
import {isLoopbackHost} from '../net/loopback.js';

/** Why the address is not dialled (a few words for the status bar), or undefined when it is fine. */
export function refusedSocketAddress(connectUri: string): string | undefined {
	let url: URL;
	try {
		url = new URL(connectUri);
	} catch {
		return 'channel address not a URL';
	}
	if (url.protocol === 'wss:') return undefined;
	if (url.protocol === 'ws:' && isLoopbackHost(url.hostname)) return undefined;
	return url.protocol === 'ws:' ? 'channel address not TLS' : 'channel address not a WebSocket';
}
