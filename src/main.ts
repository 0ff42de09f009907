// Entry point: `npm start`. Reads the configuration, starts the configured role, stops cleanly.
import { startApp, type App } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { graphqlPath } from './server/http-server.js';
import { consoleIsBuilt } from './server/console-route.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger(config);

// Handlers before the start: a signal that comes while starting (the process has already said
// "started", a supervisor may stop it at once) stops it once started, instead of killing it.
let app: App | null = null;
let stopping: { signal: string; at: number } | null = null;
const stopApp = (started: App) => started.stop().then(() => {
  logger.info({ ms: Math.round(performance.now() - (stopping?.at ?? performance.now())) }, 'stopped');
  process.exit(0);
}, (error: unknown) => {
  logger.error({ err: error }, 'stop failed');
  process.exit(1);
});
/**
 * One Ctrl-C can arrive twice: the terminal sends SIGINT to the whole foreground group, and npm
 * forwards the one it gets to its script, which is this process when the script shell execs it
 * (bash does; dash, Debian's sh, waits instead). A control-group kill (systemd) and npm do the
 * same with SIGTERM. The same signal again this soon is that copy, not a person's second press.
 */
const sameSignalMs = 300;
const shutdown = (signal: string) => {
  if (stopping) {
    if (signal === stopping.signal && performance.now() - stopping.at < sameSignalMs) {
      logger.debug({ signal }, 'the same signal again (forwarded): already stopping');
      return;
    }
    // A second Ctrl-C (or SIGTERM) means now: no more waiting for requests or jobs.
    logger.warn({ signal }, 'stopping at once');
    process.exit(130);
  }
  stopping = { signal, at: performance.now() };
  logger.info({ signal }, 'stopping');
  if (app) void stopApp(app);
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
// A database that goes away while we stop (stopped by its own supervisor at the same time) drops
// our connections; some clients (pg-boss's listener) report that as an unhandled error.
process.on('uncaughtException', (error) => {
  if (stopping && isConnectionTermination(error)) return;
  logger.fatal({ err: error }, 'uncaught exception');
  process.exit(1);
});

try {
  app = await startApp(config, logger);
  if (app.url) {
    const consoleLine = config.graphql.console && consoleIsBuilt() ? `\nConsole:  ${app.url}/` : '';
    console.log(config.graphql.graphiql ? `${consoleLine}\nGraphiQL: ${app.url}${graphqlPath}\n` : `${consoleLine}\nGraphQL: ${app.url}${graphqlPath} (GraphiQL off: GRAPHIQL=1 turns it on)\n`);
  }
  if (stopping) void stopApp(app);
} catch (error) {
  // A setting to change (a port in use): its one-line message says which.
  if (error instanceof ConfigError) {
    logger.fatal(error.message);
    process.exit(78);
  }
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
}

function isConnectionTermination(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === '57P01' || code === 'ECONNRESET' || /Connection terminated/i.test(message ?? '');
}
