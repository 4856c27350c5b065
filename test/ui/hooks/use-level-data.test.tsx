// The explorer's data hook against the emulator: it loads what the current level needs once, does not ask a failed
// request again by itself, and asks again on refresh.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {type Dispatch, useReducer} from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../../source/emulator/server.js';
import {mediaPartitions} from '../../../source/genesys/analytics.js';
import {createLevelSource, type LevelSource, RetryHub} from '../../../source/levels/source.js';
import {resolveRange} from '../../../source/range/range.js';
import {
	currentFrame,
	explorerReducer,
	type ExplorerAction,
	initialExplorer,
} from '../../../source/ui/explorer/state.js';
import {useLevelData} from '../../../source/ui/hooks/use-level-data.js';
import {clientFor, emulator, testNow} from '../../helpers.js';
import {type Rendered, waitForText} from '../ink.js';

let emu: Emulator;
let rendered: Rendered | undefined;
beforeAll(async () => {
	emu = await emulator({queues: 10, seed: 13, recordRequests: true});
});
afterAll(async () => emu.stop());
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
	emu.clearFaults();
});

/** Aggregate queries that reached the emulator, failed ones included. */
const queries = () => emu.requests.filter(request => request.path.endsWith('/aggregates/query')).length;

/** The explorer's state and its data hook, drawn as one line a test can wait on. */
function Probe({source, control}: {source: LevelSource; control: {dispatch?: Dispatch<ExplorerAction>}}) {
	const [state, dispatch] = useReducer(explorerReducer, undefined, () => initialExplorer('P1D'));
	useLevelData(source, state, dispatch);
	control.dispatch = dispatch;
	return (
		<Text>
			level={currentFrame(state).level.id} loading={state.loading?.key ?? '-'} error=
			{state.error ? 'yes' : 'no'} data={[...state.data.keys()].map(key => key.split('\u0000')[0]).join(',') || '-'}{' '}
			asOf={[...state.data.values()].at(-1)?.asOf.getTime() ?? '-'} notice={state.notice ?? '-'}
		</Text>
	);
}

function start(): {rendered: Rendered; dispatch: (action: ExplorerAction) => void} {
	const range = resolveRange({from: '2026-03-09', to: '2026-03-10'}, 'UTC', DateTime.fromMillis(testNow));
	const source = createLevelSource(clientFor(emu, {maxRetries: 0}), range, new RetryHub());
	const control: {dispatch?: Dispatch<ExplorerAction>} = {};
	rendered = render(<Probe source={source} control={control} />);
	return {rendered, dispatch: action => control.dispatch?.(action)};
}

describe('useLevelData', () => {
	it('does not ask a failed request again until refresh, then asks once and shows the data', async () => {
		emu.inject({kind: 'status', status: 400, path: '/api/v2/analytics', times: 20});
		const before = queries();
		const {rendered: probe, dispatch} = start();
		await waitForText(probe, 'error=yes');
		expect(queries()).toBeGreaterThan(before);
		// Renders after the failure do not ask again.
		dispatch({type: 'notice', text: 'one'});
		await waitForText(probe, 'notice=one');
		dispatch({type: 'notice', text: 'two'});
		await waitForText(probe, 'notice=two');
		emu.clearFaults();
		dispatch({type: 'refresh'});
		await waitForText(probe, /error=no data=totals asOf=\d+/);
		// Two loads in all, the failed one and the refresh, each at most one query per media partition (the failed
		// one may stop early): a hook that asked again by itself would have sent more.
		expect(queries() - before).toBeGreaterThan(mediaPartitions.length);
		expect(queries() - before).toBeLessThanOrEqual(2 * mediaPartitions.length);
		expect(probe.lastFrame()).toContain('loading=-');
	});

	it('asks once for the queue and media levels, and again on refresh while the table stays', async () => {
		const {rendered: probe, dispatch} = start();
		const first = await waitForText(probe, /loading=- error=no data=totals asOf=\d+/);
		const asked = queries();
		// The media level shares the queue level's answer: nothing is asked.
		dispatch({type: 'open', via: 'drill', rows: [{key: emu.org.queues[0]!.id, label: 'first'}]});
		await waitForText(probe, 'level=media loading=- error=no data=totals');
		expect(queries()).toBe(asked);
		// The interval level asks for its own; back and forth it is kept.
		dispatch({type: 'open', via: 'drill', rows: [{key: 'voice', label: 'voice'}]});
		await waitForText(probe, /level=intervals loading=- error=no data=totals,intervals/);
		const withIntervals = queries();
		expect(withIntervals).toBeGreaterThan(asked);
		dispatch({type: 'back'});
		await waitForText(probe, 'level=media');
		dispatch({type: 'open', via: 'drill', rows: [{key: 'voice', label: 'voice'}]});
		await waitForText(probe, /level=intervals loading=- error=no data=totals,intervals/);
		expect(queries()).toBe(withIntervals);
		// r asks again for the level on screen, and a new answer comes in.
		const asOf = /asOf=(\d+)/.exec(probe.lastFrame() ?? '')?.[1];
		dispatch({type: 'refresh'});
		await waitForText(probe, new RegExp(`loading=- error=no data=totals,intervals asOf=(?!${asOf})\\d+`));
		expect(queries()).toBeGreaterThan(withIntervals);
		expect(first).toContain('level=queues');
	});
});
