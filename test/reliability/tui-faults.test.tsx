// The TUI under every fault: an error panel with the cause and the next step, never a crash, and
// `r` recovers once the fault clears.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {GenesysClient} from '../../source/genesys/client.js';
import {resolveRegion} from '../../source/genesys/regions.js';
import {demoClient, type Emulator, type ScheduledFault} from '../../source/emulator/server.js';
import {emulator} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {renderApp} from '../ui/app-on-profile.js';
import {keys, press, ready, waitForText} from '../ui/ink.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 8, seed: 2});
});
afterAll(async () => emu.stop());

const cases: Array<[string, ScheduledFault, RegExp]> = [
	['an HTML page', {kind: 'status', status: 200, contentType: 'text/html', body: '<html>proxy</html>'}, /HTML page/],
	['malformed JSON', {kind: 'malformed'}, /not JSON/],
	['an unexpected shape', {kind: 'shape'}, /does not have the shape/],
	['resets that outlast the retries', {kind: 'reset', times: 50}, /Connection to .* was reset/],
	['a server that never answers', {kind: 'hang', times: 50}, /did not answer within 300 ms/],
	[
		'a rate limit beyond the cap',
		{kind: 'status', status: 429, retryAfter: 900},
		/rate limit reached; it asks to retry in 900 s/,
	],
	[
		'a missing permission',
		{kind: 'status', status: 403, body: JSON.stringify({message: 'no', code: 'missing.any.permissions', status: 403})},
		/analytics:conversationAggregate:view/,
	],
];

describe('TUI under faults', () => {
	for (const [what, fault, message] of cases) {
		it(`shows ${what} in the error panel and recovers with r`, async () => {
			const credentials = {
				region: resolveRegion(emu.url),
				regionInput: emu.url,
				clientId: demoClient.id,
				clientSecret: demoClient.secret,
				source: 'demo',
				warnings: [],
			};
			const rendered = renderApp(scratchDir(), {
				start: {kind: 'demo', credentials},
				store: null,
				makeClient: (c, onRetry) =>
					new GenesysClient({...c, onRetry, timeoutMs: 300, maxRetries: 1, backoffBaseMs: 5, backoffMaxMs: 10}),
			});
			try {
				await ready(rendered, 'Dates · days in');
				emu.inject({...fault, path: '/api/v2/analytics'});
				await press(rendered, keys.enter);
				const frame = (await waitForText(rendered, ' ERROR ')).replaceAll(/[│╭╮╰╯─]/g, ' ').replaceAll(/\s+/g, ' ');
				expect(frame).toMatch(message);
				expect(frame).toMatch(/press [rp]\b/i);
				emu.clearFaults();
				await press(rendered, 'r');
				await waitForText(rendered, /Total\s+[!~]?[\d,]+/);
			} finally {
				emu.clearFaults();
				rendered.unmount();
			}
		});
	}
});
