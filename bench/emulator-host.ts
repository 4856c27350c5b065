// The workload's emulator in a process of its own (as `gqx emulator`), for the scenarios that act on it while it runs:
// its sockets dropped on a schedule (the soak), its clock run faster so more queues change each second (keypresses
// under events). Run by startHost; prints its address, and what it did when stopped.
import {type ChildProcessByStdio, spawn} from 'node:child_process';
import type {Readable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {startEmulator} from '../source/emulator/server.js';

/** The bench's workload: its emulator's shape and manners. */
export type Workload = {
	queues: number;
	latencyMs: number;
	rateLimitPerMinute: number;
	seed: number;
	emulatorThreads: number;
};

export type HostOptions = Workload & {
	/** How fast the emulator's clock runs against real time (1: as real time). */
	clockSpeed?: number;
	/**
	 * Events a second to keep to (keypresses under events): the clock's speed, from clockSpeed, is set again every 2 s
	 * by the rate of the last 2 s, so the load does not depend on the hour and weekday the bench runs at (a Sunday
	 * night has a quarter of a weekday's traffic). The clock never runs backwards.
	 */
	eventsPerSecond?: number;
	/** Drops every socket (the notifications service's dropSockets hook) this often, in real milliseconds. */
	dropEveryMs?: number;
};

/** What the host did: sockets dropped, events sent, sockets accepted, and its clock's speeds (eventsPerSecond). */
export type HostReport = {drops: number; events: number; connections: number; speeds?: number[]};

/** The address an emulator child prints once it listens, and all it printed so far. */
export async function listening(child: ChildProcessByStdio<null, Readable, null>): Promise<{
	url: string;
	output: () => string;
}> {
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (\S+)/.exec(output);
			if (match?.[1]) resolve(match[1]);
		});
		child.on('error', reject);
		child.on('close', () => reject(new Error(`emulator exited: ${output}`)));
	});
	return {url, output: () => output};
}

export async function startHost(options: HostOptions): Promise<{url: string; stop: () => Promise<HostReport>}> {
	const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(options)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const {url, output} = await listening(child);
	return {
		url,
		stop: () =>
			new Promise((resolve, reject) => {
				child.removeAllListeners('close');
				child.on('close', () => {
					const line = output()
						.split('\n')
						.find(each => each.startsWith('{'));
					if (line) resolve(JSON.parse(line) as HostReport);
					else reject(new Error(`the emulator said nothing at its end: ${output()}`));
				});
				child.kill('SIGINT');
			}),
	};
}

async function host(options: HostOptions): Promise<void> {
	// The clock: real time from `anchor`, at `speed`, from `anchorAt` (emulator time).
	let anchor = Date.now();
	let anchorAt = anchor;
	let speed = options.clockSpeed ?? 1;
	// Whole milliseconds, as a real clock gives (a fraction in a timestamp discredits an event).
	const now = () => Math.floor(anchorAt + (Date.now() - anchor) * speed);
	const steady = speed === 1 && !options.eventsPerSecond;
	const emulator = await startEmulator({
		queues: options.queues,
		latencyMs: options.latencyMs,
		rateLimitPerMinute: options.rateLimitPerMinute,
		seed: options.seed,
		computeThreads: options.emulatorThreads,
		...(steady ? {} : {now}),
	});
	const speeds: number[] = [];
	let sent = 0;
	const pacing = options.eventsPerSecond
		? setInterval(() => {
				const rate = (emulator.notifications.sent.events - sent) / 2;
				sent = emulator.notifications.sent.events;
				// Nothing subscribed yet: nothing to go by.
				if (rate === 0) return;
				anchorAt = now();
				anchor = Date.now();
				speed = Math.min(50, Math.max(1, speed * Math.min(2, Math.max(0.5, options.eventsPerSecond! / rate))));
				speeds.push(Math.round(speed * 10) / 10);
			}, 2000)
		: undefined;
	let drops = 0;
	const timer = options.dropEveryMs
		? setInterval(() => {
				drops++;
				emulator.notifications.dropSockets();
			}, options.dropEveryMs)
		: undefined;
	process.stdout.write(`Genesys Cloud emulator listening on ${emulator.url}\n`);
	await new Promise<void>(resolve => process.once('SIGINT', () => resolve()));
	clearInterval(timer);
	clearInterval(pacing);
	const report: HostReport = {
		drops,
		events: emulator.notifications.sent.events,
		connections: emulator.notifications.connections,
		...(options.eventsPerSecond ? {speeds} : {}),
	};
	await emulator.stop();
	process.stdout.write(`${JSON.stringify(report)}\n`);
	process.exit(0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await host(JSON.parse(process.argv[2] ?? '{}') as HostOptions);
