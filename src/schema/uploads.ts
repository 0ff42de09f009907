// Resumable uploads: createUpload announces a file and answers the tus URL to send it to; once
// every byte arrived, createTask(input: { uploadId }) makes it a task's input. Owner-scoped.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { RequestError } from '../tasks/request-error.js';
import { directPartSize, type DirectPart, type UploadRecord, type UploadService } from '../uploads/upload-service.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';

const UploadPart = builder.objectRef<DirectPart>('UploadPart').implement({
  description: 'One part of a direct upload: PUT bytes [offset, offset + size) of the file to url, and keep the ETag header it answers.',
  fields: (t) => ({
    partNumber: t.exposeInt('partNumber'),
    offset: t.exposeFloat('offset', { description: 'Its first byte in the file.' }),
    size: t.exposeFloat('size', { description: 'Its bytes (every part but the last has partSize).' }),
    url: t.exposeString('url', { description: 'A presigned S3 UploadPart URL, valid until the upload expires (at most 7 days); ask upload(id) for fresh ones.' }),
  }),
});

const Upload = builder.objectRef<UploadRecord>('Upload').implement({
  description: 'A file a client sends in pieces, resumable: with the tus protocol (https://tus.io) to url (PATCH, resuming from HEAD\'s Upload-Offset after a dropped connection), or, for a direct upload, straight to the bucket (PUT each of parts, then completeUpload). Then createTask(input: { uploadId }).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'What createTask\'s uploadId takes.' }),
    url: t.string({
      nullable: true,
      description: 'The tus upload URL: send the bytes here with the same Authorization header (e.g. tus-js-client with uploadUrl). Null for a direct upload (see parts).',
      resolve: (upload, _args, context) => (upload.storageKey ? null : context.uploadUrl(upload.id)),
    }),
    filename: t.exposeString('filename'),
    mimeType: t.exposeString('mimeType'),
    size: t.exposeFloat('size', { description: 'Bytes, as announced.' }),
    offset: t.float({ description: 'Bytes received so far.', resolve: (upload, _args, context) => service(context).offset(upload) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'Unless a task takes it before, the upload and its bytes are removed then (UPLOAD_EXPIRY_HOURS after its creation).' }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true, description: 'When its last byte arrived.' }),
    direct: t.boolean({ description: 'Sent straight to the bucket (parts), not through the server (tus).', resolve: (upload) => upload.storageKey !== null }),
    partSize: t.float({ nullable: true, description: 'Bytes per part of a direct upload (the last may be shorter).', resolve: (upload) => (upload.storageKey ? directPartSize(upload.size) : null) }),
    parts: t.field({
      type: [UploadPart], nullable: true,
      description: 'Where to PUT the parts of an unfinished direct upload; null for tus uploads and once completed.',
      resolve: (upload, _args, context) => service(context).parts(upload),
    }),
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
    direct: t.boolean({ required: false, defaultValue: false, description: 'With S3 storage: send the bytes straight to the bucket, to presigned part URLs (parts), instead of through this server with tus.' }),
  }),
});

const UploadedPartInput = builder.inputType('UploadedPartInput', {
  fields: (t) => ({
    partNumber: t.int({ required: true }),
    etag: t.string({ required: true, description: 'The ETag header the part\'s PUT answered (quotes included or not).' }),
  }),
});

builder.mutationField('completeUpload', (t) => t.field({
  type: Upload,
  description: 'Finishes a direct upload once every part is in the bucket: the server assembles the object and checks its size. (A tus upload completes with its last PATCH.)',
  args: {
    id: t.arg.id({ required: true }),
    parts: t.arg({ type: [UploadedPartInput], required: true }),
  },
  resolve: (_root, args, context) => service(context).completeDirect(String(args.id), context.owner, args.parts.map((part) => ({ partNumber: part.partNumber, etag: part.etag }))),
}));

builder.mutationField('createUpload', (t) => t.field({
  type: Upload,
  description: 'Announces a file to send with tus; answers its upload URL. The same as a tus creation request (POST /uploads with Upload-Length and Upload-Metadata filename, filetype).',
  args: { input: t.arg({ type: CreateUploadInput, required: true }) },
  resolve: (_root, { input }, context) => {
    const announced = { filename: input.filename, size: input.size, mimeType: input.mimeType ?? 'application/octet-stream' };
    return input.direct ? service(context).createDirect(context.owner, announced) : service(context).create(context.owner, announced);
  },
}));

builder.queryField('upload', (t) => t.field({
  type: Upload,
  nullable: true,
  description: 'One of your uploads by id; null when there is none (or it expired).',
  args: { id: t.arg.id({ required: true }) },
  resolve: (_root, args, context) => service(context).find(String(args.id), context.owner),
}));
