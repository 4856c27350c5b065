// `npm run bench -- push-keys` (issue #26): keypresses while about 1,000 queue observation events a second arrive. The
// TUI session of bench/run.ts (the explorer's real source, 160x48, production React) on push at 5,000 queues, against
// the emulator in its own process with its clock run faster so that more queues change each second: from
// GQX_BENCH_EVENT_CLOCK (default 3x), set again every 2 s to keep to GQX_BENCH_EVENTS a second (default 1,000), so the
// load is the same at any hour and weekday. The events are the emulator's own, valid for subscribed queues, with
// changing counts, each topic at most once a second. The keys start once the first event is read.
import {spawnSync} from 'node:child_process';
import {startHost, type Workload} from './emulator-host.js';
import {median, percentile} from './stats.js';

type Session = {
	latencies: number[];
	byKind: Record<string, number[]>;
	push?: {events: number; updates: number; keysFromMs: number; keysToMs: number};
};

export async function benchPushKeys(
	workload: Workload,
	runFile: string,
	say: (line: string) => void,
	results: Record<string, unknown>,
): Promise<void> {
	const clockSpeed = Number(process.env['GQX_BENCH_EVENT_CLOCK'] ?? 3);
	const eventsPerSecond = Number(process.env['GQX_BENCH_EVENTS'] ?? 1000);
	say(
		`\n3e. Keypresses under push events: ${workload.queues} queues on push, the emulator's clock from ${clockSpeed}x kept to ${eventsPerSecond} events a second`,
	);
	const emu = await startHost({...workload, clockSpeed, eventsPerSecond});
	// GQX_BENCH_PROFILE=DIR writes the session's CPU profile there, to see where a slow key's time went.
	const profile = process.env['GQX_BENCH_PROFILE'];
	const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
	const child = spawnSync(
		process.execPath,
		[...flags, runFile, '--tui-session', emu.url, '--keys', '--live', '--events'],
		{
			encoding: 'utf8',
			env: {...process.env},
		},
	);
	const host = await emu.stop();
	const line = child.stdout.split('\n').find(each => each.startsWith('{'));
	if (!line) throw new Error(`the session under events failed: ${child.stderr}`);
	const session = JSON.parse(line) as Session;
	const push = session.push ?? {events: 0, updates: 0, keysFromMs: 0, keysToMs: 0};
	const seconds = (push.keysToMs - push.keysFromMs) / 1000;
	const p95 = percentile(session.latencies, 95);
	say(
		`   while the keys were pressed (${seconds.toFixed(0)} s): ${push.events} events read (${(push.events / seconds).toFixed(0)} a second), ${push.updates} screen updates in the session; the emulator sent ${host.events} events in all, its clock at ${(host.speeds ?? []).join(', ')}x`,
	);
	say(
		`   keypress to next frame over ${session.latencies.length} keys: median ${median(session.latencies).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target <= 16 ms)`,
	);
	say(
		`   by key: ${Object.entries(session.byKind)
			.map(([kind, each]) => `${kind} ${each.length} keys p95 ${percentile(each, 95).toFixed(1)} ms`)
			.join(', ')}`,
	);
	results['pushKeys'] = {
		clockSpeed,
		speeds: host.speeds,
		seconds,
		events: push.events,
		eventsPerSecond: push.events / seconds,
		updates: push.updates,
		emulatorEvents: host.events,
		keys: session.latencies.length,
		medianMs: median(session.latencies),
		p95Ms: p95,
	};
}
