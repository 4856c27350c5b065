// Queues named in any script in a real terminal (tmux) against an emulator of its own, at 80x24 and
// 160x48: every number column under its header on every page, nothing past the edge, whole names.
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {generateOrg} from '../../source/emulator/org.js';
import {metrics} from '../../source/metrics/catalog.js';
import {textWidth} from '../../source/text/columns.js';
import {credentialsEnv} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {columnSlice, expectColumnsAligned} from '../text/cells.js';
import {type CliEmulator, startCliEmulator} from './cli-emulator.js';
import {gqx, killTerms, startTerm, stopServer} from './tmux.js';

const queueCount = 31;
const seed = 3;
// The queue levels' number columns (a conversation's Wait is not the live Waiting).
const numberHeaders = metrics
	.filter(metric => metric.kind !== 'text' && metric.onQueueLevels !== false)
	.map(metric => metric.header);
let emulator: CliEmulator;
let url: string;

beforeAll(async () => {
	emulator = await startCliEmulator(['--queues', String(queueCount), '--seed', String(seed)]);
	url = emulator.url;
});
afterAll(() => {
	emulator.stop();
	stopServer();
});
afterEach(killTerms);

/** The label each queue has in the table: the two named Support with their division. */
const labels = generateOrg(seed, queueCount).queues.map(queue =>
	queue.name === 'Support' ? `Support · ${queue.divisionName}` : queue.name,
);

/**
 * tmux 3.3a drops a zero-width joiner that ends one read of the program's output: a frame split right after one shows
 * the emoji of a joined sequence apart, and the rest of the row two columns off (printf the bytes in two writes to see
 * it). gqx redraws the table every second on a live range, so such a page is read again from the next frame. The
 * forms tmux draws: a label with a zero-width joiner left out.
 */
const joinerSplits = labels.flatMap(label =>
	[...label.matchAll(/\u200D/gu)].map(match => label.slice(0, match.index) + label.slice(match.index + 1)),
);
const drawnWhole = (screen: string) => !joinerSplits.some(split => screen.includes(split));

describe('queue names in any script, in a real terminal', () => {
	for (const [width, height] of [
		[80, 24],
		[160, 48],
	] as const) {
		it(`draws every page at ${width}x${height} with the numbers under their headers`, async () => {
			const dir = scratchDir();
			const term = startTerm(gqx, {
				width,
				height,
				cwd: dir,
				env: {
					GQX_CONFIG_DIR: path.join(dir, 'config'),
					...credentialsEnv(url),
				},
			});
			await term.waitFor('Dates · days in');
			term.keys('Enter');
			const seen = new Map<string, string>();
			// The range runs to now: the first live values redraw the rows right after the totals show, so the page is
			// read once they are in (a capture in the middle of that redraw saw a row half written).
			let screen = await term.waitUntil(
				current => /Total\s+[!~]?[\d,]+/.test(current) && /live \(push\), updated/.test(current),
				'the table with its first live values',
			);
			for (let page = 0; page < 3; page++) {
				if (!drawnWhole(screen)) {
					let last: string | undefined;
					screen = await term.waitUntil(current => {
						const settled = current === last && drawnWhole(current);
						last = current;
						return settled;
					}, 'a frame tmux drew whole');
				}
				for (const row of expectColumnsAligned(screen, width, numberHeaders)) seen.set(row.slice(2), row);
				if (labels.every(label => [...seen.values()].some(row => row.includes(label)))) break;
				const before = screen;
				term.keys('NPage');
				screen = await term.waitForChange(before);
			}
			// Every queue was on screen, its whole name at the start of the name column.
			for (const label of labels) {
				const row = [...seen.values()].find(line => line.includes(label));
				expect(row, label).toBeDefined();
				expect(columnSlice(row!, 2, 2 + textWidth(label))).toBe(label);
			}
			term.keys('q');
			await term.waitFor('EXIT:0');
		}, 60_000);
	}
});
