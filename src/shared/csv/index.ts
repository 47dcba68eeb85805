/**
 * The CSV reading core, shared by main, the renderer and the import worker: no DOM, Electron
 * or Dexie. Bytes (ByteSource) -> encoding -> decoded text -> delimiter -> rows (streamed)
 * -> unique header names.
 */
export { blobByteSource, bufferByteSource, type ByteSource } from './byte-source';
export {
  DELIMITERS,
  detectDelimiter,
  detectNewline,
  isCsvDelimiter,
  type CsvDelimiter,
  type CsvNewline,
} from './dialect';
export {
  ENCODINGS,
  detectEncoding,
  isCsvEncoding,
  type CsvEncoding,
  type EncodingGuess,
} from './encoding';
export { CsvReadError, isCsvReadError, type CsvErrorCode } from './errors';
export { uniqueHeaderNames } from './headers';
export { controlCharacterName, stripControlCharacters } from './controls';
export type { UnreadableRow } from './read-problems';
export {
  DEFAULT_CHUNK_BYTES,
  MAX_ROW_CHARS,
  readCsvRows,
  sniffCsv,
  type CsvDialect,
  type CsvRowBatch,
  type CsvSniff,
  type ReadOptions,
} from './reader';
