/** Gives each seed its own server database from the file's template, on whichever engine that is. */
import fs from 'node:fs';
import { copyPostgresTemplate, dropPostgresTemplate } from './postgres-template';
import { copySqliteTemplate, type SeedDatabase, type Template } from './world';

export function copyTemplate(template: Template, seed: number): Promise<SeedDatabase> {
	if (template.engine === 'postgres') return copyPostgresTemplate(template, seed);
	return Promise.resolve(copySqliteTemplate(template, seed));
}

export async function disposeTemplate(template: Template): Promise<void> {
	if (template.engine === 'postgres') return dropPostgresTemplate(template);
	fs.rmSync(template.dir, { recursive: true, force: true });
}
