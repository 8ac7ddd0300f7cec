// The Dialtone console: a list of a catalog's connections, a page per connection (definition, Test now, history
// as a table and as timelines), create/edit forms generated from DescribeConnectionType, and a live test whose
// stages tick in. Every request is an ordinary API call (api.js); every value is inserted as text (dom.js).
import * as api from './api.js';
import { h, show, ago, isoTime, firstLine, millis } from './dom.js';
import { timeline, STAGES } from './timeline.js';
import * as cli from './cli.js';

const PAGE_SIZE = 50;
const MAX_PAGES_PER_SCAN = 20;
const POLL_MS = 150;
const SIGN_IN_ERRORS = new Set(['MissingAuthenticationTokenException', 'UnrecognizedClientException',
  'InvalidSignatureException', 'IncompleteSignatureException']);

const state = {
  mode: 'unknown', // 'laptop' (any key works) or 'signed' (keys needed)
  account: '',
  types: null, // ListConnectionTypes' ConnectionTypes
  described: new Map(),
};

const view = () => document.getElementById('view');
const catalogInput = () => document.getElementById('catalog-id');
const regionInput = () => document.getElementById('region');

function catalogId() {
  return catalogInput().value.trim();
}

/** The CatalogId member of a request: none means the caller's own catalog. */
function scoped(input) {
  return catalogId() ? { CatalogId: catalogId(), ...input } : { ...input };
}

/** The catalog as a path segment needs it (the history endpoint always names one). */
function catalogForPath() {
  return catalogId() || state.account || '000000000000';
}

function route() {
  const hash = location.hash || '#/';
  const parts = hash.slice(2).split('/');
  return { page: parts[0] || 'list', arg: parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : null };
}

function connectionHref(name) {
  return '#/c/' + encodeURIComponent(name);
}

function errorText(e) {
  return e instanceof api.ApiError ? `${e.type}: ${e.message}` : String(e && e.message ? e.message : e);
}

