// acqsim dashboard: polls the admin API once a second and redraws what changed.
// Plain DOM, no framework, nothing loaded from outside (the page works offline).
'use strict';

const POLL_MS = 1000;
const LIMIT = 200;
const MAX_ACCOUNTS = 50;
const seen = new Set();
const drawn = new Map();
let firstLoad = true;

/** Whether a panel's data differs from what it shows; redrawing only then keeps selections and clicks intact. */
function changed(panel, data) {
  const key = JSON.stringify(data);
  if (drawn.get(panel) === key) return false;
  drawn.set(panel, key);
  return true;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e[k] = v;
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

// ---- the admin token (admin.token): from /#token=..., or asked for once, kept for the tab ----

function tokenFromFragment() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem('acqsim.token', decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search);
    document.getElementById('token-form').hidden = true;
  }
  return !!m;
}

tokenFromFragment();
window.addEventListener('hashchange', () => { if (tokenFromFragment()) refresh(); });

class Unauthorized extends Error {}

/** fetch() with the admin token, if there is one. */
function api(path, init) {
  const token = sessionStorage.getItem('acqsim.token');
  const opts = Object.assign({cache: 'no-store'}, init || {});
  opts.headers = Object.assign({}, opts.headers || {}, token ? {'Authorization': 'Bearer ' + token} : {});
  return fetch(path, opts).then(r => {
    if (r.status === 401) throw new Unauthorized('the admin API wants its token');
    return r;
  });
}

function askForToken() {
  const form = document.getElementById('token-form');
  form.hidden = false;
  form.querySelector('input').focus();
}

document.getElementById('token-form').addEventListener('submit', ev => {
  ev.preventDefault();
  sessionStorage.setItem('acqsim.token', ev.target.querySelector('input').value);
  ev.target.hidden = true;
  ev.target.reset();
  refresh();
});

async function getJson(path) {
  const r = await api(path);
  if (r.status === 404) return {missing: true};
  if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
  return {body: await r.json()};
}

/** Minor units as 1,234.56; a balance can be negative. */
function money(minor) {
  if (minor === null || minor === undefined) return '';
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + units + '.' + String(abs % 100).padStart(2, '0');
}

function maskPan(pan) {
  if (!pan || pan.includes('*')) return pan || '';
  if (pan.length < 12) return '*'.repeat(pan.length);
  return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4);
}

function clock(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleTimeString([], {hour12: false}) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

// ---- transactions, grouped into chains by their `related` ids ----

/** A message's amount: none when it carried no DE4 (the journal says -1). */
function amount(minor) {
  return minor === null || minor === undefined || minor < 0 ? '' : money(minor);
}

/** Connected groups of transactions; each chain is [root, ...others] with the root the oldest. */
function chains(txs) {
  const byId = new Map(txs.map(t => [t.id, t]));
  const parent = new Map(txs.map(t => [t.id, t.id]));
  const find = id => {
    while (parent.get(id) !== id) {
      parent.set(id, parent.get(parent.get(id)));
      id = parent.get(id);
    }
    return id;
  };
  for (const t of txs) {
    for (const r of t.related || []) {
      if (byId.has(r)) {
        const a = find(t.id), b = find(r);
        if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
      }
    }
  }
  const groups = new Map();
  for (const t of txs) {
    const root = find(t.id);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root).push(t);
  }
  const out = [...groups.values()].map(g => g.sort((a, b) => a.id - b.id));
  // Newest activity first: a chain moves up when a reversal or void joins it.
  out.sort((a, b) => b[b.length - 1].id - a[a.length - 1].id);
  return out;
}

function stateClass(t) {
  if (t.responseCode && t.responseCode !== '00') return 'declined';
  return (t.state || '').toLowerCase();
}

