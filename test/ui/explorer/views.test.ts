// The column picker and the remembered views in the explorer reducer: show, hide, order, reset, sorts per level,
// and saved views read back from the profiles file.
import {describe, expect, it} from 'vitest';
import {defaultColumns, type MetricField, queueMetricFields} from '../../../source/metrics/catalog.js';
import {
	cleanViews,
	currentFrame,
	type ExplorerAction,
	type ExplorerState,
	initialExplorer,
	pickerOrder,
	type StoredViews,
	visibleColumns,
} from '../../../source/ui/explorer/state.js';
import {apply} from './apply.js';

const picker = (cursor = 0): ExplorerAction => ({type: 'overlay', overlay: {kind: 'columns', cursor}});
const toggle: ExplorerAction = {type: 'columns-toggle'};
const down = (delta = 1): ExplorerAction => ({type: 'columns-move', delta});
const shift = (delta: number): ExplorerAction => ({type: 'columns-shift', delta});
const cursorOf = (state: ExplorerState) => (state.overlay?.kind === 'columns' ? state.overlay.cursor : undefined);
const rows = (...keys: string[]) => keys.map(key => ({key, label: key}));

/** The field under the picker's cursor, as the picker shows it. */
const underCursor = (state: ExplorerState) => pickerOrder(state, currentFrame(state).level.id)[cursorOf(state) ?? -1];

describe('column picker', () => {
	it('lists every metric of the catalog once: the shown ones in their order, then the hidden ones', () => {
		const state = apply(initialExplorer('P1D'), picker());
		const order = pickerOrder(state, 'queues');
		expect(order.slice(0, defaultColumns.length)).toEqual(defaultColumns);
		expect([...order].sort()).toEqual([...queueMetricFields].sort());
	});

	it('hides the column under the cursor and shows it again at the end', () => {
		let state = apply(initialExplorer('P1D'), picker());
		expect(underCursor(state)).toBe('offered');
		state = apply(state, toggle);
		expect(visibleColumns(state, 'queues')).toEqual(defaultColumns.filter(field => field !== 'offered'));
		// Hidden, it goes among the hidden ones, after the shown.
		const at = pickerOrder(state, 'queues').indexOf('offered');
		expect(at).toBe(defaultColumns.length - 1);
		state = apply(state, down(at));
		expect(underCursor(state)).toBe('offered');
		state = apply(state, toggle);
		expect(visibleColumns(state, 'queues')).toEqual([
			...defaultColumns.filter(field => field !== 'offered'),
			'offered',
		]);
		// The cursor stays on the column just shown.
		expect(underCursor(state)).toBe('offered');
		// Other levels keep their defaults.
		expect(visibleColumns(state, 'media')).toEqual(defaultColumns);
	});

	it('shows a hidden column of the catalog after the visible ones', () => {
		let state = apply(initialExplorer('P1D', {queues: {columns: ['offered', 'asaMs']}}), picker());
		const at = pickerOrder(state, 'queues').indexOf('avgHoldMs');
		expect(at).toBeGreaterThan(1);
		state = apply(state, down(at), toggle);
		expect(visibleColumns(state, 'queues')).toEqual(['offered', 'asaMs', 'avgHoldMs']);
		expect(cursorOf(state)).toBe(2);
	});

	it('never hides the last column', () => {
		let state = apply(initialExplorer('P1D', {queues: {columns: ['asaMs', 'offered']}}), picker(), toggle);
		expect(visibleColumns(state, 'queues')).toEqual(['offered']);
		const before = state;
		state = apply(state, toggle);
		expect(state).toBe(before);
		expect(visibleColumns(state, 'queues')).toEqual(['offered']);
	});

	it('moves the cursor around the list, wrapping at both ends', () => {
		const state = apply(initialExplorer('P1D'), picker());
		expect(cursorOf(apply(state, down(-1)))).toBe(queueMetricFields.length - 1);
		expect(cursorOf(apply(state, down(-1), down(1)))).toBe(0);
		expect(cursorOf(apply(state, down(queueMetricFields.length)))).toBe(0);
	});

	it('moves a shown column left and right with the cursor, within the shown ones', () => {
		let state = apply(initialExplorer('P1D'), picker(), shift(1));
		expect(visibleColumns(state, 'queues').slice(0, 3)).toEqual(['answered', 'offered', 'abandoned']);
		expect(underCursor(state)).toBe('offered');
		state = apply(state, shift(1), shift(1));
		expect(visibleColumns(state, 'queues').slice(0, 4)).toEqual(['answered', 'abandoned', 'abandonRate', 'offered']);
		state = apply(state, shift(-1));
		expect(visibleColumns(state, 'queues').slice(0, 4)).toEqual(['answered', 'abandoned', 'offered', 'abandonRate']);
		// Not past the first column, not past the last shown one, and a hidden column does not move.
		const first = apply(initialExplorer('P1D'), picker());
		expect(apply(first, shift(-1))).toBe(first);
		const last = apply(initialExplorer('P1D'), picker(defaultColumns.length - 1));
		expect(apply(last, shift(1))).toBe(last);
		const hidden = apply(initialExplorer('P1D'), picker(defaultColumns.length));
		expect(apply(hidden, shift(-1))).toBe(hidden);
	});

	it('does nothing to the columns when the picker is closed', () => {
		const state = initialExplorer('P1D');
		for (const action of [toggle, shift(1), down(1)]) expect(apply(state, action)).toBe(state);
	});

	it('resets the level to the default columns and its default sort, leaving other levels alone', () => {
		let state = apply(
			initialExplorer('P1D'),
			{type: 'sort-next', columns: ['name', 'offered', 'answered']},
			{type: 'open', via: 'drill', rows: rows('q1')},
			{type: 'sort-next', columns: ['name', 'offered']},
			{type: 'sort-reverse'},
			picker(),
			toggle,
			shift(1),
		);
		expect(currentFrame(state).sort).toEqual({column: 'name', descending: true});
		expect(visibleColumns(state, 'media')).not.toEqual(defaultColumns);
		state = apply(state, down(3), {type: 'columns-reset'});
		expect(visibleColumns(state, 'media')).toEqual(defaultColumns);
		expect(currentFrame(state).sort).toEqual({column: 'offered', descending: true});
		expect(state.views.media).toBeUndefined();
		expect(cursorOf(state)).toBe(0);
		// The queue level keeps its own choice.
		expect(state.views.queues?.sort).toEqual({column: 'answered', descending: true});
		// At the interval level the default sort is by time.
		const intervals = apply(
			state,
			{type: 'overlay', overlay: undefined},
			{type: 'open', via: 'drill', rows: rows('voice')},
			{type: 'sort-next', columns: ['name', 'offered']},
			picker(),
			{type: 'columns-reset'},
		);
		expect(currentFrame(intervals).sort).toEqual({column: 'name', descending: false});
	});
});

