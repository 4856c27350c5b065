// `gqx emulator`: the local Genesys Cloud on its own, for scripts, other tools and manual testing.
import type {Io} from './io.js';
import {parseFlags} from './args.js';
import {UsageError} from '../errors.js';
import {reportFailure} from './errors.js';

export const emulatorHelp = `Usage: gqx emulator [--port N] [--seed S] [--queues N] [--rate-limit N] [--latency MS] [--threads N]
                    [--details-window N] [--job-delay MS] [--idle-queues N] [--agents N]
                    [--scenario QUEUE,FROM,TO[,WAIT]]

Runs the embedded Genesys Cloud emulator on 127.0.0.1 until Ctrl+C, and prints its URL and
demo credentials. Point gqx (or any Genesys client with a gateway setting) at the URL.
  --port N          port to listen on (default: any free port)
  --seed S          data seed (default 1): the same seed always gives the same organization
  --queues N        number of queues (default 60)
  --rate-limit N    requests per minute per token (default 300, 0 = off)
  --latency MS      added to every answer (default 0)
  --threads N       threads computing aggregate queries at once (default 2, 0 = the server's own)
  --details-window N   the most conversations the details query pages through (default 10,000)
  --job-delay MS    how long a details job takes to be ready (default 1500)
  --idle-queues N   queues listed besides, that never take traffic (default 0)
  --agents N        users (agents) of the org (default 0.6 a queue, at least 24)
  --scenario QUEUE,FROM,TO[,WAIT]
                    script a queue (name or id) for gqx watch: from FROM to TO seconds after the start, 5
                    callers wait in its first media type, the oldest WAIT seconds (default 300); nobody
                    waits there otherwise. Repeatable
`;

/**
 * --scenario QUEUE,FROM,TO[,WAIT]: the queue is what comes before the first run of three or four numbers, so a name may
 * hold commas (not ones followed by numbers only).
 */
export function parseScenario(text: string, startMs: number) {
	const match = /^(.+?),(\d+),(\d+)(?:,(\d+))?$/.exec(text.trim());
	if (!match || Number(match[2]) >= Number(match[3]))
		throw new UsageError(
			`--scenario "${text}" is not QUEUE,FROM,TO[,WAIT] with FROM before TO.`,
			'For example --scenario Billing,30,100 (seconds after the start) or --scenario Billing,30,100,600.',
		);
	return {
		queue: match[1]!,
		fromMs: startMs + Number(match[2]) * 1000,
		toMs: startMs + Number(match[3]) * 1000,
		...(match[4] === undefined ? {} : {longestWaitSeconds: Number(match[4])}),
	};
}

function integer(value: string | undefined, flag: string, fallback: number, min: number, max: number): number {
	if (value === undefined) return fallback;
	const number = Number(value);
	if (!Number.isInteger(number) || number < min || number > max)
		throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${value}").`, '');
	return number;
}

export async function runEmulator(args: string[], io: Io, signal?: AbortSignal): Promise<number> {
	try {
		const {values} = parseFlags(
			args,
			{
				port: {type: 'string'},
				seed: {type: 'string'},
				queues: {type: 'string'},
				'rate-limit': {type: 'string'},
				latency: {type: 'string'},
				threads: {type: 'string'},
				'details-window': {type: 'string'},
				'job-delay': {type: 'string'},
				'idle-queues': {type: 'string'},
				agents: {type: 'string'},
				scenario: {type: 'string', multiple: true},
				help: {type: 'boolean', short: 'h'},
			},
			'emulator',
		);
		if (values.help) {
			io.stdout.write(emulatorHelp);
			return 0;
		}
		const startMs = Date.now();
		const scenarios = (values.scenario ?? []).map(text => parseScenario(text, startMs));
		const {startEmulator, demoClient} = await import('../emulator/server.js');
		const emulator = await startEmulator({
			port: integer(values.port, '--port', 0, 0, 65_535),
			seed: integer(values.seed, '--seed', 1, 0, 2_147_483_647),
			queues: integer(values.queues, '--queues', 60, 1, 100_000),
			rateLimitPerMinute: integer(values['rate-limit'], '--rate-limit', 300, 0, 1_000_000),
			latencyMs: integer(values.latency, '--latency', 0, 0, 60_000),
			computeThreads: integer(values.threads, '--threads', 2, 0, 64),
			detailsResultWindow: integer(values['details-window'], '--details-window', 10_000, 100, 10_000_000),
			detailsJobDelayMs: integer(values['job-delay'], '--job-delay', 1500, 0, 600_000),
			idleQueues: integer(values['idle-queues'], '--idle-queues', 0, 0, 100_000),
			...(values.agents === undefined ? {} : {agents: integer(values.agents, '--agents', 0, 1, 1_000_000)}),
			scenarios,
		});
		io.stdout.write(
			`Genesys Cloud emulator listening on ${emulator.url}\n` +
				`  region:        ${emulator.url}\n  client id:     ${demoClient.id}\n  client secret: ${demoClient.secret}\n` +
				`  queues: ${emulator.org.queues.length}, seed ${emulator.options.seed}, ${emulator.computeThreads || 'no'} compute thread(s)\n` +
				`Try: gqx export --region ${emulator.url} --client-id ${demoClient.id} --preset last-7-days (secret in GENESYS_CLOUD_CLIENT_SECRET)\n` +
				`Press Ctrl+C to stop.\n`,
		);
		await new Promise<void>(resolve => {
			const stop = () => resolve();
			process.once('SIGINT', stop);
			process.once('SIGTERM', stop);
			signal?.addEventListener('abort', stop, {once: true});
		});
		await emulator.stop();
		return 0;
	} catch (error) {
		return reportFailure(error, io.stderr);
	}
}