function alertBox(message) {
  return h('p', { class: 'error', role: 'alert' }, message);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------------- identity

function renderIdentity() {
  const box = document.getElementById('identity');
  if (api.signedIn()) {
    show(box, h('span', {}, 'Signed in as ', h('code', {}, api.accessKeyId())), ' ',
      h('button', { type: 'button', on: { click: () => { api.signOut(); state.mode = 'signed'; renderIdentity(); render(); } } },
        'Sign out'));
  } else if (state.mode === 'laptop') {
    show(box, h('span', { class: 'mode' }, 'Laptop mode: no sign-in needed'));
  } else if (state.mode === 'signed') {
    show(box, h('span', { class: 'mode' }, 'Sign-in required'));
  } else {
    show(box);
  }
}

async function detectMode() {
  try {
    const answer = await api.call('ListConnectionTypes', {});
    state.types = answer.ConnectionTypes || [];
    state.mode = api.signedIn() ? 'signed' : 'laptop';
    if (!api.signedIn() && !catalogId()) {
      catalogInput().value = '000000000000';
    }
  } catch (e) {
    if (e instanceof api.ApiError && SIGN_IN_ERRORS.has(e.type)) {
      state.mode = 'signed';
    } else {
      throw e;
    }
  }
  renderIdentity();
}

function renderSignIn(problem) {
  const keyId = h('input', { id: 'access-key-id', name: 'access-key-id', autocomplete: 'off', spellcheck: 'false',
    required: true, 'aria-describedby': 'keys-help' });
  const secret = h('input', { id: 'secret-access-key', name: 'secret-access-key', type: 'password', autocomplete: 'off',
    required: true, 'aria-describedby': 'keys-help' });
  const token = h('input', { id: 'session-token', name: 'session-token', type: 'password', autocomplete: 'off' });
  const account = h('input', { id: 'account-id', name: 'account-id', inputmode: 'numeric', pattern: '[0-9]{12}',
    maxlength: '12', autocomplete: 'off', required: true, 'aria-describedby': 'account-help' });
  const status = h('div', { id: 'sign-in-status', 'aria-live': 'assertive' }, problem ? alertBox(problem) : null);
  const form = h('form', { class: 'card sign-in', id: 'sign-in', novalidate: true, on: { submit: async (event) => {
    event.preventDefault();
    const keys = { accessKeyId: keyId.value.trim(), secretAccessKey: secret.value };
    if (token.value.trim()) {
      keys.sessionToken = token.value.trim();
    }
    // The typed secret leaves the form at once: only api.js's memory holds it from here.
    secret.value = '';
    token.value = '';
    if (!keys.accessKeyId || !keys.secretAccessKey) {
      show(status, alertBox('Give an access key id and its secret access key.'));
      return;
    }
    if (!/^[0-9]{12}$/.test(account.value.trim())) {
      show(status, alertBox('Give the 12-digit account id of your principal (its ARN names it).'));
      return;
    }
    api.signIn(keys);
    show(status, h('p', {}, 'Checking the keys…'));
    try {
      const answer = await api.call('ListConnectionTypes', {});
      state.types = answer.ConnectionTypes || [];
      state.account = account.value.trim();
      catalogInput().value = state.account;
      renderIdentity();
      location.hash = '#/';
      render();
    } catch (e) {
      api.signOut();
      show(status, alertBox(errorText(e)));
    }
  } } },
  h('h2', {}, 'Sign in'),
  h('p', {}, 'This server requires signed requests. The console signs each request in this page (AWS Signature '
    + 'Version 4): your secret access key never leaves the browser.'),
  h('p', { id: 'keys-help', class: 'note' }, 'Your keys are held only in this page\'s memory: never stored, never in '
    + 'a cookie or the address. They are lost when you reload or close the page, and you sign in again.'),
  h('div', { class: 'field' }, h('label', { for: 'access-key-id' }, 'Access key id'), keyId),
  h('div', { class: 'field' }, h('label', { for: 'secret-access-key' }, 'Secret access key'), secret),
  h('div', { class: 'field' }, h('label', { for: 'session-token' }, 'Session token (temporary keys only)'), token),
  h('div', { class: 'field' }, h('label', { for: 'account-id' }, 'Account id'), account,
    h('p', { id: 'account-help', class: 'help' }, 'The account in your principal\'s ARN: its catalog is shown.')),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
  status);
  show(view(), form);
  keyId.focus();
}

// ---------------------------------------------------------------------------------------------------- list

function statusOf(connection) {
  if (!connection.LastConnectionValidationTime) {
    return { key: 'never', word: 'never tested' };
  }
  if (connection.Status === 'READY') {
    return { key: 'ready', word: 'READY' };
  }
  if (connection.Status === 'FAILED') {
    return { key: 'failed', word: 'FAILED' };
  }
  return { key: 'other', word: String(connection.Status || 'unknown') };
}

function badge(status) {
  return h('span', { class: 'badge ' + status.key, 'data-status': status.word },
    h('span', { class: 'dot', 'aria-hidden': 'true' }), status.word);
}

function failingStage(reason) {
  const match = /\b(?:at|in) (RESOLVE|CONNECT|TLS|HANDSHAKE|AUTHENTICATE|AUTHORIZE)\b/.exec(String(reason || ''));
  return match ? match[1] : '';
}

async function typeChoices() {
  if (!state.types) {
    state.types = (await api.call('ListConnectionTypes', {})).ConnectionTypes || [];
  }
  return state.types;
}

async function renderList() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const search = h('input', { id: 'search', type: 'search', placeholder: 'part of a name', value: params.get('q') || '',
    autocomplete: 'off' });
  const typeSelect = h('select', { id: 'type-filter' }, h('option', { value: '' }, 'any type'));
  const statusSelect = h('select', { id: 'status-filter' },
    ['', 'READY', 'FAILED', 'never tested'].map((s) => h('option', { value: s, selected: s === (params.get('status') || '') },
      s || 'any status')));
  const summary = h('p', { id: 'list-summary', class: 'summary', 'aria-live': 'polite' }, 'Loading…');
  const body = h('tbody', {});
  const table = h('table', { class: 'connections', id: 'connections' },
    h('caption', { class: 'sr-only' }, 'Connections of the catalog'),
    h('thead', {}, h('tr', {}, ['Name', 'Type', 'Status', 'Last tested', 'Failing stage', 'Reason']
      .map((label) => h('th', { scope: 'col' }, label)))),
    body);
  const previous = h('button', { type: 'button', id: 'previous-page', disabled: true }, 'Previous');
  const next = h('button', { type: 'button', id: 'next-page', disabled: true }, 'Next');
  const problem = h('div', { 'aria-live': 'assertive' });

  show(view(), h('section', { class: 'list' },
    h('div', { class: 'title-row' }, h('h2', {}, 'Connections'),
      h('a', { href: '#/new', class: 'button primary', id: 'new-connection' }, 'New connection')),
    h('form', { class: 'filters', role: 'search', on: { submit: (e) => { e.preventDefault(); restart(); } } },
      h('div', { class: 'field' }, h('label', { for: 'search' }, 'Name'), search),
      h('div', { class: 'field' }, h('label', { for: 'type-filter' }, 'Type'), typeSelect),
      h('div', { class: 'field' }, h('label', { for: 'status-filter' }, 'Status'), statusSelect),
      h('button', { type: 'submit' }, 'Filter')),
    problem, summary, h('div', { class: 'table-wrap' }, table), h('div', { class: 'pager' }, previous, next)));

  try {
    for (const type of await typeChoices()) {
      typeSelect.appendChild(h('option', { value: type.ConnectionType, selected: type.ConnectionType === params.get('type') },
        type.ConnectionType));
    }
  } catch (e) {
    show(problem, alertBox(errorText(e)));
  }

  // Pages of the API (NextToken); a name or status filter reads on until a screenful matches.
  let starts = [undefined];
  let position = 0;
  let nextToken;

  function matches(connection) {
    const q = search.value.trim().toLowerCase();
    if (q && !String(connection.Name).toLowerCase().includes(q)) {
      return false;
    }
    return !statusSelect.value || statusOf(connection).word === statusSelect.value;
  }

  async function load(start) {
    show(problem);
    summary.textContent = 'Loading…';
    previous.disabled = true;
    next.disabled = true;
    const filtered = search.value.trim() || statusSelect.value;
    const rows = [];
    let token = start;
    let scanned = 0;
    let pages = 0;
    try {
      do {
        const input = scoped({ HidePassword: true, MaxResults: PAGE_SIZE });
        if (typeSelect.value) {
          input.Filter = { ConnectionType: typeSelect.value };
        }
        if (token) {
          input.NextToken = token;
        }
        const answer = await api.call('GetConnections', input);
        const list = answer.ConnectionList || [];
        scanned += list.length;
        rows.push(...list.filter(matches));
        token = answer.NextToken;
        pages += 1;
      } while (filtered && token && rows.length < PAGE_SIZE && pages < MAX_PAGES_PER_SCAN);
    } catch (e) {
      show(problem, alertBox(errorText(e)));
      summary.textContent = '';
      return;
    }
    nextToken = token;
    show(body, rows.map(row));
    summary.textContent = rows.length === 0
      ? (scanned === 0 ? 'No connections in this catalog yet.' : `No connection matches (${scanned} read).`)
      : `${rows.length} shown` + (filtered ? ` of ${scanned} read` : '') + (token ? '; more on the next page.' : '.');
    previous.disabled = position === 0;
    next.disabled = !token;
  }

  function row(connection) {
    const status = statusOf(connection);
    const tested = connection.LastConnectionValidationTime;
    return h('tr', { 'data-name': connection.Name },
      h('td', { 'data-label': 'Name' }, h('a', { href: connectionHref(connection.Name), class: 'name' }, connection.Name)),
      h('td', { 'data-label': 'Type' }, connection.ConnectionType || ''),
      h('td', { 'data-label': 'Status' }, badge(status)),
      h('td', { 'data-label': 'Last tested' }, tested ? h('time', { datetime: isoTime(tested), title: isoTime(tested) },
        ago(tested)) : '—'),
      h('td', { 'data-label': 'Failing stage' }, status.key === 'failed' ? failingStage(connection.StatusReason) : ''),
      h('td', { 'data-label': 'Reason', class: 'reason' }, status.key === 'failed' ? firstLine(connection.StatusReason) : ''));
  }

  function restart() {
    starts = [undefined];
    position = 0;
    load(undefined);
  }

  previous.addEventListener('click', () => {
    position = Math.max(0, position - 1);
    load(starts[position]);
  });
  next.addEventListener('click', () => {
    position += 1;
    starts[position] = nextToken;
    load(nextToken);
  });
  typeSelect.addEventListener('change', restart);
  statusSelect.addEventListener('change', restart);
  await load(undefined);
}

