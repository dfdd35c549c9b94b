// STI-CA admin console: static, driven only by the admin API (/admin/v1). The bearer key is typed
// by the user and kept in sessionStorage; every value is written with textContent (never HTML).
(function () {
  'use strict';
  const API = '/admin/v1';
  const KEY = 'stica.adminKey';
  const $ = (id) => document.getElementById(id);

  function key() { return sessionStorage.getItem(KEY); }

  async function api(path, options) {
    const init = Object.assign({ headers: {} }, options || {});
    const optional = init.optional;
    delete init.optional;
    init.headers.Authorization = 'Bearer ' + key();
    if (init.body) { init.headers['Content-Type'] = 'application/json'; }
    const response = await fetch(API + path, init);
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (response.status === 401) { signOut('The key was not accepted.'); }
    if (optional && response.status === 404) { return null; }
    if (!response.ok && response.status !== 503) {
      throw new Error((body && body.detail) || ('HTTP ' + response.status));
    }
    return body;
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function table(columns, rows, id) {
    const t = el('table');
    if (id) { t.id = id; }
    const head = t.createTHead().insertRow();
    columns.forEach((c) => head.appendChild(el('th', c[0])));
    const body = t.createTBody();
    rows.forEach((row) => {
      const tr = body.insertRow();
      columns.forEach((c) => tr.appendChild(el('td', c[1](row))));
    });
    if (rows.length === 0) {
      const tr = body.insertRow();
      const td = el('td', 'none');
      td.colSpan = columns.length;
      tr.appendChild(td);
    }
    return t;
  }

  function status(text, error) {
    $('status').textContent = text || '';
    $('status').className = error ? 'error' : '';
  }

  // A button that runs one admin request and writes its outcome (or the problem's detail) next
  // to it; the button is disabled while the request runs, so a double click sends it once.
  // run(result) returns the text to show and may add a class to the result element.
  function action(id, label, run) {
    const wrap = el('span', null, 'action');
    const button = el('button', label);
    button.id = id;
    button.type = 'button';
    const result = el('span', '', 'result');
    result.id = id + '-result';
    button.addEventListener('click', async () => {
      button.disabled = true;
      result.className = 'result';
      result.textContent = 'working…';
      try {
        result.textContent = await run(result);
      } catch (e) {
        result.className = 'result error';
        result.textContent = e.message;
      } finally {
        button.disabled = false;
      }
    });
    wrap.appendChild(button);
    wrap.appendChild(result);
    return wrap;
  }

  const CERT_COLUMNS = [['Serial', (c) => c.serial], ['SPC', (c) => c.spc],
    ['Status', (c) => c.status], ['Not after', (c) => c.notAfter],
    ['Account', (c) => c.accountId || '']];

  const pages = {
    certificates: { title: 'Certificates', async render(content) {
      const data = await api('/certificates?limit=100');
      content.appendChild(table(CERT_COLUMNS, data.items, 'certificates-table'));
    } },
    revocations: { title: 'Revocations', async render(content) {
      const data = await api('/certificates?status=revoked&limit=100');
      content.appendChild(table([['Serial', (c) => c.serial], ['SPC', (c) => c.spc],
        ['Revoked at', (c) => c.revokedAt], ['Reason code', (c) => c.revocationReason],
        ['By', (c) => c.revokedBy || '']], data.items, 'revocations-table'));
    } },
    crl: { title: 'CRL status', async render(content, toolbar) {
      toolbar.appendChild(action('publish-crl', 'Publish CRL now', async () => {
        const published = await api('/crls/publish', { method: 'POST' });
        return 'published CRL number ' + published.number;
      }));
      const crl = await api('/crls') || {};
      content.appendChild(table([['Field', (r) => r[0]], ['Value', (r) => r[1]]], [
        ['number', crl.number], ['thisUpdate', crl.thisUpdate], ['nextUpdate', crl.nextUpdate],
        ['entries', crl.entries], ['sha256', crl.sha256], ['pending', crl.pending]],
      'crl-table'));
    } },
    trust: { title: 'STI-PA trust anchors', async render(content, toolbar) {
      toolbar.appendChild(action('refresh-pa-crl', 'Fetch the STI-PA CRL now', async () => {
        await api('/sti-pa/crl/refresh', { method: 'POST' });
        return 'STI-PA CRL fetched';
      }));
      const data = await api('/sti-pa/trust-anchors');
      const items = (data && (data.trustAnchors || data.items)) || [];
      content.appendChild(table([['Id', (a) => a.id], ['Subject', (a) => a.subject],
        ['Not after', (a) => a.notAfter], ['SHA-256', (a) => a.sha256 || a.fingerprint]],
      items, 'trust-table'));
      const allow = await api('/x5u-allow-list');
      content.appendChild(el('h3', 'x5u allow-list'));
      content.appendChild(table([['URL prefix', (p) => p]], allow.items, 'x5u-table'));
    } },
    refusals: { title: 'SPC token refusals', async render(content) {
      const data = await api('/audit-events?type=spc-token.refused&limit=500');
      const counts = {};
      data.items.forEach((e) => {
        const reason = (e.details && e.details.reason) || 'unknown';
        counts[reason] = (counts[reason] || 0) + 1;
      });
      content.appendChild(table([['Reason', (r) => r[0]], ['Count', (r) => r[1]]],
        Object.entries(counts), 'refusal-reasons'));
      content.appendChild(el('h3', 'Latest refusals'));
      content.appendChild(table([['Time', (e) => e.occurredAt], ['Account', (e) => e.actor],
        ['Reason', (e) => e.details && e.details.reason],
        ['Detail', (e) => e.details && e.details.detail]], data.items, 'refusals-table'));
    } },
    keys: { title: 'CA keys', async render(content) {
      const data = await api('/ca/keys');
      content.appendChild(table([['Alias', (k) => k.alias], ['Role', (k) => k.role],
        ['Subject', (k) => k.subject], ['Not after', (k) => k.notAfter],
        ['Status', (k) => k.status], ['Issuing', (k) => (k.issuing ? 'yes' : '')]],
      data.items, 'keys-table'));
    } },
    providers: { title: 'Service providers', async render(content) {
      const data = await api('/service-providers', { optional: true });
      if (!data) {
        content.appendChild(el('p', 'The STI-PA role is not enabled on this server.'));
        return;
      }
      content.appendChild(table([['SPC', (p) => p.spc], ['Name', (p) => p.name],
        ['Status', (p) => p.status], ['SCA allowed', (p) => (p.scaAllowed ? 'yes' : 'no')],
        ['Bound accounts', (p) => (p.accountFingerprints || []).length]],
      data.serviceProviders, 'providers-table'));
    } },
    approvals: { title: 'Dual-control approvals', async render(content) {
      const data = await api('/approvals');
      const pending = data.items.filter((a) => a.status === 'pending');
      content.appendChild(table([['Id', (a) => a.id], ['Operation', (a) => a.operation],
        ['Request', (a) => a.method + ' ' + a.path], ['Requested by', (a) => a.requestedBy],
        ['Requested at', (a) => a.requestedAt], ['Status', (a) => a.status]],
      data.items, 'approvals-table'));
      pending.forEach((a) => content.appendChild(action('approve-' + a.id,
        'Approve ' + a.id + ' (' + a.operation + ')', async () => {
          const approved = await api('/approvals/' + encodeURIComponent(a.id) + '/approve',
            { method: 'POST' });
          return approved.id + ' approved by ' + approved.approvedBy
            + ': the requester now repeats the request with Approval-Id ' + approved.id;
        })));
    } },
    audit: { title: 'Audit trail', async render(content, toolbar) {
      toolbar.appendChild(action('verify', 'Verify chain', async (result) => {
        const v = await api('/audit-events/verify');
        result.classList.add(v.status);
        return v.status === 'intact'
          ? 'intact (' + v.recordsChecked + ' records, ' + v.checkpointsChecked + ' checkpoints)'
          : 'BROKEN at record ' + v.firstBrokenId + ': ' + v.reason;
      }));
      const data = await api('/audit-events?limit=100');
      content.appendChild(table([['Id', (e) => e.id], ['Time', (e) => e.occurredAt],
        ['Type', (e) => e.type], ['Actor', (e) => e.actor], ['Subject', (e) => e.subject],
        ['Details', (e) => JSON.stringify(e.details)]], data.items, 'audit-table'));
    } },
  };

  async function show() {
    const name = (location.hash || '#certificates').substring(1);
    const page = pages[name] || pages.certificates;
    document.querySelectorAll('nav a').forEach((a) =>
      a.classList.toggle('active', a.dataset.page === name));
    $('title').textContent = page.title;
    const content = $('content');
    const toolbar = $('toolbar');
    content.replaceChildren();
    toolbar.replaceChildren();
    status('loading…');
    try {
      await page.render(content, toolbar);
      status('');
      document.body.dataset.loaded = name;
    } catch (e) {
      status(e.message, true);
    }
  }

  function signedIn() {
    const on = Boolean(key());
    $('login').hidden = on;
    $('nav').hidden = !on;
    $('page').hidden = !on;
    if (on) { show(); }
  }

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    signedIn();
    if (message) { status(message, true); }
  }

  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    $('key').value = '';
    signedIn();
  });
  $('logout').addEventListener('click', () => signOut());
  window.addEventListener('hashchange', () => { if (key()) { show(); } });
  signedIn();
}());
