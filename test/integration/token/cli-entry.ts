/** Runs the `wxmp` CLI from source, as `bin/wxmp.js` runs it from dist/: `node --import tsx cli-entry.ts token …`. */
import { run } from '../../../src/cli/main.js';

await run(process.argv);
