// Where each profile's client secret (and proxy password, which follows it) lives, the system keychain or the 0600
// profiles file, and moving them between the two: write the new place, read it back, then remove the old, so each
// ends in one place, never two or none.
import {ConfigError, UsageError} from '../errors.js';
import {type Profile, type ProfileStore, type SecretStoreKind, storeOf} from '../profiles/store.js';
import {
	describeEntry,
	type Keychain,
	KeychainUnavailableError,
	proxyKeychainService,
	systemKeychain,
} from './keychain.js';

/** A profile with its secrets in hand (the client secret, and the proxy password if it has one), whichever store holds them. */
export type ProfileWithSecret = Omit<Profile, 'clientSecret' | 'secretStore' | 'proxyPasswordInKeychain'> & {
	clientSecret: string;
};

/** What SecretStore.read gives: the client secret, and the proxy password when the profile has one. */
export type ProfileSecrets = {clientSecret: string; proxyPassword?: string};

export type SavedSecret = {
	store: SecretStoreKind;
	/** One sentence for the user: where the secret went, and why when it is not the keychain. */
	where: string;
	/** Things left behind that the user may want to clean up (a keychain entry that could not be removed). */
	warnings: string[];
};

type SecretKind = 'client secret' | 'proxy password';

/** A keychain-held secret that is no longer there (removed by hand, another machine's profiles file). */
export class MissingSecretError extends ConfigError {
	readonly profileName: string;

	constructor(profileName: string, keychain: Pick<Keychain, 'name' | 'service'>, kind: SecretKind = 'client secret') {
		super(
			`The ${kind} of profile "${profileName}" is missing from ${describeEntry(keychain, profileName)}.`,
			kind === 'client secret'
				? `Enter it again: run gqx, highlight ${profileName} and press e; or from a script, pipe it to gqx profiles add ${profileName} --region R --client-id ID --force.`
				: `Enter it again: run gqx, highlight ${profileName} and press e; the proxy password is on the network step (Tab from the client secret).`,
		);
		this.profileName = profileName;
	}
}

/** GQX_SECRET_STORE: file or keychain forces that store; unset lets gqx use the keychain where there is one. */
export function forcedStore(env: NodeJS.ProcessEnv): SecretStoreKind | undefined {
	const value = env['GQX_SECRET_STORE']?.trim();
	if (!value) return undefined;
	if (value === 'file' || value === 'keychain') return value;
	throw new UsageError(
		`GQX_SECRET_STORE is "${value}", which gqx does not know.`,
		'Set it to file or keychain, or unset it to use the system keychain where there is one.',
	);
}

function withoutSecret(
	profile: ProfileWithSecret | Profile,
): Omit<Profile, 'clientSecret' | 'secretStore' | 'proxyPassword' | 'proxyPasswordInKeychain'> {
	const {
		clientSecret: _secret,
		secretStore: _store,
		proxyPassword: _proxyPassword,
		proxyPasswordInKeychain: _inKeychain,
		...rest
	} = profile as Profile;
	return rest;
}

/** The profile as saved for a store: the secrets inline for the file, only markers for the keychain. */
function asStored(profile: ProfileWithSecret | Profile, store: SecretStoreKind, secrets: ProfileSecrets): Profile {
	const {clientSecret, proxyPassword} = secrets;
	return store === 'keychain'
		? {...withoutSecret(profile), secretStore: 'keychain', ...(proxyPassword ? {proxyPasswordInKeychain: true} : {})}
		: {...withoutSecret(profile), secretStore: 'file', clientSecret, ...(proxyPassword ? {proxyPassword} : {})};
}

/** One keychain entry: the handle of its service, and the account (the profile name). */
type Entry = {keychain: Keychain; account: string; kind: SecretKind};
/** An entry to write, and what it held before (undefined: nothing), to put back if a later step fails. */
type Write = Entry & {secret: string; before?: string};

export class SecretStore {
	readonly profiles: ProfileStore;
	/** Client secrets: service gqx. */
	readonly keychain: Keychain;
	/** Proxy passwords: service gqx-proxy. */
	readonly proxyKeychain: Keychain;
	readonly #env: NodeJS.ProcessEnv;

