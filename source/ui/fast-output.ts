// A faster frame compositor for Ink 6. Ink builds every frame as a grid of one object per cell
// (width x height of them), tokenizes every written line grapheme by grapheme and turns the grid
// back into a string: at 160x48 that is about 11 ms and much garbage per frame, whatever changed.
// Most frames are simpler than that: on each row the written pieces do not overlap and use only plain
// SGR styles that they close again. Such a row is the pieces joined with spaces between them, which
// is what this does; a piece with wide or combining characters (a queue named in Japanese, an emoji)
// is measured cell by cell as Ink measures it. Any frame with something else (an overlap, a control
// character, a link, an unclosed style) is left to Ink's own code.
// Installed by the app at start; tests run every frame through both and compare the screens.

type Transformer = (line: string, index: number) => string;
type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};
type OutputInstance = {
	width: number;
	height: number;
	operations: Operation[];
	caches: {getWidestLine(text: string): number; getStringWidth(text: string): number};
};
type Result = {output: string; height: number};
type OutputClass = {prototype: {get(this: OutputInstance): Result}};

type SliceAnsi = (text: string, from: number, to?: number) => string;
type Piece = {x: number; text: string; width: number};
type Measure = (text: string) => number;

/** Ink's own string-width and tokenizer, set at install (tests set them too). */
let stringWidth: Measure | undefined;
let inkTokenizer: Tokenizer | undefined;

const ESC = 0x1b;

/** Characters this compositor knows to be one column and one grapheme on their own, by code point. */
const simple = new Map<number, boolean>();

function isSimpleCodePoint(code: number): boolean {
	let known = simple.get(code);
	if (known === undefined) {
		if (stringWidth === undefined) return false;
		// Latin, Greek, Cyrillic and the symbol blocks (punctuation, arrows, box drawing, blocks,
		// shapes, braille); other scripts may join characters into one grapheme: Ink's code handles them.
		const inRange = (code >= 0xa0 && code < 0x0590) || (code >= 0x2010 && code < 0x2c00);
		known = inRange && stringWidth(String.fromCharCode(code)) === 1;
		simple.set(code, known);
	}
	return known;
}

/** Style attributes that an SGR parameter opens (bit) or closes (mask); 0 resets everything. */
const opens = new Map<number, number>([
	[1, 1],
	[2, 2],
	[3, 4],
	[4, 8],
	[5, 16],
	[7, 32],
	[8, 64],
	[9, 128],
	[53, 256],
]);
const closes = new Map<number, number>([
	[22, 1 | 2],
	[23, 4],
	[24, 8],
	[25, 16],
	[27, 32],
	[28, 64],
	[29, 128],
	[55, 256],
	[39, 512],
	[49, 1024],
	[59, 2048],
]);
const FG = 512;
const BG = 1024;
const UNDERLINE_COLOR = 2048;

/**
 * Applies the parameters of one SGR sequence to the open-style bits; undefined for a parameter
 * this compositor does not model (then Ink's own code draws the frame).
 */
function applySgr(state: number, parameters: string): number | undefined {
	if (parameters === '') return 0;
	const parts = parameters.split(';');
	for (let index = 0; index < parts.length; index++) {
		const part = parts[index]!;
		if (part === '') return undefined;
		const code = Number(part);
		if (code === 0) state = 0;
		else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) state |= FG;
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) state |= BG;
		else if (code === 38 || code === 48 || code === 58) {
			// 256-colour (5;n) and true-colour (2;r;g;b) forms; anything else is unknown.
			const mode = parts[index + 1];
			const extra = mode === '5' ? 2 : mode === '2' ? 4 : -1;
			if (extra < 0 || index + extra >= parts.length) return undefined;
			index += extra;
			state |= code === 38 ? FG : code === 48 ? BG : UNDERLINE_COLOR;
		} else if (opens.has(code)) state |= opens.get(code)!;
		else if (closes.has(code)) state &= ~closes.get(code)!;
		else return undefined;
	}
	return state;
}

const plainAscii = /^[\u0020-\u007E]*$/;

/**
 * The cells Ink 6.8 gives a line with wide or combining characters: its graphemes as its tokenizer
 * splits them, each as wide as string-width says but never less than one cell.
 */
function inkCells(line: string): number | undefined {
	if (inkTokenizer === undefined || stringWidth === undefined) return undefined;
	let cells = cellsOfLine.get(line);
	if (cells === undefined) {
		cells = 0;
		for (const character of inkTokenizer.styledCharsFromTokens(inkTokenizer.tokenize(line)))
			cells += Math.max(1, stringWidth(character.value));
		// Rows come back frame after frame (moving the selection redraws the same names): measured once.
		if (cellsOfLine.size >= 2000) cellsOfLine.clear();
		cellsOfLine.set(line, cells);
	}
	return cells;
}

const cellsOfLine = new Map<string, number>();

