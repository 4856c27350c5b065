// `npm run bench -- board-push`: the people board of every queue fed by push at 5,000 agents in 2,000 queues (the
// emulator in its own process, 100 ms latency, its clock real time): the REST requests a minute after the fill (the
// first load, the channels and the reconcile), and how long a change takes from the instant it happened on the
// emulator to the board's data and rows made with it (what the screen's reducer and model then draw). The emulator
// looks at each topic once a second, so a change may wait up to a second before it is sent.
// GQX_BENCH_BOARD_MINUTES sets the period (default 5); at 5 or more the slow reconcile (every 5 minutes) is in it.
import type {GenesysClient} from '../source/genesys/client.js';
import type {DisplayRow} from '../source/levels/types.js';

export type BoardPushBench = {
	say: (line: string) => void;
	results: Record<string, unknown>;
	emulator: (shape: {queues: number; agents: number}) => Promise<{url: string; stop: () => Promise<void>}>;
	client: (emu: {url: string}) => GenesysClient;
	median: (values: number[]) => number;
	percentile: (values: number[], p: number) => number;
};

export async function benchBoardPush({say, results, emulator, client, median, percentile}: BoardPushBench) {
	const shape = {queues: 2000, agents: 5000};
	const minutes = Number(process.env['GQX_BENCH_BOARD_MINUTES'] ?? 5);
	say(`\n3d. People now by push: ${shape.agents} agents in ${shape.queues} queues, 100 ms latency, ${minutes} min`);
	const emu = await emulator(shape);
	const {fetchBoard} = await import('../source/reports/people.js');
	const {AgentPush} = await import('../source/genesys/agent-push.js');
	const {peopleLevel, applyPushed} = await import('../source/levels/people.js');
	const api = client(emu);
	const rowsOf = (data: unknown): DisplayRow[] =>
		peopleLevel.rows(data, {id: 'people', context: {}} as never, {timeZone: 'UTC', granularity: 'day'} as never).rows;
	const started = performance.now();
	let board = await fetchBoard(api, {});
	rowsOf(board);
	const firstLoadMs = performance.now() - started;
	let reconciles = 0;
	const changedAt = new Map<string, number>();
	const delays: number[] = [];
	const applyMs: number[] = [];
	let batches = 0;
	const feed = new AgentPush(api, {
		onChanges: changes => {
			const before = performance.now();
			board = applyPushed(board, {changes});
			rowsOf(board);
			applyMs.push(performance.now() - before);
			batches++;
			const now = api.serverNow();
			for (const userId of changes.keys()) {
				const at = changedAt.get(userId);
				if (at !== undefined) delays.push(now - at);
				changedAt.delete(userId);
			}
		},
		onSessions: (sessions, asked) => {
			board = applyPushed(board, {sessions, asked});
		},
		reconcile: async signal => {
			reconciles++;
			board = await fetchBoard(api, {}, {signal});
		},
		onDown: reason => say(`   push gave up: ${reason}`),
		onEvent: (userId, changedMs) => changedAt.set(userId, changedMs),
	});
	const users = [...new Set(board.agents.map(agent => agent.userId))];
	await feed.start(users);
	const fillMs = performance.now() - started;
	const afterFill = api.stats.requests;
	// The slow reconcile of the screen (use-level-refresh), every 5 minutes while push is healthy.
	const slow = setInterval(() => {
		if (feed.healthy) void fetchBoard(api, {}).then(fresh => (board = fresh));
	}, 5 * 60_000);
	await new Promise(resolve => setTimeout(resolve, minutes * 60_000));
	clearInterval(slow);
	const perMinute = (api.stats.requests - afterFill) / minutes;
	feed.stop();
	await emu.stop();
	say(
		`   first load ${(firstLoadMs / 1000).toFixed(1)} s; fill (${feed.channels} channels of ${users.length} agents' topics, sockets, one reconcile): ${(fillMs / 1000).toFixed(1)} s, ${afterFill} requests`,
	);
	say(
		`   REST requests after the fill: ${perMinute.toFixed(1)}/min (media of agents starting to interact, the slow reconcile; polling: about 150)`,
	);
	say(
		`   change to the board's rows: median ${Math.round(median(delays))} ms, p95 ${Math.round(percentile(delays, 95))} ms over ${delays.length} changes in ${batches} batches; applying a batch and making the rows: median ${median(applyMs).toFixed(1)} ms, p95 ${percentile(applyMs, 95).toFixed(1)} ms`,
	);
	results['boardPush'] = {
		agents: users.length,
		queues: shape.queues,
		minutes,
		channels: feed.channels,
		firstLoadMs,
		fillMs,
		fillRequests: afterFill,
		requestsPerMinute: perMinute,
		events: feed.counts.events,
		changes: delays.length,
		batches,
		reconciles,
		medianMs: median(delays),
		p95Ms: percentile(delays, 95),
		applyMedianMs: median(applyMs),
		applyP95Ms: percentile(applyMs, 95),
	};
}
