/** Writes docs/environment.md from the configuration schema: npm run docs:env */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentDocument } from '../libs/config/src/env.docs';

writeFileSync(join(__dirname, '../docs/environment.md'), environmentDocument());
