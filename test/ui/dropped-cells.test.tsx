// The explorer with an impossible statistic in an answer: the table is kept, the status bar says what was left
// out (queue, media, interval, metric) and the cells it feeds carry a marker that needs no colour.
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {resolveRange} from '../../source/range/range.js';
import {DateTime} from 'luxon';
import {emulator, testNow} from '../helpers.js';
import {renderExplorer} from './app-on-profile.js';
import {type Rendered, waitForText} from './ink.js';

let emu: Emulator;
let rendered: Rendered | undefined;
beforeAll(async () => {
	emu = await emulator({queues: 8, seed: 5});
});
afterAll(async () => {
	rendered?.unmount();
	await emu.stop();
});

it('marks the cells of a dropped statistic and says it whole in the status bar at 80 columns', async () => {
	let victim = '';
	emu.inject({
		kind: 'transform',
		path: '/api/v2/analytics',
		times: 6,
		transform: body => {
			const answer = body as {
				results?: Array<{
					group?: Record<string, string>;
					data: Array<{metrics: Array<{metric: string; stats: Record<string, number>}>}>;
				}>;
			};
			const result = answer.results?.find(each => each.group?.['mediaType'] === 'voice' && each.group['queueId']);
			if (!result || victim) return answer;
			victim = result.group!['queueId']!;
			for (const metric of result.data[0]!.metrics) if (metric.metric === 'tHandle') metric.stats['sum'] = -1;
			return answer;
		},
	});
	const range = resolveRange({from: '2026-03-02', to: '2026-03-04'}, 'UTC', DateTime.fromMillis(testNow));
	rendered = renderExplorer(emu, range, {width: 80, height: 24}, 'demo');
	const frame = await waitForText(rendered, 'impossible statistic');
	const lines = frame.split('\n');
	for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
	const name = emu.org.byId.get(victim)!.name;
	// The notice is read whole, over as many lines as it needs.
	const notice = lines.slice(1).join(' ').replace(/\s+/g, ' ');
	expect(notice).toContain(`Left out an impossible statistic (cells marked *): ${name}, voice, 2026-03-02 00:00`);
	expect(notice).toContain('tHandle: a timer is negative');
	const header = lines.find(line => /^\s+Queue\s/.test(line))!;
	const aht = header.indexOf('AHT');
	// The dropped marker, in the AHT column: the queue's row and the total only (a threshold's `!` is another mark).
	const tableLines = lines.slice(lines.indexOf(header) + 1);
	const marked = tableLines.filter(line => line.slice(aht - 6, aht + 4).includes('*'));
	expect(marked).toHaveLength(2);
	expect(marked[0]!.startsWith(`  ${name.slice(0, 5)}`) || marked[0]!.startsWith(`› ${name.slice(0, 5)}`)).toBe(true);
	expect(marked[1]).toMatch(/^\s+Total/);
	for (const line of marked) expect(line.slice(aht - 6, aht + 4)).toMatch(/\d\*/);
});
