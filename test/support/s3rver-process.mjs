// s3rver in a process of its own (started by s3-server.ts): it signs listing continuation tokens
// with DES, which Node 24's OpenSSL refuses without --openssl-legacy-provider, a flag for this
// process only. Args: <directory> [address, default 127.0.0.1] [port, default any] [bucket…]
// (`npm run cluster` gives its s3 host's address). Prints its port, and stops with its parent's stdin.
import S3rver from 's3rver';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';

// s3rver deletes a DeleteObjects request's keys all at once, and each then removes its folder if
// empty: two in one folder both see it empty, the second rmdir fails (ENOENT) and the request
// answers InternalError. Tolerated here; S3 has no folders to race on.
const deleteObject = FilesystemStore.prototype.deleteObject;
FilesystemStore.prototype.deleteObject = async function (...args) {
  try {
    return await deleteObject.apply(this, args);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
};

const [directory, address = '127.0.0.1', port = '0', ...buckets] = process.argv.slice(2);
const server = new S3rver({ port: Number(port), address, directory, silent: true, configureBuckets: buckets.map((name) => ({ name })) });
const listening = await server.run();
process.stdout.write(`${listening.port}\n`);
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
