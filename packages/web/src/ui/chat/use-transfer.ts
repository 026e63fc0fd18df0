import { useEffect, useState } from 'preact/hooks'
import type { ChatBackend } from '../../app/chat-backend.js'
import type { Transfer } from '../../app/transfers.js'

/** The transfer of one file message, kept current from backend events. */
export function useTransfer(backend: ChatBackend, id: string): Transfer | undefined {
  const [transfer, setTransfer] = useState<Transfer | undefined>(() => backend.transfer(id))
  useEffect(() => {
    setTransfer(backend.transfer(id))
    return backend.subscribe((e) => {
      if (e.type === 'transfer' && e.transfer.id === id) setTransfer(e.transfer)
    })
  }, [backend, id])
  return transfer
}
