// Live columns in the column picker (reducer): offered while the range includes today, shown, hidden and moved like
// the others, remembered per level through ranges without today, and reset to leading again.
import {describe, expect, it} from 'vitest';
import {defaultColumns, liveMetrics, queueMetricFields} from '../../../source/metrics/catalog.js';
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
const shift = (delta: number): ExplorerAction => ({type: 'columns-shift', delta});
const close: ExplorerAction = {type: 'overlay', overlay: undefined};
const queueLive = liveMetrics.map(metric => metric.field);
const mediaLive = ['waiting', 'interacting', 'longestWaitingMs'];
/** The views as the profiles file keeps them, read back by the next start (live or not). */
const reopened = (state: ExplorerState, live: boolean) =>
	initialExplorer('P1D', JSON.parse(JSON.stringify(state.views)) as StoredViews, live);

describe('live columns in the column picker', () => {
	it('are offered, leading and shown, only while the range includes today', () => {
		const live = initialExplorer('P1D', {}, true);
		expect(visibleColumns(live, 'queues')).toEqual([...queueLive, ...defaultColumns]);
		expect([...pickerOrder(live, 'queues')].sort()).toEqual([...queueLive, ...queueMetricFields].sort());
		// Media rows have no agent counts: three live columns there.
		const media = apply(live, {type: 'open', via: 'drill', rows: [{key: 'q1', label: 'q1'}]});
		expect(visibleColumns(media, currentFrame(media).level.id)).toEqual([...mediaLive, ...defaultColumns]);
		const notLive = initialExplorer('P1D');
		expect(visibleColumns(notLive, 'queues')).toEqual(defaultColumns);
		expect(pickerOrder(notLive, 'queues').some(field => queueLive.includes(field as never))).toBe(false);
	});

	it('hides a live column, remembers it hidden, and shows it again after the shown ones', () => {
		// The cursor on Interacting (second), hidden: among the hidden ones, and saved as hidden.
		let state = apply(initialExplorer('P1D', {}, true), picker(1), toggle);
		const withoutInteracting = [...queueLive.filter(field => field !== 'interacting'), ...defaultColumns];
		expect(visibleColumns(state, 'queues')).toEqual(withoutInteracting);
		expect(state.views.queues?.hiddenLive).toEqual(['interacting']);
		expect(pickerOrder(state, 'queues').indexOf('interacting')).toBe(withoutInteracting.length);
		expect(visibleColumns(reopened(state, true), 'queues')).toEqual(withoutInteracting);

		// Shown again: after the shown ones, the cursor with it, no longer hidden.
		state = apply(state, picker(withoutInteracting.length), toggle);
		expect(visibleColumns(state, 'queues')).toEqual([...withoutInteracting, 'interacting']);
		expect(state.overlay).toEqual({kind: 'columns', cursor: withoutInteracting.length});
		expect(state.views.queues?.hiddenLive).toBeUndefined();

		// Every live column may go (the metrics stay); the last metric may not.
		let bare = initialExplorer('P1D', {queues: {columns: ['offered']}}, true);
		for (let index = 0; index < queueLive.length; index++) bare = apply(bare, picker(0), toggle);
		expect(visibleColumns(bare, 'queues')).toEqual(['offered']);
		expect(visibleColumns(reopened(bare, true), 'queues')).toEqual(['offered']);
		expect(apply(bare, picker(0), toggle)).toEqual(apply(bare, picker(0)));
	});

	it('moves a live column among the metrics and keeps its place through a range without today', () => {
		// Waiting moved right past the other live columns and Offered.
		let state = apply(initialExplorer('P1D', {}, true), picker(0));
		for (let step = 0; step < queueLive.length; step++) state = apply(state, shift(1));
		const moved = [...queueLive.slice(1), 'offered', 'waiting', ...defaultColumns.slice(1)];
		expect(visibleColumns(state, 'queues')).toEqual(moved);
		state = apply(state, close);

		// A range without today: no live column shown or offered.
		let past = reopened(state, false);
		expect(visibleColumns(past, 'queues')).toEqual(defaultColumns);
		expect(pickerOrder(past, 'queues')).toHaveLength(queueMetricFields.length);
		// Answered hidden there (second shown), Offered moved after Abandoned.
		past = apply(past, picker(1), toggle, picker(0), shift(1), close);
		const pastColumns = ['abandoned', 'offered', ...defaultColumns.slice(3)];
		expect(visibleColumns(past, 'queues')).toEqual(pastColumns);

		// Today again: the live columns where they were, Waiting still after Offered, Answered still hidden.
		const today = reopened(past, true);
		expect(visibleColumns(today, 'queues')).toEqual([
			...queueLive.slice(1),
			'abandoned',
			'offered',
			'waiting',
			...defaultColumns.slice(3),
		]);
	});

	it('reset restores the leading live columns and forgets the hidden ones', () => {
		const state = apply(initialExplorer('P1D', {}, true), picker(0), toggle, picker(2), shift(3), {
			type: 'columns-reset',
		});
		expect(visibleColumns(state, 'queues')).toEqual([...queueLive, ...defaultColumns]);
		expect(state.views.queues).toBeUndefined();
	});

	it('reads saved live choices back, dropping live columns it does not know', () => {
		expect(
			cleanViews({
				queues: {columns: ['offered', 'waiting', 'queueDepthForecast'], hiddenLive: ['availableAgents', 'mood']},
			}),
		).toEqual({queues: {columns: ['offered', 'waiting'], hiddenLive: ['availableAgents']}});
		// A choice made before live columns were in the picker (metrics only): they lead, as they did.
		const older = initialExplorer('P1D', {queues: {columns: ['serviceLevel', 'offered']}}, true);
		expect(visibleColumns(older, 'queues')).toEqual([...queueLive, 'serviceLevel', 'offered']);
	});
});
