import { keySegment, uploadObjectKey } from './object-keys';

describe('object keys', () => {
  it('keeps a segment to letters, digits, dot, dash and underscore, never a path', () => {
    expect(keySegment('deck 2026-11-23.csv')).toBe('deck_2026-11-23.csv');
    expect(keySegment('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(keySegment('Brücke Nord/Süd')).toBe('Br_cke_Nord_S_d');
    expect(keySegment('')).toBe('_');
    expect(keySegment('x'.repeat(300))).toHaveLength(200);
  });

  it('puts an upload under its structure (id or name) and its own id', () => {
    expect(uploadObjectKey('6426ff08edc3cbd39eac2a93', 'u1', 'a.csv')).toBe(
      'structures/6426ff08edc3cbd39eac2a93/uploads/u1/a.csv',
    );
    expect(uploadObjectKey('Lysefjord Bridge', 'u1', 'a b.csv')).toBe(
      'structures/Lysefjord_Bridge/uploads/u1/a_b.csv',
    );
  });
});
