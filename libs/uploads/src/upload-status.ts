import type { StatusEvent, StatusMoves } from '@modalflow/contracts';

/** Lifecycle of an upload: UPLOADING (bytes arriving) -> QUEUED -> PROCESSING -> DONE, or ERROR. */
export const UPLOAD_STATUSES = ['UPLOADING', 'QUEUED', 'PROCESSING', 'DONE', 'ERROR'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** The allowed moves, by the status moved to (UploadStatusChanges moves uploads only along them). */
export const UPLOAD_MOVES: StatusMoves<UploadStatus> = {
  /** Created so; never moved back. */
  UPLOADING: [],
  /** Its bytes are all in object storage. */
  QUEUED: ['UPLOADING'],
  /** The fetch worker checks it. */
  PROCESSING: ['QUEUED'],
  DONE: ['PROCESSING'],
  /** Refused, cut short, abandoned (the stale sweep) or unreadable. */
  ERROR: ['UPLOADING', 'QUEUED', 'PROCESSING'],
};

/** The status event of an upload: bytes so far and, when the size is known, the percentage. */
export function uploadStatusEvent(upload: {
  id: string;
  structure_id: string;
  tenant_id: number;
  user_id: number;
  status: UploadStatus;
  bytes_received: number;
  size?: number;
  error?: string;
}): StatusEvent {
  return {
    tenant_id: upload.tenant_id,
    user_id: upload.user_id,
    document_id: upload.id,
    run_type: 'UPLOAD',
    structure_id: upload.structure_id,
    status: upload.status,
    counts: {
      bytes: upload.bytes_received,
      ...(upload.size
        ? {
            size: upload.size,
            percent: Math.min(100, Math.floor((100 * upload.bytes_received) / upload.size)),
          }
        : {}),
    },
    ...(upload.error ? { message: upload.error } : {}),
  };
}
