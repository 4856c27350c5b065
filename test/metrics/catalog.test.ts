// The metric catalog: every column is a field of the row (numbers, and the division as text), the export's field order stays, and each kind is formatted
// as the tables show it.
import {describe, expect, it} from 'vitest';
import {formatRecords} from '../../source/export/output.js';
import {
	defaultColumns,
	formatMetric,
	isMetricField,
	type MetricField,
	metricFor,
	metrics,
	metricValue,
	numericMetrics as catalogNumeric,
	conversationColumns,
	flowColumns,
	flowOutcomeColumns,
	peopleColumns,
	bandColumns,
	callbackFields,
	timelineColumns,
} from '../../source/metrics/catalog.js';
import {compareRecords, comparedFields} from '../../source/metrics/compared.js';
import {type QueueRow, rowFields, toRow} from '../../source/metrics/rows.js';

const identity = {queueId: 'q1', queueName: 'Sales', mediaType: 'voice', interval: null};

/** A row where every metric has a value. */
const row = toRow(identity, {
	nOffered: {count: 1200},
	tAnswered: {count: 1000, sum: 1000 * 42_000},
	tAbandon: {count: 150, sum: 150 * 60_000},
	tFlowOut: {count: 20},
	tShortAbandon: {count: 30},
	nTransferred: {count: 75},
	nOverSla: {count: 300},
	oServiceLevel: {numerator: 900, denominator: 1180, target: 0.8},
	tWait: {count: 1200, sum: 1200 * 55_000},
	tHandle: {count: 1000, sum: 1000 * 3_725_000},
	tTalkComplete: {count: 1000, sum: 1000 * 240_000},
	tHeldComplete: {count: 200, sum: 200 * 65_000},
	tAcw: {count: 1000, sum: 1000 * 30_000},
	nCallbackScheduled: {count: 40},
	nCallbackAttempts: {count: 35},
	tCallbackAbandon: {count: 3, sum: 3 * 200_000},
	tCallbackVirtualWait: {count: 38, sum: 38 * 600_000},
});

// A conversation's own cells are the conversations level's, an agent's state now the people-now board's, a flow's
// numbers the flows levels' (their rows carry them beside the counts).
const conversationOnly = new Set<string>([
	...conversationColumns,
	...timelineColumns,
	...peopleColumns,
	...flowColumns,
	...flowOutcomeColumns,
	...bandColumns,
]);

