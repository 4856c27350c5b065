// The explorer's loading transitions without a terminal: loads, cancel, back after an error, refresh, and
// how much data the explorer keeps.
import {describe, expect, it} from 'vitest';
import {GqxError} from '../../../source/errors.js';
import type {Loaded} from '../../../source/levels/types.js';
import {
	currentData,
	currentFrame,
	type ExplorerState,
	initialExplorer,
	requestKey,
} from '../../../source/ui/explorer/state.js';
import {apply} from './apply.js';

const loaded = (data: unknown = []): Loaded => ({data, asOf: new Date('2026-03-20T15:00:00Z')});
const failure = () => new GqxError('HTTP 503 from the analytics API', 'Press r to retry.');

/** The request key of the current level, as the data hook asks it. */
const keyOf = (state: ExplorerState) => requestKey(currentFrame(state), state.granularity);

const queueRows = [
	{key: 'q1', label: 'Sales'},
	{key: 'q2', label: 'Support'},
];
const mediaRows = [
	{key: 'voice', label: 'voice'},
	{key: 'chat', label: 'chat'},
];

/** The queue level loaded, as after the first table appears. */
function withTotals(): ExplorerState {
	return apply(
		initialExplorer('P1D'),
		{type: 'load-start', key: 'totals', label: 'loading queues'},
		{type: 'load-done', key: 'totals', loaded: loaded()},
	);
}

/** At the interval level of Sales by voice, its data not asked yet. */
function atIntervals(): ExplorerState {
	return apply(
		withTotals(),
		{type: 'open', via: 'drill', rows: queueRows},
		{type: 'open', via: 'drill', rows: mediaRows},
	);
}

describe('loads', () => {
	it('shows what is loading, its progress, then the data; a failure shows the error and stops asking', () => {
		let state = apply(initialExplorer('P1D'), {type: 'load-start', key: 'totals', label: 'loading queues'});
		expect(state.loading).toEqual({key: 'totals', label: 'loading queues'});
		expect(currentData(state)).toBeUndefined();
		state = apply(state, {type: 'load-progress', key: 'totals', progress: {done: 2, total: 6}});
		expect(state.loading).toEqual({key: 'totals', label: 'loading queues', progress: {done: 2, total: 6}});
		// Progress of another request does not move this one's.
		expect(apply(state, {type: 'load-progress', key: 'other', progress: {done: 5, total: 6}}).loading).toEqual(
			state.loading,
		);
		const answer = loaded(['cells']);
		state = apply(state, {type: 'notice', text: 'Rate limited: retrying in 2 s'});
		state = apply(state, {type: 'load-done', key: 'totals', loaded: answer});
		expect(state.loading).toBeUndefined();
		expect(currentData(state)).toBe(answer);
		// The retry notice is over once the answer is in.
		expect(state.notice).toBeUndefined();

		const error = failure();
		const failed = apply(
			initialExplorer('P1D'),
			{type: 'load-start', key: 'totals', label: 'loading queues'},
			{type: 'load-failed', key: 'totals', error},
		);
		expect(failed.loading).toBeUndefined();
		expect(failed.error).toBe(error);
		expect(failed.stopped).toBe('totals');
		expect(currentData(failed)).toBeUndefined();
	});

	it('does not let the answer of an old request end a newer load', () => {
		const older = 'intervals\u0000q1\u0000voice\u0000P1D';
		let state = apply(
			atIntervals(),
			{type: 'load-start', key: older, label: 'loading intervals'},
			{type: 'granularity-next'},
		);
		const newer = keyOf(state);
		expect(newer).not.toBe(older);
		state = apply(state, {type: 'load-start', key: newer, label: 'loading intervals'});
		state = apply(state, {type: 'load-done', key: older, loaded: loaded()});
		expect(state.loading?.key).toBe(newer);
		// The old answer is kept for when the user comes back to it.
		expect(state.data.has(older)).toBe(true);
		expect(currentData(state)).toBeUndefined();
		// Nor does an old request's failure.
		state = apply(state, {type: 'load-failed', key: older, error: failure()});
		expect(state.loading?.key).toBe(newer);
	});

	it('does not ask a failed key again until refresh, and refresh asks again even with data in', () => {
		let state = apply(
			initialExplorer('P1D'),
			{type: 'load-start', key: 'totals', label: 'loading queues'},
			{type: 'load-failed', key: 'totals', error: failure()},
		);
		expect(state.stopped).toBe(keyOf(state));
		expect(state.refresh).toBeUndefined();
		state = apply(state, {type: 'refresh'});
		expect(state.error).toBeUndefined();
		expect(state.stopped).toBeUndefined();
		expect(state.refresh).toBe('totals');
		// The load it starts takes the refresh mark away, so it is asked once.
		state = apply(state, {type: 'load-start', key: 'totals', label: 'loading queues'});
		expect(state.refresh).toBeUndefined();
		expect(state.loading?.key).toBe('totals');

		// With the table on screen, r marks the current level's key fresh; the table stays meanwhile.
		const shown = apply(atIntervals(), {type: 'back'});
		expect(apply(shown, {type: 'refresh'})).toMatchObject({refresh: 'totals', error: undefined});
		expect(currentData(apply(shown, {type: 'refresh'}))).toBeDefined();
	});
});

