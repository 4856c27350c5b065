// `gqx` with no command: the interactive TUI. Until it exists, --demo prints the demo data as a table.
import {runExport, type Io} from './export.js';

export async function runInteractive(argv: string[], io: Io): Promise<number> {
	if (argv.includes('--demo')) return runExport(['--demo', '--preset', 'last-7-days', '--level', 'queues', '--format', 'table'], io);
	io.stderr.write('gqx: the interactive mode is not built yet; use gqx export (gqx export --help).\n');
	return 2;
}
