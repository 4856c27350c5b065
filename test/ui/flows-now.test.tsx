// The flows level's In flow now against the emulator: on a range with today each flow's conversations in it now are
// the emulator's, the totals row adds them up, they follow the clock on every live refresh and `l` pauses them; a
// client without the flow observations permission keeps its flow numbers and is told which permission it needs.
import {cleanup, render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {flowCatalogOf, flowSeriesOf, sessionsUpTo} from '../../source/emulator/flows.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {App} from '../../source/ui/app.js';
import {emulator, fileSecrets, testNow} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {makeClient, tableShown} from './app-on-profile.js';
import {press, ready, waitFor, waitForText} from './ink.js';

let emu: Emulator;
let clock = testNow;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 34, now: () => clock});
});
afterAll(async () => emu.stop());
afterEach(() => {
	cleanup();
	clock = testNow;
});

const flowsNow = /\n\s+Flow\s+In flow\s+Entered▼/;

/** The conversations in each flow at `at`, by flow name, as the emulator's model has them. */
function inFlowAt(at: number): Map<string, number> {
	const byId = new Map<string, number>();
	for (const series of flowSeriesOf(emu.org)) {
		const {flow} = series;
		const count = sessionsUpTo(emu.model, series, at) - sessionsUpTo(emu.model, series, at - flow.meanMs);
		byId.set(flow.id, (byId.get(flow.id) ?? 0) + count);
	}
	return new Map(flowCatalogOf(emu.org).flows.map(flow => [flow.name, byId.get(flow.id) ?? 0]));
}

/** Each flow row's first number (In flow), by name, and the totals row's. */
function shownInFlow(frame: string): {rows: Map<string, number>; total: number | undefined} {
	const rows = new Map<string, number>();
	let total: number | undefined;
	for (const line of frame.split('\n')) {
		const match = /^[› ] (\S.*?)\s{2,}([\d,]+)\s/.exec(line);
		if (!match || /^[› ] Flow\s/.test(line)) continue;
		const value = Number(match[2]!.replaceAll(',', ''));
		if (match[1] === 'Total') total = value;
		else rows.set(match[1]!, value);
	}
	return {rows, total};
}

function openToday(clientId = demoClient.id, secret = demoClient.secret) {
	const dir = scratchDir();
	const store = new ProfileStore({cwd: dir});
	store.save({
		name: 'acme',
		region: emu.url,
		clientId,
		clientSecret: secret,
		timeZone: 'UTC',
		dateChoice: {from: '2026-03-20', to: '2026-03-20'},
	});
	return render(
		<App
			start={{kind: 'profile', name: 'acme'}}
			secrets={fileSecrets(store)}
			cwd={dir}
			env={{NO_COLOR: '1', COLUMNS: '160'}}
			now={() => DateTime.fromMillis(clock)}
			makeClient={makeClient}
			liveRefreshMs={100}
		/>,
	);
}

describe('In flow now', () => {
	it('shows each flow’s conversations in it now, adds them up, follows the clock and pauses with l', async () => {
		const app = openToday();
		await waitForText(app, tableShown);
		await ready(app, tableShown);
		await press(app, 'f');
		const first = await waitForText(app, flowsNow);
		const expected = inFlowAt(clock);
		const shown = shownInFlow(first);
		expect(shown.rows.size).toBeGreaterThan(5);
		for (const [name, value] of shown.rows) expect(value, name).toBe(expected.get(name));
		expect(shown.total).toBe([...shown.rows.values()].reduce((sum, value) => sum + value, 0));
		expect(shown.total).toBeGreaterThan(0);

		// Seven minutes later the emulator has other conversations in its flows; the next refresh shows them.
		clock += 7 * 60_000;
		const later = inFlowAt(clock);
		const moved = [...shown.rows.keys()].filter(name => later.get(name) !== expected.get(name));
		expect(moved.length).toBeGreaterThan(0);
		await waitFor(
			app,
			frame => [...shownInFlow(frame).rows].every(([name, value]) => value === later.get(name)),
			'the In flow column of seven minutes later',
		);

		// r asks the day's flow aggregates again at once (the live refreshes keep them a minute): Entered follows.
		const dayStart = Date.parse('2026-03-20T00:00:00Z');
		const enteredAt = (name: string, at: number) =>
			[...flowSeriesOf(emu.org)]
				.filter(series => series.flow.name === name)
				.reduce(
					(sum, series) => sum + sessionsUpTo(emu.model, series, at) - sessionsUpTo(emu.model, series, dayStart),
					0,
				);
		const enteredShown = (frame: string, name: string) => {
			const line = frame.split('\n').find(each => each.slice(2).startsWith(`${name}  `)) ?? '';
			return Number(
				(
					line
						.slice(2 + name.length)
						.trim()
						.split(/\s+/)[1] ?? ''
				).replaceAll(',', ''),
			);
		};
		const busiest = [...shown.rows.keys()][0]!;
		expect(enteredAt(busiest, clock)).toBeGreaterThan(enteredAt(busiest, testNow));
		await press(app, 'r');
		await waitFor(
			app,
			frame => enteredShown(frame, busiest) === enteredAt(busiest, clock),
			`${busiest}'s Entered of seven minutes later after r`,
		);

		// Compared with another period: the flows' numbers have their change, In flow now (of now only) none.
		await press(app, 'c');
		const compared = await waitForText(app, /\n\s+Flow\s+In flow\s+Entered▼\s+Δ\s/);
		expect(compared).toContain('comparing with');

		// l pauses the refreshes, and says so where the time of the data is.
		await press(app, 'l');
		await waitForText(app, 'paused: l resumes');
	});

	it('keeps the flows’ numbers and names the permission for In flow now when the client lacks it', async () => {
		emu.addClient({
			id: 'no-flow-observations',
			secret: 'secret',
			permissions: demoClient.permissions.filter(permission => permission !== 'analytics:flowObservation:view'),
		});
		const app = openToday('no-flow-observations', 'secret');
		await waitForText(app, tableShown);
		await ready(app, tableShown);
		await press(app, 'f');
		const frame = await waitForText(app, 'in flow now needs analytics:flowObservation:view');
		expect(frame).toMatch(flowsNow);
		// Entered is there for every flow; under In flow no value (numbers end where their header ends).
		const lines = frame.split('\n');
		const header = lines.find(line => /^\s+Flow\s+In flow/.test(line))!;
		const end = header.indexOf('In flow') + 'In flow'.length;
		const rows = lines.filter(line => /^[› ] \S/.test(line) && line !== header);
		expect(rows.length).toBeGreaterThan(5);
		for (const row of rows) expect(row.slice(end - 7, end).trim(), row).toBe('-');
		const main = flowCatalogOf(emu.org).flows[0]!;
		expect(frame).toMatch(new RegExp(`\\n[› ] ${main.name}\\s+-\\s+[1-9][\\d,]*\\s`));
	});
});