// ---------------------------------------------------------------------------------------------------- live test

/**
 * Runs TestConnection with a test id of this page's choosing and, while it runs, polls that test's progress so
 * its stages tick in. Ends with the API's own answer: the message the CLI and SDKs show.
 */
async function liveTest(panel, input, heading) {
  const testId = api.newTestId();
  const picture = h('div', { class: 'live-picture' }, timeline({ Stages: [] }, { stage: 'RESOLVE', millis: 0 }));
  const said = h('p', { class: 'live-status', id: 'live-status', role: 'status', 'aria-live': 'polite' }, 'Test started…');
  const outcome = h('div', { class: 'live-outcome', id: 'live-outcome' });
  show(panel, h('h3', {}, heading), picture, said, outcome);
  panel.hidden = false;
  panel.setAttribute('data-state', 'running');
  let settled = null;
  const answer = api.call('TestConnection', scoped(input), { 'X-Dialtone-Test-Id': testId })
    .then((value) => { settled = { ok: true, value }; }, (error) => { settled = { ok: false, error }; });
  const announced = new Set();
  let last = null;
  while (!settled) {
    try {
      last = await api.progress(testId);
      if (!settled && last.State === 'RUNNING') {
        show(picture, timeline(last, { stage: last.CurrentStage, millis: Number(last.CurrentStageMillis) }));
        const fresh = (last.Stages || []).filter((s) => !announced.has(s.Stage));
        fresh.forEach((s) => announced.add(s.Stage));
        if (fresh.length) {
          said.textContent = fresh.map((s) => `${s.Stage} done in ${millis(s.Millis)}`).join('; ')
            + `; now ${last.CurrentStage}…`;
        }
      }
    } catch (e) {
      // Not started yet (the test request is still on its way): try again.
    }
    if (!settled) {
      await sleep(POLL_MS);
    }
  }
  await answer;
  try {
    last = await api.progress(testId);
  } catch (e) {
    // Kept a minute after the end; the API's answer below is what counts.
  }
  const report = last && last.State === 'ENDED' ? last : { Stages: [] };
  show(picture, timeline(report));
  panel.setAttribute('data-state', settled.ok ? 'passed' : 'failed');
  if (settled.ok) {
    said.textContent = 'Test passed.';
    show(outcome, h('p', { class: 'ok' }, h('strong', {}, 'READY '), report.Message || 'The connection test succeeded.'));
  } else {
    said.textContent = `Test failed: ${settled.error.message}`;
    show(outcome, h('p', { class: 'error', id: 'live-error' }, h('strong', {}, settled.error.type + ': '),
      settled.error.message));
  }
  return settled;
}

