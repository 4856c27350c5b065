// `gqx watch`: the queues against thresholds on the live polling schedule, one line (or ndjson record) per BREACH and
// RECOVERED once a condition has held --for long enough, sent to webhooks and commands too, with its state kept in
// a file so a restart repeats and loses nothing. The snapshots come from one source (pollSnapshots), where push
// (the notifications service, #26) would plug in.
import {DateTime} from 'luxon';
import {AuthError, PermissionError, UsageError} from '../errors.js';
import {listAllQueues, type QueueInfo} from '../genesys/queues.js';
import {sharedNames} from '../levels/queue-labels.js';
import {agentChecks} from '../metrics/thresholds.js';
import {Network} from '../net/agents.js';
import {type Breach, divisionsOf, fetchRangeBreaches, liveBreaches, type LiveThresholds} from '../reports/breaches.js';
import {fetchLiveSnapshot, type LiveSnapshot} from '../reports/live-snapshot.js';
import {selectQueueIds} from '../reports/queue-match.js';
import {resolveRange} from '../range/range.js';
import {cutEnd} from '../text/columns.js';
import {terminalJson, terminalText} from '../text/sanitize.js';
import {
	type Clock,
	type Destination,
	eventMessage,
	execDestination,
	type Message,
	Outbox,
	parseWebhook,
	webhookDestination,
} from '../watch/deliver.js';
import {eventFields, Hold, type WatchEvent} from '../watch/hold.js';
import {eventLine, eventSentence, openLines} from '../watch/lines.js';
import {isQuiet, parseQuiet} from '../watch/quiet.js';
import {defaultStatePath, StateFile} from '../watch/state.js';
import {parseFlags} from './args.js';
import {connect} from './connect.js';
import {reportFailure} from './errors.js';
import {exportFlags, planExport} from './export-plan.js';
import type {Io} from './io.js';
import {parseThresholdFlags} from './threshold-flags.js';

export const watchHelp = `Usage: gqx watch [thresholds] [options]

Watches the queues on the live polling schedule and says when a condition starts (BREACH, once it has held
--for long enough) and when it ends (RECOVERED, once it has been clear that long): one line per event on stdout,
and on webhooks and commands. Runs until Ctrl+C (or SIGTERM), which finishes the delivery under way and exits 0.

Thresholds (at least one; a profile's saved --min-sl, --max-abandon and --max-wait apply when not given):
  --min-sl target|RATIO     service level of today so far at least each queue's own target, or RATIO
  --max-abandon RATIO       abandon rate of today so far at most RATIO (0.05, 5% or 5)
  --max-wait SECONDS        the longest wait now at most SECONDS
  --no-agents               nobody waits while no agent on the queue is available
  --max-not-responding N    at most N agents of a queue not responding now

Options:
  --for DURATION            how long a condition holds before it is a breach, and is clear before it is a
                            recovery: 60s (default), 2m, 90 or 0
  --webhook URL             POST each event as JSON ({"text": ..., and the ndjson fields}), as Slack and Teams
                            incoming webhooks take it; repeatable. Retried for up to 10 minutes, in order
  --exec CMD                run CMD (a program and its arguments, split at spaces, quotes keep spaces, no shell)
                            per event, with the event in GQX_EVENT, GQX_AT, GQX_SINCE, GQX_QUEUE_ID,
                            GQX_QUEUE_NAME, GQX_MEDIA_TYPE, GQX_CONDITION, GQX_VALUE, GQX_THRESHOLD and GQX_TEXT;
                            repeatable
  --quiet HH:MM-HH:MM       notify nobody in these local hours (--tz); one digest when they end
  --format lines|ndjson     stdout: a line per event (default), or a JSON record per event
  --once                    evaluate once (as --for 0), print the breaches and exit 0 (none) or 1 (some)
                            (in the --quiet hours it prints only, notifying nobody)
  --interval SECONDS        seconds between polls (default 10, at least 5, at most 3600)
  --state PATH              the state file (default: watch-<profile>.json in the config folder)
  the credential, --tz, --queue, --division, --media, network and --demo flags of gqx export; with --demo the
  emulator's Billing queue has callers waiting 7 minutes from 20 s to 110 s after the start (try --max-wait 120
  --for 20s --queue Billing).

Exit codes: 0 stopped (or --once with no breach), 1 --once with a breach, 2 bad flags, an unusable webhook URL or
another watch on the same state file, 3 credentials, 4 a permission missing.

Example (Slack, a breach held for two minutes):
  gqx watch --profile acme --max-wait 120 --min-sl target --for 2m --webhook https://hooks.slack.com/services/...
`;

