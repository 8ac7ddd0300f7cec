// The console's only way to the server: the Glue API (POST / with X-Amz-Target, AWS JSON 1.1) and Dialtone's
// read-only extensions under /dialtone/v1, exactly as any client calls them, signed when keys are given.
import { sign, canSign, uriEncode } from './sigv4.js';

/** In the laptop mode any key is accepted; a signature still carries the region, which picks the catalog. */
const ANONYMOUS = Object.freeze({ accessKeyId: 'DIALTONECONSOLE', secretAccessKey: 'laptop-mode-any-key-works' });

// Held only here, in memory: never in storage, a cookie or a URL; gone when the page reloads.
let credentials = null;
let region = 'us-east-1';

export class ApiError extends Error {
  constructor(type, message, status) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export function signIn(keys) {
  credentials = Object.freeze({ ...keys });
}

export function signOut() {
  credentials = null;
}

export function signedIn() {
  return credentials !== null;
}

export function accessKeyId() {
  return credentials ? credentials.accessKeyId : null;
}

export function setRegion(value) {
  region = value;
}

export function currentRegion() {
  return region;
}

async function send(method, path, target, body, extraHeaders) {
  const headers = { ...extraHeaders };
  if (target) {
    headers['X-Amz-Target'] = target;
  }
  const init = { method, headers: { ...headers }, credentials: 'omit', cache: 'no-store', redirect: 'error',
    referrerPolicy: 'no-referrer' };
  if (body !== undefined) {
    init.body = body;
    init.headers['Content-Type'] = 'application/x-amz-json-1.1';
  }
  if (canSign()) {
    Object.assign(init.headers, await sign({ method, path, host: location.host, headers, body: body || '', region,
      service: 'glue', credentials: credentials || ANONYMOUS }));
  } else if (credentials) {
    throw new ApiError('ConsoleError', 'This browser cannot sign requests on a page served over plain HTTP from '
      + 'another machine (WebCrypto needs HTTPS or a loopback address).', 0);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError('NetworkError', 'The server did not answer: ' + e.message, 0);
  }
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch (e) {
    throw new ApiError('ConsoleError', `The server answered ${response.status} with something that is not JSON.`,
      response.status);
  }
  if (!response.ok) {
    const type = String(json.__type || response.headers.get('x-amzn-ErrorType') || 'Error').split('#').pop().split(':')[0];
    throw new ApiError(type, String(json.Message || json.message || `HTTP ${response.status}`), response.status);
  }
  return json;
}

/** One Glue operation. */
export function call(operation, input, extraHeaders = {}) {
  return send('POST', '/', 'AWSGlue.' + operation, JSON.stringify(input || {}), extraHeaders);
}

/** The kept test reports of a connection, newest first. */
export function history(catalogId, name) {
  return send('GET', `/dialtone/v1/catalogs/${uriEncode(catalogId)}/connections/${uriEncode(name)}/tests`);
}

/** What a test this page started (with its own test id) has done so far. */
export function progress(testId) {
  return send('GET', `/dialtone/v1/tests/${uriEncode(testId)}/progress`);
}

/** A fresh id for a test to watch. */
export function newTestId() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
