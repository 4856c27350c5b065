// `gqx profiles ...`: saved profiles for people and scripts: list, show, add (secret on stdin), rename,
// delete, migrate-secrets, thresholds, week-start, path. The secret is never printed, and never taken from a flag.
import {defaultBandEdges, parseBandEdges, profileBandEdges} from '../metrics/bands.js';
import path from 'node:path';
import {forcedStore, SecretStore} from '../credentials/secret-store.js';
import {GqxError, UsageError} from '../errors.js';
import {resolveRegion} from '../genesys/regions.js';
import {checkCaFile, parseProxyUrl, resolveNetwork, splitProxyPassword} from '../net/settings.js';
import type {Thresholds} from '../metrics/thresholds.js';
import {validateWeekStart, type WeekStart} from '../range/range.js';
import {
	openProfileStore,
	type Profile,
	type ProfileStore,
	type SecretStoreKind,
	secretStores,
	storeOf,
} from '../profiles/store.js';
import {parseFlags} from './args.js';
import {describeError, reportFailure} from './errors.js';
import type {Io} from './io.js';
import {describeThresholds, parseThresholdFlags, thresholdFlags} from './threshold-flags.js';

export const profilesHelp = `Usage: gqx profiles ACTION

  list [--format text|json]     saved profiles, last used first (json for scripts; never the secret)
  show NAME                     one profile, and which store holds its secret
  add NAME --region R --client-id ID [--proxy URL] [--ca-file PATH] [--no-verify] [--force]
                                save a profile; the client secret is read from standard input, and
                                checked by logging in once unless --no-verify; --force replaces NAME;
                                --proxy and --ca-file are kept with it (a proxy password like the secret)
  rename OLD NEW                rename a profile (its keychain entry moves with it)
  delete NAME                   delete a profile and its keychain entry
  migrate-secrets [--to keychain|file]
                                move every profile's secret to the system keychain (default) or the
                                profiles file: written, read back, then removed from the old place
  thresholds NAME [--min-sl target|RATIO] [--max-abandon RATIO] [--max-wait SECONDS]
                                [--max-acw SECONDS] [--max-break SECONDS] [--max-idle SECONDS] [--clear]
                                the profile's thresholds (gqx check's defaults, the explorer's marks):
                                shown without flags; a flag sets one (none removes it), --clear
                                removes all before the flags given are set
  week-start NAME [monday|sunday|none]
                                the day the profile's weeks start on (weekly buckets, this-week and
                                last-week, in the explorer and gqx export): shown without a day;
                                none removes it (Monday)
  bands NAME [5,15,30,60,180|none]
                                where the profile's wait bands end, in seconds (b in the explorer, gqx export
                                --level bands; a --bands flag wins): shown without times; none removes them
  path                          where the profiles file is

Secrets go to the system keychain where there is one, else to the profiles file (mode 0600);
GQX_SECRET_STORE=file|keychain forces one.

Exit codes: 0 ok, 2 bad usage or input, 3 login failed (add), 5 network failure (add).
`;

const usage = 'Run gqx profiles --help to see the actions.';

function describe(profile: Profile, where: string, proxyPasswordWhere: string): string {
	const choice = profile.dateChoice
		? 'preset' in profile.dateChoice
			? profile.dateChoice.preset
			: `${profile.dateChoice.from} to ${profile.dateChoice.to}`
		: '(none yet)';
	return [
		`name:          ${profile.name}`,
		`region:        ${profile.region}`,
		`client id:     ${profile.clientId}`,
		`client secret: saved in ${where}, not shown`,
		`proxy:         ${profile.proxy ? `${profile.proxy}${profile.proxyPassword || profile.proxyPasswordInKeychain ? ` (password saved in ${proxyPasswordWhere}, not shown)` : ''}` : '(none: the environment)'}`,
		`CA file:       ${profile.caFile ?? '(none)'}`,
		`time zone:     ${profile.timeZone ?? '(system)'}`,
		`last dates:    ${choice}`,
		`last used:     ${profile.lastUsedAt ?? 'never'}`,
		// gqx check's defaults and the explorer's marks: part of what the profile is (set by `profiles thresholds`).
		'thresholds:',
		...describeThresholds(profile.thresholds)
			.split('\n')
			.map(line => `  ${line}`),
	].join('\n');
}

