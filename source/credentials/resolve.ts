// Where credentials come from: flags, a saved profile, the environment, then a .env file.
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

/** The variables of `.env` in `cwd`, or none. The environment itself always wins over them. */
export function readDotEnv(cwd: string): Record<string, string> {
	let text: string;
	try {
		text = fs.readFileSync(path.join(cwd, '.env'), 'utf8');
	} catch {
		return {};
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
};

function required(value: string | undefined, what: string, flag: string, variable: string): string {
	if (value === undefined)
		throw new UsageError(
			`No ${what} given.`,
			`Pass ${flag}, set ${variable} (or put it in .env), or use --profile NAME.`,
		);
	if (value.trim() === '')
		throw new UsageError(`The ${what} is empty.`, `Give a non-empty ${what} with ${flag} or ${variable}.`);
	return value.trim();
}

export function resolveCredentials(input: CredentialInput): Credentials {
	const warnings: string[] = [];
	const dotEnv = readDotEnv(input.cwd);
	const env = input.env as Record<string, string | undefined>;
	const pickFrom = (flag: string | undefined, fromProfile: string | undefined, names: string[]) =>
		flag ?? fromProfile ?? first(env, names) ?? first(dotEnv, names);
	if (input.clientSecret !== undefined)
		warnings.push(
			'A secret given as --client-secret can be seen in the process list and shell history; prefer GENESYS_CLOUD_CLIENT_SECRET or a saved profile.',
		);
	const regionInput = required(
		pickFrom(input.region, input.profile?.region, regionVariables),
		'region',
		'--region',
		'GENESYS_CLOUD_REGION',
	);
	const clientId = required(
		pickFrom(input.clientId, input.profile?.clientId, idVariables),
		'client id',
		'--client-id',
		'GENESYS_CLOUD_CLIENT_ID',
	);
	const clientSecret = required(
		pickFrom(input.clientSecret, input.profile?.clientSecret, secretVariables),
		'client secret',
		'--client-secret',
		'GENESYS_CLOUD_CLIENT_SECRET',
	);
	let source = 'flags';
	if (input.profile) source = `profile ${input.profile.name}`;
	else if (first(env, idVariables) && input.clientId === undefined) source = 'environment';
	else if (first(dotEnv, idVariables) && input.clientId === undefined) source = '.env';
	return {region: resolveRegion(regionInput), regionInput, clientId, clientSecret, source, warnings};
}
