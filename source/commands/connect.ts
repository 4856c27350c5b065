// The client of a command that reads Genesys Cloud (export, check): credentials, the demo's emulator, the network.
import {describeRetry, GenesysClient} from '../genesys/client.js';
import {type ProfileWithSecret, SecretStore} from '../credentials/secret-store.js';
import {type Credentials, resolveCredentials} from '../credentials/resolve.js';
import {type NetworkSettings, resolveNetwork} from '../net/settings.js';
import {openProfileStore} from '../profiles/store.js';
import {UsageError} from '../errors.js';
import {terminalText} from '../text/sanitize.js';
import type {Io} from './io.js';

/** GQX_MAX_ANSWER_MB: the largest API answer read, for a trusted gateway that sends more than the default. */
function maxAnswerBytes(env: NodeJS.ProcessEnv): number | undefined {
	const text = env['GQX_MAX_ANSWER_MB'];
	if (text === undefined || text.trim() === '') return undefined;
	const megabytes = Number(text);
	if (!Number.isFinite(megabytes) || megabytes <= 0)
		throw new UsageError(
			`GQX_MAX_ANSWER_MB must be a positive number of megabytes, not "${text}".`,
			'Unset it for the default (256), or give a number such as 512.',
		);
	return Math.round(megabytes * 1024 * 1024);
}

/** The flags every command that reads Genesys Cloud takes: credentials, demo, network. */
export type ConnectFlags = {
	profile?: string;
	region?: string;
	'client-id'?: string;
	'client-secret'?: string;
	'env-file'?: string;
	proxy?: string;
	'no-proxy'?: boolean;
	'ca-file'?: string;
	demo?: boolean;
	'demo-queues'?: string;
};

/**
 * A client from the credential, demo and network flags (flags, then --profile, then the environment), warnings
 * on stderr; `stop` ends the embedded emulator of --demo. Shared by export and check.
 */
export async function connect(
	values: ConnectFlags,
	io: Io,
	timeoutMs: number,
	/** What --demo's emulator adds (gqx watch: a scripted queue). */
	demoOptions: {
		scenarios?: Array<{queue: string; fromMs: number; toMs: number; waiting?: number; longestWaitSeconds?: number}>;
	} = {},
): Promise<{client: GenesysClient; stop?: () => Promise<void>; profile?: ProfileWithSecret; network: NetworkSettings}> {
	let stop: (() => Promise<void>) | undefined;
	let credentials: Credentials;
	let profile: ProfileWithSecret | undefined;
	if (values.demo) {
		const {startDemo} = await import('./demo.js');
		const demo = await startDemo({
			queues: values['demo-queues'] === undefined ? undefined : Number(values['demo-queues']),
			...demoOptions,
		});
		stop = demo.stop;
		credentials = demo.credentials;
	} else {
		if (values.profile !== undefined) {
			const store = openProfileStore(io.env);
			for (const warning of store.warnings) io.stderr.write(`gqx: warning: ${warning}\n`);
			// The keychain binding loads only for a profile whose secret is there.
			profile = await new SecretStore(store, {env: io.env}).withSecret(store.require(values.profile));
		}
		credentials = resolveCredentials({
			region: values.region,
			clientId: values['client-id'],
			clientSecret: values['client-secret'],
			profile,
			env: io.env,
			cwd: io.cwd,
			envFile: values['env-file'],
		});
	}
	for (const warning of credentials.warnings) io.stderr.write(`gqx: warning: ${terminalText(warning)}\n`);
	const network = resolveNetwork({
		proxy: values.proxy,
		noProxy: values['no-proxy'],
		caFile: values['ca-file'],
		profile,
		env: io.env,
		demo: values.demo,
	});
	if (network.proxy?.kind === 'url' && network.proxy.source === '--proxy' && network.proxy.url.password)
		io.stderr.write(
			'gqx: warning: A proxy password given in --proxy can be seen in the process list and shell history; prefer HTTPS_PROXY or a saved profile.\n',
		);
	const client = new GenesysClient({
		network,
		region: credentials.region,
		clientId: credentials.clientId,
		clientSecret: credentials.clientSecret,
		onRetry: notice => io.stderr.write(`gqx: ${describeRetry(notice)}\n`),
		timeoutMs,
		maxAnswerBytes: maxAnswerBytes(io.env),
	});
	return {client, stop, profile, network};
}
