import type { AbstractLevel, AbstractSublevel } from 'abstract-level'

/**
 * A level database from the caller: classic-level on Node, browser-level in
 * browsers, memory-level in tests. Core never picks one. The store makes its
 * own sublevels with their own encodings, so the database's defaults do not matter.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any TFormat/K/V: each implementation picks its own
export type LevelDatabase = AbstractLevel<any, any, any>

/** A sublevel with text keys and byte values (the sealed records). */
export type SealedSublevel = AbstractSublevel<LevelDatabase, unknown, string, Uint8Array>

/** One write of a batch: all of a batch's operations commit together or not at all. */
export type StoreOp =
  | { readonly type: 'put'; readonly sublevel: SealedSublevel; readonly key: string; readonly value: Uint8Array }
  | { readonly type: 'del'; readonly sublevel: SealedSublevel; readonly key: string }
