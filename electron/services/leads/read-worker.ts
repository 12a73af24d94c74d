/**
 * The lead reader's worker thread (reader.ts): reads lead files handed to it, in order, and
 * posts back their leads or what made the file unreadable. It never touches the cache.
 * Bundled for Electron as dist-electron/lead-reader.mjs (scripts/build-electron.mjs).
 */
import { parentPort } from 'node:worker_threads';
import { readLeadFile } from './read-file';
import { encodeReadFailure, type ReadRequest, type ReadReply } from './read-protocol';

const port = parentPort;
if (!port) throw new Error('read-worker.ts runs as a worker thread');
port.on('message', (request: ReadRequest) => {
  let reply: ReadReply;
  try {
    const { leads, warnings } = readLeadFile(request.fileName, request.bytes, request.context);
    reply = { id: request.id, ok: true, leads, warnings };
  } catch (error) {
    reply = { id: request.id, ok: false, failure: encodeReadFailure(error) };
  }
  port.postMessage(reply);
});
