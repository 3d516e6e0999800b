import selfsigned from 'selfsigned';

export interface SelfSignedCertificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate; also what a client would trust as its CA. */
  cert: string;
}

let cached: SelfSignedCertificate | undefined;

/**
 * A certificate for `localhost` / `127.0.0.1`, generated once per process: RSA key generation in
 * pure JS takes a fraction of a second, which adds up across many HTTPS sinks in one test file.
 */
export function selfSignedCertificate(): SelfSignedCertificate {
  if (cached) return cached;
  const generated = selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    days: 7,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  cached = { key: generated.private, cert: generated.cert };
  return cached;
}
