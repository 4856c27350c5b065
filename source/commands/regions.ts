// `gqx regions`: the region table, for choosing --region.
import {regions} from '../genesys/regions.js';
import type {Io} from './io.js';

export async function runRegions(_args: string[], io: Io): Promise<number> {
	const width = Math.max(...regions.map(region => region.id.length));
	const lines = regions.map(region => `${region.id.padEnd(width)}  ${region.domain.padEnd(24)}  ${region.location}`);
	io.stdout.write(`${'region'.padEnd(width)}  ${'domain'.padEnd(24)}  location\n${lines.join('\n')}\n`);
	return 0;
}
