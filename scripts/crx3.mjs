// Writes a CRX3 file (Chrome's signed extension package) from a zip and an
// RSA private key, and prints the extension ID the key gives. No browser
// needed, and the output is deterministic for the same zip and key.
//
// Format (components/crx_file/crx3.proto): "Cr24", version 3 (uint32 LE),
// header length (uint32 LE), a CrxFileHeader protobuf, then the zip. The
// header holds the RSA public key and a signature over
// "CRX3 SignedData\0" + len(signed_header_data) + signed_header_data + zip,
// where signed_header_data is SignedData{crx_id: first 16 bytes of
// SHA-256(public key)}.
//
// usage: node scripts/crx3.mjs KEY.pem IN.zip OUT.crx   (prints the ID)
//        node scripts/crx3.mjs --id KEY.pem              (ID and base64 key)
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

function varint(n) {
  const out = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

/** A length-delimited protobuf field (wire type 2). */
function field(number, bytes) {
  return Buffer.concat([varint(number * 8 + 2), varint(bytes.length), bytes]);
}

function u32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

export function keyInfo(pemPath) {
  const priv = createPrivateKey(readFileSync(pemPath));
  const spki = createPublicKey(priv).export({ type: 'spki', format: 'der' });
  const crxId = createHash('sha256').update(spki).digest().subarray(0, 16);
  const id = [...crxId.toString('hex')].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  return { priv, spki, crxId, id, publicKeyBase64: spki.toString('base64') };
}

export function writeCrx3(pemPath, zipPath, outPath) {
  const { priv, spki, crxId, id } = keyInfo(pemPath);
  const archive = readFileSync(zipPath);
  const signedHeaderData = field(1, crxId);
  const signature = sign('sha256', Buffer.concat([
    Buffer.from('CRX3 SignedData\x00', 'binary'), u32(signedHeaderData.length), signedHeaderData, archive,
  ]), priv);
  const proof = Buffer.concat([field(1, spki), field(2, signature)]);
  const header = Buffer.concat([field(2, proof), field(10000, signedHeaderData)]);
  writeFileSync(outPath, Buffer.concat([Buffer.from('Cr24'), u32(3), u32(header.length), header, archive]));
  return id;
}

const args = process.argv.slice(2);
if (args[0] === '--id' && args.length === 2) {
  const k = keyInfo(args[1]);
  console.log(`${k.id} ${k.publicKeyBase64}`);
} else if (args.length === 3) {
  console.log(writeCrx3(args[0], args[1], args[2]));
} else if (args.length) {
  console.error('usage: node scripts/crx3.mjs KEY.pem IN.zip OUT.crx | --id KEY.pem');
  process.exit(2);
}
