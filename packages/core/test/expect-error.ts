import { expect } from 'vitest'
import { isXchatError, type XchatError, type XchatErrorCode } from '../src/index.js'

/** Run `fn`, expect it to throw an XchatError with `code`, and return that error. */
export function expectXchatError(fn: () => unknown, code: XchatErrorCode): XchatError {
  let thrown: unknown
  try {
    fn()
  } catch (err) {
    thrown = err
  }
  return checkError(thrown, code)
}

/** Await `promise`, expect it to reject with an XchatError with `code`, and return that error. */
export async function expectXchatErrorAsync(promise: Promise<unknown>, code: XchatErrorCode): Promise<XchatError> {
  let thrown: unknown
  try {
    await promise
  } catch (err) {
    thrown = err
  }
  return checkError(thrown, code)
}

/** The error `fn` throws, or undefined if it returns. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  return undefined
}

function checkError(thrown: unknown, code: XchatErrorCode): XchatError {
  expect(thrown, `expected an XchatError ${code}, nothing was thrown`).toBeDefined()
  if (!isXchatError(thrown)) throw new Error(`expected an XchatError ${code}, got ${String(thrown)}`, { cause: thrown })
  expect(thrown.code).toBe(code)
  expect(thrown.name).toBe('XchatError')
  return thrown
}
