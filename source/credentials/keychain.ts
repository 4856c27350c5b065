// The system keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux) through
// @napi-rs/keyring, loaded on first use so that starts which never need it (--version, export, the demo) skip it.
import {ConfigError} from '../errors.js';

/** A profile's client secret is one keychain entry: this service, and the profile name as the account. */
export const keychainService = 'gqx';

/**
 * A profile's proxy password, when it has one, is a second entry: this service, the profile name as the
 * account. A service of its own, so that no profile name (whatever it contains) can collide with another's.
 */
export const proxyKeychainService = 'gqx-proxy';

export type Keychain = {
	/** The keychain's name for messages ("macOS Keychain", "Secret Service keyring"). */
	readonly name: string;
	/** The service of every entry this handle reads and writes. */
	readonly service: string;
	/** The secret saved for the account, or undefined when there is none. Throws KeychainUnavailableError. */
	get(account: string): Promise<string | undefined>;
	set(account: string, secret: string): Promise<void>;
	/** True when an entry was removed, false when there was none. */
	delete(account: string): Promise<boolean>;
};

/** The keychain is not there, or refused (locked, no D-Bus session, no binding for this platform). */
export class KeychainUnavailableError extends ConfigError {
	/** Why, in a few words, for "the keychain could not be used (...)". */
	readonly reason: string;

	constructor(message: string, hint: string, reason: string) {
		super(message, hint);
		this.reason = reason;
	}
}

export function keychainName(platform: NodeJS.Platform = process.platform): string {
	if (platform === 'darwin') return 'macOS Keychain';
	if (platform === 'win32') return 'Windows Credential Manager';
	return 'Secret Service keyring';
}

/** Where one entry is, in words a user can look up in their keychain tool. */
export function describeEntry(keychain: Pick<Keychain, 'name' | 'service'>, account: string): string {
	return `the system keychain (${keychain.name}, service "${keychain.service}", account "${account}")`;
}

/** The binding's message in the words a user can act on. */
function reasonOf(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	if (/DBUS_SESSION_BUS_ADDRESS|autolaunch|D-?Bus error/i.test(message)) return 'no D-Bus session to reach it';
	if (/prompt was dismissed|locked/i.test(message)) return 'it is locked';
	if (/no result found|ServiceUnknown|org\.freedesktop\.secrets/i.test(message))
		return 'no Secret Service answers (no keyring daemon, or no default keyring)';
	return message.replace(/\s+/g, ' ').trim();
}

type Binding = typeof import('@napi-rs/keyring');
let binding: Promise<Binding> | undefined;

/** The platform's keychain, for entries of one service. Nothing is loaded until the first call. */
export function systemKeychain(service: string = keychainService): Keychain {
	const name = keychainName();
	const unavailable = (error: unknown, doing: string): KeychainUnavailableError => {
		const reason = reasonOf(error);
		return new KeychainUnavailableError(
			`The system keychain (${name}) could not ${doing}: ${reason}.`,
			'Unlock it (log in to your desktop session) and try again, or keep the secret in the profiles file: GQX_SECRET_STORE=file.',
			reason,
		);
	};
	const entry = async (account: string, doing: string) => {
		try {
			const {AsyncEntry} = await (binding ??= import('@napi-rs/keyring'));
			// On Linux only the Secret Service persists: the kernel keyring the binding would fall back to
			// forgets everything at reboot, so an unreachable Secret Service means "no keychain".
			return new AsyncEntry(service, account, {linux: {store: 'secret-service'}});
		} catch (error) {
			throw unavailable(error, doing);
		}
	};
	const call = async <T>(
		account: string,
		doing: string,
		action: (entry: Binding['AsyncEntry']['prototype']) => Promise<T>,
	) => {
		const opened = await entry(account, doing);
		try {
			return await action(opened);
		} catch (error) {
			throw unavailable(error, doing);
		}
	};
	return {
		name,
		service,
		get: account => call(account, 'be read', async entry => (await entry.getPassword()) ?? undefined),
		set: (account, secret) => call(account, 'save the secret', entry => entry.setPassword(secret)),
		delete: account => call(account, 'remove the secret', entry => entry.deleteCredential()),
	};
}
