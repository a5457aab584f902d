import type { Upload } from './persistence/upload.schema';
import { type Stored } from '@modalflow/database';

/** What a client sees of an upload: not its object keys, owner ids or outbox. */
export type UploadView = Omit<
  Stored<Upload>,
  '_id' | 'tenant_id' | 'user_id' | 'staging_key' | 'object_key' | 'outbox' | 'multipart_upload_id'
>;

export function view(upload: Stored<Upload>): UploadView {
  const { _id, staging_key, object_key, outbox, tenant_id, user_id, multipart_upload_id, ...shown } = upload;
  void [_id, staging_key, object_key, outbox, tenant_id, user_id, multipart_upload_id]; // never shown
  return shown;
}
