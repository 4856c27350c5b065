// The figures' arithmetic, shared by the bench's scenarios (bench/run.ts and the scenarios in files of their own).

export function ms(value: number): string {
	return `${Math.round(value)} ms`;
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function median(values: number[]): number {
	return percentile(values, 50);
}