	constructor(
		profiles: ProfileStore,
		options: {env: NodeJS.ProcessEnv; keychain?: Keychain; proxyKeychain?: Keychain},
	) {
		this.profiles = profiles;
		this.#env = options.env;
		this.keychain = options.keychain ?? systemKeychain();
		this.proxyKeychain = options.proxyKeychain ?? systemKeychain(proxyKeychainService);
	}

	#client(account: string): Entry {
		return {keychain: this.keychain, account, kind: 'client secret'};
	}

	#proxy(account: string): Entry {
		return {keychain: this.proxyKeychain, account, kind: 'proxy password'};
	}

	/** The keychain entries a saved profile relies on (none for the file store). */
	#entriesOf(profile: Profile): Entry[] {
		if (storeOf(profile) !== 'keychain') return [];
		return [this.#client(profile.name), ...(profile.proxyPasswordInKeychain ? [this.#proxy(profile.name)] : [])];
	}

	/** Where the profile's secret is, in words: "the system keychain (...)" or "the profiles file". */
	describe(profile: Profile): string {
		return storeOf(profile) === 'keychain' ? describeEntry(this.keychain, profile.name) : 'the profiles file';
	}

	/** Where the profile's proxy password is, in words (it follows the client secret). */
	describeProxyPassword(profile: Profile): string {
		return storeOf(profile) === 'keychain' ? describeEntry(this.proxyKeychain, profile.name) : 'the profiles file';
	}

	async #get(entry: Entry): Promise<string> {
		let secret: string | undefined;
		try {
			secret = await entry.keychain.get(entry.account);
		} catch (error) {
			if (!(error instanceof KeychainUnavailableError)) throw error;
			throw new KeychainUnavailableError(
				`Cannot read the ${entry.kind} of profile "${entry.account}" from the system keychain (${entry.keychain.name}): ${error.reason}.`,
				`Unlock the keychain (log in to your desktop session) and try again; or enter the secret again with e on ${entry.account} in gqx (where no keychain can be used it goes to the profiles file).`,
				error.reason,
			);
		}
		if (secret === undefined) throw new MissingSecretError(entry.account, entry.keychain, entry.kind);
		return secret;
	}

	/** The profile's secrets, from wherever they are. Throws MissingSecretError or KeychainUnavailableError. */
	async read(profile: Profile): Promise<ProfileSecrets> {
		if (storeOf(profile) === 'file' && profile.clientSecret !== undefined)
			return {
				clientSecret: profile.clientSecret,
				...(profile.proxyPassword === undefined ? {} : {proxyPassword: profile.proxyPassword}),
			};
		const clientSecret = await this.#get(this.#client(profile.name));
		if (!profile.proxyPasswordInKeychain) return {clientSecret};
		return {clientSecret, proxyPassword: await this.#get(this.#proxy(profile.name))};
	}

	async withSecret(profile: Profile): Promise<ProfileWithSecret> {
		const {clientSecret, proxyPassword} = await this.read(profile);
		return {...withoutSecret(profile), clientSecret, ...(proxyPassword === undefined ? {} : {proxyPassword})};
	}

	/** Writes the secret to the keychain and reads it back, so a store that drops it is found out before we rely on it. */
	async #writeKeychain(entry: Entry, secret: string): Promise<void> {
		await entry.keychain.set(entry.account, secret);
		if ((await entry.keychain.get(entry.account)) !== secret)
			throw new KeychainUnavailableError(
				`The system keychain (${entry.keychain.name}) gave back something else than the secret just saved.`,
				'Try again; if it persists, keep the secret in the profiles file: GQX_SECRET_STORE=file.',
				'it gave back something else than was saved',
			);
	}

	/** Puts back what the entries held before they were written; false when one could not be. */
	async #restore(writes: Write[]): Promise<boolean> {
		let restored = true;
		for (const write of writes) {
			const done =
				write.before === undefined
					? write.keychain.delete(write.account).then(() => true)
					: write.keychain.set(write.account, write.before).then(() => true);
			restored = (await done.catch(() => false)) && restored;
		}
		return restored;
	}

	/** Writes every entry (each read back); if one fails, the ones written are put back as they were. */
	async #writeAll(writes: Write[]): Promise<void> {
		for (const [index, write] of writes.entries()) {
			try {
				await this.#writeKeychain(write, write.secret);
			} catch (error) {
				await this.#restore(writes.slice(0, index + 1));
				throw error;
			}
		}
	}

	/** Removes entries that no longer hold a profile's secret; what could not be removed becomes a warning. */
	async #removeStale(entries: Iterable<Entry>, warnings: string[]): Promise<void> {
		for (const entry of entries) {
			try {
				await entry.keychain.delete(entry.account);
			} catch (error) {
				const reason = error instanceof KeychainUnavailableError ? error.reason : String(error);
				warnings.push(
					`An old keychain entry could not be removed (${reason}): delete ${describeEntry(entry.keychain, entry.account)} with your keychain tool.`,
				);
			}
		}
	}

	/**
	 * Saves a profile and its secrets: in the keychain where there is one (or GQX_SECRET_STORE says so),
	 * otherwise inline in the 0600 profiles file. `replacing` names the profile this one replaces (an edit or rename).
	 */
	async save(profile: ProfileWithSecret, options: {replacing?: string} = {}): Promise<SavedSecret> {
		const forced = forcedStore(this.#env);
		const proxyPassword = profile.proxyPassword || undefined;
		const secrets: ProfileSecrets = {clientSecret: profile.clientSecret, ...(proxyPassword ? {proxyPassword} : {})};
		// Keychain entries of the profiles this save replaces: after it, only the ones in use may remain.
		const replaced = [...new Set([options.replacing, profile.name])].flatMap(name => {
			const existing = name === undefined ? undefined : this.profiles.get(name);
			return existing ? this.#entriesOf(existing) : [];
		});
		// Written to the keychain, with what was there before, to put back if the profiles file cannot be written.
		let written: Write[] = [];
		let store: SecretStoreKind = 'file';
		let why = 'as GQX_SECRET_STORE=file asks';
		if (forced !== 'file') {
			try {
				const before = async (entry: Entry) =>
					replaced.some(each => each.keychain === entry.keychain && each.account === entry.account)
						? await entry.keychain.get(entry.account)
						: undefined;
				const writes: Write[] = [];
				for (const [entry, secret] of [
					[this.#client(profile.name), profile.clientSecret],
					...(proxyPassword ? [[this.#proxy(profile.name), proxyPassword] as const] : []),
				] as const)
					writes.push({...entry, secret, before: await before(entry)});
				await this.#writeAll(writes);
				written = writes;
				store = 'keychain';
			} catch (error) {
				if (!(error instanceof KeychainUnavailableError)) throw error;
				if (forced === 'keychain')
					throw new KeychainUnavailableError(
						`Cannot save the secret of profile "${profile.name}" in the system keychain (${this.keychain.name}): ${error.reason}.`,
						'GQX_SECRET_STORE=keychain asks for the keychain: unlock it and try again, or unset GQX_SECRET_STORE to let gqx use the profiles file.',
						error.reason,
					);
				why = `as the system keychain could not be used (${error.reason})`;
			}
		}
		const saved = asStored(profile, store, secrets);
		try {
			this.profiles.save(saved, options);
		} catch (error) {
			await this.#restore(written);
			throw error;
		}
		const warnings: string[] = [];
		const inUse = this.#entriesOf(saved);
		await this.#removeStale(
			replaced.filter(entry => !inUse.some(each => each.keychain === entry.keychain && each.account === entry.account)),
			warnings,
		);
		let where: string;
		if (store === 'file')
			where = `its client secret${proxyPassword ? ' and proxy password are' : ' is'} in the profiles file ${this.profiles.path} (readable only by you), ${why}`;
		else {
			where = `its client secret is in ${describeEntry(this.keychain, profile.name)}`;
			if (proxyPassword) where += `, and its proxy password in ${describeEntry(this.proxyKeychain, profile.name)}`;
		}
		return {store, where: `Saved profile ${profile.name}: ${where}.`, warnings};
	}

	/** Deletes a profile and its keychain entries; a warning when one could not be removed. */
	async delete(name: string): Promise<{warnings: string[]}> {
		const profile = this.profiles.require(name);
		this.profiles.delete(name);
		const warnings: string[] = [];
		await this.#removeStale(this.#entriesOf(profile), warnings);
		return {warnings};
	}

	/** Renames a profile; keychain-held secrets move to the new account (written and read back first). */
	async rename(oldName: string, newName: string): Promise<{warnings: string[]}> {
		const profile = this.profiles.require(oldName);
		if (oldName === newName) return {warnings: []};
		if (this.profiles.get(newName))
			throw new UsageError(
				`A profile named "${newName}" exists already.`,
				`Pick another name, or delete that profile first (gqx profiles delete ${newName}).`,
			);
		const warnings: string[] = [];
		if (storeOf(profile) === 'file') {
			this.profiles.update(oldName, current => ({...current, name: newName}));
			return {warnings};
		}
		const {clientSecret, proxyPassword} = await this.read(profile);
		const writes: Write[] = [
			{...this.#client(newName), secret: clientSecret},
			...(proxyPassword === undefined ? [] : [{...this.#proxy(newName), secret: proxyPassword}]),
		];
		await this.#writeAll(writes);
		try {
			this.profiles.update(oldName, current => ({...current, name: newName}));
		} catch (error) {
			await this.#restore(writes);
			throw error;
		}
		await this.#removeStale(this.#entriesOf(profile), warnings);
		return {warnings};
	}

	/** Moves one profile's secrets to the other store. 'already' when they are there. */
	async migrate(name: string, to: SecretStoreKind): Promise<'moved' | 'already'> {
		const profile = this.profiles.require(name);
		if (storeOf(profile) === to) return 'already';
		const secrets = await this.read(profile);
		if (to === 'keychain') {
			const writes: Write[] = [
				{...this.#client(name), secret: secrets.clientSecret},
				...(secrets.proxyPassword === undefined ? [] : [{...this.#proxy(name), secret: secrets.proxyPassword}]),
			];
			await this.#writeAll(writes);
			try {
				this.profiles.update(name, current => asStored(current, 'keychain', secrets));
			} catch (error) {
				await this.#restore(writes);
				throw error;
			}
			return 'moved';
		}
		this.profiles.update(name, current => asStored(current, 'file', secrets));
		const kept = this.profiles.get(name);
		if (kept?.clientSecret !== secrets.clientSecret || kept.proxyPassword !== secrets.proxyPassword)
			throw new ConfigError(
				`The profiles file did not keep the secrets of profile "${name}"; its keychain entries were left as they are.`,
				'Check that the profiles file is writable (gqx profiles path) and try again.',
			);
		const removed: Write[] = [];
		for (const entry of this.#entriesOf(profile)) {
			try {
				await entry.keychain.delete(entry.account);
				removed.push({
					...entry,
					secret: '',
					before: entry.kind === 'client secret' ? secrets.clientSecret : secrets.proxyPassword,
				});
			} catch (error) {
				// Not in both places: what was removed goes back, and the keychain stays the one that holds them.
				if (await this.#restore(removed)) {
					this.profiles.update(name, current => asStored(current, 'keychain', secrets));
					throw error;
				}
				throw new ConfigError(
					`Profile "${name}" now keeps its secrets in the profiles file, but ${describeEntry(entry.keychain, entry.account)} could not be removed.`,
					'Delete that entry with your keychain tool.',
				);
			}
		}
		return 'moved';
	}

	/** For `gqx profiles show`: whether the keychain still has a keychain-held secret (nothing to check for the file). */
	async check(profile: Profile): Promise<'present' | {problem: string}> {
		if (storeOf(profile) === 'file') return 'present';
		try {
			await this.read(profile);
			return 'present';
		} catch (error) {
			if (error instanceof ConfigError) return {problem: `${error.message} ${error.hint}`};
			throw error;
		}
	}
}