/** Cells of a line as Ink fills them, or undefined for a line this compositor leaves to Ink (see above). */
export function simpleWidth(line: string): number | undefined {
	if (plainAscii.test(line)) return line.length;
	let width = 0;
	let state = 0;
	let wide = false;
	for (let index = 0; index < line.length; index++) {
		const code = line.charCodeAt(index);
		if (code === ESC) {
			if (line.charCodeAt(index + 1) !== 0x5b) return undefined;
			const end = line.indexOf('m', index + 2);
			if (end < 0) return undefined;
			const parameters = line.slice(index + 2, end);
			if (!/^[\d;]*$/.test(parameters)) return undefined;
			const next = applySgr(state, parameters);
			if (next === undefined) return undefined;
			state = next;
			index = end;
		} else if (code >= 0x20 && code <= 0x7e) width++;
		else if (isSimpleCodePoint(code)) width++;
		// Control characters move a terminal's cursor in ways no cell count says: Ink's code draws those.
		else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return undefined;
		else wide = true;
	}
	if (state !== 0) return undefined;
	return wide ? inkCells(line) : width;
}

/**
 * The frame as Ink 6.8's Output.get would draw it (the same clipping and transformer calls), or
 * undefined where a row is not simple: the caller then uses Ink's own code.
 */
export function composeFrame(self: OutputInstance, sliceAnsi: SliceAnsi): Result | undefined {
	if (!self.caches || !Array.isArray(self.operations)) return undefined;
	const rows: Piece[][] = Array.from({length: self.height}, () => []);
	const clips: Clip[] = [];
	for (const operation of self.operations) {
		if (operation.type === 'clip') clips.push(operation.clip);
		if (operation.type === 'unclip') clips.pop();
		if (operation.type !== 'write') continue;
		const {text, transformers} = operation;
		let {x, y} = operation;
		let lines = text.split('\n');
		const clip = clips.at(-1);
		if (clip) {
			const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
			const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
			if (clipHorizontally) {
				const width = self.caches.getWidestLine(text);
				if (x + width < clip.x1! || x > clip.x2!) continue;
			}
			if (clipVertically) {
				if (y + lines.length < clip.y1! || y > clip.y2!) continue;
			}
			if (clipHorizontally) {
				lines = lines.map(line => {
					const from = x < clip.x1! ? clip.x1! - x : 0;
					const width = self.caches.getStringWidth(line);
					const to = x + width > clip.x2! ? clip.x2! - x : width;
					return sliceAnsi(line, from, to);
				});
				if (x < clip.x1!) x = clip.x1!;
			}
			if (clipVertically) {
				const from = y < clip.y1! ? clip.y1! - y : 0;
				const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
				lines = lines.slice(from, to);
				if (y < clip.y1!) y = clip.y1!;
			}
		}
		// Past the right edge Ink's grid has holes that shift text left: leave that to Ink.
		if (x > self.width) return undefined;
		let offsetY = 0;
		for (const [index, written] of lines.entries()) {
			// As in Ink: a row outside the frame is skipped and, like there, so is every row after it.
			const row = rows[y + offsetY];
			if (!row) continue;
			let line = written;
			for (const transformer of transformers) line = transformer(line, index);
			const width = simpleWidth(line);
			if (width === undefined) return undefined;
			if (width > 0) row.push({x, text: line, width});
			offsetY++;
		}
	}
	const out: string[] = [];
	for (const pieces of rows) {
		if (pieces.length > 1) pieces.sort((a, b) => a.x - b.x);
		let line = '';
		let column = 0;
		for (const piece of pieces) {
			if (piece.x < column) return undefined;
			if (piece.x > column) line += ' '.repeat(piece.x - column);
			line += piece.text;
			column = piece.x + piece.width;
		}
		out.push(line.trimEnd());
	}
	return {output: out.join('\n'), height: rows.length};
}

export type FastOutputStats = {fast: number; fallback: number; mismatches: number};

const stats: FastOutputStats = {fast: 0, fallback: 0, mismatches: 0};
let installed = false;
/** With verification on, every how many frames are drawn both ways (long fuzz runs check a sample). */
let checkEvery = 1;
let frameCount = 0;

export function checkFramesEvery(frames: number): void {
	checkEvery = Math.max(1, Math.floor(frames));
}
/** Ink's own Output.get, kept before it is replaced. */
let inkGet: ((this: OutputInstance) => Result) | undefined;

export function fastOutputStats(): FastOutputStats {
	return {...stats};
}

type Tokenizer = {
	tokenize(text: string): unknown[];
	styledCharsFromTokens(tokens: unknown[]): Array<{value: string; styles: Array<{code: string}>}>;
};

/**
 * Whether two frames look the same in a terminal: per row, the same characters with the same
 * styles, where unstyled spaces at the end of a row are nothing (Ink trims them too). Read with
 * the tokenizer Ink itself uses.
 */
