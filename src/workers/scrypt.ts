/**
 * scrypt (RFC 7914) over WebCrypto's PBKDF2-HMAC-SHA-256 and a Salsa20/8 core in plain
 * TypeScript: WebCrypto has no scrypt, and the hashes a district made on Node
 * (node/scrypt-hasher.ts, `scrypt$N$r$p$salt$hash`) must verify after its data moves to D1.
 * The Node default (N = 2^15, r = 8, p = 3) needs 32 MiB and about 0.5–1.5 s of CPU here.
 */

async function pbkdf2(password: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>, bytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 1 }, key, bytes * 8));
}

const rotl = (a: number, b: number) => (a << b) | (a >>> (32 - b));

/** Salsa20/8 of the 16 words at B[bi..], in place. */
function salsa8(B: Uint32Array, bi: number, x: Uint32Array): void {
  for (let i = 0; i < 16; i++) x[i] = B[bi + i] as number;
  let x0 = x[0] as number, x1 = x[1] as number, x2 = x[2] as number, x3 = x[3] as number, x4 = x[4] as number, x5 = x[5] as number, x6 = x[6] as number, x7 = x[7] as number;
  let x8 = x[8] as number, x9 = x[9] as number, x10 = x[10] as number, x11 = x[11] as number, x12 = x[12] as number, x13 = x[13] as number, x14 = x[14] as number, x15 = x[15] as number;
  for (let i = 0; i < 8; i += 2) {
    x4 ^= rotl((x0 + x12) | 0, 7); x8 ^= rotl((x4 + x0) | 0, 9); x12 ^= rotl((x8 + x4) | 0, 13); x0 ^= rotl((x12 + x8) | 0, 18);
    x9 ^= rotl((x5 + x1) | 0, 7); x13 ^= rotl((x9 + x5) | 0, 9); x1 ^= rotl((x13 + x9) | 0, 13); x5 ^= rotl((x1 + x13) | 0, 18);
    x14 ^= rotl((x10 + x6) | 0, 7); x2 ^= rotl((x14 + x10) | 0, 9); x6 ^= rotl((x2 + x14) | 0, 13); x10 ^= rotl((x6 + x2) | 0, 18);
    x3 ^= rotl((x15 + x11) | 0, 7); x7 ^= rotl((x3 + x15) | 0, 9); x11 ^= rotl((x7 + x3) | 0, 13); x15 ^= rotl((x11 + x7) | 0, 18);
    x1 ^= rotl((x0 + x3) | 0, 7); x2 ^= rotl((x1 + x0) | 0, 9); x3 ^= rotl((x2 + x1) | 0, 13); x0 ^= rotl((x3 + x2) | 0, 18);
    x6 ^= rotl((x5 + x4) | 0, 7); x7 ^= rotl((x6 + x5) | 0, 9); x4 ^= rotl((x7 + x6) | 0, 13); x5 ^= rotl((x4 + x7) | 0, 18);
    x11 ^= rotl((x10 + x9) | 0, 7); x8 ^= rotl((x11 + x10) | 0, 9); x9 ^= rotl((x8 + x11) | 0, 13); x10 ^= rotl((x9 + x8) | 0, 18);
    x12 ^= rotl((x15 + x14) | 0, 7); x13 ^= rotl((x12 + x15) | 0, 9); x14 ^= rotl((x13 + x12) | 0, 13); x15 ^= rotl((x14 + x13) | 0, 18);
  }
  const out = [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15];
  for (let i = 0; i < 16; i++) B[bi + i] = ((B[bi + i] as number) + (out[i] as number)) | 0;
}

/** BlockMix_salsa20/8 of X (32r words) into Y, then back into X. */
function blockMix(X: Uint32Array, Y: Uint32Array, r: number, T: Uint32Array, x: Uint32Array): void {
  T.set(X.subarray((2 * r - 1) * 16, 2 * r * 16));
  for (let i = 0; i < 2 * r; i++) {
    for (let k = 0; k < 16; k++) T[k] = (T[k] as number) ^ (X[i * 16 + k] as number);
    salsa8(T, 0, x);
    // even blocks first, then odd ones
    Y.set(T, ((i & 1) * r + (i >> 1)) * 16);
  }
  X.set(Y);
}

function roMix(B: Uint8Array, offset: number, N: number, r: number): void {
  const words = 32 * r;
  const X = new Uint32Array(words);
  const view = new DataView(B.buffer, B.byteOffset + offset, 128 * r);
  for (let i = 0; i < words; i++) X[i] = view.getUint32(i * 4, true);
  const V = new Uint32Array(N * words);
  const Y = new Uint32Array(words);
  const T = new Uint32Array(16);
  const x = new Uint32Array(16);
  for (let i = 0; i < N; i++) {
    V.set(X, i * words);
    blockMix(X, Y, r, T, x);
  }
  for (let i = 0; i < N; i++) {
    const j = ((X[(2 * r - 1) * 16] as number) >>> 0) & (N - 1);
    for (let k = 0; k < words; k++) X[k] = (X[k] as number) ^ (V[j * words + k] as number);
    blockMix(X, Y, r, T, x);
  }
  for (let i = 0; i < words; i++) view.setUint32(i * 4, X[i] as number, true);
}

/** scrypt(password, salt, N, r, p) of `length` bytes; N a power of two. */
export async function scrypt(password: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>, N: number, r: number, p: number, length: number): Promise<Uint8Array> {
  const B = await pbkdf2(password, salt, p * 128 * r);
  for (let i = 0; i < p; i++) roMix(B, i * 128 * r, N, r);
  return pbkdf2(password, B, length);
}
