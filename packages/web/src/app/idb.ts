/**
 * A few promise helpers over raw IndexedDB, for what level cannot hold: a
 * non-extractable CryptoKey (stored by structured clone, never as bytes).
 */

/** The IndexedDB database that holds the device's wrapping key. */
export const KEY_DB_NAME = 'xchat-keys'
const STORE = 'keys'

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

async function openKeyDb(): Promise<IDBDatabase> {
  const req = indexedDB.open(KEY_DB_NAME, 1)
  req.onupgradeneeded = () => {
    req.result.createObjectStore(STORE)
  }
  return request(req)
}

async function withStore<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openKeyDb()
  try {
    const tx = db.transaction(STORE, mode)
    const result = await request(fn(tx.objectStore(STORE)))
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
    })
    return result
  } finally {
    db.close()
  }
}

/** Read one value of the key database; undefined when absent. */
export async function idbGet<T>(key: string): Promise<T | undefined> {
  return (await withStore('readonly', (s) => s.get(key) as IDBRequest<T | undefined>)) ?? undefined
}

/** Write one value of the key database (structured clone: CryptoKeys keep their non-extractable flag). */
export async function idbPut(key: string, value: unknown): Promise<void> {
  await withStore('readwrite', (s) => s.put(value, key))
}

/** Delete a whole IndexedDB database (resolves also when it did not exist). */
export async function deleteIdb(name: string): Promise<void> {
  await request(indexedDB.deleteDatabase(name))
}
