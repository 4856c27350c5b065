// What a channel's connectUri may be before gqx dials it: TLS anywhere, plain only to this machine, nothing else.
import {describe, expect, it} from 'vitest';
import {refusedSocketAddress} from '../../source/genesys/socket-address.js';

describe('the notifications socket address', () => {
	it('dials wss anywhere and plain ws only on loopback (the emulator)', () => {
		expect(refusedSocketAddress('wss://streaming.mypurecloud.com/channels/streaming-0-abc')).toBeUndefined();
		expect(refusedSocketAddress('ws://127.0.0.1:40123/channels/x')).toBeUndefined();
		expect(refusedSocketAddress('ws://localhost:40123/channels/x')).toBeUndefined();
		expect(refusedSocketAddress('ws://[::1]:40123/channels/x')).toBeUndefined();
	});

	it('refuses a plain socket elsewhere, a Unix socket, other schemes and no URL, saying which', () => {
		expect(refusedSocketAddress('ws://streaming.mypurecloud.com/channels/x')).toBe('channel address not TLS');
		expect(refusedSocketAddress('ws+unix:///var/run/docker.sock:/containers/json')).toBe(
			'channel address not a WebSocket',
		);
		expect(refusedSocketAddress('https://streaming.mypurecloud.com/channels/x')).toBe(
			'channel address not a WebSocket',
		);
		expect(refusedSocketAddress('file:///etc/passwd')).toBe('channel address not a WebSocket');
		expect(refusedSocketAddress('streaming-0-abc')).toBe('channel address not a URL');
		expect(refusedSocketAddress('')).toBe('channel address not a URL');
	});
});
