// A server to look at the web console by hand: `npx tsx test/support/console-demo.ts [--key]`.
// Fresh database, sample media served on its own port (paste those URLs in the console), and with
// --key an API key (printed). Runs until Ctrl-C.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeConsoleMedia } from './console-media.js';
import { startMediaServer } from './media-server.js';
import { startTestServer } from './test-server.js';

const apiKey = 'demo-console-key-0123456789';
const withKey = process.argv.includes('--key');
const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-console-demo-'));
const media = await writeConsoleMedia(folder);
const files = await startMediaServer(folder);
const server = await startTestServer({ ...(withKey && { API_KEYS: `demo:${apiKey}` }), ...(process.env.PORT && { PORT: process.env.PORT }), ...(process.env.CORS_ORIGINS && { CORS_ORIGINS: process.env.CORS_ORIGINS }) });
console.log(`console: ${server.url}/`);
if (withKey) console.log(`API key: ${apiKey}`);
for (const file of Object.values(media)) console.log(`media:   ${files.url}/${path.basename(file)}  (local file ${file})`);
const stop = async () => {
  await server.stop();
  await files.close();
  await fs.rm(folder, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
