// `npm run screenshots`: runs gqx --demo in tmux, captures the queue table and a drill-down as the
// terminal shows them, and writes them as SVG images to docs/ for the README.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {textWidth} from '../source/text/columns.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(root, 'dist/cli.js');
const width = 110;
const height = 30;

// A tmux server of its own, so a user's sessions are never touched.
const socket = `gqx-shots-${process.pid}`;

function tmux(...args: string[]): string {
	return execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
}

async function waitFor(session: string, text: string | RegExp): Promise<string> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const screen = tmux('capture-pane', '-p', '-t', session);
		if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
		if (Date.now() > deadline) throw new Error(`no ${String(text)} on screen:\n${screen}`);
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

function escape(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const segmenter = new Intl.Segmenter();

/**
 * A line as tspans placed by terminal column: runs of one-column characters as they are, each wide character (a queue
 * named in Japanese, an emoji) stretched over its two columns, so a font's own CJK widths never shift what follows.
 */
function placed(line: string, charWidth: number): string {
	const runs: Array<{column: number; text: string; wide: boolean}> = [];
	let column = 0;
	for (const {segment} of segmenter.segment(line)) {
		const cells = textWidth(segment);
		const last = runs.at(-1);
		if (cells === 1 && last && !last.wide) last.text += segment;
		else runs.push({column, text: segment, wide: cells !== 1});
		column += cells;
	}
	return runs
		.map(run => {
			const x = (12 + run.column * charWidth).toFixed(1);
			const stretch = run.wide
				? ` textLength="${(textWidth(run.text) * charWidth).toFixed(1)}" lengthAdjust="spacingAndGlyphs"`
				: '';
			return `<tspan x="${x}"${stretch}>${escape(run.text)}</tspan>`;
		})
		.join('');
}

/** The screen as an SVG: monospace text on a dark background, the selected row highlighted. */
function toSvg(screen: string, title: string): string {
	const lines = screen.replace(/\n+$/, '').split('\n');
	const charWidth = 8.4;
	const lineHeight = 17;
	const svgWidth = Math.ceil(width * charWidth + 24);
	const svgHeight = lines.length * lineHeight + 24;
	const body = lines
		.map((line, index) => {
			const y = 12 + (index + 1) * lineHeight - 4;
			const selected = line.startsWith('›');
			const bold = index === 0 || /^\s+(Queue|Media|Interval)\s/.test(line) || /^\s+Total/.test(line);
			const highlight = selected
				? `<rect x="10" y="${y - lineHeight + 5}" width="${svgWidth - 20}" height="${lineHeight}" fill="#d0d0d0"/>`
				: '';
			const color = selected ? '#111' : index === 0 ? '#5fd7ff' : '#e6e6e6';
			return `${highlight}<text x="12" y="${y}" fill="${color}"${bold ? ' font-weight="bold"' : ''} xml:space="preserve">${placed(line, charWidth)}</text>`;
		})
		.join('\n');
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${svgWidth}" height="${svgHeight}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">
<title>${escape(title)}</title>
<rect width="100%" height="100%" rx="6" fill="#1e1e1e"/>
${body}
</svg>
`;
}

async function main(): Promise<void> {
	const session = `gqx-shots-${process.pid}`;
	const config = fs.mkdtempSync(path.join(process.env['TMPDIR'] ?? '/tmp', 'gqx-shots-'));
	tmux(
		'new-session',
		'-d',
		'-s',
		session,
		'-x',
		String(width),
		'-y',
		String(height),
		`env NO_COLOR=1 GQX_CONFIG_DIR=${config} ${process.execPath} ${cli} --demo; sleep 5`,
	);
	try {
		await waitFor(session, 'Dates · days in');
		// Last week: a range without today, so the picture has no live columns that change from run to run.
		// One key at a time, each seen to move the cursor, so a slow frame never makes it skip past.
		const cursor = () =>
			tmux('capture-pane', '-p', '-t', session)
				.split('\n')
				.find(line => line.includes('❯'));
		for (let step = 0; step < 20 && !cursor()?.includes('❯ Last week'); step++) {
			const from = cursor();
			tmux('send-keys', '-t', session, 'Down');
			for (let wait = 0; wait < 40 && cursor() === from; wait++) await new Promise(resolve => setTimeout(resolve, 50));
		}
		await waitFor(session, '❯ Last week');
		tmux('send-keys', '-t', session, 'Enter');
		const table = await waitFor(session, /Total\s+[\d,]+/);
		tmux('send-keys', '-t', session, 'Down');
		await new Promise(resolve => setTimeout(resolve, 300));
		tmux('send-keys', '-t', session, 'Enter');
		await waitFor(session, /Media\s+Offered/);
		tmux('send-keys', '-t', session, 'Enter');
		const intervals = await waitFor(session, 'Offered   ');
		const docs = path.join(root, 'docs');
		fs.writeFileSync(path.join(docs, 'queue-table.svg'), toSvg(table, 'gqx --demo: all queues, last week'));
		fs.writeFileSync(path.join(docs, 'drill-down.svg'), toSvg(intervals, 'gqx --demo: one queue and media by day'));
		tmux('send-keys', '-t', session, 'q');
		console.log('Wrote docs/queue-table.svg and docs/drill-down.svg');
	} finally {
		try {
			tmux('kill-server');
		} catch {
			// Gone already.
		}
	}
}

await main();