const {
	level: _level,
	granularity: _granularity,
	wide: _wide,
	output: _output,
	'by-media': _byMedia,
	from: _from,
	to: _to,
	preset: _preset,
	format: _format,
	...sharedFlags
} = exportFlags;

const watchFlags = {
	...sharedFlags,
	'min-sl': {type: 'string'},
	'max-abandon': {type: 'string'},
	'max-wait': {type: 'string'},
	'no-agents': {type: 'boolean'},
	'max-not-responding': {type: 'string'},
	for: {type: 'string'},
	webhook: {type: 'string', multiple: true},
	exec: {type: 'string', multiple: true},
	quiet: {type: 'string'},
	format: {type: 'string'},
	once: {type: 'boolean'},
	interval: {type: 'string'},
	state: {type: 'string'},
} as const;

/** The longest --interval: an hour. */
const maxIntervalMs = 3_600_000;

/** `60s`, `2m`, `1m30s`, `90` (seconds) or `0`, as milliseconds. */
export function parseDuration(text: string, flag: string): number {
	const trimmed = text.trim();
	const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s?)?$/.exec(trimmed);
	if (trimmed === '' || !match || match.slice(1).every(part => part === undefined))
		throw new UsageError(`${flag} "${text}" is not a duration.`, `For example ${flag} 60s, ${flag} 2m or ${flag} 90.`);
	const [, hours = '0', minutes = '0', seconds = '0'] = match;
	return Math.round((Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000);
}

function count(text: string, flag: string): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isInteger(value) || value < 0)
		throw new UsageError(`${flag} "${text}" is not a whole number.`, `For example ${flag} 2.`);
	return value;
}

/** What tests give watch besides an Io: a clock (the emulator's) and a signal that stops it. */
export type WatchHooks = {clock?: Clock; signal?: AbortSignal};

const realClock: Clock = {
	now: () => Date.now(),
	sleep: (ms, signal) =>
		new Promise(resolve => {
			if (signal?.aborted) return resolve();
			const stop = () => {
				clearTimeout(timer);
				resolve();
			};
			// Removed when the time is up: a listener a poll would pile up on the one signal.
			const timer = setTimeout(() => {
				signal?.removeEventListener('abort', stop);
				resolve();
			}, ms);
			signal?.addEventListener('abort', stop, {once: true});
		}),
};

/**
 * The source of snapshots: the live polling schedule, one snapshot of the watched queues every `intervalMs`. This is
 * the seam for push (#26): a source that yields a snapshot whenever the notifications service says something changed.
 */
export async function* pollSnapshots(
	poll: () => Promise<LiveSnapshot>,
	intervalMs: number,
	clock: Clock,
	signal: AbortSignal,
): AsyncGenerator<LiveSnapshot | {failed: unknown}> {
	while (!signal.aborted) {
		try {
			yield await poll();
		} catch (error) {
			if (signal.aborted) return;
			yield {failed: error};
		}
		if (signal.aborted) return;
		await clock.sleep(intervalMs, signal);
	}
}

