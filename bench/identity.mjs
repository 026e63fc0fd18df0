// Account creation and recovery: words → keys → PeerId, median of many runs,
// next to the bare BIP-39 seed derivation (PBKDF2-HMAC-SHA512, 2048 rounds)
// that dominates both and that every BIP-39 wallet pays.
import { mnemonicToSeedSync } from '@scure/bip39'
import { generateMnemonic, parseMnemonic, DeviceKeys, peerIdOfDevice, sealKeystore } from '@xchat/core'
import { timeRuns, quantile, r3 } from './stats.mjs'

const RUNS = 50

function makeDevice(phrase, deviceIndex) {
  const keys = DeviceKeys.fromSecrets({ mnemonic: phrase, passphrase: '', deviceIndex, createdAt: Date.now() })
  return peerIdOfDevice(keys.device.publicKey).toString()
}

export async function run() {
  const fixed = generateMnemonic().phrase
  const create = await timeRuns(() => makeDevice(generateMnemonic().phrase, 0), { runs: RUNS })
  const recover = await timeRuns(() => makeDevice(parseMnemonic(fixed).phrase, 1 + Math.floor(Math.random() * 1000)), { runs: RUNS })
  const seedOnly = await timeRuns(() => mnemonicToSeedSync(fixed, ''), { runs: RUNS })
  // The password key (scrypt N=2^17, r=8) is deliberately slow; shown apart so it does not hide the rest.
  const keys = DeviceKeys.fromSecrets({ mnemonic: fixed, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
  const seal = await timeRuns(() => sealKeystore(keys.secrets(), 'bench password'), { runs: 5, warmup: 1 })
  return [
    { name: 'keystore_seal_scrypt', unit: 'ms', runs: 5, median: r3(quantile(seal, 0.5)), baseline: null },
    {
      name: 'account_create',
      unit: 'ms',
      runs: RUNS,
      median: r3(quantile(create, 0.5)),
      p90: r3(quantile(create, 0.9)),
      baseline: { name: 'bip39_seed_pbkdf2', median: r3(quantile(seedOnly, 0.5)) },
    },
    {
      name: 'account_recover',
      unit: 'ms',
      runs: RUNS,
      median: r3(quantile(recover, 0.5)),
      p90: r3(quantile(recover, 0.9)),
      baseline: { name: 'bip39_seed_pbkdf2', median: r3(quantile(seedOnly, 0.5)) },
    },
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2))
}
