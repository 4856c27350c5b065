// Saved credential profiles on conf: one JSON file, mode 0600 in a 0700 folder, validated on every
// read, migrated on format changes, written under a lock so two gqx processes never lose an update.
// A file that cannot be read is moved aside, never wiped.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import envPaths from 'env-paths';
import {z} from 'zod';
import {ConfigError} from '../errors.js';
import {presets, weekStarts} from '../range/range.js';
import {compareText} from '../text/collate.js';

/**
 * Version of the saved format (not of gqx). Every change to it comes with a migration below. Optional
 * fields that old files simply lack (proxy, proxyPassword, proxyPasswordInKeychain, caFile, views, thresholds) need none.
 */
export const formatVersion = '1.1.0';

/** Where a profile's client secret is kept: inline in this file, or in the system keychain (a reference only). */
export const secretStores = ['file', 'keychain'] as const;
export type SecretStoreKind = (typeof secretStores)[number];

const dateChoiceSchema = z.union([z.object({preset: z.enum(presets)}), z.object({from: z.string(), to: z.string()})]);

export const profileSchema = z
	.object({
		name: z.string().min(1).max(64),
		region: z.string().min(1),
		clientId: z.string().min(1),
		/** Absent in format 1.0.0, where every secret was inline ('file'). */
		secretStore: z.enum(secretStores).optional(),
		/** Only for the 'file' store: a keychain-held secret never touches this file. */
		clientSecret: z.string().min(1).optional(),
		/** A proxy URL for this profile, without its password (kept apart, like the secret). */
		proxy: z.string().min(1).optional(),
		/** The proxy's password, kept like the client secret: inline here only for the 'file' store. */
		proxyPassword: z.string().min(1).optional(),
		/** Only for the 'keychain' store: the keychain holds a proxy password too (service gqx-proxy), so it is missed when gone. */
		proxyPasswordInKeychain: z.literal(true).optional(),
		/** A PEM file of extra certificate authorities (a company CA that re-signs TLS). */
		caFile: z.string().min(1).optional(),
		timeZone: z.string().optional(),
		/** The day weeks start on (weekly buckets, the week presets); Monday when absent. */
		weekStart: z.enum(weekStarts).optional(),
		/**
		 * Where the wait bands (b, export --level bands) end, in seconds, ascending; the default bands when absent. Read
		 * through profileBandEdges (metrics/bands), which says what is wrong with hand-edited ones: a bad list here must
		 * not make the whole file unreadable.
		 */
		bands: z.unknown().optional(),
		dateChoice: dateChoiceSchema.optional(),
		lastUsedAt: z.string().optional(),
		/** Thresholds for this organization's queues: the explorer's colours and gqx check's defaults. */
		thresholds: z
			.object({
				minServiceLevel: z.union([z.number().min(0).max(1), z.literal('target')]).optional(),
				maxAbandon: z.number().min(0).max(1).optional(),
				maxWaitSeconds: z.number().min(0).optional(),
				maxAcwSeconds: z.number().min(0).optional(),
				maxBreakSeconds: z.number().min(0).optional(),
				maxIdleSeconds: z.number().min(0).optional(),
			})
			.optional(),
		/**
		 * Per explorer level, the columns (in order) and sort the user chose; under "*", the comparison
		 * (`c`), which an older gqx ignores. The UI drops names it does not know.
		 */
		views: z
			.record(
				z.string(),
				z.object({
					columns: z.array(z.string()).optional(),
					/** Live columns the user hid (they are shown by default while the range includes today). */
					hiddenLive: z.array(z.string()).optional(),
					sort: z.object({column: z.string(), descending: z.boolean()}).optional(),
					compare: z.string().optional(),
				}),
			)
			.optional(),
	})
	.superRefine((profile, context) => {
		const store = storeOf(profile);
		if (store === 'file' && profile.clientSecret === undefined)
			context.addIssue({code: 'custom', path: ['clientSecret'], message: 'missing (the secret store is the file)'});
		if (store === 'keychain' && profile.clientSecret !== undefined)
			context.addIssue({code: 'custom', path: ['clientSecret'], message: 'present although the keychain holds it'});
		if (store === 'keychain' && profile.proxyPassword !== undefined)
			context.addIssue({code: 'custom', path: ['proxyPassword'], message: 'present although the keychain holds it'});
		if (store === 'file' && profile.proxyPasswordInKeychain !== undefined)
			context.addIssue({
				code: 'custom',
				path: ['proxyPasswordInKeychain'],
				message: 'set although the secret store is the file',
			});
	});

