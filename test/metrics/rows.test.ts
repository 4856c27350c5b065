import {describe, expect, it} from 'vitest';
import {formatDuration, formatPercent} from '../../source/metrics/format.js';
import {rollUp, rowFields, toRow, totalRow} from '../../source/metrics/rows.js';
import {type AggregateCell} from '../../source/genesys/analytics.js';
import {mergeMetric} from '../../source/genesys/stats.js';

const identity = {queueId: 'q1', queueName: 'Sales', mediaType: 'voice', interval: null};

describe('toRow', () => {
	it('derives the row contract from Genesys stats (reference section 8.2)', () => {
		const row = toRow(identity, {
			nOffered: {count: 877},
			tAnswered: {count: 787, sum: 787 * 24_500, min: 1000, max: 90_000},
			tAbandon: {count: 83, sum: 83 * 40_000},
			tFlowOut: {count: 7, sum: 7 * 100_000},
			tShortAbandon: {count: 11, sum: 11 * 3000},
			nTransferred: {count: 40},
			nOverSla: {count: 373},
			oServiceLevel: {numerator: 414, denominator: 870, target: 0.8},
			tWait: {count: 877, sum: 877 * 30_000},
			tHandle: {count: 787, sum: 131_580_101},
			tTalkComplete: {count: 787, sum: 787 * 120_000},
			tHeldComplete: {count: 100, sum: 100 * 45_000},
			tAcw: {count: 700, sum: 700 * 30_000},
		});
		expect(row).toEqual({
			...identity,
			offered: 877,
			answered: 787,
			abandoned: 83,
			flowOuts: 7,
			shortAbandoned: 11,
			transferred: 40,
			overSla: 373,
			answerRate: 787 / 877,
			abandonRate: 83 / 877,
			serviceLevel: 414 / 870,
			serviceLevelTarget: 0.8,
			asaMs: 24_500,
			avgWaitMs: 30_000,
			ahtMs: Math.round(131_580_101 / 787),
			avgTalkMs: 120_000,
			avgHoldMs: 45_000,
			avgAcwMs: 30_000,
			divisionId: null,
			divisionName: null,
			handled: 787,
			notResponding: 0,
			share: null,
			count: 787,
			callbacksScheduled: 0,
			callbackAttempts: 0,
			callbackAbandoned: 0,
			avgCallbackWaitMs: null,
		});
		expect(Object.keys(row).filter(key => (rowFields as readonly string[]).includes(key))).toEqual([...rowFields]);
	});

	it('gives 0 for absent counts and null for undefined ratios and averages', () => {
		const row = toRow(identity, {nOffered: {count: 3}, tAbandon: {count: 3, sum: 9000}});
		expect(row).toMatchObject({
			offered: 3,
			answered: 0,
			abandoned: 3,
			abandonRate: 1,
			answerRate: 0,
			asaMs: null,
			ahtMs: null,
			serviceLevel: null,
			serviceLevelTarget: null,
		});
		const empty = toRow(identity, {});
		expect(empty).toMatchObject({offered: 0, answerRate: null, abandonRate: null});
	});
});

describe('roll-ups', () => {
	const cells: AggregateCell[] = [
		{
			queueId: 'q1',
			mediaType: 'voice',
			interval: 'a',
			stats: {
				nOffered: {count: 10},
				tAnswered: {count: 10, sum: 100_000, min: 1000, max: 30_000},
				oServiceLevel: {numerator: 8, denominator: 10, target: 0.8},
			},
		},
		{
			queueId: 'q1',
			mediaType: 'chat',
			interval: 'a',
			stats: {
				nOffered: {count: 90},
				tAnswered: {count: 90, sum: 9_000_000, min: 500, max: 900_000},
				oServiceLevel: {numerator: 45, denominator: 90, target: 0.9},
			},
		},
		{queueId: 'q2', mediaType: 'voice', interval: 'a', stats: {nOffered: {count: 5}}},
	];

	it('adds counts and sums, never averaging averages', () => {
		const [q1] = rollUp(cells, 'queues', id => (id === 'q1' ? 'Alpha' : 'Beta'), 'range');
		expect(q1).toMatchObject({queueName: 'Alpha', mediaType: null, interval: 'range', offered: 100, answered: 100});
		// (100 s + 9000 s) / 100 conversations, not the mean of 10 s and 100 s.
		expect(q1?.asaMs).toBe(91_000);
		expect(q1?.serviceLevel).toBeCloseTo(53 / 100);
		// The parts had different targets, so the roll-up has none.
		expect(q1?.serviceLevelTarget).toBeNull();
	});

	it('sorts rows by queue name, id, media and interval start', () => {
		const rows = rollUp(cells, 'media', id => (id === 'q1' ? 'Zulu' : 'Alpha'), null);
		expect(rows.map(row => `${row.queueName}/${row.mediaType}`)).toEqual(['Alpha/voice', 'Zulu/chat', 'Zulu/voice']);
	});

	it('totals every cell', () => {
		expect(totalRow(cells)).toMatchObject({queueName: 'Total', queueId: null, offered: 105, answered: 100});
	});

	it('merges min and max and keeps an agreeing target', () => {
		expect(mergeMetric({count: 1, min: 5, max: 9, target: 0.8}, {count: 2, min: 3, max: 7, target: 0.8})).toEqual({
			count: 3,
			min: 3,
			max: 9,
			target: 0.8,
		});
	});
});

describe('formats', () => {
	it('writes durations as m:ss or h:mm:ss and ratios as percentages', () => {
		expect(formatDuration(205_000)).toBe('3:25');
		expect(formatDuration(3_725_400)).toBe('1:02:05');
		expect(formatDuration(null)).toBe('-');
		expect(formatPercent(0.8123)).toBe('81.2%');
		expect(formatPercent(null)).toBe('-');
	});
});
