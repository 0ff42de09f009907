/** A command line that cannot run as written (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