/** What `list --format json` gives per profile: every field, null when unset, never the secret. */
function listRecord(profile: Profile) {
	return {
		name: profile.name,
		region: profile.region,
		clientId: profile.clientId,
		secretStore: storeOf(profile),
		timeZone: profile.timeZone ?? null,
		dateChoice: profile.dateChoice ?? null,
		lastUsedAt: profile.lastUsedAt ?? null,
		// As the profiles file keeps them (ratios from 0 to 1, seconds); null when none is set.
		thresholds: profile.thresholds && Object.keys(profile.thresholds).length > 0 ? profile.thresholds : null,
	};
}

function checkName(name: string | undefined, what = 'profile name'): string {
	const trimmed = name?.trim() ?? '';
	if (trimmed === '') throw new UsageError(`No ${what} given.`, usage);
	if (trimmed.length > 64) throw new UsageError(`The ${what} is longer than 64 characters.`, 'Pick a shorter one.');
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(trimmed))
		throw new UsageError(`The ${what} contains control characters.`, 'Pick a name of printable characters.');
	return trimmed;
}

type Stdin = NodeJS.ReadableStream & {isTTY?: boolean; setRawMode?: (mode: boolean) => unknown};

/** Reads what is typed, without echo, up to Enter; Ctrl+C cancels. */
function readHidden(stdin: Stdin, prompt: string, stderr: Io['stderr']): Promise<string> {
	stderr.write(prompt);
	stdin.setRawMode?.(true);
	stdin.resume();
	return new Promise((resolve, reject) => {
		let text = '';
		const done = (error?: Error) => {
			stdin.off('data', onData);
			stdin.setRawMode?.(false);
			stdin.pause();
			stderr.write('\n');
			if (error) reject(error);
			else resolve(text);
		};
		const onData = (chunk: Buffer | string) => {
			for (const character of chunk.toString()) {
				if (character === '\u0003') return done(new UsageError('Cancelled.', 'Nothing was saved.'));
				if (character === '\r' || character === '\n' || character === '\u0004') return done();
				if (character === '\u007f' || character === '\b') text = text.slice(0, -1);
				else text += character;
			}
		};
		stdin.on('data', onData);
	});
}

/** The secret from standard input: typed without echo at a terminal, or the piped text (one line). */
async function readSecret(io: Io, name: string): Promise<string> {
	const stdin = (io.stdin ?? process.stdin) as Stdin;
	let text: string;
	if (stdin.isTTY) {
		text = await readHidden(stdin, `Client secret for ${name} (typing is hidden): `, io.stderr);
	} else {
		text = '';
		for await (const chunk of stdin) {
			text += chunk.toString();
			if (text.length > 65_536)
				throw new UsageError('Standard input is longer than a client secret can be.', 'Pipe only the secret.');
		}
	}
	const secret = text.trim();
	const hint = `Pipe it in, for example: printf '%s' "$SECRET" | gqx profiles add ${name} --region R --client-id ID`;
	if (secret === '') throw new UsageError('No client secret on standard input.', hint);
	if (/[\r\n]/.test(secret))
		throw new UsageError('Standard input has more than one line; it should hold only the client secret.', hint);
	return secret;
}

