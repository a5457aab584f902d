/** Text made safe as one segment of an object key: anything but letters, digits, `.`, `-`, `_` becomes `_`. */
export function keySegment(text: string): string {
  return (
    text
      .replace(/[^\w.-]+/g, '_')
      .replace(/^\.+/, '_')
      .slice(0, 200) || '_'
  );
}

/**
 * Where a finished upload is kept in FILE_BUCKET: under its structure (by id, or by name with
 * USE_S3_STRING_PATHS), then its own id, so two uploads never share a key.
 */
export function uploadObjectKey(structure: string, uploadId: string, fileName: string): string {
  return `structures/${keySegment(structure)}/uploads/${uploadId}/${keySegment(fileName)}`;
}
