// Where credentials come from: flags, a saved profile, the environment, or (as a whole set) a .env file.
import fs from 'node:fs';
import path from 'node:path';
import {parseEnv} from 'node:util';
import {UsageError} from '../errors.js';
import {type ResolvedRegion, resolveRegion} from '../genesys/regions.js';
import type {ProfileWithSecret} from '../credentials/secret-store.js';

export type Credentials = {
	region: ResolvedRegion;
	regionInput: string;
	clientId: string;
	clientSecret: string;
	/** Where they came from, for messages ("profile acme", "environment", ".env"). */
	source: string;
	warnings: string[];
};

const regionVariables = ['GENESYS_CLOUD_REGION', 'GENESYSCLOUD_REGION'];
const idVariables = ['GENESYS_CLOUD_CLIENT_ID', 'GENESYSCLOUD_OAUTHCLIENT_ID'];
const secretVariables = ['GENESYS_CLOUD_CLIENT_SECRET', 'GENESYSCLOUD_OAUTHCLIENT_SECRET'];

function first(source: Record<string, string | undefined>, names: string[]): string | undefined {
	for (const name of names) {
		const value = source[name];
		if (value !== undefined && value.trim() !== '') return value;
	}
	return undefined;
}

/**
 * The variables of an env file: `.env` in `cwd`, or the file `--env-file` names (which must exist). An implicit
 * `.env` that is not there is no variables.
 */
export function readDotEnv(cwd: string, file?: string): Record<string, string> {
	const where = path.resolve(cwd, file ?? '.env');
	let text: string;
	try {
		text = fs.readFileSync(where, 'utf8');
	} catch (error) {
		if (file === undefined) return {};
		throw new UsageError(
			`Cannot read the env file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`,
			'Give the path of a readable file of NAME=value lines, or drop --env-file.',
		);
	}
	return parseEnv(text) as Record<string, string>;
}

export type CredentialInput = {
	region?: string;
	clientId?: string;
	clientSecret?: string;
	/** A saved profile with its secret already read from its store (see SecretStore.withSecret). */
	profile?: Pick<ProfileWithSecret, 'name' | 'region' | 'clientId' | 'clientSecret'>;
	env: NodeJS.ProcessEnv;
	cwd: string;
	/** --env-file: read this file instead of `.env` in `cwd`. */
	envFile?: string;
};

function required(value: string | undefined, what: string, flag: string, variable: string, fileName: string): string {
	if (value === undefined)
		throw new UsageError(
			`No ${what} given.`,
			`Pass ${flag}, set ${variable} (or put the region, client id and secret together in ${fileName}), or use --profile NAME.`,
		);
	if (value.trim() === '')
		throw new UsageError(`The ${what} is empty.`, `Give a non-empty ${what} with ${flag} or ${variable}.`);
	return value.trim();
}

/**
 * The region, client id and secret. Flags, the profile and the environment are the user's own and combine as
 * before (flags first). An env file is a set: it is used only when none of those gives a secret, and then its
 * region, id and secret go together (a flag may still name the region or id); a region from the file never
 * meets a secret from anywhere else, so a `.env` planted in a folder cannot send the user's secret to its host.
 */
export function resolveCredentials(input: CredentialInput): Credentials {
	const warnings: string[] = [];
	const fileName = input.envFile ?? '.env';
	const dotEnv = readDotEnv(input.cwd, input.envFile);
	const env = input.env as Record<string, string | undefined>;
	if (input.clientSecret !== undefined)
		warnings.push(
			'A secret given as --client-secret can be seen in the process list and shell history; prefer GENESYS_CLOUD_CLIENT_SECRET or a saved profile.',
		);
	const ownSecret = input.clientSecret ?? input.profile?.clientSecret ?? first(env, secretVariables);
	const fromFile = ownSecret === undefined && first(dotEnv, secretVariables) !== undefined;
	const pick = (flag: string | undefined, fromProfile: string | undefined, names: string[]) =>
		fromFile ? (flag ?? first(dotEnv, names)) : (flag ?? fromProfile ?? first(env, names));
	const fileRegion = first(dotEnv, regionVariables);
	const secretFrom =
		input.clientSecret !== undefined
			? '--client-secret'
			: input.profile
				? `profile ${input.profile.name}`
				: 'the environment';
	if (
		ownSecret !== undefined &&
		fileRegion !== undefined &&
		pick(input.region, input.profile?.region, regionVariables) === undefined
	)
		throw new UsageError(
			`No region given: the one in ${fileName} is not used, as the client secret comes from ${secretFrom}.`,
			`Set GENESYS_CLOUD_REGION (or pass --region) beside the secret, or put the client id and secret in ${fileName} with its region.`,
		);
	const regionInput = required(
		pick(input.region, input.profile?.region, regionVariables),
		fromFile ? `region in ${fileName} (its secret is used only with its own region)` : 'region',
		'--region',
		'GENESYS_CLOUD_REGION',
		fileName,
	);
	const clientId = required(
		pick(input.clientId, input.profile?.clientId, idVariables),
		fromFile ? `client id in ${fileName}` : 'client id',
		'--client-id',
		'GENESYS_CLOUD_CLIENT_ID',
		fileName,
	);
	const clientSecret = required(
		fromFile ? first(dotEnv, secretVariables) : ownSecret,
		'client secret',
		'--client-secret',
		'GENESYS_CLOUD_CLIENT_SECRET',
		fileName,
	);
	// Said when it matters: the file names another host than the one the secret goes to.
	if (!fromFile && fileRegion !== undefined && fileRegion.trim() !== regionInput)
		warnings.push(
			`The region in ${fileName} is ignored: the client secret comes from ${secretFrom}, and ${fileName} is only read whole (region, client id and secret together).`,
		);
	let source = 'flags';
	if (fromFile) source = fileName;
	else if (input.profile) source = `profile ${input.profile.name}`;
	else if (first(env, idVariables) && input.clientId === undefined) source = 'environment';
	return {region: resolveRegion(regionInput), regionInput, clientId, clientSecret, source, warnings};
}