// ---------------------------------------------------------------------------------------------------- connection

async function describe(type) {
  if (!state.described.has(type)) {
    state.described.set(type, await api.call('DescribeConnectionType', { ConnectionType: type }));
  }
  return state.described.get(type);
}

function declaredSecrets(description) {
  return Object.values((description && description.ConnectionProperties) || {})
    .filter((p) => (p.PropertyTypes || []).includes('SECRET')).map((p) => p.Name);
}

function cliBox(id) {
  return h('div', { class: 'cli', id: id + '-box', hidden: true },
    h('label', { for: id }, 'Equivalent AWS CLI command (secrets replaced by placeholders)'),
    h('textarea', { id, readonly: true, spellcheck: 'false', class: 'cli-text' }));
}

function showCli(box, text) {
  box.hidden = false;
  const area = box.querySelector('textarea');
  area.value = text;
  area.rows = Math.min(12, 2 + Math.ceil(text.length / 90));
  area.focus();
  area.select();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).catch(() => { /* shown above to copy by hand */ });
  }
}

async function renderConnection(name) {
  show(view(), h('p', {}, 'Loading…'));
  let connection;
  try {
    connection = (await api.call('GetConnection', scoped({ Name: name, HidePassword: true }))).Connection;
  } catch (e) {
    show(view(), h('p', {}, h('a', { href: '#/' }, '← Connections')), alertBox(errorText(e)));
    return;
  }
  let description = null;
  try {
    description = await describe(connection.ConnectionType);
  } catch (e) {
    // A type Dialtone cannot test has no declarations: the definition is still shown.
  }
  const status = statusOf(connection);
  const live = h('section', { class: 'card live', id: 'live', hidden: true, 'aria-label': 'Live test' });
  const historyBox = h('section', { class: 'history', id: 'history', 'aria-labelledby': 'history-title' },
    h('h3', { id: 'history-title' }, 'Test history'), h('p', {}, 'Loading…'));
  const cliConnection = cliBox('cli-text');
  const testButton = h('button', { type: 'button', class: 'primary', id: 'test-now' }, 'Test now');
  const properties = connection.ConnectionProperties || {};
  const hidden = declaredSecrets(description);

  testButton.addEventListener('click', async () => {
    testButton.disabled = true;
    try {
      await liveTest(live, { ConnectionName: name }, 'Testing ' + name);
      await refreshSummary();
      await loadHistory();
    } finally {
      testButton.disabled = false;
      testButton.focus();
    }
  });

  const summary = h('p', { class: 'summary-line', id: 'connection-status' });
  async function refreshSummary() {
    try {
      connection = (await api.call('GetConnection', scoped({ Name: name, HidePassword: true }))).Connection;
    } catch (e) {
      return;
    }
    renderSummary();
  }
  function renderSummary() {
    const current = statusOf(connection);
    const tested = connection.LastConnectionValidationTime;
    show(summary, badge(current), ' ', connection.ConnectionType, tested ? [' · tested ',
      h('time', { datetime: isoTime(tested), title: isoTime(tested) }, ago(tested))] : ' · never tested',
    current.key === 'failed' ? h('span', { class: 'reason block' }, firstLine(connection.StatusReason)) : null);
  }
  renderSummary();

  async function loadHistory() {
    let tests;
    try {
      tests = (await api.history(catalogForPath(), name)).Tests || [];
    } catch (e) {
      show(historyBox, h('h3', { id: 'history-title' }, 'Test history'), alertBox(errorText(e)));
      return;
    }
    const pictures = tests.map((test, index) => h('li', { class: 'test ' + String(test.Outcome).toLowerCase(),
      'data-outcome': test.Outcome, 'data-index': index },
      h('div', { class: 'test-head' },
        h('span', { class: 'badge ' + (test.Outcome === 'SUCCEEDED' ? 'ready' : 'failed') }, h('span', { class: 'dot',
          'aria-hidden': 'true' }), test.Outcome === 'SUCCEEDED' ? 'READY' : test.Outcome),
        ' ', h('time', { datetime: isoTime(test.TestedAt), title: isoTime(test.TestedAt) }, ago(test.TestedAt)),
        ` · ${millis(test.ElapsedMillis)}`, test.Destination ? ' · ' + test.Destination : ''),
      timeline(test)));
    const rows = tests.map((test) => h('tr', {},
      h('td', { 'data-label': 'Tested' }, h('time', { datetime: isoTime(test.TestedAt) }, isoTime(test.TestedAt))),
      h('td', { 'data-label': 'Outcome' }, test.Outcome),
      h('td', { 'data-label': 'Failed stage' }, test.FailedStage || ''),
      h('td', { 'data-label': 'Stages' }, (test.Stages || []).map((s) => `${s.Stage} ${millis(s.Millis)}`).join(', ')),
      h('td', { 'data-label': 'Total' }, millis(test.ElapsedMillis)),
      h('td', { 'data-label': 'Message', class: 'reason' }, test.Message || ''),
      h('td', { 'data-label': 'CLI' }, h('button', { type: 'button', class: 'small', on: { click: () =>
        showCli(cliConnection, cli.testByNameCommand(name, api.currentRegion(), catalogId())) } }, 'Copy as CLI'))));
    show(historyBox, h('h3', { id: 'history-title' }, 'Test history'),
      tests.length === 0 ? h('p', {}, 'Never tested: press Test now.') : [
        h('ol', { class: 'tests', id: 'history-pictures', 'aria-label': 'Tests, newest first' }, pictures),
        h('div', { class: 'table-wrap' }, h('table', { class: 'history-table', id: 'history-table' },
          h('caption', { class: 'sr-only' }, 'Tests, newest first'),
          h('thead', {}, h('tr', {}, ['Tested', 'Outcome', 'Failed stage', 'Stages', 'Total', 'Message', '']
            .map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, rows)))]);
  }

  const definition = h('dl', { class: 'definition', id: 'definition' },
    h('dt', {}, 'Type'), h('dd', {}, connection.ConnectionType),
    connection.Description ? [h('dt', {}, 'Description'), h('dd', {}, connection.Description)] : null,
    Object.entries(properties).map(([key, value]) => [h('dt', {}, key), h('dd', { 'data-key': key }, value)]),
    connection.AuthenticationConfiguration ? [h('dt', {}, 'AuthenticationType'),
      h('dd', {}, String(connection.AuthenticationConfiguration.AuthenticationType || ''))] : null);

  show(view(),
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Connections'), ' › ',
      h('span', { 'aria-current': 'page' }, name)),
    h('div', { class: 'title-row' }, h('h2', { id: 'connection-name' }, name),
      h('div', { class: 'actions' }, testButton,
        h('a', { class: 'button', href: '#/edit/' + encodeURIComponent(name), id: 'edit' }, 'Edit'),
        h('button', { type: 'button', id: 'copy-cli', on: { click: () => showCli(cliConnection,
          cli.createCommand(cli.connectionInput(connection), api.currentRegion(), catalogId(), hidden)) } },
        'Copy as CLI'),
        h('button', { type: 'button', class: 'danger', id: 'delete', on: { click: async () => {
          if (!window.confirm(`Delete the connection ${name}? Its test history goes with it.`)) {
            return;
          }
          try {
            await api.call('DeleteConnection', scoped({ ConnectionName: name }));
            location.hash = '#/';
          } catch (e) {
            live.hidden = false;
            show(live, alertBox(errorText(e)));
          }
        } } }, 'Delete'))),
    summary, cliConnection, live,
    h('section', { class: 'card', 'aria-labelledby': 'definition-title' },
      h('h3', { id: 'definition-title' }, 'Definition'), definition,
      h('p', { class: 'note' }, 'Secret properties' + (hidden.length ? ` (${hidden.join(', ')} …)` : '')
        + ' are never sent to the browser.')),
    historyBox);
  document.getElementById('connection-name').focus({ preventScroll: true });
  await loadHistory();
  void status;
}

