// Sorting thousands of rows by a column of words (routing statuses, presences) ranks the words once and compares
// numbers; what the user sees must be the same order as comparing the words themselves: the words in collation
// order (or reversed), rows without a value last, ties in name order whichever way the column goes.
import {describe, expect, it} from 'vitest';
import {levels} from '../../../source/levels/registry.js';
import type {DisplayRow, LevelRows} from '../../../source/levels/types.js';
import {toRow} from '../../../source/metrics/rows.js';
import {levelView} from '../../../source/ui/explorer/view.js';

const statuses = ['Idle', 'Interacting', 'Communicating', 'Not responding', 'Off queue', 'idle', 'Ídle', null];
const names = ['Ana', 'ana', 'Émile', 'Zoë', 'Ünal', 'bob', 'Bob', '山田', 'Chloé', 'Anders'];

function board(count: number): LevelRows {
	const rows: DisplayRow[] = Array.from({length: count}, (_, index) => {
		const label = `${names[index % names.length]} ${Math.floor(index / names.length)}`;
		const row = toRow({queueId: null, queueName: label, mediaType: null, interval: null}, {});
		return {
			key: `user-${index}`,
			label,
			search: label.toLowerCase(),
			row: {...row, routingStatus: statuses[(index * 7) % statuses.length]} as DisplayRow['row'],
			stats: {},
			item: {userId: `user-${index}`, routingStatus: 'IDLE', presence: 'AVAILABLE'},
		} as DisplayRow;
	});
	return {rows};
}

const collator = new Intl.Collator();

/** The order of the words compared one pair at a time, ties by name: what the user expects. */
function expected(rows: readonly DisplayRow[], descending: boolean): string[] {
	const status = (row: DisplayRow) => (row.row as unknown as {routingStatus: string | null}).routingStatus;
	return [...rows]
		.sort((a, b) => {
			const x = status(a);
			const y = status(b);
			if (x === null || y === null) {
				if (x !== y) return x === null ? 1 : -1;
			} else {
				const words = collator.compare(x, y);
				if (words !== 0) return descending ? -words : words;
			}
			return (
				collator.compare(a.search, b.search) || collator.compare(a.label, b.label) || collator.compare(a.key, b.key)
			);
		})
		.map(row => row.key);
}

describe('sorting by a column of words', () => {
	for (const count of [40, 1200]) {
		for (const descending of [false, true]) {
			it(`puts ${count} agents in word order${descending ? ', reversed,' : ''} with ties by name and blanks last`, () => {
				const base = board(count);
				const level = {...levels.people, quickFilter: undefined};
				const view = levelView(base, level, '', {column: 'routingStatus', descending}, 0, true);
				expect(view.rows.map(row => row.key)).toEqual(expected(base.rows, descending));
			});
		}
	}
});
