// Runs a gqx command in the test's own process, with an Io of its own: the environment, folder, input and output
// runCli gives the built gqx, without starting Node. What only a process shows (the real binary's exit code, a
// terminal, signals, what it imports at start) stays with runCli.
import {Readable, Writable} from 'node:stream';
import type {Io} from '../source/commands/io.js';
import {type CliOptions, type CliResult, cliEnv, scratchDir} from './run-cli.js';

/** `hooks`: what a command takes besides its Io in tests (gqx watch: a clock and a stop signal). */
type Command = (args: string[], io: Io, hooks?: never) => Promise<number>;

/** The commands that take an Io, imported as gqx imports them: on first use. */
const commands: Record<string, () => Promise<Command>> = {
	export: async () => (await import('../source/commands/export.js')).runExport,
	check: async () => (await import('../source/commands/check.js')).runCheck,
	watch: async () => (await import('../source/commands/watch.js')).runWatch,
	profiles: async () => (await import('../source/commands/profiles.js')).runProfiles,
	regions: async () => (await import('../source/commands/regions.js')).runRegions,
};

/** Collects what a command writes. */
function collector(): {stream: Writable; text: () => string} {
	let text = '';
	const stream = new Writable({
		write(chunk: Buffer | string, _encoding, done) {
			text += chunk.toString();
			done();
		},
	});
	return {stream, text: () => text};
}

/** `gqx <command> ...args` as runCli runs it (same environment, `input` on stdin), in this process. */
export async function runCommand(
	[name = '', ...args]: string[],
	options: CliOptions & {hooks?: unknown} = {},
): Promise<CliResult> {
	const load = commands[name];
	if (!load) throw new Error(`runCommand runs ${Object.keys(commands).join(', ')}; use runCli for gqx ${name}`);
	const cwd = options.cwd ?? scratchDir();
	const env = cliEnv(cwd, options.env);
	const stdout = collector();
	const stderr = collector();
	// The range's default zone is the system's (Intl), which a child takes from TZ.
	const zone = process.env['TZ'];
	setZone(env['TZ']);
	let timer: NodeJS.Timeout | undefined;
	try {
		const run = (await load())(
			args,
			{
				stdout: stdout.stream,
				stderr: stderr.stream,
				env,
				cwd,
				stdin: Readable.from(options.input === undefined ? [] : [options.input]),
			},
			options.hooks as never,
		);
		const late = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`gqx ${name} ${args.join(' ')} did not finish in time\n${stderr.text()}`)),
				options.timeoutMs ?? 20_000,
			);
		});
		const code = await Promise.race([run, late]);
		return {code, stdout: stdout.text(), stderr: stderr.text()};
	} finally {
		clearTimeout(timer);
		setZone(zone);
	}
}

function setZone(zone: string | undefined): void {
	if (zone === undefined) delete process.env['TZ'];
	else process.env['TZ'] = zone;
}