describe('cancel', () => {
	it('on the first level with nothing loaded asks to go back to the dates', () => {
		const state = apply(
			initialExplorer('P1D'),
			{type: 'load-start', key: 'totals', label: 'loading queues'},
			{type: 'cancel'},
		);
		expect(state.leave).toBe('dates');
		expect(state.loading).toBeUndefined();
		// Not asked again by itself when the user comes back.
		expect(state.stopped).toBe('totals');
	});

	it('on the interval level with nothing loaded goes back to the media level', () => {
		const before = atIntervals();
		const key = keyOf(before);
		const state = apply(before, {type: 'load-start', key, label: 'loading intervals'}, {type: 'cancel'});
		expect(currentFrame(state).level).toEqual({id: 'media', context: {queueId: 'q1', queueName: 'Sales'}});
		expect(state.stack).toHaveLength(2);
		expect(state.leave).toBeUndefined();
		expect(state.loading).toBeUndefined();
		expect(state.stopped).toBe(key);
		// The media level's rows are there to show.
		expect(currentData(state)).toBeDefined();
	});

	it('of a refresh keeps the table and its data', () => {
		const before = withTotals();
		const shown = currentData(before);
		const state = apply(
			before,
			{type: 'refresh'},
			{type: 'load-start', key: 'totals', label: 'loading queues'},
			{type: 'cancel'},
		);
		expect(currentData(state)).toBe(shown);
		expect(state.stack).toEqual(before.stack);
		expect(state.leave).toBeUndefined();
		expect(state.loading).toBeUndefined();
		expect(state.refresh).toBeUndefined();
	});

	it('does nothing when nothing is loading', () => {
		const state = withTotals();
		expect(apply(state, {type: 'cancel'})).toBe(state);
		const idle = initialExplorer('P1D');
		expect(apply(idle, {type: 'cancel'})).toBe(idle);
	});
});

describe('back after an error', () => {
	it('at the first level with no data leaves to the dates', () => {
		const state = apply(
			initialExplorer('P1D'),
			{type: 'load-start', key: 'totals', label: 'loading queues'},
			{type: 'load-failed', key: 'totals', error: failure()},
			{type: 'back'},
		);
		expect(state.leave).toBe('dates');
		expect(state.error).toBeUndefined();
	});

	it('at a deeper level goes up one level and clears the error', () => {
		const before = atIntervals();
		const key = keyOf(before);
		const state = apply(
			before,
			{type: 'load-start', key, label: 'loading intervals'},
			{type: 'load-failed', key, error: failure()},
			{type: 'back'},
		);
		expect(state.error).toBeUndefined();
		expect(currentFrame(state).level.id).toBe('media');
		expect(state.stack).toHaveLength(2);
		expect(state.leave).toBeUndefined();
	});

	it('at the first level with data only clears the error, keeping the table', () => {
		const before = withTotals();
		const state = apply(
			before,
			{type: 'refresh'},
			{type: 'load-start', key: 'totals', label: 'loading queues'},
			{type: 'load-failed', key: 'totals', error: failure()},
		);
		expect(state.error).toBeDefined();
		const back = apply(state, {type: 'back'});
		expect(back.error).toBeUndefined();
		expect(back.leave).toBeUndefined();
		expect(back.stack).toHaveLength(1);
		expect(currentData(back)).toBe(currentData(before));
	});

	it('back without an error on the first level stays put', () => {
		const state = withTotals();
		expect(apply(state, {type: 'back'})).toBe(state);
	});
});

describe('data kept', () => {
	it('stays bounded over 30 interval levels and never drops the data of the levels on the stack', () => {
		let state = apply(withTotals(), {type: 'open', via: 'drill', rows: queueRows});
		const visited: string[] = [];
		for (let index = 0; index < 30; index++) {
			const media = [{key: `media-${index}`, label: `media ${index}`}];
			state = apply(state, {type: 'open', via: 'drill', rows: media});
			const key = keyOf(state);
			visited.push(key);
			state = apply(
				state,
				{type: 'load-start', key, label: 'loading intervals'},
				{type: 'load-done', key, loaded: loaded([index])},
			);
			const onStack = new Set(state.stack.map(frame => requestKey(frame, state.granularity)));
			expect(state.data.size).toBeLessThanOrEqual(8 + onStack.size);
			for (const stackKey of onStack) expect(state.data.has(stackKey), stackKey).toBe(true);
			expect(currentData(state)?.data).toEqual([index]);
			state = apply(state, {type: 'back'});
		}
		expect(new Set(visited).size).toBe(30);
		// The queue and media levels' answer, the oldest of all, is still there; the oldest intervals are not.
		expect(state.data.has('totals')).toBe(true);
		expect(state.data.has(visited[0]!)).toBe(false);
		// The most recent ones are, so going back to them is instant.
		expect(visited.slice(-8).every(key => state.data.has(key))).toBe(true);
	});
});