export async function runWatch(args: string[], io: Io, hooks: WatchHooks = {}): Promise<number> {
	let stop: (() => Promise<void>) | undefined;
	let state: StateFile | undefined;
	const stopping = new AbortController();
	const onSignal = () => stopping.abort();
	const external = hooks.signal;
	external?.addEventListener('abort', onSignal, {once: true});
	if (!external) {
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
	}
	const outboxes: Outbox[] = [];
	try {
		const {values} = parseFlags(args, watchFlags, 'watch');
		if (values.help) {
			io.stdout.write(watchHelp);
			return 0;
		}
		const clock = hooks.clock ?? realClock;
		const format = values.format ?? 'lines';
		if (format !== 'lines' && format !== 'ndjson')
			throw new UsageError(`Unknown format "${format}" for watch.`, 'Use --format lines or --format ndjson.');
		const once = Boolean(values.once);
		const forMs = once ? 0 : values.for === undefined ? 60_000 : parseDuration(values.for, '--for');
		const intervalMs = values.interval === undefined ? 10_000 : parseDuration(values.interval, '--interval');
		if (intervalMs < 5000)
			throw new UsageError(`--interval ${values.interval} is under 5 seconds.`, 'Give at least 5 (the default is 10).');
		// Past 2^31 ms a timer fires at once: polls every millisecond. An hour is far below that, and plenty.
		if (intervalMs > maxIntervalMs)
			throw new UsageError(
				`--interval ${values.interval} is over ${maxIntervalMs / 1000} seconds.`,
				`Give at most ${maxIntervalMs / 1000} (the default is 10).`,
			);
		const webhooks = (values.webhook ?? []).map(parseWebhook);
		const quiet = values.quiet === undefined ? undefined : parseQuiet(values.quiet);
		const notRespondingText = values['max-not-responding'];
		const flagged: LiveThresholds = {
			...parseThresholdFlags(values),
			...(values['no-agents'] ? {noAgents: true} : {}),
			...(notRespondingText === undefined ? {} : {maxNotResponding: count(notRespondingText, '--max-not-responding')}),
		};
		const plan = planExport({...values, format: 'csv', preset: 'today'}, io);
		// --demo: Billing breaches 20 s after the start for 90 s, so a BREACH and a RECOVERED show within minutes.
		const demoStart = Date.now();
		const connection = await connect(values, io, plan.timeoutMs, {
			scenarios: [{queue: 'Billing', fromMs: demoStart + 20_000, toMs: demoStart + 110_000, longestWaitSeconds: 420}],
		});
		stop = connection.stop;
		const {client} = connection;
		const saved = {...connection.profile?.thresholds};
		// The agent board's thresholds are check's; watch follows queues.
		for (const check of agentChecks) delete saved[check.key];
		const thresholds: LiveThresholds = {...saved, ...flagged};
		if (
			thresholds.minServiceLevel === undefined &&
			thresholds.maxAbandon === undefined &&
			thresholds.maxWaitSeconds === undefined &&
			!thresholds.noAgents &&
			thresholds.maxNotResponding === undefined
		)
			throw new UsageError(
				'No threshold to watch.',
				'Give at least one of --min-sl target|RATIO, --max-abandon RATIO, --max-wait SECONDS, --no-agents, --max-not-responding N.',
			);
		const timeoutMs = plan.timeoutMs;
		const network = new Network(connection.network);
		const destinations: Destination[] = [
			...webhooks.map(url => webhookDestination(url, network, timeoutMs)),
			...(values.exec ?? []).map(command => execDestination(command, io.env, timeoutMs)),
		];
		if (!once)
			state =
				values.state === undefined
					? StateFile.open(defaultStatePath(io.env, values.profile, Boolean(values.demo)), {createFolder: true})
					: StateFile.open(values.state);
		const all: QueueInfo[] = await listAllQueues(client);
		const shared = sharedNames(all.map(queue => queue.name));
		const divisionOf = divisionsOf(all);
		const queueIds = selectQueueIds({queues: plan.queues, divisions: plan.divisions}, all);
		const wantsRange = thresholds.minServiceLevel !== undefined || thresholds.maxAbandon !== undefined;
		const hold = new Hold(forMs, state?.state.tracked ?? []);
		const tty = format === 'lines' && Boolean(io.stdout.isTTY) && !once;
		let summaryLines = 0;
		/** Takes the summary off the screen (it is drawn again after the next poll), so lines above it stay whole. */
		const eraseSummary = () => {
			if (tty && summaryLines > 0) io.stdout.write(`\u001B[${summaryLines}F\u001B[J`);
			summaryLines = 0;
		};
		const log = (line: string) => {
			eraseSummary();
			io.stderr.write(`gqx watch: ${line}\n`);
		};
		const sentence = (event: WatchEvent) => eventSentence(event, plan.timeZone, shared);
		/** Saves the state; a failure is said (once until a save works again) and watching goes on. */
		let saveFailed = false;
		const save = () => {
			if (!state) return;
			try {
				state.save();
				saveFailed = false;
			} catch (error) {
				if (!saveFailed) log(`cannot save the state file: ${terminalText((error as Error).message)}`);
				saveFailed = true;
			}
		};
		for (const destination of destinations) {
			// The outbox works on the state file's own list, so what is delivered leaves the file with it.
			const queue = state?.state.outbox[destination.id] ?? [];
			if (state) state.state.outbox[destination.id] = queue;
			outboxes.push(new Outbox(destination, queue, {clock, onChange: save, log, stopping: stopping.signal}));
		}
		const enqueue = (message: Message) => {
			if (!state) {
				for (const outbox of outboxes) outbox.push([{seq: 0, message}]);
				return;
			}
			state.state.seq++;
			for (const outbox of outboxes) outbox.push([{seq: state.state.seq, message}]);
		};
		for (const outbox of outboxes) outbox.kick();

		let rangeChecked = -Infinity;
		let rangeFound: Breach[] = [];
		let down: string | undefined;
		let found = 0;
		const watched = queueIds?.length ?? all.length;
		const poll = async (): Promise<LiveSnapshot> => fetchLiveSnapshot(client, plan, {known: all});
		/** A failed poll (the snapshot, or today's numbers): said once until polling works again. */
		const failed = (error: unknown) => {
			if (error instanceof AuthError || error instanceof PermissionError || once) throw error;
			const reason = error instanceof Error ? error.message : String(error);
			if (down === undefined) log(`polling failed: ${terminalText(reason)} (trying again every poll)`);
			down = reason;
		};
		for await (const snapshot of pollSnapshots(poll, intervalMs, clock, stopping.signal)) {
			if ('failed' in snapshot) {
				failed(snapshot.failed);
				continue;
			}
			// The server's time in whole seconds, as its Date header gives it (the client reads that as the second's
			// middle): polls --for apart are --for apart, not a few milliseconds short of it.
			const latest = Math.max(client.serverNow(), ...snapshot.queues.map(queue => queue.observedAt));
			const at = Math.round((latest - 500) / 1000) * 1000;
			// Today so far is asked at most once a minute, as the explorer's aggregate columns are.
			// When that fails, the previous results stand (the conditions keep their state) and it is asked again next poll.
			let rangeFailed = false;
			if (wantsRange && at - rangeChecked >= 60_000) {
				const range = resolveRange({preset: 'today'}, plan.timeZone, DateTime.fromMillis(at));
				try {
					rangeFound = (await fetchRangeBreaches(client, range, {queueIds, mediaTypes: plan.media}, thresholds, all))
						.breaches;
					rangeChecked = at;
				} catch (error) {
					failed(error);
					rangeFailed = true;
				}
			}
			if (!rangeFailed && down !== undefined) {
				log('polling works again');
				down = undefined;
			}
			const conditions = [...rangeFound, ...liveBreaches(snapshot, thresholds, divisionOf)];
			const events = hold.step(conditions, at);
			found = hold.open().length;
			eraseSummary();
			let out = '';
			for (const event of events)
				out +=
					format === 'ndjson'
						? `${terminalJson(JSON.stringify(event, eventFields as unknown as string[]))}\n`
						: `${eventLine(event, plan.timeZone, shared)}\n`;
			if (tty) {
				const width = Math.max(20, io.stdout.columns ?? 80);
				const open = openLines(hold.open(), at, shared);
				const local = DateTime.fromMillis(at, {zone: plan.timeZone}).toFormat('HH:mm:ss');
				const lines = [
					open.length === 0
						? `-- ${local} no open breaches (${watched} queue${watched === 1 ? '' : 's'} watched)`
						: `-- ${local} ${open.length} open breach${open.length === 1 ? '' : 'es'}:`,
					...open.slice(0, 10).map(line => `   ${line}`),
					...(open.length > 10 ? [`   and ${open.length - 10} more`] : []),
				].map(line => cutEnd(line, width - 1));
				out += `${lines.join('\n')}\n`;
				summaryLines = lines.length;
			}
			if (out) io.stdout.write(out);
			if (state) {
				state.state.tracked = hold.tracked();
				if (isQuiet(quiet, at, plan.timeZone)) state.state.digest.push(...events);
				else {
					if (state.state.digest.length > 0) enqueue(digestMessage(state.state.digest, quiet!.text, at, sentence));
					state.state.digest = [];
					for (const event of events) enqueue(eventMessage(event, sentence(event)));
				}
				save();
			} else if (!isQuiet(quiet, at, plan.timeZone))
				// --once keeps no state, so in the quiet hours it prints only: no digest would ever send what it held.
				for (const event of events) enqueue(eventMessage(event, sentence(event)));
			if (once) break;
		}
		// Ctrl+C (or --once): the delivery under way finishes; what is left stays in the state file for the next run.
		if (once) await Promise.all(outboxes.map(outbox => outbox.drained()));
		stopping.abort();
		await Promise.all(outboxes.map(outbox => outbox.settled()));
		save();
		return once && found > 0 ? 1 : 0;
	} catch (error) {
		stopping.abort();
		await Promise.all(outboxes.map(outbox => outbox.settled()));
		return reportFailure(error, io.stderr);
	} finally {
		external?.removeEventListener('abort', onSignal);
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
		state?.release();
		await stop?.();
	}
}

/** One message for the quiet hours: how many breaches and recoveries, each in a line. */
function digestMessage(
	events: readonly WatchEvent[],
	window: string,
	at: number,
	sentence: (event: WatchEvent) => string,
): Message {
	const breaches = events.filter(event => event.event === 'BREACH').length;
	const text = [
		`Quiet hours ${window}: ${breaches} breach${breaches === 1 ? '' : 'es'}, ${events.length - breaches} recovered`,
		...events.map(sentence),
	].join('\n');
	return {
		text,
		fields: {
			event: 'DIGEST',
			at: new Date(at).toISOString(),
			events: events.map(event => Object.fromEntries(eventFields.map(field => [field, event[field]]))),
		},
	};
}
