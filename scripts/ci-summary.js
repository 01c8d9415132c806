#!/usr/bin/env node
/**
 * Adds up the JSON reports of every test runner in a folder and prints the closing line
 * `N passed, N failed[, N skipped]`. A step that failed without a report of failed tests (lint,
 * typecheck, a crash before tests ran) counts as one failure, so a red step never reads as green.
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
	console.error('usage: ci-summary.js RESULTS_DIR');
	process.exit(2);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const files = fs.readdirSync(dir);

for (const file of files.filter((name) => name.endsWith('.json'))) {
	const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	if (file.startsWith('vitest')) {
		passed += report.numPassedTests ?? 0;
		failed += report.numFailedTests ?? 0;
		skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
		// A test file that fails to load has no tests in it but must still count as a failure.
		failed += (report.testResults ?? []).filter(
			(suite) => suite.status === 'failed' && suite.assertionResults?.length === 0
		).length;
	} else if (file.startsWith('playwright')) {
		passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
		failed += report.stats?.unexpected ?? 0;
		skipped += report.stats?.skipped ?? 0;
		failed += (report.errors ?? []).length;
	}
}

const failedSteps = files
	.filter((name) => name.endsWith('.step'))
	.filter((name) => fs.readFileSync(path.join(dir, name), 'utf8').trim() === 'failed');
if (failedSteps.length > 0 && failed === 0) failed = failedSteps.length;

for (const name of failedSteps) console.log(`step failed: ${name.replace(/\.step$/, '')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
