// The embedded emulator behind --demo: a ready organization on loopback and credentials for it.
import {resolveRegion} from '../genesys/regions.js';
import {demoClient, type EmulatorOptions, startEmulator} from '../emulator/server.js';
import type {Credentials} from '../credentials/resolve.js';

export async function startDemo(
	options: {queues?: number; seed?: number; scenarios?: EmulatorOptions['scenarios']} = {},
): Promise<{credentials: Credentials; url: string; stop: () => Promise<void>}> {
	const emulator = await startEmulator({
		queues: options.queues && Number.isFinite(options.queues) ? options.queues : 60,
		seed: options.seed ?? 1,
		...(options.scenarios ? {scenarios: options.scenarios} : {}),
	});
	return {
		url: emulator.url,
		credentials: {
			region: resolveRegion(emulator.url),
			regionInput: emulator.url,
			clientId: demoClient.id,
			clientSecret: demoClient.secret,
			source: 'demo',
			warnings: [],
		},
		stop: () => emulator.stop(),
	};
}
