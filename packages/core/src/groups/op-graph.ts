/**
 * The ops of one group as a graph, and the one order every member folds them
 * in (docs/protocol/groups.md "Forks"). Two admins appending on the same head
 * at once make a fork; both ops are kept, ordered by (height, hash), and
 * folded leniently: what no longer applies is skipped, an op whose author lost
 * the right to make it is dropped. The state is a function of the set of ops
 * alone, so members converge whatever order the ops arrive in.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { XchatError, isXchatError } from '../errors.js'
import type { GroupOp } from './op.js'
import { MEMBERSHIP_KINDS, createState, effectOf, type GroupState } from './state.js'
import { MAX_FORK_DEPTH, MAX_FORK_WIDTH } from './constants.js'

interface Node {
  readonly op: GroupOp
  readonly hash: string
  /** hex hashes of prev and merged */
  readonly parents: readonly string[]
  /** 0 for create, else 1 + the highest parent's */
  readonly height: number
  children: number
}

/** The parents of an op: `prev` (none for create) and the tips it merges, as hex. */
export function parentsOf(op: GroupOp): string[] {
  return op.kind === 'create' ? [] : [op.prev, ...op.merged].map(bytesToHex)
}

/** The merged order: by height (so every op comes after its parents), then by hash. */
function byOrder(a: Node, b: Node): number {
  return a.height - b.height || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0)
}

/**
 * Fold ops in the merged order. An op is linear when its only parent is the
 * op just before it. The epoch counts membership ops plus ops that are not
 * linear, so the epoch after a merge is above the epoch of every branch
 * and sender keys move on. An op the state does not allow there is dropped
 * (it still counts for the epoch, so adding ops never lowers it).
 */
function fold(nodes: readonly Node[]): GroupState | undefined {
  const sorted = [...nodes].sort(byOrder)
  let state: GroupState | undefined
  for (const node of sorted) {
    const op = node.op
    if (state === undefined) {
      state = createState(op)
      continue
    }
    const linear = node.parents.length === 1 && node.parents[0] === bytesToHex(state.head)
    let effect: Pick<GroupState, 'id' | 'name' | 'members' | 'usedInvites'> = state
    try {
      effect = effectOf(state, op, true)
    } catch (err) {
      if (!isXchatError(err)) throw err // dropped: its author may no longer do it, or nothing is left to do
    }
    // both count: the merged epoch is then above every branch's (each branch is linear from the fork)
    const epoch = state.epoch + (MEMBERSHIP_KINDS.has(op.kind) ? 1 : 0) + (linear ? 0 : 1)
    state = { ...effect, head: op.hash, length: state.length + 1, epoch }
  }
  return state
}

/** One group's ops. Not thread-safe: the engine holds its lock. */
export class OpGraph {
  readonly #nodes = new Map<string, Node>()
  /** in the order added: parents always before children (what is stored) */
  readonly #added: GroupOp[] = []
  readonly #tips = new Set<string>()
  #state: GroupState | undefined
  #maxHeight = 0

  /** The folded state; undefined before the create op. */
  get state(): GroupState | undefined {
    return this.#state
  }

  /** Every op, parents before children. */
  get ops(): readonly GroupOp[] {
    return this.#added
  }

  /** The tips other than the head: what a new op must name in `merged`. */
  otherTips(): Uint8Array[] {
    const head = this.#state === undefined ? '' : bytesToHex(this.#state.head)
    return [...this.#tips].filter((t) => t !== head).map((t) => (this.#nodes.get(t) as Node).op.hash)
  }

  has(hash: Uint8Array | string): boolean {
    return this.#nodes.has(typeof hash === 'string' ? hash : bytesToHex(hash))
  }

  /** Every parent of the op is here (else it waits for them). */
  linked(op: GroupOp): boolean {
    return op.kind === 'create' ? this.#nodes.size === 0 : parentsOf(op).every((p) => this.#nodes.has(p))
  }

  copy(): OpGraph {
    const g = new OpGraph()
    for (const [k, n] of this.#nodes) g.#nodes.set(k, { ...n })
    g.#added.push(...this.#added)
    for (const t of this.#tips) g.#tips.add(t)
    g.#state = this.#state
    g.#maxHeight = this.#maxHeight
    return g
  }

  /**
   * Add a verified op whose parents are all here. Its author must have had
   * the right to make it in its own view: the fold of the op's ancestors (a
   * function of the op alone, so every member decides the same). Outsiders and
   * members without the right cannot add anything.
   * @returns the author's view the op was checked in
   * @throws XchatError GROUP_OUT_OF_ORDER (parents missing, second create) | GROUP_FORK_LIMIT |
   *   GROUP_UNAUTHORISED | NOT_A_MEMBER | GROUP_FULL | INVITE_INVALID | MALFORMED
   */
  add(op: GroupOp): GroupState {
    const hash = bytesToHex(op.hash)
    if (this.#nodes.has(hash)) throw new XchatError('MALFORMED', 'the op is here already')
    if (!this.linked(op)) throw new XchatError('GROUP_OUT_OF_ORDER', 'the op does not link to the ops held')
    if (op.kind === 'create') {
      const state = createState(op)
      this.#insert({ op, hash, parents: [], height: 0, children: 0 })
      this.#state = state
      return state
    }
    const parents = parentsOf(op).map((p) => this.#nodes.get(p) as Node)
    if (parents.some((p) => p.children >= MAX_FORK_WIDTH))
      throw new XchatError('GROUP_FORK_LIMIT', `at most ${MAX_FORK_WIDTH} concurrent ops on one op`)
    const height = 1 + Math.max(...parents.map((p) => p.height))
    if (height + MAX_FORK_DEPTH < this.#maxHeight)
      throw new XchatError('GROUP_FORK_LIMIT', `the op starts more than ${MAX_FORK_DEPTH} ops below the newest`)
    const current = this.#state as GroupState
    // usual case: the author saw exactly what we hold, so its view is our state
    const whole = parents.length === this.#tips.size && parents.every((p) => this.#tips.has(p.hash))
    const view = whole ? current : (fold(this.#ancestors(parents)) as GroupState)
    effectOf(view, op, false)
    const node: Node = { op, hash, parents: parents.map((p) => p.hash), height, children: 0 }
    this.#insert(node)
    const linear = whole && parents.length === 1 && bytesToHex(current.head) === node.parents[0]
    if (linear) {
      const effect = effectOf(current, op, true)
      this.#state = { ...effect, head: op.hash, length: current.length + 1, epoch: current.epoch + (MEMBERSHIP_KINDS.has(op.kind) ? 1 : 0) }
    } else this.#state = fold([...this.#nodes.values()])
    return view
  }

  #insert(node: Node): void {
    for (const p of node.parents) {
      const parent = this.#nodes.get(p) as Node
      parent.children++
      this.#tips.delete(p)
    }
    this.#nodes.set(node.hash, node)
    this.#tips.add(node.hash)
    this.#added.push(node.op)
    this.#maxHeight = Math.max(this.#maxHeight, node.height)
  }

  /** The given nodes and all their ancestors. */
  #ancestors(from: readonly Node[]): Node[] {
    const seen = new Map<string, Node>()
    const stack = [...from]
    while (stack.length > 0) {
      const n = stack.pop() as Node
      if (seen.has(n.hash)) continue
      seen.set(n.hash, n)
      for (const p of n.parents) stack.push(this.#nodes.get(p) as Node)
    }
    return [...seen.values()]
  }
}
