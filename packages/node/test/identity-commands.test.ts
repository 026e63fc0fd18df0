import { describe, it, expect } from 'vitest'
import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { runCli, tempDir } from './run-cli.js'

const WHOAMI_FIELDS = ['accountId', 'accountPublicKey', 'derivationPath', 'deviceIndex', 'devicePath', 'devicePublicKey', 'peerId']

async function init(dir: string, extra: string[] = []): Promise<Record<string, unknown>> {
  const r = await runCli(['init', '--no-password', '--json', '--data', dir, ...extra])
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as Record<string, unknown>
}

describe('xchat init / whoami / recover', () => {
  it('creates an account, shows it, and recovers the same account as another device', async () => {
    const base = await tempDir()
    const a = join(base, 'a')
    const created = await init(a)
    const words = String(created['mnemonic']).split(' ')
    expect(words).toHaveLength(12)

    const who = await runCli(['whoami', '--json', '--data', a])
    expect(who.code).toBe(0)
    const whoami = JSON.parse(who.stdout) as Record<string, unknown>
    for (const f of WHOAMI_FIELDS) expect(whoami).toHaveProperty(f)
    expect(whoami['accountId']).toBe(created['accountId'])
    expect(whoami['derivationPath']).toBe("m/44'/7368'/0'/0'")
    expect(whoami['devicePath']).toBe("m/44'/7368'/0'/1'/0'")
    expect(whoami['deviceIndex']).toBe(0)
    expect(String(whoami['accountPublicKey'])).toMatch(/^0[23][0-9a-f]{64}$/)
    expect(String(whoami['peerId'])).toMatch(/^16Uiu2/)

    const b = join(base, 'b')
    const rec = await runCli(['--json', 'recover', '--no-password', '--data', b], { input: `${words.join(' ')}\n` })
    expect(rec.code).toBe(0)
    const recovered = JSON.parse(rec.stdout) as Record<string, unknown>
    expect(recovered['accountId']).toBe(created['accountId'])
    expect(recovered['accountPublicKey']).toBe(created['accountPublicKey'])
    expect(recovered['peerId']).not.toBe(created['peerId'])
    expect(recovered['deviceIndex']).not.toBe(0)
  })

  it('accepts the global options before or after the command name', async () => {
    const dir = join(await tempDir(), 'acct')
    const created = await init(dir)
    const before = await runCli(['--data', dir, '--json', 'whoami'])
    const after = await runCli(['whoami', '--data', dir, '--json'])
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout))
    expect((JSON.parse(before.stdout) as Record<string, unknown>)['accountId']).toBe(created['accountId'])
  })

  it('reads the data folder from XCHAT_DATA', async () => {
    const dir = join(await tempDir(), 'env')
    const created = await init(dir)
    const who = await runCli(['whoami', '--json'], { env: { XCHAT_DATA: dir } })
    expect((JSON.parse(who.stdout) as Record<string, unknown>)['accountId']).toBe(created['accountId'])
  })

  it('makes 24 words on request and refuses other counts', async () => {
    const base = await tempDir()
    const created = await init(join(base, 'w24'), ['--words', '24'])
    expect(String(created['mnemonic']).split(' ')).toHaveLength(24)
    const bad = await runCli(['init', '--no-password', '--words', '13', '--data', join(base, 'w13')])
    expect(bad.code).toBe(2)
    await expect(stat(join(base, 'w13'))).rejects.toThrow()
  })

  it('refuses to overwrite an existing account and leaves it unchanged', async () => {
    const dir = join(await tempDir(), 'acct')
    await init(dir)
    const before = await readFile(join(dir, 'keystore.json'))
    const again = await runCli(['init', '--no-password', '--data', dir])
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/already exists/)
    expect(await readFile(join(dir, 'keystore.json'))).toEqual(before)
  })

  it('recovers onto the device index given with --device', async () => {
    const base = await tempDir()
    const created = await init(join(base, 'a'))
    const rec = await runCli(['recover', '--no-password', '--json', '--device', '5', '--data', join(base, 'b')], {
      input: `${String(created['mnemonic'])}\n`,
    })
    expect(rec.code).toBe(0)
    const out = JSON.parse(rec.stdout) as Record<string, unknown>
    expect(out['deviceIndex']).toBe(5)
    expect(out['devicePath']).toBe("m/44'/7368'/0'/1'/5'")
  })

  it('uses the passphrase line: another passphrase is another account', async () => {
    const base = await tempDir()
    const created = await init(join(base, 'a'))
    const rec = await runCli(['recover', '--no-password', '--json', '--data', join(base, 'b')], {
      input: `${String(created['mnemonic'])}\nmy passphrase\n`,
    })
    expect(rec.code).toBe(0)
    expect((JSON.parse(rec.stdout) as Record<string, unknown>)['accountId']).not.toBe(created['accountId'])
  })
})