export function sameScreen(tokenizer: Tokenizer, a: string, b: string): boolean {
	const cells = (frame: string) =>
		frame.split('\n').map(row => {
			const list = tokenizer.styledCharsFromTokens(tokenizer.tokenize(row)).map(
				cell =>
					`${cell.value}\u0000${cell.styles
						.map(style => style.code)
						.sort()
						.join('')}`,
			);
			while (list.length > 0 && list.at(-1) === ' \u0000') list.pop();
			return list.join('\u0001');
		});
	const left = cells(a);
	const right = cells(b);
	return left.length === right.length && left.every((row, index) => row === right[index]);
}

type Exports = string | {[condition: string]: Exports} | null | undefined;

function entryOf(exports: Exports): string | undefined {
	if (typeof exports === 'string') return exports;
	if (!exports) return undefined;
	if ('.' in exports) return entryOf(exports['.']);
	for (const condition of ['import', 'node', 'default']) {
		const found = entryOf(exports[condition]);
		if (found) return found;
	}
	return undefined;
}

/** Imports a package as a module inside `packageDirectory` would, following Node's node_modules lookup. */
async function importBeside(
	packageDirectory: URL,
	name: string,
	readFile: (url: URL, encoding: 'utf8') => Promise<string>,
): Promise<Record<string, unknown>> {
	for (let directory = packageDirectory; ; directory = new URL('../', directory)) {
		const manifestUrl = new URL(`node_modules/${name}/package.json`, directory);
		const manifest = await readFile(manifestUrl, 'utf8').then(
			text => JSON.parse(text) as {exports?: Exports; main?: string},
			() => undefined,
		);
		if (manifest)
			return (await import(
				new URL(entryOf(manifest.exports) ?? manifest.main ?? 'index.js', manifestUrl).href
			)) as Record<string, unknown>;
		if (directory.pathname === '/') throw new Error(`${name} not found beside Ink`);
	}
}

/** What tests need of Ink's internals: its Output class, slice-ansi and tokenizer. */
export type InkInternals = {
	inkGet: (this: OutputInstance) => Result;
	Output: OutputClass &
		(new (options: {width: number; height: number}) => OutputInstance & {
			write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
			clip(clip: Clip): void;
			unclip(): void;
			get(): Result;
		});
	sliceAnsi: SliceAnsi;
	tokenizer: Tokenizer;
};

/** Ink 6.8's Output class and the helpers it uses, or undefined for any other Ink. */
export async function inkInternals(): Promise<InkInternals | undefined> {
	try {
		const {readFile} = await import('node:fs/promises');
		const inkEntry = import.meta.resolve('ink');
		// Written and checked against Ink 6.8's Output; any other version draws its own frames.
		const inkPackage = JSON.parse(await readFile(new URL('../package.json', inkEntry), 'utf8')) as {version: string};
		if (!/^6\.8\.\d+$/.test(inkPackage.version)) return undefined;
		const {default: Output} = (await import(new URL('output.js', inkEntry).href)) as {default: InkInternals['Output']};
		if (typeof Output?.prototype?.get !== 'function') return undefined;
		// The same string-width, slice-ansi and tokenizer Ink uses, wherever npm put them.
		const load = async (name: string) => importBeside(new URL('../', inkEntry), name, readFile);
		const sliceAnsi = (await load('slice-ansi'))['default'] as SliceAnsi;
		stringWidth = (await load('string-width'))['default'] as Measure;
		const tokenizer = (await load('@alcalzone/ansi-tokenize')) as unknown as Tokenizer;
		inkTokenizer = tokenizer;
		inkGet ??= Output.prototype.get;
		return {inkGet, Output, sliceAnsi, tokenizer};
	} catch {
		return undefined;
	}
}

/**
 * Puts the compositor in front of Ink's Output.get. With `verify`, every frame is drawn both ways
 * and must look the same on screen, else the render fails loudly (tests and GQX_CHECK_FRAMES=1).
 * Does nothing (and returns false) when Ink's internals are not the ones this was written for.
 */
export async function installFastOutput(options: {verify?: boolean} = {}): Promise<boolean> {
	if (installed) return true;
	const internals = await inkInternals();
	if (!internals) return false;
	const {Output, sliceAnsi, tokenizer, inkGet: original} = internals;
	const {verify} = options;
	Output.prototype.get = function (this: OutputInstance): Result {
		const fast = composeFrame(this, sliceAnsi);
		if (fast === undefined) {
			stats.fallback++;
			return original.call(this);
		}
		stats.fast++;
		if (verify && frameCount++ % checkEvery === 0) {
			const reference = original.call(this);
			if (reference.height !== fast.height || !sameScreen(tokenizer, reference.output, fast.output)) {
				stats.mismatches++;
				throw new Error(`fast output differs from Ink's:\n--- ink\n${reference.output}\n--- fast\n${fast.output}`);
			}
		}
		return fast;
	};
	installed = true;
	return true;
}