describe('metric catalog', () => {
	it('has unique ids and headers', () => {
		const fields = metrics.map(metric => metric.field);
		expect(new Set(fields).size).toBe(fields.length);
		const headers = metrics.map(metric => metric.header);
		expect(new Set(headers).size).toBe(headers.length);
	});

	it('names only fields of the row toRow makes: numbers, and the division as text', () => {
		const numericMetrics = catalogNumeric.filter(metric => !conversationOnly.has(metric.field));
		for (const metric of numericMetrics) {
			expect(Object.keys(row), metric.field).toContain(metric.field);
			if (metric.field !== 'share') expect(typeof row[metric.field], metric.field).toBe('number');
			expect(metricValue(metric, row)).toBe(row[metric.field]);
		}
		// And every numeric field of the row is in the catalog.
		const numeric = Object.entries(row)
			.filter(([, value]) => typeof value === 'number')
			.map(([field]) => field);
		expect(numeric).toEqual(numericMetrics.filter(metric => metric.field !== 'share').map(metric => metric.field));
		// A share is of a whole only the agent and wrap-up code levels know: null until they set it.
		expect(row.share).toBeNull();
		// The text columns are the row's text, never a number nor added up.
		const text = metrics.filter(metric => metric.kind === 'text' && !conversationOnly.has(metric.field));
		expect(text.map(metric => metric.field)).toEqual(['divisionName']);
		const inEmea = toRow({...identity, division: {id: 'd-1', name: 'EMEA'}}, {});
		expect(formatMetric(metricFor('divisionName'), inEmea)).toBe('EMEA');
		expect(formatMetric(metricFor('divisionName'), row)).toBe('');
		expect(metricValue(metricFor('divisionName'), inEmea)).toBeNull();
		// Offered by the picker, not shown until picked.
		expect(defaultColumns).not.toContain('divisionName');
	});

	it('keeps the export field order: the identity, the catalog, the division, then the callbacks', () => {
		expect(rowFields).toEqual([
			'queueId',
			'queueName',
			'mediaType',
			'interval',
			...catalogNumeric
				.filter(metric => metric.onQueueLevels !== false && !callbackFields.includes(metric.field as never))
				.map(metric => metric.field),
			'divisionId',
			'divisionName',
			...callbackFields,
		]);
		// The CSV header of `gqx export` that scripts read.
		const header = [
			'queueId',
			'queueName',
			'mediaType',
			'interval',
			'offered',
			'answered',
			'abandoned',
			'flowOuts',
			'shortAbandoned',
			'transferred',
			'overSla',
			'answerRate',
			'abandonRate',
			'serviceLevel',
			'serviceLevelTarget',
			'asaMs',
			'avgWaitMs',
			'ahtMs',
			'avgTalkMs',
			'avgHoldMs',
			'avgAcwMs',
			// Added after the fields above, so scripts that read columns by position keep working.
			'divisionId',
			'divisionName',
			// Added later still: the callbacks.
			'callbacksScheduled',
			'callbackAttempts',
			'callbackAbandoned',
			'avgCallbackWaitMs',
		];
		expect(rowFields).toEqual(header);
		expect(formatRecords('csv', {fields: rowFields}, [row]).split('\n')[0]).toBe(header.join(','));
		// JSON records have the same fields in the same order (the row has the drill levels' fields too).
		expect(Object.keys(JSON.parse(formatRecords('json', {fields: rowFields}, [row]))[0])).toEqual(header);
		// With --compare the same fields come first, then each number of the comparison period, then its interval.
		// Only the numbers have a comparison side: not the division, which is the queue's.
		// The callbacks (added later) go after all of those, with their comparison side.
		const numbers = header.slice(4, -6);
		const callbacks = header.slice(-4);
		const prevHeader = [
			...header.slice(0, -4),
			...numbers.map(field => `${field}Prev`),
			'comparedInterval',
			...callbacks,
			...callbacks.map(field => `${field}Prev`),
		];
		expect(prevHeader.slice(header.length - 4, header.length - 1)).toEqual([
			'offeredPrev',
			'answeredPrev',
			'abandonedPrev',
		]);
		expect(comparedFields).toEqual(prevHeader);
		const [record] = compareRecords([row], [row], {
			days: 7,
			timeZone: 'UTC',
			range: 'r',
			comparedRange: 'c',
			byBucket: false,
		});
		expect(formatRecords('csv', {fields: comparedFields}, [record!]).split('\n')[0]).toBe(prevHeader.join(','));
		expect(Object.keys(JSON.parse(formatRecords('json', {fields: comparedFields}, [record!]))[0])).toEqual(prevHeader);
	});

	it('shows by default only columns of the catalog, each once', () => {
		expect(defaultColumns.length).toBeGreaterThan(0);
		for (const field of defaultColumns) expect(isMetricField(field), field).toBe(true);
		expect(new Set(defaultColumns).size).toBe(defaultColumns.length);
	});

	it('tells catalog fields from other names', () => {
		for (const metric of metrics) {
			expect(isMetricField(metric.field)).toBe(true);
			expect(metricFor(metric.field)).toBe(metric);
		}
		for (const other of ['queueName', 'interval', 'name', 'sentimentScore', ''])
			expect(isMetricField(other)).toBe(false);
	});

	it('formats counts with separators, rates as percentages and durations as m:ss or h:mm:ss', () => {
		const text = (field: MetricField, values: Partial<QueueRow> = {}) =>
			formatMetric(metricFor(field), {...row, ...values});
		expect(metricFor('offered').kind).toBe('count');
		expect(text('offered')).toBe('1,200');
		expect(text('answered', {answered: 1_234_567})).toBe('1,234,567');
		expect(text('transferred', {transferred: 0})).toBe('0');
		expect(metricFor('serviceLevel').kind).toBe('rate');
		expect(text('abandonRate')).toBe('12.5%');
		expect(text('serviceLevelTarget')).toBe('80.0%');
		expect(text('serviceLevel', {serviceLevel: null})).toBe('-');
		expect(metricFor('ahtMs').kind).toBe('duration');
		expect(text('asaMs')).toBe('0:42');
		expect(text('ahtMs')).toBe('1:02:05');
		expect(text('avgHoldMs')).toBe('1:05');
		expect(text('avgAcwMs', {avgAcwMs: null})).toBe('-');
		// Every metric of the row above has a formatted value, none the empty mark.
		for (const metric of metrics)
			if (metric.field !== 'share' && !conversationOnly.has(metric.field))
				expect(formatMetric(metric, row), metric.field).not.toBe('-');
		expect(text('share', {share: 0.25})).toBe('25.0%');
	});
});
