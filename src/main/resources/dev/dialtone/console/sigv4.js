// AWS Signature Version 4 in the browser, with WebCrypto (HMAC-SHA256, SHA-256), as AWS documents it:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
// The server recomputes every signature with the AWS SDK for Java's own signer, so any mistake here fails loudly
// (InvalidSignatureException). Keys are only ever passed in; nothing here stores or logs them.

const encoder = new TextEncoder();

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha256Hex(text) {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key, text) {
  const raw = typeof key === 'string' ? encoder.encode(key) : key;
  const imported = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', imported, encoder.encode(text));
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ percent-encoded, upper-case hex. */
export function uriEncode(text) {
  return Array.from(encoder.encode(text), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }).join('');
}

/** A path whose segments are each uriEncode()d, encoded once more: services other than S3 double-encode. */
function canonicalUri(path) {
  return path.split('/').map(uriEncode).join('/');
}

/** 20240102T030405Z */
export function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Whether this browser can sign: WebCrypto's subtle API exists only in secure contexts (HTTPS, loopback). */
export function canSign() {
  return typeof crypto !== 'undefined' && typeof crypto.subtle !== 'undefined';
}

/**
 * Signs a request; returns the headers to send with it (X-Amz-Date, Authorization, and X-Amz-Security-Token
 * for temporary keys). {@code headers} are the request's other headers to sign (names as sent); the host is
 * the one the browser will send (this page's own).
 */
export async function sign({ method, path, host, headers, body, region, service, credentials, now }) {
  const date = amzDate(now || new Date());
  const day = date.slice(0, 8);
  const signed = { host, 'x-amz-date': date };
  for (const [name, value] of Object.entries(headers)) {
    signed[name.toLowerCase()] = value;
  }
  if (credentials.sessionToken) {
    signed['x-amz-security-token'] = credentials.sessionToken;
  }
  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map((name) => name + ':' + String(signed[name]).trim().replace(/\s+/g, ' ') + '\n').join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [method, canonicalUri(path), '', canonicalHeaders, signedHeaders,
    await sha256Hex(body || '')].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, await sha256Hex(canonicalRequest)].join('\n');
  const kDate = await hmac('AWS4' + credentials.secretAccessKey, day);
  const kRegion = await hmac(kDate, region);
  const kService = await hmac(kRegion, service);
  const kSigning = await hmac(kService, 'aws4_request');
  const signature = hex(await hmac(kSigning, stringToSign));
  const out = {
    'X-Amz-Date': date,
    Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, `
      + `Signature=${signature}`,
  };
  if (credentials.sessionToken) {
    out['X-Amz-Security-Token'] = credentials.sessionToken;
  }
  return out;
}
