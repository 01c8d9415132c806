/** One benchmark: a name for `npm run bench -- <name>`, and a run that writes its results. */
import type { Page } from '@playwright/test';
import type { CurbsideBench } from '../page/entry';
import type { BenchEnv } from './env';

export interface Benchmark {
	name: string;
	/** One line for `npm run bench -- --list` and the docs. */
	summary: string;
	run(env: BenchEnv): Promise<void>;
}

/** Calls a function of the bench's page code (`window.curbsideBench`) with JSON arguments. */
export function inPage<K extends keyof CurbsideBench>(
	page: Page,
	name: K,
	...args: Parameters<CurbsideBench[K]>
): Promise<Awaited<ReturnType<CurbsideBench[K]>>> {
	return page.evaluate(
		([fn, fnArgs]) => {
			const bench = (globalThis as unknown as { curbsideBench: Record<string, (...a: unknown[]) => unknown> })
				.curbsideBench;
			return bench[fn as string]?.(...(fnArgs as unknown[])) as never;
		},
		[name, args] as const
	);
}

export function log(message: string): void {
	console.log(`[bench] ${message}`);
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2
		? (sorted[middle] as number)
		: ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