async function add(args: string[], io: Io, secrets: SecretStore): Promise<number> {
	const {values, positionals} = parseFlags(
		args,
		{
			region: {type: 'string'},
			'client-id': {type: 'string'},
			'no-verify': {type: 'boolean'},
			force: {type: 'boolean'},
			proxy: {type: 'string'},
			'ca-file': {type: 'string'},
		},
		'profiles add',
		true,
	);
	if (positionals.length > 1)
		// Not echoed: the extra argument may well be the secret.
		throw new UsageError(
			'gqx profiles add takes one name and no other argument.',
			'The client secret is read from standard input, never from the command line.',
		);
	const name = checkName(positionals[0]);
	if (values.region === undefined) throw new UsageError('No region given.', 'Pass --region (see gqx regions).');
	const region = resolveRegion(values.region);
	const clientId = values['client-id']?.trim();
	if (!clientId) throw new UsageError('No client id given.', 'Pass --client-id ID.');
	if (secrets.profiles.get(name) && !values.force)
		throw new UsageError(
			`A profile named "${name}" exists already.`,
			'Pass --force to replace it, or pick another name.',
		);
	forcedStore(io.env);
	// The profile's proxy (its password kept apart, like the secret) and CA file, checked before anything is read.
	const proxyUrl = values.proxy === undefined ? undefined : parseProxyUrl(values.proxy, '--proxy');
	const {proxy, proxyPassword} = proxyUrl ? splitProxyPassword(proxyUrl) : {proxy: undefined, proxyPassword: undefined};
	if (proxyPassword !== undefined)
		io.stderr.write(
			'gqx: warning: a password in --proxy shows in the process list; it is saved like the client secret.\n',
		);
	const caFile =
		values['ca-file'] === undefined ? undefined : checkCaFile(path.resolve(io.cwd, values['ca-file']), '--ca-file');
	const network = {proxy, proxyPassword, caFile};
	const clientSecret = await readSecret(io, name);
	if (!values['no-verify']) {
		const {GenesysClient} = await import('../genesys/client.js');
		await new GenesysClient({
			region,
			clientId,
			clientSecret,
			maxRetries: 2,
			network: resolveNetwork({profile: {name, ...network}, env: io.env}),
		}).verify();
	}
	const previous = secrets.profiles.get(name);
	// A replaced profile keeps what gqx learned about its use (dates, zone); its credentials are the new ones.
	const saved = await secrets.save({
		...(previous
			? {timeZone: previous.timeZone, dateChoice: previous.dateChoice, lastUsedAt: previous.lastUsedAt}
			: {}),
		name,
		region: values.region.trim(),
		clientId,
		clientSecret,
		...(proxy ? {proxy} : {}),
		...(proxyPassword ? {proxyPassword} : {}),
		...(caFile ? {caFile} : {}),
	});
	io.stdout.write(`${saved.where}\n`);
	for (const warning of saved.warnings) io.stderr.write(`gqx: warning: ${warning}\n`);
	return 0;
}

async function migrateSecrets(args: string[], io: Io, secrets: SecretStore): Promise<number> {
	const {values} = parseFlags(args, {to: {type: 'string'}}, 'profiles migrate-secrets');
	const to = (values.to ?? 'keychain') as SecretStoreKind;
	if (!secretStores.includes(to))
		throw new UsageError(`--to ${values.to} is not a secret store.`, 'Use --to keychain or --to file.');
	const profiles = secrets.profiles.list();
	if (profiles.length === 0) {
		io.stdout.write('No saved profiles.\n');
		return 0;
	}
	let exitCode = 0;
	for (const profile of profiles) {
		try {
			const outcome = await secrets.migrate(profile.name, to);
			const moved = secrets.profiles.require(profile.name);
			io.stdout.write(
				`${profile.name}: ${outcome === 'moved' ? 'moved to' : 'already in'} ${secrets.describe(moved)}\n`,
			);
		} catch (error) {
			if (!(error instanceof GqxError)) throw error;
			const {text, exitCode: code} = describeError(error);
			io.stderr.write(`${profile.name}: not moved.\n${text}`);
			exitCode ||= code;
		}
	}
	return exitCode;
}

/** The threshold flags and the profile's fields they set. */
const thresholdKeys = [
	['min-sl', 'minServiceLevel'],
	['max-abandon', 'maxAbandon'],
	['max-wait', 'maxWaitSeconds'],
	['max-acw', 'maxAcwSeconds'],
	['max-break', 'maxBreakSeconds'],
	['max-idle', 'maxIdleSeconds'],
] as const satisfies ReadonlyArray<readonly [keyof typeof thresholdFlags, keyof Thresholds]>;