describe('sorts remembered per level', () => {
	it('keeps the sort chosen at a level for the next time that level opens', () => {
		let state = apply(
			initialExplorer('P1D'),
			{type: 'open', via: 'drill', rows: rows('q1', 'q2')},
			{type: 'open', via: 'drill', rows: rows('voice')},
			{type: 'sort-next', columns: ['name', 'offered', 'answered']},
		);
		// Name to offered, numbers largest first.
		expect(state.views).toEqual({intervals: {sort: {column: 'offered', descending: true}}});
		state = apply(state, {type: 'sort-reverse'});
		expect(state.views.intervals?.sort).toEqual({column: 'offered', descending: false});
		// Another queue's intervals open with it; the media level keeps its own default.
		state = apply(state, {type: 'back'});
		expect(currentFrame(state).sort).toEqual({column: 'offered', descending: true});
		state = apply(
			state,
			{type: 'back'},
			{type: 'move', keys: ['q1', 'q2'], delta: 1, pageSize: 5},
			{type: 'open', via: 'drill', rows: rows('q1', 'q2')},
			{type: 'open', via: 'drill', rows: rows('chat')},
		);
		expect(currentFrame(state).level.context).toMatchObject({queueId: 'q2', mediaType: 'chat'});
		expect(currentFrame(state).sort).toEqual({column: 'offered', descending: false});
		expect(state.views.queues).toBeUndefined();
	});
});

describe('saved views', () => {
	it('drops unknown levels, columns and sort columns (from a newer gqx), keeping the rest', () => {
		const saved: StoredViews = {
			queues: {columns: ['asaMs', 'sentimentScore', 'offered', 'asaMs'], sort: {column: 'asaMs', descending: false}},
			media: {columns: ['nothingKnown'], sort: {column: 'sentimentScore', descending: true}},
			intervals: {sort: {column: 'name', descending: true}},
			skills: {columns: ['offered'], sort: {column: 'offered', descending: true}},
		};
		expect(cleanViews(saved)).toEqual({
			queues: {columns: ['asaMs', 'offered'], sort: {column: 'asaMs', descending: false}},
			media: {},
			intervals: {sort: {column: 'name', descending: true}},
		});
		expect(cleanViews(undefined)).toEqual({});
		expect(cleanViews({})).toEqual({});
	});

	it('opens with the saved columns and sort, and the defaults where nothing usable was saved', () => {
		const state = initialExplorer('P1D', {
			queues: {columns: ['serviceLevel', 'offered', 'unknownField'], sort: {column: 'serviceLevel', descending: false}},
			media: {columns: ['unknownField']},
		});
		expect(visibleColumns(state, 'queues')).toEqual(['serviceLevel', 'offered']);
		expect(currentFrame(state).sort).toEqual({column: 'serviceLevel', descending: false});
		expect(visibleColumns(state, 'media')).toEqual(defaultColumns);
		const media = apply(state, {type: 'open', via: 'drill', rows: rows('q1')});
		expect(currentFrame(media).sort).toEqual({column: 'offered', descending: true});
	});

	it('round-trips: views chosen in one session open the next one the same way', () => {
		const chosen = apply(
			initialExplorer('P1D'),
			{type: 'sort-next', columns: ['name', 'offered', 'abandonRate']},
			picker(2),
			toggle,
			{type: 'overlay', overlay: undefined},
		);
		// As the profiles file keeps them: plain JSON.
		const stored = JSON.parse(JSON.stringify(chosen.views)) as StoredViews;
		const next = initialExplorer('P1D', stored);
		const expected: MetricField[] = defaultColumns.filter(field => field !== 'abandoned');
		expect(visibleColumns(next, 'queues')).toEqual(expected);
		expect(currentFrame(next).sort).toEqual({column: 'abandonRate', descending: true});
	});
});
