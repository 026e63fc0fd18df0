export {
  FILES_PROTOCOL,
  MANIFEST_VERSION,
  FILES_VERSION,
  DEFAULT_CHUNK_BYTES,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_RETRIES,
} from './constants.js'
export { bytesSource, blobSource, memorySink, ringReader, type FileSource, type FileSink, type MemorySink } from './source-sink.js'
export { encryptChunk, decryptChunk, chunkHash, CHUNK_TAG_LENGTH } from './chunk-crypto.js'
export {
  prepareFile,
  encodeManifest,
  parseManifest,
  chunkCount,
  chunkLength,
  type FileManifest,
  type EncodedManifest,
  type PreparedFile,
  type FileMeta,
} from './manifest.js'
export { FileServer, type FileServerInit, type FilesNode, type OfferOptions, type ServedRequest } from './server.js'
export { FileDownload, type FileDownloadInit, type FilePeer, type LocalChunks } from './download.js'
export { nobleFileCrypto, type FileCrypto, type Sha256Stream } from './file-crypto.js'
export {
  encodeFileMail,
  decodeFileMail,
  isFileMail,
  cutIntoPieces,
  joinPieces,
  FILE_MAIL_VERSION,
  FILE_MAIL_MARKER,
  type FileMailPiece,
  type FileMailKind,
  FILE_MAIL_ENVELOPE_OVERHEAD,
  fileMailSize,
} from './mail-piece.js'