function txRow(t, child) {
  const fresh = !firstLoad && !seen.has(t.id);
  seen.add(t.id);
  return el('tr', {class: 'tx ' + stateClass(t) + (child ? ' child' : ' root') + (fresh ? ' fresh' : ''),
                   'data-id': t.id, 'data-type': t.type, 'data-state': t.state},
    el('td', {}, clock(t.time)),
    el('td', {class: 'id'}, (child ? '↳ ' : '') + '#' + t.id),
    el('td', {}, (t.type || '').toLowerCase()),
    el('td', {}, t.mti),
    el('td', {}, t.terminal),
    el('td', {}, t.stan),
    el('td', {}, t.rrn || ''),
    el('td', {class: 'num'}, amount(t.amount)),
    el('td', {class: 'code'}, t.responseCode || ''),
    el('td', {}, el('span', {class: 'badge ' + stateClass(t)}, (t.state || '').toLowerCase())),
    el('td', {class: 'pan'}, maskPan(t.pan)),
    el('td', {class: 'muted'}, t.dialect || ''));
}

function renderTransactions(txs) {
  if (!changed('transactions', txs)) return;
  const table = document.getElementById('transactions');
  for (const old of table.querySelectorAll('tbody')) old.remove();
  if (txs.length === 0) {
    table.append(el('tbody', {class: 'empty'}, el('tr', {}, el('td', {colSpan: 12}, 'no transactions yet'))));
    return;
  }
  for (const chain of chains(txs)) {
    const body = el('tbody', {class: 'chain' + (chain.length > 1 ? ' linked' : ''), 'data-chain': chain[0].id});
    chain.forEach((t, i) => body.append(txRow(t, i > 0)));
    table.append(body);
  }
}

// ---- reversal watch ----

function watchEntries(body) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body.entries)) return body.entries;
  return [];
}

async function renderWatch(terminals) {
  const box = document.getElementById('watch');
  const summary = await getJson('/reversal-watch').catch(() => ({missing: true}));
  if (summary.missing) {
    // Per terminal only, or not at all.
    if (terminals.length === 0) return;
    const first = await getJson('/terminals/' + encodeURIComponent(terminals[0]) + '/reversal-watch')
      .catch(() => ({missing: true}));
    if (first.missing) {
      box.replaceChildren(el('p', {class: 'muted na'}, 'not available on this server'));
      return;
    }
  }
  const parts = [];
  for (const tid of terminals) {
    const r = await getJson('/terminals/' + encodeURIComponent(tid) + '/reversal-watch').catch(() => ({missing: true}));
    if (r.missing) continue;
    const entries = watchEntries(r.body);
    const head = el('h3', {}, 'terminal ' + tid + ' ',
      el('small', {}, entries.length === 0 ? 'nothing withheld' : entries.length + ' withheld'));
    parts.push(head);
    if (entries.length > 0) {
      const table = el('table', {class: 'watch', 'data-terminal': tid},
        el('thead', {}, el('tr', {}, ...['status', 'MTI', 'STAN', 'amount', 'fault', 'reversals'].map(h => el('th', {}, h)))));
      const tb = el('tbody');
      for (const e of entries) {
        tb.append(el('tr', {class: 'watch-' + String(e.status || '').toLowerCase()},
          el('td', {}, el('span', {class: 'badge ' + String(e.status || '').toLowerCase()}, String(e.status || '').toLowerCase())),
          el('td', {}, e.mti || ''), el('td', {}, e.stan || ''), el('td', {class: 'num'}, amount(e.amount)),
          el('td', {}, e.fault || ''), el('td', {class: 'num'}, e.reversals !== undefined ? e.reversals : '')));
      }
      table.append(tb);
      parts.push(table);
    }
  }
  if (!changed('watch', parts.map(p => p.outerHTML))) return;
  box.replaceChildren(...(parts.length ? parts : [el('p', {class: 'muted'}, 'no terminals yet')]));
}

// ---- accounts ----

async function renderAccounts() {
  const r = await getJson('/accounts');
  const tb = document.querySelector('#accounts tbody');
  if (!changed('accounts', r)) return;
  if (r.missing) {
    tb.replaceChildren(el('tr', {}, el('td', {colSpan: 4, class: 'muted na'}, 'not available on this server')));
    return;
  }
  // A load test opens thousands of accounts: show the first ones, say how many more there are.
  const all = r.body.slice().sort((a, b) => a.pan.localeCompare(b.pan));
  const rows = all.slice(0, MAX_ACCOUNTS).map(a =>
    el('tr', {'data-pan': maskPan(a.pan)},
      el('td', {class: 'pan'}, maskPan(a.pan)), el('td', {class: 'num'}, money(a.balance)),
      el('td', {class: 'num'}, money(a.available)), el('td', {}, a.currency)));
  if (all.length > MAX_ACCOUNTS) {
    rows.push(el('tr', {}, el('td', {colSpan: 4, class: 'muted'}, 'and ' + (all.length - MAX_ACCOUNTS) + ' more')));
  }
  tb.replaceChildren(...rows);
}

