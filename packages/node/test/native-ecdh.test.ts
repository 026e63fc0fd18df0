// OpenSSL's secp256k1 ECDH must give exactly the bytes of core's default
// (@noble/curves): sessions made by a CLI and by a browser meet in the middle.
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { ecdh, generateKeyPair, setEcdhImplementation } from '@xchat/core'
import { hasNativeSecp256k1, nativeEcdh } from '../src/crypto/index.js'

describe('native ECDH', () => {
  it('is available on this Node', () => {
    expect(hasNativeSecp256k1()).toBe(true)
  })

  it('gives the same shared secret as @noble/curves for 500 random key pairs', () => {
    for (let i = 0; i < 500; i++) {
      const a = generateKeyPair()
      const b = generateKeyPair()
      const expected = secp256k1.getSharedSecret(a.privateKey, b.publicKey, true).slice(1)
      expect(Buffer.from(nativeEcdh(a.privateKey, b.publicKey)).toString('hex')).toBe(Buffer.from(expected).toString('hex'))
      expect(Buffer.from(nativeEcdh(b.privateKey, a.publicKey)).toString('hex')).toBe(Buffer.from(expected).toString('hex'))
    }
  })

  it("serves core's ecdh once set, and core still refuses bad keys before calling it", () => {
    setEcdhImplementation(nativeEcdh)
    try {
      const a = generateKeyPair()
      const b = generateKeyPair()
      expect(ecdh(a.privateKey, b.publicKey)).toEqual(secp256k1.getSharedSecret(a.privateKey, b.publicKey, true).slice(1))
      const notAPoint = Uint8Array.from([0x02, ...randomBytes(32)])
      notAPoint[1] = 0xff
      notAPoint.fill(0xff, 1)
      expect(() => ecdh(a.privateKey, notAPoint)).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }))
      expect(() => ecdh(new Uint8Array(32), b.publicKey)).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }))
    } finally {
      setEcdhImplementation(undefined)
    }
  })
})