export type Profile = z.infer<typeof profileSchema>;

export function storeOf(profile: Pick<Profile, 'secretStore'>): SecretStoreKind {
	return profile.secretStore ?? 'file';
}

const storeSchema = z.object({
	profiles: z.record(z.string(), profileSchema),
	__internal__: z.object({migrations: z.object({version: z.string()}).optional()}).optional(),
});

type StoreShape = {profiles: Record<string, Profile>};

export type OpenNotice = {movedTo: string; reason: string};

export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
	return env['GQX_CONFIG_DIR'] || undefined;
}

/** The folder of the profiles file (and of gqx watch's state files): `GQX_CONFIG_DIR`, else conf's. */
export function configFolder(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(defaultConfigDir(env) ?? envPaths('gqx', {suffix: 'nodejs'}).config);
}

/** The profiles file of this environment (`GQX_CONFIG_DIR`, else the platform's config folder). */
export function openProfileStore(env: NodeJS.ProcessEnv): ProfileStore {
	return new ProfileStore({cwd: defaultConfigDir(env)});
}

function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let index = 0; index < 3; index++) {
		const difference = (pa[index] ?? 0) - (pb[index] ?? 0);
		if (difference !== 0) return difference;
	}
	return 0;
}

/** Whether process `pid` runs (on this machine): EPERM means it does, as another user's. */
export function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The pid written in a lock folder, when there is one. */
function lockHolder(lock: string): number | undefined {
	try {
		const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export class ProfileStore {
	readonly path: string;
	readonly notices: OpenNotice[] = [];
	/** What the user should know about the folder (others can write to it), said by whoever shows notices. */
	readonly warnings: string[] = [];
	readonly #conf: Conf<StoreShape>;
	/** Whether this gqx made the folder: only then is its mode gqx's to set. */
	#madeFolder = false;

	constructor(options: {cwd?: string} = {}) {
		const cwd = options.cwd ?? defaultConfigDir();
		// Checked before conf sees the file: conf would throw on bad JSON, or silently downgrade a newer format.
		// The same place conf picks: env-paths' config folder for "gqx" with conf's "-nodejs" suffix.
		this.path = path.resolve(cwd ?? configFolder({}), 'config.json');
		this.#prepareFolder();
		// Opened under the lock: conf writes the file when it creates or migrates it, and that write, outside the lock,
		// could clobber a profile that another gqx saved in between (a CI run lost one of 50 saves that way).
		this.#conf = this.#openLocked(() => {
			this.#rescueDamagedFile();
			return this.#openConf(cwd);
		});
		if (this.#conf.path !== this.path)
			throw new ConfigError(`Profiles file location mismatch (${this.#conf.path}).`, 'Report this as a gqx bug.');
		this.#tighten();
	}

	/**
	 * Makes the folder 0700 when it is not there. A folder that is (GQX_CONFIG_DIR naming a shared one) keeps its
	 * mode, which is not gqx's to change; one that others can write to is warned about, as they could replace the file.
	 */
	#prepareFolder(): void {
		const folder = path.dirname(this.path);
		try {
			this.#madeFolder = fs.mkdirSync(folder, {recursive: true, mode: 0o700}) !== undefined;
			if (this.#madeFolder) fs.chmodSync(folder, 0o700);
			else {
				const mode = fs.statSync(folder).mode & 0o777;
				if ((mode & 0o022) !== 0)
					this.warnings.push(
						`The folder of the profiles file, ${folder}, can be written by other users (mode ${mode.toString(8).padStart(4, '0')}): they could replace your profiles. Make it private (chmod 700) or point GQX_CONFIG_DIR at a private folder.`,
					);
			}
		} catch {
			// Reported by the first read or write that needs it.
		}
	}

	/** The lock where the folder can hold one; where it cannot (read-only), no other gqx can write either. */
	#openLocked(open: () => Conf<StoreShape>): Conf<StoreShape> {
		try {
			fs.mkdirSync(`${this.path}.lock`);
			fs.rmdirSync(`${this.path}.lock`);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return open();
		}
		return this.#locked(open);
	}

	#openConf(cwd: string | undefined): Conf<StoreShape> {
		return new Conf<StoreShape>({
			projectName: 'gqx',
			...(cwd ? {cwd} : {}),
			projectVersion: formatVersion,
			configFileMode: 0o600,
			defaults: {profiles: {}},
			migrations: {
				'1.0.0': store => {
					if (!store.has('profiles')) store.set('profiles', {});
				},
				// Every profile names where its secret is; the ones from before keychains kept it inline.
				'1.1.0': store => {
					const profiles = {...store.get('profiles')};
					for (const [name, profile] of Object.entries(profiles))
						profiles[name] = {...profile, secretStore: profile.secretStore ?? 'file'};
					store.set('profiles', profiles);
				},
			},
		});
	}

	/** Moves an unreadable, invalid or newer-format file aside and records a notice for the user. */
	#rescueDamagedFile(): void {
		let text: string;
		try {
			text = fs.readFileSync(this.path, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
			throw new ConfigError(
				`Cannot read the profiles file ${this.path}: ${(error as Error).message}.`,
				'Check its permissions.',
			);
		}
		let reason: string | undefined;
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			reason = 'it is not valid JSON';
		}
		if (!reason) {
			const checked = storeSchema.safeParse(parsed);
			if (!checked.success) {
				const issue = checked.error.issues[0];
				reason = `its content is not a gqx profiles file (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown shape'})`;
			} else {
				const version = checked.data.__internal__?.migrations?.version;
				if (version && compareVersions(version, formatVersion) > 0)
					reason = `it was written by a newer gqx (format ${version}; this one reads ${formatVersion})`;
			}
		}
		if (!reason) return;
		const movedTo = `${this.path}.broken-${new Date().toISOString().replaceAll(':', '-')}`;
		fs.renameSync(this.path, movedTo);
		this.notices.push({movedTo, reason});
	}

	#tighten(): void {
		try {
			if (this.#madeFolder) fs.chmodSync(path.dirname(this.path), 0o700);
			if (fs.existsSync(this.path)) fs.chmodSync(this.path, 0o600);
		} catch {
			// Not ours to fix (a read-only or foreign-owned folder); writes will report real problems.
		}
	}

	/** Runs a read-modify-write under a lock folder next to the file, so concurrent processes serialize. */
	#locked<T>(action: () => T): T {
		const lock = `${this.path}.lock`;
		const deadline = Date.now() + 5000;
		for (;;) {
			try {
				fs.mkdirSync(lock);
				// Who holds it: a gqx killed with -9 leaves its lock, and the next one sees at once that it is stale.
				fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
				break;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
				if (this.#takeStaleLock(lock)) continue;
				if (Date.now() > deadline)
					throw new ConfigError(
						`The profiles file is locked by another gqx (${lockHolder(lock) === undefined ? '' : `pid ${lockHolder(lock)}, `}${lock}).`,
						'Try again; if no other gqx runs, delete that folder.',
					);
				sleepSync(10 + Math.random() * 20);
			}
		}
		try {
			this.#removeOrphanedTemporaries();
			return action();
		} finally {
			fs.rmSync(lock, {recursive: true, force: true});
			this.#tighten();
		}
	}

	/**
	 * Removes a lock whose process is gone (its pid no longer runs), or, without a pid (a gqx from before pids, or
	 * one killed between the two steps of taking it), older than 10 s. It is moved aside first and checked again
	 * there, so a lock another gqx has just taken is never removed.
	 */
	#takeStaleLock(lock: string): boolean {
		try {
			const pid = lockHolder(lock);
			const stale =
				pid === undefined ? Date.now() - fs.statSync(lock).mtimeMs > 10_000 : pid !== process.pid && !processAlive(pid);
			if (!stale) return false;
			const aside = `${lock}.stale-${randomBytes(6).toString('hex')}`;
			fs.renameSync(lock, aside);
			if (lockHolder(aside) !== pid) {
				// Another gqx took the lock between the look and the move: give it back.
				fs.renameSync(aside, lock);
				return false;
			}
			fs.rmSync(aside, {recursive: true, force: true});
			return true;
		} catch {
			// It went away meanwhile, or cannot be moved: the wait goes on.
			return false;
		}
	}

	/**
	 * Temporary copies of the file (conf writes `config.json.tmp-*` and renames it into place) left by a gqx killed
	 * before the rename: they may hold secrets. Every write happens under the lock, so under it any such copy is an
	 * orphan.
	 */
	#removeOrphanedTemporaries(): void {
		const folder = path.dirname(this.path);
		const prefix = `${path.basename(this.path)}.tmp-`;
		try {
			for (const name of fs.readdirSync(folder))
				if (name.startsWith(prefix)) fs.rmSync(path.join(folder, name), {force: true});
		} catch {
			// A folder that cannot be listed has no copies gqx could have written.
		}
	}

	#profiles(): Record<string, Profile> {
		return {...this.#conf.get('profiles')};
	}

	/** Profiles, last used first. */
	list(): Profile[] {
		return Object.values(this.#profiles()).sort(
			(a, b) => compareText(b.lastUsedAt ?? '', a.lastUsedAt ?? '') || compareText(a.name, b.name),
		);
	}

	get(name: string): Profile | undefined {
		return this.#profiles()[name];
	}

	require(name: string): Profile {
		const profile = this.get(name);
		if (profile) return profile;
		const names = this.list().map(each => each.name);
		throw new ConfigError(
			`No saved profile named "${name}".`,
			names.length > 0
				? `Saved profiles: ${names.join(', ')}.`
				: 'There are no saved profiles yet: run gqx to create one.',
		);
	}

	save(profile: Profile, options: {replacing?: string} = {}): void {
		const valid = profileSchema.parse({...profile, secretStore: storeOf(profile)});
		this.#locked(() => {
			const profiles = this.#profiles();
			if (options.replacing && options.replacing !== valid.name) delete profiles[options.replacing];
			profiles[valid.name] = valid;
			this.#conf.set('profiles', profiles);
		});
	}

	/** Changes one saved profile under the lock, from what is on disk now; the new profile, or undefined if gone. */
	update(name: string, change: (profile: Profile) => Profile): Profile | undefined {
		return this.#locked(() => {
			const profiles = this.#profiles();
			const profile = profiles[name];
			if (!profile) return undefined;
			const changed = change(profile);
			const next = profileSchema.parse({...changed, secretStore: storeOf(changed)});
			if (next.name !== name) delete profiles[name];
			profiles[next.name] = next;
			this.#conf.set('profiles', profiles);
			return next;
		});
	}

	/** Records a use and the last date choice or views. */
	touch(name: string, changes: Partial<Pick<Profile, 'dateChoice' | 'timeZone' | 'views'>> = {}): void {
		this.#locked(() => {
			const profiles = this.#profiles();
			const profile = profiles[name];
			if (!profile) return;
			profiles[name] = {...profile, ...changes, lastUsedAt: new Date().toISOString()};
			this.#conf.set('profiles', profiles);
		});
	}

	delete(name: string): boolean {
		return this.#locked(() => {
			const profiles = this.#profiles();
			if (!profiles[name]) return false;
			delete profiles[name];
			this.#conf.set('profiles', profiles);
			return true;
		});
	}
}
