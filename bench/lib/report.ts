/**
 * Writes one benchmark's figures to bench/results/<name>.json and keeps the table in
 * docs/performance.md current: one row per figure, replaced on every run of that benchmark.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';

export interface Figure {
	figure: string;
	value: number;
	unit: string;
	/** An upper or a lower bound; absent for figures reported without a target. */
	target?: { max: number } | { min: number };
}

export interface Machine {
	cpu: string;
	cores: number;
	node: string;
	os: string;
}

export function machine(): Machine {
	return {
		cpu: os.cpus()[0]?.model ?? 'unknown',
		cores: os.cpus().length,
		node: process.version,
		os: `${os.type()} ${os.release()}`
	};
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

export async function writeResult(
	root: string,
	name: string,
	figures: Figure[],
	details: Record<string, unknown>
): Promise<void> {
	const date = new Date().toISOString();
	const result = { name, date, machine: machine(), figures, details };
	const file = path.join(root, 'bench', 'results', `${name}.json`);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(result, null, '\t')}\n`);
	await updateTable(root);
}

interface StoredResult {
	name: string;
	date: string;
	machine: Machine;
	figures: Figure[];
}

function meets(value: number, target: NonNullable<Figure['target']>): boolean {
	return 'max' in target ? value <= target.max : value >= target.min;
}

function format(value: number): string {
	return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
}

/** Rebuilds the table from every bench/results/*.json, so it never disagrees with them. */
async function updateTable(root: string): Promise<void> {
	const dir = path.join(root, 'bench', 'results');
	const results = fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as StoredResult);
	const rows = results.flatMap((result) =>
		result.figures.map((f) => {
			const verdict = f.target ? (meets(f.value, f.target) ? 'pass' : 'FAIL') : '';
			const target = !f.target ? '' : 'max' in f.target ? `<= ${f.target.max}` : `>= ${f.target.min}`;
			const where = `${result.machine.cpu}, ${result.machine.cores} cores, Node ${result.machine.node}`;
			return `| ${result.name} | ${f.figure} | ${format(f.value)} ${f.unit} | ${target} | ${verdict} | ${result.date.slice(0, 10)} | ${where} |`;
		})
	);
	const table = [
		START,
		'| bench | figure | value | target | result | date | machine |',
		'| ----- | ------ | ----- | ------ | ------ | ---- | ------- |',
		...rows,
		END
	].join('\n');
	const doc = path.join(root, 'docs', 'performance.md');
	const current = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '';
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	const next =
		start >= 0 && end > start
			? current.slice(0, start) + table + current.slice(end + END.length)
			: `${current || PREAMBLE}\n${table}\n`;
	// Aligned as `prettier --check` wants it, so a bench run leaves the tree lint-clean.
	const options = await prettier.resolveConfig(doc);
	fs.writeFileSync(doc, await prettier.format(next, { ...options, filepath: doc }));
}

const PREAMBLE = `# Curbside performance

Figures from \`npm run bench\` (bench/run.ts): the built server on 127.0.0.1, Debian Chromium, a
fresh large city per run. Each run writes bench/results/<name>.json and rewrites the table below.
Ratios are measured side by side in the same page and run, because the machines are shared and
noisy; absolute milliseconds are only comparable on one machine.

- **first-sync**: the app's sync engine (src/lib/client/sync, real HTTP transport) pulls every
  assigned order of one crew into an empty IndexedDB; compared with one plain Dexie \`bulkPut\` of
  the same rows in the same page.
- **day-upload**: 200 closures with 2 photos each recorded offline through the app's local actions
  (4000x3000 camera JPEGs, compressed by the app's size rule), then one sync uploads and pushes
  them; every byte the browser sends is counted by a TCP relay in front of the server.
`;
