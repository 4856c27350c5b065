#!/usr/bin/env node
// Entry point: flags, then a command or the TUI. Commands are imported lazily so `--version`,
// `--help` and `export` start without loading Ink.
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {Io} from './commands/io.js';
import {terminalLines} from './text/sanitize.js';

// React's development build is several times slower and measures every render: users get production.
process.env['NODE_ENV'] ??= 'production';

const help = `gqx: Genesys Cloud queue performance in your terminal

Usage:
  gqx                        interactive: pick a profile (or set one up), dates, then drill into queues
  gqx --demo                 the same on the embedded emulator: no account needed
  gqx --profile NAME         start with a saved profile
  gqx --refresh SECONDS      how often live columns refresh (ranges with today; default 10, at least 5)
  gqx --live push|poll|auto  live columns by push, by polling, or push with polling as the fallback (default auto)
  gqx --reveal-addresses     conversations' customer numbers and e-mail addresses as they are (masked by default)
  gqx --bands 5,15,60,180    where the wait bands (b) end, in seconds (default 10,20,30,60,120,300)
  gqx --week-start sunday    weeks (weekly buckets, this/last week) from Sunday (default: the profile's, else Monday)
  gqx export [options]       write the numbers as csv, json, ndjson or a table (gqx export --help)
  gqx check [thresholds]     exit 1 when a queue breaches a service-level, abandon or wait threshold (gqx check --help)
  gqx watch [thresholds]     alert when a queue starts and stops breaching: lines, ndjson, webhooks (gqx watch --help)
  gqx profiles ACTION        list, show, add, rename, delete, migrate-secrets, thresholds, week-start, bands (gqx profiles --help)
  gqx regions                list the Genesys Cloud regions
  gqx emulator [options]     run the Genesys Cloud emulator on loopback (gqx emulator --help)
  gqx --version | --help
`;

function version(): string {
	const file = fileURLToPath(new URL('../package.json', import.meta.url));
	return (JSON.parse(fs.readFileSync(file, 'utf8')) as {version: string}).version;
}

export async function main(argv: string[], io: Io): Promise<number> {
	const [command, ...rest] = argv;
	switch (command) {
		case '--version':
		case '-v':
			io.stdout.write(`${version()}\n`);
			return 0;
		case '--help':
		case '-h':
		case 'help':
			io.stdout.write(help);
			return 0;
		case 'export': {
			const {runExport} = await import('./commands/export.js');
			return runExport(rest, io);
		}
		case 'check': {
			const {runCheck} = await import('./commands/check.js');
			return runCheck(rest, io);
		}
		case 'watch': {
			const {runWatch} = await import('./commands/watch.js');
			return runWatch(rest, io);
		}
		case 'emulator': {
			const {runEmulator} = await import('./commands/emulator.js');
			return runEmulator(rest, io);
		}
		case 'regions': {
			const {runRegions} = await import('./commands/regions.js');
			return runRegions(rest, io);
		}
		case 'profiles': {
			const {runProfiles} = await import('./commands/profiles.js');
			return runProfiles(rest, io);
		}
		default: {
			if (command !== undefined && !command.startsWith('-')) {
				io.stderr.write(`gqx: unknown command "${command}".\n  Run gqx --help to see the commands.\n`);
				return 2;
			}
			const {runInteractive} = await import('./commands/interactive.js');
			return runInteractive(argv, io);
		}
	}
}

const io: Io = {
	stdout: process.stdout,
	stderr: process.stderr,
	env: process.env,
	cwd: process.cwd(),
	stdin: process.stdin,
};
process.stdout.on('error', error => {
	// `gqx export | head` closes the pipe early: that is not a failure.
	if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
});
main(process.argv.slice(2), io).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(
			`gqx: unexpected internal error; please report it.\n${terminalLines(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
		);
		process.exitCode = 70;
	},
);
