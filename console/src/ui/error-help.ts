// What a user can do about a failed task, by its error code (the server's message says what happened).
import type { TaskErrorCode } from '../generated/graphql.js';

export const errorHelp: Record<TaskErrorCode, string> = {
  INPUT_FORBIDDEN: 'The server may not fetch this address. Upload the file instead, or ask the operator to add its host to FETCH_ALLOW_HOSTS.',
  INPUT_INVALID: 'The file is corrupt or cut short. Check that it plays on your machine, then upload it again.',
  INPUT_TOO_LARGE: 'The file is over the server\'s size or pixel limit. Send a smaller file or ask the operator to raise MAX_INPUT_BYTES.',
  INPUT_UNREACHABLE: 'The URL could not be fetched. Check it opens from the server\'s network, then retry.',
  INPUT_UNSUPPORTED: 'This kind cannot use this input (e.g. speech on a silent video). Pick another kind or another file.',
  INTERNAL: 'Something went wrong on the server. Its log has the details; retrying may help.',
  OUTPUT_TOO_LARGE: 'The options ask for a picture over the server\'s limit. Choose a smaller size.',
  PROCESSING_FAILED: 'The media tool failed on this input. Retrying rarely helps; try other options.',
  TIMEOUT: 'The work ran past its time limit. Retry, or use a shorter input or lighter options.',
};
