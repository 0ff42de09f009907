// Whether an error means "the database cannot be reached right now" (down, restarting, or the
// connection was cut), as opposed to a fault of the statement: the first is worth a retry.

/**
 * SQLSTATEs of a lost or refused session: class 08, shutdowns (57P01–57P03), too many connections,
 * and a database that is not there (3D000: dropped, or not yet created by its operator), which
 * also means "not now" to a client and must not flood the logs with an error per poll.
 */
const unavailableSqlStates = /^(08...|57P0[1-3]|53300|3D000)$/;
/** Socket errors of node-postgres. */
const unavailableErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** Prisma's codes for an unreachable server, a closed connection and a pool that timed out. */
const unavailablePrismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Prisma's driver adapter's names for the socket errors it recognises. */
const unavailableAdapterKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** node-postgres says these in words only. */
const unavailableMessages = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed|Cannot use a pool after calling end/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  // GraphQL and Prisma wrap the driver's error: follow the wrappers a few levels down.
  let current = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const { code, message, originalCode, kind } = current as { code?: unknown; message?: unknown; originalCode?: unknown; kind?: unknown };
    if (typeof kind === 'string' && unavailableAdapterKinds.has(kind)) return true;
    for (const candidate of [code, originalCode]) {
      if (typeof candidate !== 'string') continue;
      if (unavailableSqlStates.test(candidate) || unavailableErrnos.has(candidate) || unavailablePrismaCodes.has(candidate)) return true;
    }
    if (typeof message === 'string' && unavailableMessages.test(message)) return true;
    // Prisma keeps the driver adapter's error in meta (e.g. "Database error. Code: `57P01`").
    const next = current as { originalError?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    current = next.originalError ?? next.cause ?? next.meta?.driverAdapterError;
  }
  return false;
}
