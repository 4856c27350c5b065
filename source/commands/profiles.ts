// `gqx profiles list|show|delete`: saved profiles for scripts. The secret is never printed.
import {UsageError} from '../genesys/errors.js';
import {type Profile, ProfileStore} from '../profiles/store.js';
import {reportFailure} from './errors.js';
import type {Io} from './export.js';

function describe(profile: Profile): string {
	const choice = profile.dateChoice
		? 'preset' in profile.dateChoice
			? profile.dateChoice.preset
			: `${profile.dateChoice.from} to ${profile.dateChoice.to}`
		: '(none yet)';
	return [
		`name:          ${profile.name}`,
		`region:        ${profile.region}`,
		`client id:     ${profile.clientId}`,
		`client secret: (saved, not shown)`,
		`proxy:         ${profile.proxy ? `${profile.proxy}${profile.proxyPassword ? ' (password saved, not shown)' : ''}` : '(none: the environment)'}`,
		`CA file:       ${profile.caFile ?? '(none)'}`,
		`time zone:     ${profile.timeZone ?? '(system)'}`,
		`last dates:    ${choice}`,
		`last used:     ${profile.lastUsedAt ?? 'never'}`,
	].join('\n');
}

export async function runProfiles(args: string[], io: Io): Promise<number> {
	try {
		const [action = 'list', name, ...extra] = args;
		if (extra.length > 0)
			throw new UsageError(
				`Too many arguments for gqx profiles ${action}.`,
				'Usage: gqx profiles list|show NAME|delete NAME',
			);
		const store = new ProfileStore({cwd: io.env['GQX_CONFIG_DIR'] || undefined});
		for (const notice of store.notices)
			io.stderr.write(
				`gqx: the profiles file could not be read (${notice.reason}); it was moved to ${notice.movedTo}.\n`,
			);
		switch (action) {
			case 'list': {
				const profiles = store.list();
				if (profiles.length === 0) io.stdout.write('No saved profiles. Run gqx to set one up.\n');
				for (const profile of profiles)
					io.stdout.write(
						`${profile.name}\t${profile.region}\t${profile.clientId}\t${profile.lastUsedAt ?? 'never used'}\n`,
					);
				return 0;
			}
			case 'show':
				if (!name) throw new UsageError('Which profile?', 'Usage: gqx profiles show NAME');
				io.stdout.write(`${describe(store.require(name))}\n`);
				return 0;
			case 'delete':
				if (!name) throw new UsageError('Which profile?', 'Usage: gqx profiles delete NAME');
				store.require(name);
				store.delete(name);
				io.stdout.write(`Deleted profile ${name}.\n`);
				return 0;
			case 'path':
				io.stdout.write(`${store.path}\n`);
				return 0;
			default:
				throw new UsageError(
					`Unknown action "${action}" for gqx profiles.`,
					'Usage: gqx profiles list|show NAME|delete NAME|path',
				);
		}
	} catch (error) {
		return reportFailure(error, io.stderr);
	}
}
