// `npm run bench -- soak` (issue #26): the live columns' push feed at 5,000 queues against the emulator in its own
// process, every socket dropped every 5 minutes, for SOAK_MINUTES (default 30). The feed runs in a child process of
// its own started with --expose-gc, which collects garbage before each sample (every 30 s), so what grows is what is
// kept, not garbage waiting for a collection.
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {demoClient} from '../source/emulator/server.js';
import {GenesysClient} from '../source/genesys/client.js';
import {resolveRegion} from '../source/genesys/regions.js';
import {startHost, type Workload} from './emulator-host.js';
import {ms} from './stats.js';

type Sample = {atMs: number; rssMb: number; heapMb: number};
type SoakSession = {
	queues: number;
	fillMs: number;
	samples: Sample[];
	counts: {sockets: number; events: number; reconnects: number; reconciles: number};
	requestsAfterFill: number;
	down?: string;
};

const sampleEveryMs = 30_000;

function sample(startedAt: number): Sample {
	globalThis.gc?.();
	const memory = process.memoryUsage();
	return {atMs: performance.now() - startedAt, rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20};
}

/** The gqx side: fills, then keeps the feed up for `minutes`, sampling its memory. */
async function soakSession(url: string, minutes: number): Promise<SoakSession> {
	const {QueuePush} = await import('../source/genesys/notifications.js');
	const {listAllQueues} = await import('../source/genesys/queues.js');
	const api = new GenesysClient({
		region: resolveRegion(url),
		clientId: demoClient.id,
		clientSecret: demoClient.secret,
	});
	const queues = (await listAllQueues(api)).map(queue => queue.id);
	let down: string | undefined;
	const feed = new QueuePush(api, {onQueues: () => {}, onDown: reason => (down = reason)});
	const startedAt = performance.now();
	await feed.start(queues);
	const fillMs = performance.now() - startedAt;
	const afterFill = api.stats.requests;
	const samples = [sample(startedAt)];
	const endAt = startedAt + fillMs + minutes * 60_000;
	while (performance.now() < endAt) {
		await new Promise(resolve => setTimeout(resolve, Math.min(sampleEveryMs, endAt - performance.now())));
		samples.push(sample(startedAt));
	}
	feed.stop();
	return {
		queues: queues.length,
		fillMs,
		samples,
		counts: {...feed.counts},
		requestsAfterFill: api.stats.requests - afterFill,
		...(down ? {down} : {}),
	};
}

export async function benchSoak(
	workload: Workload,
	say: (line: string) => void,
	results: Record<string, unknown>,
): Promise<void> {
	const minutes = Number(process.env['SOAK_MINUTES'] ?? 30);
	const dropEveryMs = Number(process.env['SOAK_DROP_MINUTES'] ?? 5) * 60_000;
	say(
		`\n3d. Push soak: ${workload.queues} queues, ${minutes} min after the fill, every socket dropped every ${dropEveryMs / 60_000} min, memory sampled every ${sampleEveryMs / 1000} s after a collection`,
	);
	const emu = await startHost({...workload, dropEveryMs});
	const child = spawn(
		process.execPath,
		['--expose-gc', fileURLToPath(import.meta.url), '--soak-session', emu.url, String(minutes)],
		{stdio: ['ignore', 'pipe', 'inherit']},
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await new Promise(resolve => child.on('close', resolve));
	const host = await emu.stop();
	const line = output.split('\n').find(each => each.startsWith('{'));
	if (!line) throw new Error(`the soak session failed: ${output}`);
	const session = JSON.parse(line) as SoakSession;
	const first = session.samples[0]!;
	const last = session.samples.at(-1)!;
	const peak = Math.max(...session.samples.map(each => each.rssMb));
	say(
		`   fill: ${ms(session.fillMs)}; then ${session.counts.events} events read, ${host.drops} drops by the emulator, ${session.counts.reconnects} reconnects, ${session.counts.reconciles - 1} reconciles after a gap (the first is the fill) (${session.counts.sockets} sockets opened in all), ${session.requestsAfterFill} REST requests after the fill${session.down ? `; push gave up: ${session.down}` : ''}`,
	);
	say(
		`   RSS after the fill ${first.rssMb.toFixed(1)} MB, at the end ${last.rssMb.toFixed(1)} MB: growth ${(last.rssMb - first.rssMb).toFixed(1)} MB (target <= 10 MB over 30 min), peak ${peak.toFixed(1)} MB; heap used ${first.heapMb.toFixed(1)} -> ${last.heapMb.toFixed(1)} MB`,
	);
	say(
		`   RSS samples (MB): ${session.samples.map(each => each.rssMb.toFixed(0)).join(' ')}; heap (MB): ${session.samples.map(each => each.heapMb.toFixed(0)).join(' ')}`,
	);
	results['pushSoak'] = {
		minutes,
		dropEveryMinutes: dropEveryMs / 60_000,
		...session,
		drops: host.drops,
		rssGrowthMb: last.rssMb - first.rssMb,
		heapGrowthMb: last.heapMb - first.heapMb,
		collected: true,
	};
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--soak-session') {
	if (!globalThis.gc) throw new Error('the soak session needs --expose-gc');
	const session = await soakSession(process.argv[3] ?? '', Number(process.argv[4] ?? 30));
	process.stdout.write(`${JSON.stringify(session)}\n`);
	process.exit(0);
}
