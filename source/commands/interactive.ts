// `gqx` with no command: the interactive TUI, full-screen, on a profile, the environment or the demo.
import v8 from 'node:v8';
import {UsageError} from '../errors.js';
import {validateWeekStart} from '../range/range.js';
import {parseFlags} from './args.js';
import {parseBandEdges} from '../metrics/bands.js';
import {type LiveMode, liveModes} from '../levels/live.js';
import {type Credentials, resolveCredentials} from '../credentials/resolve.js';
import {reportFailure} from './errors.js';
import type {Io} from './io.js';

function environmentCredentials(io: Io): Credentials | undefined {
	try {
		return resolveCredentials({env: io.env, cwd: io.cwd});
	} catch {
		return undefined;
	}
}

/**
 * Frames are drawn by gqx's compositor where it can (source/ui/fast-output.ts);
 * GQX_INK_OUTPUT=ink leaves every frame to Ink, GQX_CHECK_FRAMES=1 draws each both ways and
 * stops on a difference.
 */
async function installFastOutput(env: NodeJS.ProcessEnv): Promise<void> {
	if (env['GQX_INK_OUTPUT'] === 'ink') return;
	const {installFastOutput} = await import('../ui/fast-output.js');
	await installFastOutput({verify: env['GQX_CHECK_FRAMES'] === '1'});
}

/**
 * Keeps V8's young generation at its starting size (1 MB semi-spaces) for the session. Left to grow (to
 * 16 MB semi-spaces on Node 20 and 22, 32 MB on 24 and later), it held 25-45 MB of the peak RSS with the
 * 5,000-queue table on screen; kept small it costs the first table a few ms (docs/performance.md). Node
 * takes --max-semi-space-size only on its command line, but V8 reads the growth factor each time the
 * young generation would grow, so it can be set here, before Ink loads (checked on Node 20 to 26).
 */
export function keepYoungGenerationSmall(): void {
	v8.setFlagsFromString('--semi-space-growth-factor=1');
}

/** `--refresh SECONDS`: how often live columns refresh; at least 5 s (the rate limit is shared). */
function refreshMs(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const seconds = Number(text);
	if (!Number.isFinite(seconds) || seconds < 5 || seconds > 3600)
		throw new UsageError(
			`--refresh "${text}" is not a number of seconds from 5 to 3600.`,
			'For example --refresh 15. Live columns refresh every 10 s by default.',
		);
	return Math.round(seconds * 1000);
}

/** `--live push|poll|auto`: how live values come; auto (push, polling as the fallback) unless given. */
export function parseLiveMode(text: string | undefined): LiveMode | undefined {
	if (text === undefined) return undefined;
	if ((liveModes as readonly string[]).includes(text)) return text as LiveMode;
	throw new UsageError(
		`--live "${text}" is not one of ${liveModes.join(', ')}.`,
		'--live push (the notifications service only), --live poll (the observations query every refresh), or --live auto (push, polling when push cannot be used; the default).',
	);
}

export async function runInteractive(argv: string[], io: Io): Promise<number> {
	keepYoungGenerationSmall();
	let stopDemo: (() => Promise<void>) | undefined;
	try {
		const {values} = parseFlags(
			argv,
			{
				demo: {type: 'boolean'},
				profile: {type: 'string'},
				'demo-queues': {type: 'string'},
				refresh: {type: 'string'},
				live: {type: 'string'},
				'reveal-addresses': {type: 'boolean'},
				'week-start': {type: 'string'},
				bands: {type: 'string'},
			},
			'gqx',
		);
		const bands = values.bands === undefined ? undefined : parseBandEdges(values.bands);
		const weekStart = values['week-start'] === undefined ? undefined : validateWeekStart(values['week-start']);
		const liveRefreshMs = refreshMs(values.refresh);
		const liveMode = parseLiveMode(values.live);
		if (!process.stdin.isTTY || !process.stdout.isTTY) {
			throw new UsageError(
				'The interactive mode needs a terminal.',
				'For scripts, pipes and cron jobs use gqx export (see gqx export --help).',
			);
		}
		// Ink draws nothing until exit when it thinks it runs in CI (a CI variable in the shell, or a
		// tool that sets one). Here a person is at a terminal: the screen must be drawn.
		for (const name of ['CI', 'CONTINUOUS_INTEGRATION'])
			if (process.env[name] !== undefined) process.env[name] = 'false';
		const [{render}, {createElement}, {App}, {takeOverTerminal}, {pacedInput}] = await Promise.all([
			import('ink'),
			import('react'),
			import('../ui/app.js'),
			import('../ui/terminal.js'),
			import('../ui/paced-input.js'),
			installFastOutput(io.env),
		]);
		let start: import('../ui/app.js').AppStart = {kind: 'auto'};
		let secrets: import('../credentials/secret-store.js').SecretStore | undefined;
		if (values.demo) {
			const {startDemo} = await import('./demo.js');
			const demo = await startDemo({
				queues: values['demo-queues'] === undefined ? undefined : Number(values['demo-queues']),
			});
			stopDemo = demo.stop;
			start = {kind: 'demo', credentials: demo.credentials};
		} else {
			// Loaded only when needed: the demo starts faster without conf (and never loads the keychain).
			const [{openProfileStore}, {SecretStore}] = await Promise.all([
				import('../profiles/store.js'),
				import('../credentials/secret-store.js'),
			]);
			const store = openProfileStore(io.env);
			secrets = new SecretStore(store, {env: io.env});
			if (values.profile !== undefined) {
				store.require(values.profile);
				start = {kind: 'profile', name: values.profile};
			}
		}
		const guard = takeOverTerminal(process.stdout, process.stdin);
		try {
			const instance = render(
				createElement(App, {
					start,
					secrets,
					envCredentials: values.demo ? undefined : environmentCredentials(io),
					cwd: io.cwd,
					env: io.env,
					liveRefreshMs,
					...(liveMode ? {liveMode} : {}),
					revealAddresses: values['reveal-addresses'] === true,
					...(weekStart ? {weekStart} : {}),
					...(bands ? {bands} : {}),
				}),
				// Keys typed ahead of a screen reach it once it reads them (ui/paced-input).
				{exitOnCtrlC: true, maxFps: 60, stdin: pacedInput(process.stdin)},
			);
			await instance.waitUntilExit();
		} finally {
			guard.restore();
		}
		return 0;
	} catch (error) {
		return reportFailure(error, io.stderr);
	} finally {
		await stopDemo?.();
	}
}
