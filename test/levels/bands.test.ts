// The wait bands level against the emulator: for every queue, media and interval row its bands add up to the row's
// Answered and Abandoned (the emulator's own aggregates), and the what-if at the queue's own SL time is its SL %.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {levels} from '../../source/levels/registry.js';
import type {LevelContext} from '../../source/levels/types.js';
import {formatPercent} from '../../source/metrics/format.js';
import {rollUp} from '../../source/metrics/rows.js';
import {resolveRange} from '../../source/range/range.js';
import {clientFor, emulator, groundTruth, namesOf, testNow} from '../helpers.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 10, seed: 21});
});
afterAll(async () => emu.stop());

const range = resolveRange({preset: 'last-7-days'}, 'Europe/Paris', DateTime.fromMillis(testNow));

async function bandsOf(context: LevelContext) {
	const ref = {id: 'bands' as const, context};
	const data = await levels.bands.request(ref, 'P1D').load(clientFor(emu), range, {});
	const rows = levels.bands.rows(data, ref, {timeZone: range.timeZone, granularity: 'P1D'});
	const sum = (field: 'bandAnswered' | 'bandAbandoned') =>
		rows.rows.reduce((all, row) => all + (row.row[field] ?? 0), 0);
	return {rows, answered: sum('bandAnswered'), abandoned: sum('bandAbandoned')};
}

describe('the wait bands level', () => {
	it('adds up to Answered and Abandoned on every queue and media row; at the SL time it is the SL %', async () => {
		const truth = groundTruth(emu, range.start, range.end, range.timeZone);
		const names = namesOf(emu);
		const queueRows = rollUp(truth, 'queues', names, null);
		const mediaRows = rollUp(truth, 'media', names, null);
		expect(queueRows.length).toBeGreaterThan(5);
		for (const row of [...queueRows, ...mediaRows]) {
			const where = `${row.queueName} ${row.mediaType ?? 'all media'}`;
			const bands = await bandsOf({queueId: row.queueId!, ...(row.mediaType ? {mediaType: row.mediaType} : {})});
			expect(bands.answered, where).toBe(row.answered);
			expect(bands.abandoned, where).toBe(row.abandoned);
			// The cumulative share of the open band is all of them; shares add up to 100 %.
			const last = bands.rows.rows.at(-1)?.row;
			if (row.answered > 0) expect(last?.bandAnsweredCumulative, where).toBe(1);
			expect(bands.rows.footline, where).toContain(`(SL % ${formatPercent(row.serviceLevel)})`);
			const atTarget = /target[^◆]*? (\S+%) \(SL %/.exec(bands.rows.footline ?? '')?.[1];
			expect(atTarget, where).toBe(formatPercent(row.serviceLevel));
		}
	});

	it('counts an interval row’s own bucket', async () => {
		const truth = groundTruth(emu, range.start, range.end, range.timeZone, 'P1D');
		const cells = truth.filter(cell => cell.mediaType === 'voice').slice(0, 6);
		expect(cells.length).toBe(6);
		for (const cell of cells) {
			const bands = await bandsOf({queueId: cell.queueId, mediaType: 'voice', interval: cell.interval});
			expect(bands.answered, cell.interval).toBe(cell.stats['tAnswered']?.count ?? 0);
			expect(bands.abandoned, cell.interval).toBe(cell.stats['tAbandon']?.count ?? 0);
			// `e` writes each band as its numbers, where it is first (the bars are drawn, not data).
			for (const row of bands.rows.rows) {
				const record = row.record as Record<string, unknown>;
				expect(Object.keys(record)).toEqual(levels.bands.exportFields);
				expect(record).toMatchObject({
					queueId: cell.queueId,
					mediaType: 'voice',
					interval: cell.interval,
					bandAnswered: row.row.bandAnswered,
					bandAbandonedCumulative: row.row.bandAbandonedCumulative,
				});
			}
		}
	});
});