describe('bad input exits 2 and writes nothing', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'an unknown word, naming it and the nearest words',
      'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abuot',
      /word 12 "abuot".*about/,
    ],
    ['a wrong checksum', 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon', /checksum/],
    ['a wrong word count', 'abandon abandon abandon', /12 or 24 words, got 3/],
    ['empty stdin', '', /no recovery words/],
  ]
  for (const [name, words, message] of cases) {
    it(`rejects ${name}`, async () => {
      const base = await tempDir()
      const dir = join(base, 'acct')
      const r = await runCli(['recover', '--no-password', '--data', dir], { input: `${words}\n` })
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
      expect(await readdir(base)).toEqual([])
    })
  }

  it('rejects a bad --device value', async () => {
    const base = await tempDir()
    const r = await runCli(['recover', '--no-password', '--device', 'abc', '--data', join(base, 'x')], { input: 'zoo\n' })
    expect(r.code).toBe(2)
    expect(await readdir(base)).toEqual([])
  })

  it('needs a password or --no-password when there is no terminal', async () => {
    const base = await tempDir()
    const r = await runCli(['init', '--data', join(base, 'x')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/XCHAT_PASSWORD/)
    expect(await readdir(base)).toEqual([])
  })

  it('says there is no account instead of failing obscurely', async () => {
    const r = await runCli(['whoami', '--data', join(await tempDir(), 'none')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no account/)
  })

  it('rejects an unknown command', async () => {
    const r = await runCli(['frobnicate'])
    expect(r.code).toBe(2)
  })
})

describe('keystore on disk', () => {
  it('encrypts the keys with XCHAT_PASSWORD, with 0600 files', async () => {
    const dir = join(await tempDir(), 'acct')
    const r = await runCli(['init', '--json', '--data', dir], { env: { XCHAT_PASSWORD: 'correct horse' } })
    expect(r.code).toBe(0)
    const words = String((JSON.parse(r.stdout) as Record<string, unknown>)['mnemonic']).split(' ')
    const keystore = await readFile(join(dir, 'keystore.json'), 'utf8')
    expect(JSON.parse(keystore)).toMatchObject({ format: 'xchat-keystore', kdf: { name: 'scrypt' } })
    for (const w of words) expect(keystore).not.toContain(w)
    for (const f of ['keystore.json', 'account.json']) expect((await stat(join(dir, f))).mode & 0o777).toBe(0o600)
    const account = await readFile(join(dir, 'account.json'), 'utf8')
    for (const w of words) expect(account.split(/\W+/)).not.toContain(w)
  })

  it('detects a damaged account.json', async () => {
    const dir = join(await tempDir(), 'acct')
    await init(dir)
    const path = join(dir, 'account.json')
    const info = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    info['deviceIndex'] = 7
    const { writeFile } = await import('node:fs/promises')
    await writeFile(path, JSON.stringify(info))
    const r = await runCli(['whoami', '--data', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/damaged/)
  })
})

describe('xchat verify', () => {
  it('shows both sides the same safety number', async () => {
    const base = await tempDir()
    const a = await init(join(base, 'a'))
    const b = await init(join(base, 'b'))
    const ab = await runCli(['verify', String(b['accountId']), '--json', '--data', join(base, 'a')])
    const ba = await runCli(['verify', String(a['accountId']), '--json', '--data', join(base, 'b')])
    expect(ab.code).toBe(0)
    const x = JSON.parse(ab.stdout) as Record<string, unknown>
    const y = JSON.parse(ba.stdout) as Record<string, unknown>
    expect(x['safetyNumber']).toBe(y['safetyNumber'])
    expect(String(x['safetyNumber'])).toMatch(/^(\d{5} ){11}\d{5}$/)
  })

  it('names the problem in a mistyped account ID', async () => {
    const base = await tempDir()
    const a = await init(join(base, 'a'))
    const id = String(a['accountId'])
    const typo = `${id.slice(0, -1)}${id.endsWith('q') ? 'p' : 'q'}`
    const r = await runCli(['verify', typo, '--data', join(base, 'a')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/checksum/)
  })
})

describe('--help', () => {
  for (const cmd of ['init', 'recover', 'whoami', 'verify']) {
    it(`documents ${cmd}`, async () => {
      const r = await runCli([cmd, '--help'])
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/Usage: xchat/)
    })
  }
})