/** Shows, sets or clears a profile's thresholds; nothing else of the profile (its secret least of all) changes. */
function thresholds(args: string[], io: Io, store: ProfileStore): number {
	const {values, positionals} = parseFlags(
		args,
		{...thresholdFlags, clear: {type: 'boolean'}},
		'profiles thresholds',
		true,
	);
	if (positionals.length !== 1)
		throw new UsageError(
			'gqx profiles thresholds takes one profile name.',
			'Usage: gqx profiles thresholds NAME [--min-sl target|RATIO] [--max-abandon RATIO] [--max-wait SECONDS] [--max-acw SECONDS] [--max-break SECONDS] [--max-idle SECONDS] [--clear]',
		);
	const name = checkName(positionals[0]);
	const profile = store.require(name);
	// `none` removes one threshold; every other value is read as gqx check reads it, and all are checked before saving.
	const removed = thresholdKeys.filter(
		([flag]) =>
			String(values[flag] ?? '')
				.trim()
				.toLowerCase() === 'none',
	);
	const given = parseThresholdFlags(
		Object.fromEntries(Object.entries(values).filter(([flag]) => !removed.some(([each]) => each === flag))),
	);
	const changing = values.clear === true || removed.length > 0 || Object.keys(given).length > 0;
	if (!changing) {
		io.stdout.write(`Thresholds of profile ${profile.name}:\n${describeThresholds(profile.thresholds)}\n`);
		return 0;
	}
	const saved = store.update(name, current => {
		const next: Thresholds = {...(values.clear ? {} : current.thresholds), ...given};
		for (const [, key] of removed) delete next[key];
		const {thresholds: _old, ...rest} = current;
		return Object.keys(next).length > 0 ? {...rest, thresholds: next} : rest;
	});
	if (!saved) store.require(name);
	io.stdout.write(`Saved the thresholds of profile ${name}:\n${describeThresholds(saved?.thresholds)}\n`);
	return 0;
}

/** Shows or sets the day a profile's weeks start on; nothing else of the profile changes. */
function weekStart(args: string[], io: Io, store: ProfileStore): number {
	const {positionals} = parseFlags(args, {}, 'profiles week-start', true);
	if (positionals.length < 1 || positionals.length > 2)
		throw new UsageError(
			'gqx profiles week-start takes a profile name, and a day to set.',
			'Usage: gqx profiles week-start NAME [monday|sunday|none]',
		);
	const name = checkName(positionals[0]);
	const profile = store.require(name);
	const describeDay = (day: WeekStart | undefined) => (day ? day : 'monday (the default)');
	const given = positionals[1];
	if (given === undefined) {
		io.stdout.write(`Weeks of profile ${profile.name} start on ${describeDay(profile.weekStart)}.\n`);
		return 0;
	}
	const day = given.trim().toLowerCase() === 'none' ? undefined : validateWeekStart(given, 'The day');
	const saved = store.update(name, current => {
		const {weekStart: _old, ...rest} = current;
		return day ? {...rest, weekStart: day} : rest;
	});
	if (!saved) store.require(name);
	io.stdout.write(`Weeks of profile ${name} now start on ${describeDay(saved?.weekStart)}.\n`);
	return 0;
}

/** Shows or sets where a profile's wait bands end; nothing else of the profile changes. */
function bands(args: string[], io: Io, store: ProfileStore): number {
	const {positionals} = parseFlags(args, {}, 'profiles bands', true);
	if (positionals.length < 1 || positionals.length > 2)
		throw new UsageError(
			'gqx profiles bands takes a profile name, and the times to set.',
			'Usage: gqx profiles bands NAME [5,15,30,60,180|none]',
		);
	const name = checkName(positionals[0]);
	const profile = store.require(name);
	const describe = (edges: readonly number[] | undefined) =>
		`${(edges ?? defaultBandEdges).join(',')} s${edges ? '' : ' (the default)'}`;
	const given = positionals[1];
	if (given === undefined) {
		io.stdout.write(`Wait bands of profile ${profile.name} end at ${describe(profileBandEdges(profile))}.\n`);
		return 0;
	}
	const edges = given.trim().toLowerCase() === 'none' ? undefined : parseBandEdges(given, 'The bands');
	const saved = store.update(name, current => {
		const {bands: _old, ...rest} = current;
		return edges ? {...rest, bands: [...edges]} : rest;
	});
	if (!saved) store.require(name);
	io.stdout.write(`Wait bands of profile ${name} now end at ${describe(edges)}.\n`);
	return 0;
}

