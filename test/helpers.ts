// Shared test set-up: an emulator on 127.0.0.1 port 0 with a fixed clock, and a client for it.
import {DateTime} from 'luxon';
import {GenesysClient, type ClientOptions} from '../source/genesys/client.js';
import {resolveRegion} from '../source/genesys/regions.js';
import {demoClient, type Emulator, type EmulatorOptions, startEmulator} from '../source/emulator/server.js';

/** The emulator clock in tests: a fixed instant, so data never moves under a test. */
export const testNow = DateTime.fromISO('2026-03-20T15:00:00Z').toMillis();

export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return startEmulator({now: () => testNow, rateLimitPerMinute: 0, ...options});
}

export function clientFor(emu: Emulator, options: Partial<ClientOptions> = {}): GenesysClient {
	return new GenesysClient({
		region: resolveRegion(emu.url),
		clientId: demoClient.id,
		clientSecret: demoClient.secret,
		backoffBaseMs: 10,
		backoffMaxMs: 50,
		timeoutMs: 5000,
		...options,
	});
}
