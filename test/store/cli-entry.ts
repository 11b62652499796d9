// Runs the CLI from source (tests spawn it with `node --import tsx`), as bin/fahu.js runs the compiled one.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
