// Resumable uploads: createUpload announces a file and answers the tus URL to send it to; once
// every byte arrived, createTask(input: { uploadId }) makes it a task's input. Owner-scoped.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { RequestError } from '../tasks/request-error.js';
import type { UploadRecord, UploadService } from '../uploads/upload-service.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';

const Upload = builder.objectRef<UploadRecord>('Upload').implement({
  description: 'A file sent with the tus resumable upload protocol (https://tus.io): PATCH its bytes to url (resuming from HEAD\'s Upload-Offset after a dropped connection), then create its task with createTask(input: { uploadId }).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'What createTask\'s uploadId takes.' }),
    url: t.string({ description: 'The tus upload URL: send the bytes here with the same Authorization header (e.g. tus-js-client with uploadUrl).', resolve: (upload, _args, context) => context.uploadUrl(upload.id) }),
    filename: t.exposeString('filename'),
    mimeType: t.exposeString('mimeType'),
    size: t.exposeFloat('size', { description: 'Bytes, as announced.' }),
    offset: t.float({ description: 'Bytes received so far.', resolve: (upload, _args, context) => service(context).offset(upload) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'Unless a task takes it before, the upload and its bytes are removed then (UPLOAD_EXPIRY_HOURS after its creation).' }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true, description: 'When its last byte arrived.' }),
    taskId: t.id({ nullable: true, description: 'The task it became the input of (its global id, as Task.id).', resolve: (upload) => (upload.takenBy ? encodeGlobalID('Task', upload.takenBy) : null) }),
  }),
});

function service(context: GraphQLContext): UploadService {
  if (!context.uploads) throw new RequestError('BAD_USER_INPUT', 'This server takes no resumable uploads.');
  return context.uploads;
}

const CreateUploadInput = builder.inputType('CreateUploadInput', {
  fields: (t) => ({
    filename: t.string({ required: true, description: 'The file\'s name, 1 to 255 characters (the task\'s input keeps it).' }),
    size: t.float({ required: true, description: 'Its exact size in bytes, up to MAX_UPLOAD_BYTES.' }),
    mimeType: t.string({ required: false, defaultValue: 'application/octet-stream', description: 'Its media type, e.g. video/mp4 (the worker probes the bytes either way).' }),
  }),
});

builder.mutationField('createUpload', (t) => t.field({
  type: Upload,
  description: 'Announces a file to send with tus; answers its upload URL. The same as a tus creation request (POST /uploads with Upload-Length and Upload-Metadata filename, filetype).',
  args: { input: t.arg({ type: CreateUploadInput, required: true }) },
  resolve: (_root, { input }, context) => service(context).create(context.owner, { filename: input.filename, size: input.size, mimeType: input.mimeType ?? 'application/octet-stream' }),
}));

builder.queryField('upload', (t) => t.field({
  type: Upload,
  nullable: true,
  description: 'One of your uploads by id; null when there is none (or it expired).',
  args: { id: t.arg.id({ required: true }) },
  resolve: (_root, args, context) => service(context).find(String(args.id), context.owner),
}));