// ---- terminals (GET /terminals, GET /terminals/{tid}) and links (GET /links) ----

const MAX_TERMINALS = 50;
let selectedTerminal = null;

async function renderTerminals() {
  const r = await getJson('/terminals?limit=' + (MAX_TERMINALS + 1));
  const tb = document.querySelector('#terminals tbody');
  if (changed('terminals', r)) {
    if (r.missing) {
      tb.replaceChildren(el('tr', {}, el('td', {colSpan: 9, class: 'muted na'}, 'not available on this server')));
    } else if (r.body.length === 0) {
      tb.replaceChildren(el('tr', {}, el('td', {colSpan: 9, class: 'muted'}, 'no terminals yet')));
    } else {
      const rows = r.body.slice(0, MAX_TERMINALS).map(t =>
        el('tr', {class: 'terminal' + (t.terminal === selectedTerminal ? ' selected' : ''), 'data-terminal': t.terminal,
                  title: 'show terminal ' + t.terminal, onclick: () => { selectedTerminal = t.terminal; refresh(); }},
          el('td', {class: 'mono'}, t.terminal),
          el('td', {}, el('span', {class: 'badge ' + (t.signedOn ? 'approved' : 'declined')},
            t.signedOn ? 'signed on' : 'not signed on')),
          el('td', {}, t.batch || ''), el('td', {}, t.lastStan || ''),
          el('td', {class: 'num' + (t.stanReuses ? ' alert' : '')}, t.stanReuses),
          el('td', {class: 'num' + (t.owedReversals ? ' alert' : '')}, t.owedReversals || 0),
          el('td', {}, clock(t.lastSeen)), el('td', {class: 'muted'}, t.dialect || ''),
          el('td', {class: 'muted'}, t.connection || '')));
      if (r.body.length > MAX_TERMINALS) {
        rows.push(el('tr', {}, el('td', {colSpan: 9, class: 'muted'}, 'and more (GET /terminals lists them all)')));
      }
      tb.replaceChildren(...rows);
    }
  }
  await renderTerminalDetail();
}

async function renderTerminalDetail() {
  const box = document.getElementById('terminal-detail');
  if (!selectedTerminal) {
    if (changed('terminal-detail', null)) box.replaceChildren();
    return;
  }
  const r = await getJson('/terminals/' + encodeURIComponent(selectedTerminal));
  if (!changed('terminal-detail', r)) return;
  if (r.missing) {
    box.replaceChildren(el('p', {class: 'muted'}, 'terminal ' + selectedTerminal + ' is not known (yet)'));
    return;
  }
  const t = r.body;
  const parts = [el('h3', {}, 'terminal ' + t.terminal + ' ',
    el('small', {}, (t.signedOn ? 'signed on ' + clock(t.signedOnAt) : 'not signed on')
      + (t.merchant ? ' · merchant ' + t.merchant : '') + (t.connection ? ' · ' + t.connection : '')))];
  const use = u => (u.mti || '') + ' ' + String(u.type || '').toLowerCase() + ' ' + maskPan(u.pan) + ' '
    + amount(u.amount) + (u.transmission ? ' DE7 ' + u.transmission : '') + ' ' + clock(u.time);
  if ((t.reuses || []).length > 0) {
    const table = el('table', {class: 'reuses'},
      el('thead', {}, el('tr', {}, ...['STAN', 'first', 'then'].map(h => el('th', {}, h)))));
    const tb = el('tbody');
    for (const x of t.reuses) {
      tb.append(el('tr', {class: 'reuse'}, el('td', {}, x.stan), el('td', {}, use(x.first)), el('td', {}, use(x.second))));
    }
    table.append(tb);
    parts.push(el('p', {}, t.stanReuses + ' STAN reuse' + (t.stanReuses === 1 ? '' : 's')), table);
  } else {
    parts.push(el('p', {class: 'muted'}, 'no STAN reuses'));
  }
  const owed = t.owedReversals || [];
  parts.push(el('p', {class: owed.length ? '' : 'muted'}, owed.length
    ? 'owes ' + owed.length + ' reversal' + (owed.length === 1 ? '' : 's') + ': '
      + owed.map(o => o.mti + ' STAN ' + o.stan + ' (' + String(o.status).toLowerCase() + ')').join(', ')
    : 'owes no reversals'));
  box.replaceChildren(...parts);
}

