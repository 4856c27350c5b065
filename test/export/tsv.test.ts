// What y and Y put on the clipboard: a header line, then rows, tab-separated, in forms spreadsheets read.
import {expect, it} from 'vitest';
import {toTsv} from '../../source/export/tsv.js';
import {toRow} from '../../source/metrics/rows.js';
import {osc52} from '../../source/ui/clipboard.js';

it('writes a header and one line per row with durations as h:mm:ss, rates as % and empty cells empty', () => {
	const row = toRow(
		{queueId: 'q', queueName: 'Billing\tEU', mediaType: null, interval: null},
		{
			nOffered: {count: 1200},
			tAnswered: {count: 1000, sum: 1000 * 75_000},
			tHandle: {count: 1000, sum: 1000 * 3_725_000},
		},
	);
	const text = toTsv('Queue', [{label: row.queueName, row}], ['offered', 'answerRate', 'asaMs', 'ahtMs', 'avgHoldMs']);
	expect(text).toBe('Queue\tOffered\tAnswer %\tASA\tAHT\tAvg hold\nBilling^IEU\t1200\t83.3%\t0:01:15\t1:02:05\t\n');
});

it("writes live columns from the row's live values: counts plain, the longest wait h:mm:ss, none empty", () => {
	const row = toRow({queueId: 'q', queueName: 'Sales', mediaType: null, interval: null}, {nOffered: {count: 7}});
	const live = {
		waiting: 3,
		interacting: 12,
		longestWaitingMs: 5_830_000,
		onQueueAgents: null,
		availableAgents: 0,
	};
	const text = toTsv(
		'Queue',
		[
			{label: 'Sales', row, live},
			{label: 'Support', row},
		],
		['waiting', 'offered', 'longestWaitingMs', 'onQueueAgents', 'availableAgents', 'interacting'],
	);
	expect(text).toBe(
		'Queue\tWaiting\tOffered\tLongest\tOn queue\tAvail\tInteract\nSales\t3\t7\t1:37:10\t\t0\t12\nSupport\t\t7\t\t\t\t\n',
	);
});

it('wraps text for the clipboard in one OSC 52 sequence, base64 encoded', () => {
	expect(osc52('a\tb\n')).toBe(`\u001B]52;c;${Buffer.from('a\tb\n').toString('base64')}\u0007`);
});
