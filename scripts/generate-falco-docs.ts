/**
 * Writes docs/FALCO_FIELDS.md and docs/FALCO_EVENTS.md from the rule engine's field registry and
 * hook mapping (lib/domain/rules/field-docs.ts). lib/domain/rules/field-docs.test.ts fails when
 * the committed files differ from what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderEventDocs, renderFieldDocs } from '@/lib/domain/rules/field-docs';

const root = path.resolve(import.meta.dirname, '..');
fs.writeFileSync(path.join(root, 'docs', 'FALCO_FIELDS.md'), renderFieldDocs());
fs.writeFileSync(path.join(root, 'docs', 'FALCO_EVENTS.md'), renderEventDocs());
console.log('wrote docs/FALCO_FIELDS.md and docs/FALCO_EVENTS.md');
