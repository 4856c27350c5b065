// Where each profile's client secret lives, the system keychain or the 0600 profiles file, and moving it
// between them: write the new place, read it back, then remove the old, so it ends in one place, never two or none.
import {ConfigError, UsageError} from '../errors.js';
import {type Profile, type ProfileStore, type SecretStoreKind, storeOf} from '../profiles/store.js';
import {describeEntry, type Keychain, KeychainUnavailableError, systemKeychain} from './keychain.js';

/** A profile with its secret in hand, whichever store holds it. */
export type ProfileWithSecret = Omit<Profile, 'clientSecret' | 'secretStore'> & {clientSecret: string};

export type SavedSecret = {
	store: SecretStoreKind;
	/** One sentence for the user: where the secret went, and why when it is not the keychain. */
	where: string;
	/** Things left behind that the user may want to clean up (a keychain entry that could not be removed). */
	warnings: string[];
};

/** A keychain-held secret that is no longer there (removed by hand, another machine's profiles file). */
export class MissingSecretError extends ConfigError {
	readonly profileName: string;

	constructor(profileName: string, keychain: Pick<Keychain, 'name'>) {
		super(
			`The client secret of profile "${profileName}" is missing from ${describeEntry(keychain, profileName)}.`,
			`Enter it again: run gqx, highlight ${profileName} and press e; or from a script, pipe it to gqx profiles add ${profileName} --region R --client-id ID --force.`,
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

function withoutSecret(profile: ProfileWithSecret | Profile): Omit<Profile, 'clientSecret' | 'secretStore'> {
	const {clientSecret: _secret, secretStore: _store, ...rest} = profile as Profile;
	return rest;
}

export class SecretStore {
	readonly profiles: ProfileStore;
	readonly keychain: Keychain;
	readonly #env: NodeJS.ProcessEnv;

	constructor(profiles: ProfileStore, options: {env: NodeJS.ProcessEnv; keychain?: Keychain}) {
		this.profiles = profiles;
		this.#env = options.env;
		this.keychain = options.keychain ?? systemKeychain();
	}

	/** Where the profile's secret is, in words: "the system keychain (...)" or "the profiles file". */
	describe(profile: Profile): string {
		return storeOf(profile) === 'keychain' ? describeEntry(this.keychain, profile.name) : 'the profiles file';
	}

	/** The profile's secret, from wherever it is. Throws MissingSecretError or KeychainUnavailableError. */
	async read(profile: Profile): Promise<string> {
		if (storeOf(profile) === 'file' && profile.clientSecret !== undefined) return profile.clientSecret;
		let secret: string | undefined;
		try {
			secret = await this.keychain.get(profile.name);
		} catch (error) {
			if (!(error instanceof KeychainUnavailableError)) throw error;
			throw new KeychainUnavailableError(
				`Cannot read the client secret of profile "${profile.name}" from the system keychain (${this.keychain.name}): ${error.reason}.`,
				`Unlock the keychain (log in to your desktop session) and try again; or enter the secret again with e on ${profile.name} in gqx (where no keychain can be used it goes to the profiles file).`,
				error.reason,
			);
		}
		if (secret === undefined) throw new MissingSecretError(profile.name, this.keychain);
		return secret;
	}

	async withSecret(profile: Profile): Promise<ProfileWithSecret> {
		return {...withoutSecret(profile), clientSecret: await this.read(profile)};
	}

	/** Writes the secret to the keychain and reads it back, so a store that drops it is found out before we rely on it. */
	async #writeKeychain(account: string, secret: string): Promise<void> {
		await this.keychain.set(account, secret);
		if ((await this.keychain.get(account)) !== secret)
			throw new KeychainUnavailableError(
				`The system keychain (${this.keychain.name}) gave back something else than the secret just saved.`,
				'Try again; if it persists, keep the secret in the profiles file: GQX_SECRET_STORE=file.',
				'it gave back something else than was saved',
			);
	}

	/** Removes entries that no longer hold a profile's secret; what could not be removed becomes a warning. */
	async #removeStale(accounts: Iterable<string>, warnings: string[]): Promise<void> {
		for (const account of accounts) {
			try {
				await this.keychain.delete(account);
			} catch (error) {
				const reason = error instanceof KeychainUnavailableError ? error.reason : String(error);
				warnings.push(
					`An old keychain entry could not be removed (${reason}): delete ${describeEntry(this.keychain, account)} with your keychain tool.`,
				);
			}
		}
	}

	/**
	 * Saves a profile and its secret: in the keychain where there is one (or GQX_SECRET_STORE says so),
	 * otherwise inline in the 0600 profiles file. `replacing` names the profile this one replaces (an edit or rename).
	 */
	async save(profile: ProfileWithSecret, options: {replacing?: string} = {}): Promise<SavedSecret> {
		const forced = forcedStore(this.#env);
		// Keychain entries of the profiles this save replaces: after it, only the one in use may remain.
		const replaced = [...new Set([options.replacing, profile.name])].flatMap(name => {
			const existing = name === undefined ? undefined : this.profiles.get(name);
			return existing && storeOf(existing) === 'keychain' ? [existing.name] : [];
		});
		// To put back if the profiles file cannot be written after the keychain was.
		let before: string | undefined;
		let store: SecretStoreKind = 'file';
		let why = 'as GQX_SECRET_STORE=file asks';
		if (forced !== 'file') {
			try {
				if (replaced.includes(profile.name)) before = await this.keychain.get(profile.name);
				await this.#writeKeychain(profile.name, profile.clientSecret);
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
		const saved: Profile =
			store === 'keychain'
				? {...withoutSecret(profile), secretStore: 'keychain'}
				: {...withoutSecret(profile), secretStore: 'file', clientSecret: profile.clientSecret};
		try {
			this.profiles.save(saved, options);
		} catch (error) {
			if (store === 'keychain') {
				if (before === undefined) await this.keychain.delete(profile.name).catch(() => false);
				else await this.keychain.set(profile.name, before).catch(() => undefined);
			}
			throw error;
		}
		const warnings: string[] = [];
		await this.#removeStale(
			replaced.filter(account => store === 'file' || account !== profile.name),
			warnings,
		);
		const where =
			store === 'keychain'
				? `its client secret is in ${describeEntry(this.keychain, profile.name)}`
				: `its client secret is in the profiles file ${this.profiles.path} (readable only by you), ${why}`;
		return {store, where: `Saved profile ${profile.name}: ${where}.`, warnings};
	}

	/** Deletes a profile and its keychain entry; a warning when the entry could not be removed. */
	async delete(name: string): Promise<{warnings: string[]}> {
		const profile = this.profiles.require(name);
		this.profiles.delete(name);
		const warnings: string[] = [];
		if (storeOf(profile) === 'keychain') await this.#removeStale([name], warnings);
		return {warnings};
	}

	/** Renames a profile; a keychain-held secret moves to the new account (written and read back first). */
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
		const secret = await this.read(profile);
		await this.#writeKeychain(newName, secret);
		try {
			this.profiles.update(oldName, current => ({...current, name: newName}));
		} catch (error) {
			await this.keychain.delete(newName).catch(() => false);
			throw error;
		}
		await this.#removeStale([oldName], warnings);
		return {warnings};
	}

	/** Moves one profile's secret to the other store. 'already' when it is there. */
	async migrate(name: string, to: SecretStoreKind): Promise<'moved' | 'already'> {
		const profile = this.profiles.require(name);
		if (storeOf(profile) === to) return 'already';
		const secret = await this.read(profile);
		if (to === 'keychain') {
			await this.#writeKeychain(name, secret);
			try {
				this.profiles.update(name, current => ({...withoutSecret(current), secretStore: 'keychain'}));
			} catch (error) {
				await this.keychain.delete(name).catch(() => false);
				throw error;
			}
			return 'moved';
		}
		this.profiles.update(name, current => ({...withoutSecret(current), secretStore: 'file', clientSecret: secret}));
		if (this.profiles.get(name)?.clientSecret !== secret)
			throw new ConfigError(
				`The profiles file did not keep the secret of profile "${name}"; its keychain entry was left as it is.`,
				'Check that the profiles file is writable (gqx profiles path) and try again.',
			);
		try {
			await this.keychain.delete(name);
		} catch (error) {
			// Not in both places: the keychain stays the one that holds it.
			this.profiles.update(name, current => ({...withoutSecret(current), secretStore: 'keychain'}));
			throw error;
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
