// A level's rows side by side with the same level in the comparison period (`c`), for any level: rows
// pair by key (or by the level's own alignment, like buckets by their place), and a row with data in
// only one period is kept, its other side empty (counts 0, rates and times none).
import {toRow} from '../metrics/rows.js';
import {mergeBags} from '../genesys/stats.js';
import type {Granularity} from '../range/range.js';
import type {DisplayRow, LevelModule, LevelRows} from './types.js';

export type CompareShift = {days: number; timeZone: string; granularity: Granularity};

function emptySide(row: DisplayRow): DisplayRow['previous'] & {} {
	const {queueId, queueName, mediaType, interval, divisionId, divisionName} = row.row;
	// The queue's division is the queue's in either period: the empty side keeps it.
	const division = divisionId ? {id: divisionId, name: divisionName ?? ''} : undefined;
	return {row: toRow({queueId, queueName, mediaType, interval, division}, {}), stats: {}};
}

export function compareLevelRows(
	level: LevelModule,
	current: LevelRows,
	previous: LevelRows,
	shift: CompareShift,
): LevelRows {
	// The comparison's rows by the key of their twin in this period; each keeps its own numbers.
	const earlier = new Map<string, {aligned: DisplayRow; own: DisplayRow}>();
	// Two rows of the comparison with one twin: a bucket in the hour that daylight saving skips in this
	// period moves onto the next one. The later (the exact twin) pairs; the other stays a row of its own.
	const displaced: DisplayRow[] = [];
	for (const row of previous.rows) {
		const aligned = level.alignCompared ? level.alignCompared(row, shift) : row;
		const taken = earlier.get(aligned.key);
		if (taken) displaced.push(taken.own);
		earlier.set(aligned.key, {aligned, own: row});
	}
	const rows: DisplayRow[] = current.rows.map(({idle, ...row}) => {
		const before = earlier.get(row.key);
		earlier.delete(row.key);
		// Without traffic in both periods only: a queue busy in the comparison period is a row to compare.
		return {
			...row,
			...(idle && (!before || before.own.idle) ? {idle} : {}),
			previous: before ? {row: before.own.row, stats: before.own.stats} : emptySide(row),
		};
	});
	// Rows of the comparison period alone: this period has nothing for them.
	for (const {aligned, own} of earlier.values()) {
		const now = emptySide(aligned);
		rows.push({...aligned, row: now.row, stats: now.stats, previous: {row: own.row, stats: own.stats}});
	}
	for (const own of displaced) {
		const now = emptySide(own);
		const label = `${own.label} (compared)`;
		rows.push({
			...own,
			key: `${own.key}\u0000compared`,
			label,
			search: label.toLowerCase(),
			row: now.row,
			stats: now.stats,
			previous: {row: own.row, stats: own.stats},
		});
	}
	return {
		rows,
		allStats: current.allStats ?? mergeBags(current.rows.map(row => row.stats)),
		previousAllStats: previous.allStats ?? mergeBags(previous.rows.map(row => row.stats)),
	};
}
