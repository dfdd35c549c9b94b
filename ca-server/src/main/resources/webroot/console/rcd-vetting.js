// STI-CA admin console: the RCD vetting page (issue 19), at #rcd/<subscriber id>[/<set id>].
// An operator records an RCD set for a subscriber, a second operator approves it (the server
// fetches what it references, computes rcdi and the JWTClaimConstraints extension), and either
// rejects or withdraws it. console.js calls render() with its helpers (api, el, table, action,
// confirmed); every value is written with textContent, never as HTML.
(function () {
  'use strict';
  const own = (object, name) => Object.prototype.hasOwnProperty.call(object, name);

  const EXTENSIONS = {
    '1.3.6.1.5.5.7.1.27': 'JWTClaimConstraints (RFC 8226 §8, id-pe 27)',
    '1.3.6.1.5.5.7.1.33': 'EnhancedJWTClaimConstraints (RFC 9118, id-pe 33)',
  };

  const FIELDS = [['nam', 'Caller name (nam, required)', 'input'],
    ['apn', 'Alternate presentation number (apn, digits, optional)', 'input'],
    ['icn', 'Icon URL (icn, https, optional)', 'input'],
    ['jcl', 'jCard URL (jcl, https; or jcd, not both)', 'input'],
    ['jcd', 'Inline jCard (jcd, JSON; or jcl, not both)', 'textarea'],
    ['crn', 'Call reasons (crn, one a line, optional)', 'textarea']];

  // What an rcd JSON pointer (RFC 9795 §6.1) names, in words.
  function what(pointer) {
    const names = { '/nam': 'caller name', '/apn': 'alternate presentation number',
      '/icn': 'icon', '/jcl': 'jCard (by URL)', '/jcd': 'jCard (inline)' };
    if (own(names, pointer)) { return names[pointer]; }
    return /^\/jc[dl]\//.test(pointer) ? 'URL inside the jCard' : pointer;
  }

  function sentence(text) { return String(text).replace(/[.\s]+$/, ''); }

  // What a form field must hold, for a refusal by the API's contract that names the member.
  const HINTS = { nam: 'the caller name (nam) must be at most 256 characters',
    apn: 'the alternate presentation number (apn) must be 1 to 15 digits',
    icn: 'the icon URL (icn) must be an https URL',
    jcl: 'the jCard URL (jcl) must be an https URL',
    jcd: 'the inline jCard (jcd) must be a JSON array (a jCard)',
    crn: 'there may be at most 16 call reasons (crn), each of 1 to 256 characters' };

  // The admin API's problems for this page, in plain words (the detail is kept in them).
  const PLAIN = {
    sameApprover: () => 'Not approved: you recorded this set, and dual control needs a second'
      + ' operator. Someone signed in with another operator key must approve it.',
    rcdResourceUnavailable: (detail) => {
      const at = /^the resource at rcd (\S+) could not be fetched: (.*)$/.exec(detail);
      const fetched = at && /^fetching (\S+) failed: (.*)$/.exec(at[2]);
      const why = !at ? sentence(detail) : 'the ' + what(at[1]) + ' (' + at[1] + ')'
        + (fetched ? ' at ' + fetched[1] + ' could not be fetched: ' + sentence(fetched[2])
          : ' could not be fetched: ' + sentence(at[2]));
      return 'Not approved: ' + why + '. The set stays pending; fix the resource (or the x5u'
        + ' allow-list) and approve again.';
    },
    constraintsRejected: (detail) => 'Not approved: the claim constraints built from this set'
      + ' were refused (' + sentence(detail) + '). The set stays pending.',
    notPending: (detail) => 'Nothing changed: ' + sentence(detail) + '. Only a pending set can'
      + ' be approved or rejected, and only a pending or approved one withdrawn.',
    conflict: (detail) => 'Refused: ' + sentence(detail) + '. Sets are recorded and approved'
      + ' only for an active subscriber.',
    malformed: (detail) => {
      const at = /at #\/(\w+)/.exec(detail);
      return 'Not recorded: ' + (at && own(HINTS, at[1]) ? HINTS[at[1]] + ' (' + sentence(detail)
        + ')' : sentence(detail)) + '.';
    },
    forbidden: (detail) => 'Refused: your key may not do this (' + sentence(detail) + ').',
    notFound: (detail) => 'Not found: ' + sentence(detail) + '.',
  };

  // Runs an admin API call; a problem becomes an error whose message is in plain words.
  async function call(ui, path, options) {
    try {
      return await ui.api(path, options);
    } catch (e) {
      throw own(PLAIN, e.type) ? new Error(PLAIN[e.type](e.message)) : e;
    }
  }

  // RFC 8225 §9 canonical JSON, the form the server pins: RFC 8785 (JCS), which is
  // JSON.stringify with object members sorted by their names' UTF-16 code units.
  function canonical(value) {
    if (Array.isArray(value)) { return '[' + value.map(canonical).join(',') + ']'; }
    if (value !== null && typeof value === 'object') {
      return '{' + Object.keys(value).sort().map((name) => JSON.stringify(name) + ':'
        + canonical(value[name])).join(',') + '}';
    }
    return JSON.stringify(value);
  }

  function code(ui, text, id) {
    const c = ui.el('code', text);
    if (id) { c.id = id; }
    return c;
  }

  // Copies text to the clipboard; without the Clipboard API (a page not served over https or
  // from localhost) it selects the shown value and asks the browser to copy the selection.
  async function copy(text, shown) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return 'copied to the clipboard';
      } catch (e) {
        // refused (no permission, page not focused): fall back to the selection
      }
    }
    const range = document.createRange();
    range.selectNodeContents(shown);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return document.execCommand('copy') ? 'copied to the clipboard'
      : 'selected: press Ctrl+C to copy it';
  }

  function identifier(ui, set) {
    const cell = ui.el('div');
    cell.appendChild(ui.el('div', 'type ' + set.identifier.type));
    const value = code(ui, set.identifier.value, 'rcd-identifier');
    cell.appendChild(value);
    cell.appendChild(ui.action('rcd-copy', 'Copy value', () =>
      copy(set.identifier.value, value)));
    return cell;
  }

  function digests(ui, rcdi) {
    return ui.table([['Pointer', (d) => d[0]], ['Pins', (d) => what(d[0])],
      ['Digest', (d) => code(ui, d[1])]], Object.entries(rcdi),
    'rcd-rcdi-table');
  }

  function facts(ui, set) {
    const vetted = Boolean(set.rcdi);
    const later = 'computed when a second operator approves the set';
    return ui.table([['Field', (r) => r[0]], ['Value', (r) => r[1]]], [
      ['Status', set.status],
      ['Subscriber', set.subscriberId],
      ['Recorded', set.createdAt + ' by ' + set.createdBy],
      ['Decided', set.decidedAt ? set.decidedAt + ' by ' + set.decidedBy : 'not yet'],
      ['rcd (canonical JSON)', code(ui, canonical(set.rcd), 'rcd-canonical')],
      ['Call reasons (crn)', set.crn.length ? set.crn.join('; ') : 'none'],
      ['rcdi digests', vetted ? digests(ui, set.rcdi) : later],
      ['rcdi (canonical, pinned in permittedValues)',
        vetted ? code(ui, canonical(set.rcdi), 'rcd-rcdi') : later],
      ['Extension', vetted ? set.extensionOid + ' ' + (own(EXTENSIONS, set.extensionOid)
        ? EXTENSIONS[set.extensionOid] : '')
        : later],
      ['ACME identifier', vetted ? identifier(ui, set) : later]], 'rcd-set-table');
  }

  // One set: its facts, and approve / reject / withdraw as its status allows.
  function setView(ui, set, path, changed) {
    const view = ui.el('div');
    view.appendChild(ui.el('h3', 'RCD set ' + set.id));
    const shown = ui.el('div');
    view.appendChild(shown);
    const buttons = ui.el('div', null, 'actions');
    view.appendChild(buttons);
    const transitions = {};
    function show(now) {
      shown.replaceChildren(facts(ui, now));
      transitions.approve.hidden = now.status !== 'pending';
      transitions.reject.hidden = now.status !== 'pending';
      transitions.withdraw.hidden = now.status !== 'pending' && now.status !== 'approved';
    }
    async function run(verb) {
      const now = await call(ui, path + '/' + verb, { method: 'POST' });
      show(now);
      await changed();
      return set.id + ' ' + now.status + ' by ' + now.decidedBy;
    }
    transitions.approve = ui.action('rcd-approve', 'Approve (second operator)',
      () => run('approve'));
    transitions.reject = ui.confirmed('rcd-reject', 'Reject…', 'rcd-reject-confirm',
      'Confirm: reject this set', () => run('reject'));
    transitions.withdraw = ui.confirmed('rcd-withdraw', 'Withdraw…', 'rcd-withdraw-confirm',
      'Confirm: withdraw this set (it can no longer back an order)', () => run('withdraw'));
    Object.values(transitions).forEach((t) => buttons.appendChild(t));
    show(set);
    return view;
  }

  function field(ui, name, label, kind) {
    const row = ui.el('label', label + ' ', 'field');
    const input = ui.el(kind);
    input.id = 'rcd-' + name;
    input.name = name;
    if (kind === 'textarea') { input.rows = 3; }
    row.appendChild(input);
    return [row, input];
  }

  // The request body from the form: rcd members, crn apart; blank optional fields left out.
  function body(inputs) {
    const nam = inputs.nam.value.trim();
    if (!nam) { throw new Error('Enter the caller name (nam): a set needs one.'); }
    const rcd = { nam };
    ['apn', 'icn', 'jcl'].forEach((member) => {
      const value = inputs[member].value.trim();
      if (value) { rcd[member] = value; }
    });
    const card = inputs.jcd.value.trim();
    if (card) {
      try {
        rcd.jcd = JSON.parse(card);
      } catch (e) {
        throw new Error('The inline jCard (jcd) is not valid JSON: ' + e.message);
      }
    }
    const reasons = inputs.crn.value.split('\n').map((r) => r.trim()).filter((r) => r);
    if (reasons.length) { rcd.crn = reasons; }
    return rcd;
  }

  function recordForm(ui, base, recorded) {
    const form = ui.el('form');
    form.id = 'rcd-form';
    form.autocomplete = 'off';
    form.addEventListener('submit', (event) => event.preventDefault());
    form.appendChild(ui.el('h3', 'Record an RCD set'));
    const inputs = {};
    FIELDS.forEach(([name, label, kind]) => {
      const [row, input] = field(ui, name, label, kind);
      form.appendChild(row);
      inputs[name] = input;
    });
    form.appendChild(ui.action('rcd-record', 'Record set (pending)', async () => {
      const created = await call(ui, base, { method: 'POST', body: JSON.stringify(body(inputs)) });
      Object.values(inputs).forEach((input) => { input.value = ''; });
      await recorded(created);
      return 'recorded ' + created.id + ' (pending): a second operator approves it';
    }));
    return form;
  }

  function picker(ui, subscribers, chosen) {
    const select = ui.el('select');
    select.id = 'rcd-subscriber';
    select.setAttribute('aria-label', 'Subscriber');
    const none = ui.el('option', 'choose a subscriber');
    none.value = '';
    select.appendChild(none);
    subscribers.forEach((s) => {
      const option = ui.el('option', s.legalName + ' (' + s.id + ', ' + s.status + ')');
      option.value = s.id;
      select.appendChild(option);
    });
    if (chosen && !subscribers.some((s) => s.id === chosen)) {
      const option = ui.el('option', chosen);
      option.value = chosen;
      select.appendChild(option);
    }
    select.value = chosen || '';
    select.addEventListener('change', () => {
      location.hash = select.value ? '#rcd/' + encodeURIComponent(select.value) : '#rcd';
    });
    return select;
  }

  async function render(content, toolbar, params, ui) {
    const [subscriberId, setId] = params;
    const subscribers = (await ui.api('/subscribers?limit=200')).items;
    toolbar.appendChild(picker(ui, subscribers, subscriberId));
    if (!subscriberId) {
      content.appendChild(ui.el('p', 'Choose a subscriber to record, list and decide its RCD'
        + ' sets (also from the Subscribers page: RCD sets).'));
      return;
    }
    const base = '/subscribers/' + encodeURIComponent(subscriberId) + '/rcd-sets';
    const listing = ui.el('div');
    listing.id = 'rcd-sets';
    const detail = ui.el('div');
    detail.id = 'rcd-set';

    async function list() {
      const sets = (await call(ui, base)).items;
      listing.replaceChildren(ui.table([['Id', (s) => {
        const link = ui.el('a', s.id);
        link.id = 'set-' + s.id;
        link.href = '#rcd/' + encodeURIComponent(subscriberId) + '/' + encodeURIComponent(s.id);
        return link;
      }], ['Name (nam)', (s) => s.rcd.nam], ['Status', (s) => s.status],
      ['Recorded', (s) => s.createdAt + ' by ' + s.createdBy],
      ['Decided', (s) => (s.decidedAt ? s.decidedAt + ' by ' + s.decidedBy : '')]],
      sets, 'rcd-sets-table'));
    }
    function open(set) {
      const path = base + '/' + encodeURIComponent(set.id);
      detail.replaceChildren(setView(ui, set, path, list));
      // the address names the set shown, without a hashchange (which would render anew)
      history.replaceState(null, '', '#rcd/' + encodeURIComponent(subscriberId) + '/'
        + encodeURIComponent(set.id));
    }

    content.appendChild(recordForm(ui, base, async (created) => {
      await list();
      open(created);
    }));
    content.appendChild(ui.el('h3', 'Sets of ' + subscriberId + ' (newest first)'));
    content.appendChild(listing);
    content.appendChild(detail);
    await list();
    if (setId) { open(await call(ui, base + '/' + encodeURIComponent(setId))); }
  }

  window.StiCaRcd = { render };
}());
