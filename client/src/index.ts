// @mediatasks/client for browsers (and any runtime with fetch and Blob): files are Blobs/Files.
import { createClientFor, type ClientOptions, type MediaTasksClient } from './client.js';

export function createClient(options: ClientOptions): MediaTasksClient<Blob> {
  return createClientFor<Blob>({
    toBlob: async (file) => ({ blob: file }),
    preferXhr: true,
  }, options);
}

export type {
  ClientOptions, CreateTaskRequest, KindInfo, MediaTasksClient, MultipartUpload, OperationSink, Task, TaskChange, TaskListOptions, TypedDocument, UploadedInput, UploadOptions,
} from './client.js';
export { MediaTasksError, type ClientErrorCode } from './errors.js';
export { isTerminal, terminalStatuses } from './task-status.js';
export type * from './generated/graphql.js';