async function renderLinks() {
  const r = await getJson('/links');
  if (!changed('links', r)) return;
  const box = document.getElementById('links');
  if (r.missing || r.body.length === 0) {
    box.replaceChildren(el('p', {class: 'muted'}, r.missing ? 'not available on this server' : 'no connect-out listeners'));
    return;
  }
  const table = el('table', {class: 'links'},
    el('thead', {}, el('tr', {}, ...['link', 'partner', 'state', 'since', 'reconnects', 'last echo'].map(h => el('th', {}, h)))));
  const tb = el('tbody');
  for (const l of r.body) {
    const e = l.echo || {};
    tb.append(el('tr', {'data-link': l.name},
      el('td', {}, l.name), el('td', {class: 'mono'}, l.connect),
      el('td', {}, el('span', {class: 'badge ' + (l.state === 'UP' ? 'approved' : 'declined')}, String(l.state).toLowerCase())),
      el('td', {}, clock(l.since)), el('td', {class: 'num'}, l.reconnects),
      el('td', {}, e.lastAnswered ? clock(e.lastAnswered) + ' (' + e.lastRoundTripMs + ' ms)' : (e.sent ? 'unanswered' : ''))));
  }
  table.append(tb);
  box.replaceChildren(table);
}

// ---- rules ----

function describe(obj) {
  if (!obj || typeof obj !== 'object') return obj === undefined ? '' : String(obj);
  return Object.entries(obj).map(([k, v]) => k + '=' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(' ');
}

async function renderRules() {
  const box = document.getElementById('rules');
  const form = document.getElementById('rule-form');
  const r = await getJson('/rules');
  if (!changed('rules', r)) return;
  if (r.missing) {
    box.replaceChildren(el('p', {class: 'muted na'}, 'not available on this server'));
    form.hidden = true;
    return;
  }
  form.hidden = false;
  if (r.body.length === 0) {
    box.replaceChildren(el('p', {class: 'muted'}, 'no rules'));
    return;
  }
  const table = el('table', {class: 'rules'},
    el('thead', {}, el('tr', {}, ...['id', 'source', 'name', 'match', 'action', 'left', 'matched', ''].map(h => el('th', {}, h)))));
  const tb = el('tbody');
  for (const rule of r.body) {
    tb.append(el('tr', {'data-rule': rule.id},
      el('td', {}, rule.id), el('td', {}, rule.source || ''), el('td', {}, rule.name || ''),
      el('td', {class: 'mono'}, describe(rule.match)), el('td', {class: 'mono'}, describe(rule.action)),
      el('td', {class: 'num'}, rule.remaining !== undefined ? rule.remaining : (rule.times !== undefined ? rule.times : '∞')),
      el('td', {class: 'num'}, rule.matched !== undefined ? rule.matched : ''),
      el('td', {}, el('button', {class: 'remove', type: 'button', title: 'remove rule ' + rule.id,
        onclick: () => removeRule(rule.id)}, 'remove'))));
  }
  table.append(tb);
  box.replaceChildren(table);
}

async function removeRule(id) {
  const r = await api('/rules/' + encodeURIComponent(id), {method: 'DELETE'});
  showRuleError(r.ok ? '' : await errorOf(r));
  refresh();
}

async function errorOf(response) {
  try {
    const body = await response.json();
    return body.error || ('HTTP ' + response.status);
  } catch (e) {
    return 'HTTP ' + response.status;
  }
}

function showRuleError(text) {
  document.getElementById('rule-error').textContent = text;
}

function ruleFromForm(form) {
  const f = new FormData(form);
  const v = name => (f.get(name) || '').trim();
  const match = {};
  for (const k of ['mti', 'processingCode', 'pan', 'terminal', 'merchant']) if (v(k)) match[k] = v(k);
  if (v('amount')) match.amount = Number(v('amount'));
  const action = {};
  const kind = v('action');
  if (kind === 'respond') action.respond = v('value') || '05';
  else if (kind === 'drop:request') action.drop = 'request';
  else if (kind === 'drop:response') action.drop = 'response';
  else if (kind === 'delay') action.delay = v('value') || '5s';
  else action[kind] = true;
  const rule = {match, action};
  if (v('name')) rule.name = v('name');
  if (v('times')) rule.times = Number(v('times'));
  return rule;
}

document.getElementById('rule-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const r = await api('/rules', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(ruleFromForm(ev.target))});
  if (r.ok) {
    ev.target.reset();
    showRuleError('');
  } else {
    showRuleError(await errorOf(r));
  }
  refresh();
});

