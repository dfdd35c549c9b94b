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
      // the problem's detail as the message; its status and short type (urn:stica:problem:X)
      // kept for pages that explain a problem in their own words
      const error = new Error((body && body.detail) || ('HTTP ' + response.status));
      error.status = response.status;
      error.type = String((body && body.type) || '').replace(/^urn:stica:problem:/, '');
      throw error;
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
      columns.forEach((c) => {
        const value = c[1](row);
        if (value instanceof Node) {
          const td = el('td');
          td.appendChild(value);
          tr.appendChild(td);
        } else {
          tr.appendChild(el('td', value));
        }
      });
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

  // A final step asked for twice: the button id reveals the action confirmId that runs it.
  function confirmed(id, label, confirmId, confirmLabel, run) {
    const wrap = el('span');
    const ask = el('button', label);
    ask.id = id;
    ask.type = 'button';
    const confirm = action(confirmId, confirmLabel, run);
    confirm.hidden = true;
    ask.addEventListener('click', () => { confirm.hidden = false; });
    wrap.appendChild(ask);
    wrap.appendChild(confirm);
    return wrap;
  }

  const CERT_COLUMNS = [['Serial', (c) => c.serial], ['SPC', (c) => c.spc],
    ['Status', (c) => c.status], ['Not after', (c) => c.notAfter],
    ['Account', (c) => c.accountId || '']];

  // "3 h 12 min" for a number of seconds (the CRL's age, the time to its next update).
  function duration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    const parts = [[Math.floor(s / 86400), 'd'], [Math.floor(s / 3600) % 24, 'h'],
      [Math.floor(s / 60) % 60, 'min']].filter((p) => p[0] > 0).slice(0, 2);
    return parts.length ? parts.map((p) => p[0] + ' ' + p[1]).join(' ') : s + ' s';
  }

  // A value with its state as a class (ok or not), for the dashboard's status table.
  function state(text, ok) { return el('span', text, ok ? 'state-ok' : 'state-bad'); }

  function crlRows(crl) {
    if (!crl || crl.status === 'missing') {
      return [['CRL', state('none published yet', false)]];
    }
    const left = (Date.parse(crl.nextUpdate) - Date.now()) / 1000;
    return [['CRL number', crl.number],
      ['CRL age', state(duration(crl.ageSeconds) + ' (thisUpdate ' + crl.thisUpdate + ')',
        crl.status === 'ok')],
      ['CRL next update', state(crl.nextUpdate + (left > 0 ? ' (in ' + duration(left) + ')'
        : ' (overdue)'), left > 0)]];
  }

  const pages = {
    dashboard: { title: 'Dashboard', async render(content) {
      const [health, activity] = await Promise.all([api('/health'),
        api('/stats/activity?hours=24')]);
      const hsm = health.hsm || {};
      content.appendChild(table([['Part', (r) => r[0]], ['State', (r) => r[1]]], [
        ['Status', state(health.status, health.status === 'ok')],
        ['Database', state(health.database, health.database === 'ok')],
        ['HSM', state(hsm.status + (hsm.reason ? ': ' + hsm.reason : ''), hsm.status === 'ok')],
        ['CA keys', state(health.caKeys, health.caKeys === 'ok')]].concat(crlRows(health.crl)),
      'dashboard-status'));
      const chart = el('figure', null, 'activity');
      chart.id = 'activity';
      chart.appendChild(el('figcaption', 'Issuances and SPC token refusals per hour, last '
        + activity.hours + ' hours (UTC)'));
      const svg = window.StiCaChart.activity(activity);
      svg.id = 'activity-chart';
      chart.appendChild(svg);
      const legend = window.StiCaChart.legend(activity);
      legend.id = 'activity-legend';
      chart.appendChild(legend);
      content.appendChild(chart);
    } },
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
    subscribers: { title: 'Subscribers', render: renderSubscribers },
    rcd: { title: 'RCD vetting', render: (content, toolbar, params) => window.StiCaRcd.render(
      content, toolbar, params, { api, el, table, action, confirmed }) },
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

  // Subscribers (issue 15): list by status, create and edit in one form, suspend, reactivate
  // and terminate (two clicks; under dual control the first run requests an approval and the
  // same button, pressed again once a second admin approved, runs it with Approval-Id).
  const SUB_FIELDS = [['legalName', 'Legal name (O)'],
    ['country', 'Country (C, ISO 3166 alpha-2)'], ['state', 'State (ST, optional)'],
    ['locality', 'Locality (L, optional)'], ['spcs', 'SPCs (comma or space separated)'],
    ['contacts', 'Contacts (mailto:, tel:+, https:; space separated)']];
  const APPROVALS = 'stica.subscriberApprovals';

  function words(text, separators) {
    return text.split(separators).map((w) => w.trim()).filter((w) => w.length > 0);
  }

  function approvalOf(id) {
    return JSON.parse(sessionStorage.getItem(APPROVALS) || '{}')[id];
  }

  function rememberApproval(id, approval) {
    const all = JSON.parse(sessionStorage.getItem(APPROVALS) || '{}');
    if (approval) { all[id] = approval; } else { delete all[id]; }
    sessionStorage.setItem(APPROVALS, JSON.stringify(all));
  }

  async function renderSubscribers(content, toolbar) {
    let editing = null;
    const form = el('form');
    form.id = 'subscriber-form';
    form.autocomplete = 'off';
    const heading = el('h3', 'New subscriber');
    heading.id = 'subscriber-form-title';
    form.appendChild(heading);
    const inputs = {};
    SUB_FIELDS.forEach(([name, label]) => {
      const row = el('label', label + ' ', 'field');
      const input = el('input');
      input.id = 'sub-' + name;
      input.name = name;
      row.appendChild(input);
      form.appendChild(row);
      inputs[name] = input;
    });
    form.addEventListener('submit', (event) => event.preventDefault());
    const cancel = el('button', 'Cancel edit');
    cancel.id = 'sub-cancel';
    cancel.type = 'button';
    cancel.hidden = true;
    function reset() {
      editing = null;
      heading.textContent = 'New subscriber';
      cancel.hidden = true;
      Object.values(inputs).forEach((input) => { input.value = ''; });
    }
    cancel.addEventListener('click', reset);
    form.appendChild(action('sub-save', 'Save subscriber', async () => {
      const body = { legalName: inputs.legalName.value, country: inputs.country.value.trim(),
        state: inputs.state.value.trim(), locality: inputs.locality.value.trim(),
        spcs: words(inputs.spcs.value, /[\s,]+/), contacts: words(inputs.contacts.value, /\s+/) };
      const saved = editing
        ? await api('/subscribers/' + encodeURIComponent(editing), { method: 'PATCH',
          body: JSON.stringify(body) })
        : await api('/subscribers', { method: 'POST', body: JSON.stringify(body) });
      reset();
      await list();
      return 'saved ' + saved.id + ' (' + saved.legalName + ')';
    }));
    form.appendChild(cancel);
    content.appendChild(form);

    const filter = el('select');
    filter.id = 'sub-filter';
    ['', 'active', 'suspended', 'terminated'].forEach((value) => {
      const option = el('option', value || 'any status');
      option.value = value;
      filter.appendChild(option);
    });
    filter.addEventListener('change', () => list().catch((e) => status(e.message, true)));
    toolbar.appendChild(filter);
    const listing = el('div');
    listing.id = 'subscribers-list';
    content.appendChild(listing);

    function edit(s) {
      editing = s.id;
      heading.textContent = 'Edit ' + s.id;
      cancel.hidden = false;
      inputs.legalName.value = s.legalName;
      inputs.country.value = s.country;
      inputs.state.value = s.state || '';
      inputs.locality.value = s.locality || '';
      inputs.spcs.value = s.spcs.join(', ');
      inputs.contacts.value = s.contacts.join(' ');
    }

    function transition(s, verb) {
      return action(verb + '-' + s.id, verb[0].toUpperCase() + verb.substring(1), async () => {
        const changed = await api('/subscribers/' + encodeURIComponent(s.id) + '/' + verb,
          { method: 'POST' });
        await list();
        return s.id + ' is now ' + changed.status;
      });
    }

    function terminate(s) {
      return confirmed('terminate-' + s.id, 'Terminate…', 'terminate-confirm-' + s.id,
        'Confirm: terminate and revoke its certificates', async () => {
        const approval = approvalOf(s.id);
        const done = await api('/subscribers/' + encodeURIComponent(s.id) + '/terminate',
          { method: 'POST', headers: approval ? { 'Approval-Id': approval } : {} });
        if (done.status === 'pending') {
          rememberApproval(s.id, done.id);
          return 'approval ' + done.id + ' requested: once a second admin approves it'
            + ' (Approvals page), confirm again to run it';
        }
        rememberApproval(s.id, null);
        await list();
        return s.id + ' terminated; ' + done.certificatesRevoked + ' certificate(s) revoked';
      });
    }

    function actions(s) {
      const cell = el('span', null, 'actions');
      const rcd = el('a', 'RCD sets');
      rcd.id = 'rcd-' + s.id;
      rcd.href = '#rcd/' + encodeURIComponent(s.id);
      cell.appendChild(rcd);
      if (s.status === 'terminated') { return cell; }
      const editButton = el('button', 'Edit');
      editButton.id = 'edit-' + s.id;
      editButton.type = 'button';
      editButton.addEventListener('click', () => edit(s));
      cell.appendChild(editButton);
      cell.appendChild(transition(s, s.status === 'active' ? 'suspend' : 'reactivate'));
      cell.appendChild(terminate(s));
      return cell;
    }

    async function list() {
      const query = filter.value ? '&status=' + encodeURIComponent(filter.value) : '';
      const data = await api('/subscribers?limit=200' + query);
      listing.replaceChildren(table([['Id', (s) => s.id], ['Legal name', (s) => s.legalName],
        ['C', (s) => s.country], ['ST', (s) => s.state || ''], ['L', (s) => s.locality || ''],
        ['Status', (s) => s.status], ['SPCs', (s) => s.spcs.join(', ')],
        ['Contacts', (s) => s.contacts.join(' ')], ['Changed', (s) => s.changedAt + ' by '
          + s.changedBy], ['Actions', actions]], data.items, 'subscribers-table'));
      if (data.nextOffset) {
        listing.appendChild(el('p', 'Showing the newest 200; filter by status to see others.'));
      }
    }
    await list();
  }

  // #page, or #page/param/... (e.g. #rcd/<subscriber id>/<set id>), each param URI-encoded
  async function show() {
    const [asked, ...params] = location.hash.substring(1).split('/');
    const name = Object.prototype.hasOwnProperty.call(pages, asked) ? asked : 'dashboard';
    const page = pages[name];
    document.querySelectorAll('nav a').forEach((a) =>
      a.classList.toggle('active', a.dataset.page === name));
    $('title').textContent = page.title;
    const content = $('content');
    const toolbar = $('toolbar');
    content.replaceChildren();
    toolbar.replaceChildren();
    delete document.body.dataset.loaded;
    status('loading…');
    try {
      await page.render(content, toolbar, params.map(decodeURIComponent));
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