export async function runProfiles(args: string[], io: Io): Promise<number> {
	try {
		const [action = 'list', ...rest] = args;
		if (action === '--help' || action === '-h' || action === 'help' || rest.includes('--help')) {
			io.stdout.write(profilesHelp);
			return 0;
		}
		const store = openProfileStore(io.env);
		for (const warning of store.warnings) io.stderr.write(`gqx: warning: ${warning}\n`);
		for (const notice of store.notices)
			io.stderr.write(
				`gqx: the profiles file could not be read (${notice.reason}); it was moved to ${notice.movedTo}.\n`,
			);
		// The keychain binding itself loads only when an action touches the keychain.
		const secrets = new SecretStore(store, {env: io.env});
		const positional = (count: number, names: string) => {
			const {positionals} = parseFlags(rest, {}, `profiles ${action}`, true);
			if (positionals.length !== count)
				throw new UsageError(`gqx profiles ${action} takes ${names}.`, `Usage: gqx profiles ${action} ${names}`);
			return positionals.map(each => checkName(each));
		};
		switch (action) {
			case 'list': {
				const {values} = parseFlags(rest, {format: {type: 'string'}}, 'profiles list');
				const format = values.format ?? 'text';
				if (format !== 'text' && format !== 'json')
					throw new UsageError(`--format ${format} is not a list format.`, 'Use --format text or --format json.');
				const profiles = store.list();
				if (format === 'json') {
					io.stdout.write(`${JSON.stringify(profiles.map(listRecord), null, 2)}\n`);
					return 0;
				}
				if (profiles.length === 0) io.stdout.write('No saved profiles. Run gqx to set one up.\n');
				for (const profile of profiles)
					io.stdout.write(
						`${profile.name}\t${profile.region}\t${profile.clientId}\t${profile.lastUsedAt ?? 'never used'}\n`,
					);
				return 0;
			}
			case 'show': {
				const [name] = positional(1, 'NAME');
				const profile = store.require(name!);
				io.stdout.write(`${describe(profile, secrets.describe(profile), secrets.describeProxyPassword(profile))}\n`);
				const checked = await secrets.check(profile);
				if (checked !== 'present') io.stderr.write(`gqx: warning: ${checked.problem}\n`);
				return 0;
			}
			case 'add':
				return await add(rest, io, secrets);
			case 'rename': {
				const [oldName, newName] = positional(2, 'OLD NEW');
				const {warnings} = await secrets.rename(oldName!, newName!);
				io.stdout.write(`Renamed profile ${oldName} to ${newName}.\n`);
				for (const warning of warnings) io.stderr.write(`gqx: warning: ${warning}\n`);
				return 0;
			}
			case 'delete': {
				const [name] = positional(1, 'NAME');
				const profile = store.require(name!);
				const where = secrets.describe(profile);
				const {warnings} = await secrets.delete(name!);
				io.stdout.write(
					`Deleted profile ${name}${storeOf(profile) === 'keychain' && warnings.length === 0 ? ` and its secret in ${where}` : ''}.\n`,
				);
				for (const warning of warnings) io.stderr.write(`gqx: warning: ${warning}\n`);
				return 0;
			}
			case 'migrate-secrets':
				return await migrateSecrets(rest, io, secrets);
			case 'thresholds':
				return thresholds(rest, io, store);
			case 'week-start':
				return weekStart(rest, io, store);
			case 'bands':
				return bands(rest, io, store);
			case 'path':
				positional(0, '');
				io.stdout.write(`${store.path}\n`);
				return 0;
			default:
				throw new UsageError(`Unknown action "${action}" for gqx profiles.`, usage);
		}
	} catch (error) {
		return reportFailure(error, io.stderr);
	}
}