// ---- tiles from /metrics ----

/** Sum of a meter's samples, only those whose labels contain {@code label} when given. */
function sum(text, name, label) {
  let total = 0, found = false;
  for (const line of text.split('\n')) {
    if ((line.startsWith(name + '{') || line.startsWith(name + ' ')) && (!label || line.includes(label))) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
      found = true;
    }
  }
  return found ? total : null;
}

function maxOf(text, name, label) {
  let max = null;
  for (const line of text.split('\n')) {
    if (line.startsWith(name + '{') && line.includes(label)) {
      const v = Number(line.slice(line.lastIndexOf(' ') + 1));
      if (!isNaN(v) && (max === null || v > max)) max = v;
    }
  }
  return max;
}

async function renderTiles() {
  const r = await api('/metrics');
  if (!r.ok) return;
  const text = await r.text();
  const set = (id, v) => { document.getElementById(id).textContent = v === null ? '–' : v; };
  set('m-in', sum(text, 'acqsim_messages_in_total'));
  set('m-out', sum(text, 'acqsim_messages_out_total'));
  set('m-conn', sum(text, 'acqsim_connections_open'));
  const p99 = maxOf(text, 'acqsim_processing_latency_seconds', 'quantile="0.99"');
  set('m-p99', p99 === null ? null : (p99 * 1000).toFixed(2) + ' ms');
  set('m-approved', money(sum(text, 'acqsim_ledger_amount', 'state="approved",type="sale"') || 0));
  set('m-tomb', sum(text, 'acqsim_ledger_tombstones'));
}

// ---- the loop ----

let busy = false;
let paused = false;

let lastTxs = [];

// Pause freezes the transactions table (to read it); the other panels keep updating.
document.getElementById('pause').addEventListener('click', ev => {
  paused = !paused;
  ev.target.setAttribute('aria-pressed', String(paused));
  ev.target.textContent = paused ? 'resume' : 'pause';
  refresh();
});

document.getElementById('filter-terminal').addEventListener('input', () => refresh());

/** GET /transactions with the page's terminal filter. */
function transactionsPath() {
  const terminal = document.getElementById('filter-terminal').value.trim();
  return '/transactions?limit=' + LIMIT + (terminal ? '&terminal=' + encodeURIComponent(terminal) : '');
}

async function refresh() {
  if (busy) return;
  busy = true;
  const status = document.getElementById('status');
  try {
    if (!paused) {
      const tx = await getJson(transactionsPath());
      lastTxs = tx.missing ? [] : tx.body;
      renderTransactions(lastTxs);
    }
    const txs = lastTxs;
    const terminals = [...new Set(txs.map(t => t.terminal).filter(Boolean))].sort();
    await Promise.all([renderAccounts(), renderRules(), renderWatch(terminals), renderTiles(), renderTerminals(),
      renderLinks()]);
    firstLoad = false;
    window.acqsimRefreshes = (window.acqsimRefreshes || 0) + 1; // lets a test wait for a redraw
    status.textContent = (paused ? 'transactions paused · ' : 'live · ')
      + new Date().toLocaleTimeString([], {hour12: false});
    status.className = 'status up';
  } catch (e) {
    if (e instanceof Unauthorized) {
      status.textContent = 'admin token needed';
      askForToken();
    } else {
      status.textContent = 'admin API unreachable: ' + e.message;
    }
    status.className = 'status down';
  } finally {
    busy = false;
  }
}

refresh();
setInterval(refresh, POLL_MS);