// ---------------------------------------------------------------------------------------------------- form

/** Which form field a server message names, if it names exactly one (else the message goes above the form). */
function fieldNamed(message, keys) {
  const text = String(message);
  const members = { 'ConnectionInput.Name': 'Name', 'ConnectionInput.Description': 'Description',
    'ConnectionInput.ConnectionType': 'ConnectionType', 'TestConnectionInput.ConnectionType': 'ConnectionType' };
  for (const [member, field] of Object.entries(members)) {
    if (text.startsWith(member + ' ')) {
      return [field];
    }
  }
  if (/^Connection test (failed|timed out)|^Connection test abandoned/.test(text)) {
    return [];
  }
  const named = keys.filter((key) => new RegExp('(^|[^A-Za-z0-9_])' + key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    + '($|[^A-Za-z0-9_])').test(text));
  return named;
}

async function renderForm(editing) {
  show(view(), h('p', {}, 'Loading…'));
  let existing = null;
  try {
    await typeChoices();
    if (editing) {
      existing = (await api.call('GetConnection', scoped({ Name: editing, HidePassword: true }))).Connection;
    }
  } catch (e) {
    show(view(), alertBox(errorText(e)));
    return;
  }
  const formError = h('div', { id: 'form-error', 'aria-live': 'assertive' });
  const fields = new Map(); // key -> {input, error}

  function field(key, label, input, help, required) {
    const id = input.id;
    const error = h('p', { class: 'field-error', id: id + '-error', 'aria-live': 'polite' });
    const helpId = help ? id + '-help' : null;
    input.setAttribute('aria-describedby', [helpId, id + '-error'].filter(Boolean).join(' '));
    if (required) {
      input.setAttribute('aria-required', 'true');
    }
    fields.set(key, { input, error });
    return h('div', { class: 'field', 'data-key': key },
      h('label', { for: id }, label, required ? h('span', { class: 'required', title: 'required' }, ' *') : null,
        required ? h('span', { class: 'sr-only' }, ' (required)') : null),
      input, help ? h('p', { class: 'help', id: helpId }, help) : null, error);
  }

  const nameInput = h('input', { id: 'f-name', name: 'Name', autocomplete: 'off', spellcheck: 'false',
    value: existing ? existing.Name : '' });
  const descriptionInput = h('input', { id: 'f-description', name: 'Description', autocomplete: 'off',
    value: existing && existing.Description ? existing.Description : '' });
  const typeSelect = h('select', { id: 'f-type', name: 'ConnectionType' },
    h('option', { value: '' }, 'Choose a type…'),
    state.types.map((t) => h('option', { value: t.ConnectionType,
      selected: existing && existing.ConnectionType === t.ConnectionType }, `${t.ConnectionType} — ${t.DisplayName}`)));
  const declared = h('fieldset', { class: 'properties', id: 'declared' }, h('legend', {}, 'Properties'));
  const extras = h('div', { class: 'extras', id: 'extras' });
  const live = h('section', { class: 'card live', id: 'live', hidden: true, 'aria-label': 'Live test' });
  const cliForm = cliBox('cli-text');
  let description = null;
  let extraCount = 0;

  function extraRow(key = '', value = '') {
    extraCount += 1;
    const n = extraCount;
    const keyInput = h('input', { id: `x-key-${n}`, class: 'extra-key', value: key, autocomplete: 'off',
      spellcheck: 'false', 'aria-label': `Property ${n} name` });
    const valueInput = h('input', { id: `x-value-${n}`, class: 'extra-value', value, autocomplete: 'off',
      spellcheck: 'false', 'aria-label': `Property ${n} value` });
    const rowBox = h('div', { class: 'extra-row' }, keyInput, valueInput,
      h('button', { type: 'button', class: 'small', 'aria-label': `Remove property ${n}`,
        on: { click: () => rowBox.remove() } }, 'Remove'));
    extras.appendChild(rowBox);
    return keyInput;
  }

  async function buildDeclared(type, values) {
    for (const key of Array.from(fields.keys())) {
      if (!['Name', 'Description', 'ConnectionType'].includes(key)) {
        fields.delete(key);
      }
    }
    show(declared, h('legend', {}, type ? `Properties of ${type}` : 'Properties'));
    show(extras);
    description = null;
    if (!type) {
      return;
    }
    try {
      description = await describe(type);
    } catch (e) {
      declared.appendChild(alertBox(errorText(e)));
      return;
    }
    if (description.Description) {
      declared.appendChild(h('p', { class: 'help' }, description.Description));
    }
    const specs = Object.values(description.ConnectionProperties || {});
    let index = 0;
    for (const spec of specs) {
      index += 1;
      const id = `p-${index}`;
      const secret = (spec.PropertyTypes || []).includes('SECRET');
      const allowed = (spec.AllowedValues || []).map((v) => v.Value);
      const value = values[spec.Name];
      let input;
      if (allowed.length) {
        input = h('select', { id, name: spec.Name, 'data-key': spec.Name },
          h('option', { value: '' }, spec.DefaultValue !== undefined ? `(default: ${spec.DefaultValue})` : '—'),
          allowed.map((v) => h('option', { value: v, selected: value === v }, v)));
      } else {
        input = h('input', { id, name: spec.Name, 'data-key': spec.Name, type: secret ? 'password' : 'text',
          autocomplete: secret ? 'new-password' : 'off', spellcheck: 'false', value: secret ? '' : (value || ''),
          placeholder: spec.DefaultValue !== undefined ? `default: ${spec.DefaultValue}` : null });
      }
      let help = spec.Description || '';
      if (secret && existing) {
        help += ' — never sent to the browser: type it again, or the connection is saved without it.';
      }
      declared.appendChild(field(spec.Name, spec.Name, input, help, spec.Required === true));
    }
    const declaredNames = new Set(specs.map((s) => s.Name));
    for (const [key, value] of Object.entries(values)) {
      if (!declaredNames.has(key)) {
        extraRow(key, value);
      }
    }
  }

  function collect() {
    const properties = {};
    for (const [key, { input }] of fields) {
      if (!['Name', 'Description', 'ConnectionType'].includes(key) && input.value !== '') {
        properties[key] = input.value;
      }
    }
    for (const rowBox of extras.querySelectorAll('.extra-row')) {
      const key = rowBox.querySelector('.extra-key').value.trim();
      if (key) {
        properties[key] = rowBox.querySelector('.extra-value').value;
      }
    }
    const input = { Name: nameInput.value.trim(), ConnectionType: typeSelect.value, ConnectionProperties: properties };
    if (descriptionInput.value.trim()) {
      input.Description = descriptionInput.value.trim();
    }
    return input;
  }

  function isSecretKey(key) {
    return declaredSecrets(description).includes(key) || fields.get(key)?.input.type === 'password';
  }

  function clearErrors() {
    show(formError);
    for (const { input, error } of fields.values()) {
      error.textContent = '';
      input.removeAttribute('aria-invalid');
    }
  }

  /** A server error beside the field it names, or above the form. */
  function place(e) {
    const message = e instanceof api.ApiError ? e.message : String(e);
    const named = e instanceof api.ApiError && (e.type === 'InvalidInputException' || e.type === 'ValidationException')
      ? fieldNamed(message, Array.from(fields.keys())) : [];
    if (named.length === 1) {
      const { input, error } = fields.get(named[0]);
      error.textContent = message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } else {
      for (const key of named) {
        fields.get(key).input.setAttribute('aria-invalid', 'true');
      }
      show(formError, alertBox(errorText(e)));
    }
  }

  const saveButton = h('button', { type: 'submit', class: 'primary', id: 'save' }, editing ? 'Save changes' : 'Create');
  const testButton = h('button', { type: 'button', id: 'test-before-save' }, 'Test before saving');
  const form = h('form', { class: 'card connection-form', id: 'connection-form', novalidate: true, on: { submit: async (ev) => {
    ev.preventDefault();
    clearErrors();
    const input = collect();
    if (!input.Name) {
      place(new api.ApiError('InvalidInputException', 'ConnectionInput.Name must not be empty.', 400));
      return;
    }
    saveButton.disabled = true;
    try {
      if (editing) {
        await api.call('UpdateConnection', scoped({ Name: editing, ConnectionInput: input }));
      } else {
        await api.call('CreateConnection', scoped({ ConnectionInput: input }));
      }
      location.hash = connectionHref(input.Name);
    } catch (e) {
      place(e);
    } finally {
      saveButton.disabled = false;
    }
  } } },
  formError,
  field('Name', 'Name', nameInput, 'Letters, digits and most punctuation; unique in the catalog.', true),
  field('Description', 'Description', descriptionInput, null, false),
  field('ConnectionType', 'Type', typeSelect, null, true),
  declared,
  h('fieldset', { class: 'properties' }, h('legend', {}, 'Other properties'),
    h('p', { class: 'help' }, 'Keys the type does not declare are stored and echoed as given.'), extras,
    h('button', { type: 'button', class: 'small', id: 'add-property', on: { click: () => extraRow().focus() } },
      'Add property')),
  h('div', { class: 'actions' }, testButton, saveButton,
    h('button', { type: 'button', id: 'copy-cli', on: { click: () => {
      const input = collect();
      input.ConnectionProperties = cli.withPlaceholders(input.ConnectionProperties, isSecretKey);
      showCli(cliForm, cli.createCommand(input, api.currentRegion(), catalogId(), []));
    } } }, 'Copy as CLI'),
    h('a', { class: 'button', href: editing ? connectionHref(editing) : '#/' }, 'Cancel')));

  testButton.addEventListener('click', async () => {
    clearErrors();
    const input = collect();
    testButton.disabled = true;
    try {
      const settled = await liveTest(live, { TestConnectionInput: { ConnectionType: input.ConnectionType,
        ConnectionProperties: input.ConnectionProperties } }, 'Testing before saving');
      if (!settled.ok && fieldNamed(settled.error.message, Array.from(fields.keys())).length === 1) {
        place(settled.error);
      }
    } finally {
      testButton.disabled = false;
    }
  });
  typeSelect.addEventListener('change', () => buildDeclared(typeSelect.value, {}));

  const blocked = existing && existing.AuthenticationConfiguration;
  show(view(),
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Connections'), ' › ',
      editing ? [h('a', { href: connectionHref(editing) }, editing), ' › '] : null,
      h('span', { 'aria-current': 'page' }, editing ? 'Edit' : 'New connection')),
    h('h2', { id: 'form-title', tabindex: '-1' }, editing ? `Edit ${editing}` : 'New connection'),
    blocked ? alertBox('This connection has an AuthenticationConfiguration, whose credentials are never sent to the '
      + 'browser: the console cannot edit it without losing them. Use the CLI (Copy as CLI on its page).') : null,
    form, cliForm, live);
  if (blocked) {
    saveButton.disabled = true;
  }
  await buildDeclared(typeSelect.value, existing ? existing.ConnectionProperties || {} : {});
  document.getElementById('form-title').focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------------------------------- router

let rendering = 0;

async function render() {
  const ticket = ++rendering;
  api.setRegion(regionInput().value.trim() || 'us-east-1');
  try {
    if (state.mode === 'unknown') {
      await detectMode();
    }
    if (ticket !== rendering) {
      return;
    }
    if (state.mode === 'signed' && !api.signedIn()) {
      renderSignIn();
      return;
    }
    const { page, arg } = route();
    if (page === 'c' && arg) {
      await renderConnection(arg);
    } else if (page === 'new') {
      await renderForm(null);
    } else if (page === 'edit' && arg) {
      await renderForm(arg);
    } else {
      await renderList();
    }
  } catch (e) {
    show(view(), alertBox(errorText(e)));
  }
}

window.addEventListener('hashchange', render);
document.getElementById('scope').addEventListener('submit', (event) => {
  event.preventDefault();
  state.described.clear();
  render();
});
render();
void STAGES;
