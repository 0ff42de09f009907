#!/usr/bin/env node
// The compiled CLI (dist/ is built by `npm run build` in client/, and by the repository's postinstall).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
