// The admin's page: users and their roles, API keys, personal-data export and erasure, the audit log.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';
import { cell, failure } from './dom.js';

const $ = id => document.getElementById(id);
const ROLES = ['admin', 'planner', 'supervisor', 'trainer', 'agent'];
const SCOPES = ['events:write', 'surveys:write', 'board:read', 'system:read'];
const i18n = await loadLanguage();
renderLayout(i18n, 'admin');
i18n.apply();

const center = await (await fetch('/api/center')).json();
const board = await (await fetch('/api/board')).json();
const zone = center.timeZone;
const stamp = new Intl.DateTimeFormat(`${i18n.locale}-u-ca-${i18n.language.calendar}`, { timeZone: zone, dateStyle: 'short', timeStyle: 'medium' });
const when = value => (value ? stamp.format(new Date(value)) : '–');

function checkboxes(fieldset, values, label) {
  for (const v of values) {
    const l = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = v;
    l.append(box, ` ${label(v)}`);
    fieldset.append(l);
  }
}
checkboxes($('roles'), ROLES, r => i18n.t(`role.${r}`));
checkboxes($('scopes'), SCOPES, s => s);
for (const t of center.teams) $('teams').append(new Option(t.name, t.id));
for (const a of board.agents) $('agent').append(new Option(`${a.name} (${a.agentId})`, a.agentId));
const checked = fieldset => [...fieldset.querySelectorAll('input:checked')].map(b => b.value);

function say(id, text, ok) {
  $(id).className = ok ? 'ok' : 'error';
  $(id).replaceChildren(text);
}

function button(text, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

function showSecret(id, intro, secret) {
  const code = document.createElement('div');
  code.className = 'secret';
  code.textContent = secret;
  $(id).className = 'ok';
  $(id).replaceChildren(intro, code);
}

let editing = null;
function edit(user) {
  editing = user;
  $('user-form-title').textContent = user ? `${i18n.t('admin.editUser')}: ${user.userName}` : i18n.t('admin.addUser');
  $('user-name').value = user?.userName ?? '';
  $('user-name').disabled = !!user;
  $('display-name').value = user?.displayName ?? '';
  $('roles').querySelectorAll('input').forEach(b => { b.checked = !!user?.roles.includes(b.value); });
  [...$('teams').options].forEach(o => { o.selected = !!user?.teams.includes(o.value); });
  $('agent').value = user?.agentId ?? '';
}

async function showUsers() {
  const users = await (await fetch('/api/admin/users')).json();
  $('users').replaceChildren(...users.map(u => {
    const tr = document.createElement('tr');
    cell(tr, u.displayName && u.displayName !== u.userName ? `${u.userName} (${u.displayName})` : u.userName);
    cell(tr, u.roles.map(r => i18n.t(`role.${r}`)).join(', '));
    cell(tr, u.teams.map(t => center.teams.find(x => x.id === t)?.name ?? t).join(', '));
    cell(tr, u.agentId ?? '');
    cell(tr, u.lockedUntil ? `${i18n.t('admin.locked')} ${when(u.lockedUntil)}` : i18n.t('admin.active'));
    const actions = document.createElement('span');
    actions.append(button(i18n.t('admin.edit'), () => edit(u)), ' ',
      button(i18n.t('admin.resetPassword'), async () => {
        const r = await fetch(`/api/admin/users/${encodeURIComponent(u.userName)}/password`, { method: 'POST' });
        if (r.ok) showSecret('user-result', `${i18n.t('admin.newPassword')} ${u.userName}:`, (await r.json()).password);
        else say('user-result', (await failure(r)).message, false);
      }));
    if (u.lockedUntil) {
      actions.append(' ', button(i18n.t('admin.unlock'), async () => {
        await fetch(`/api/admin/users/${encodeURIComponent(u.userName)}/unlock`, { method: 'POST' });
        await showUsers();
      }));
    }
    actions.append(' ', button(i18n.t('admin.delete'), async () => {
      if (!confirm(`${i18n.t('admin.delete')} ${u.userName}?`)) return;
      const r = await fetch(`/api/admin/users/${encodeURIComponent(u.userName)}`, { method: 'DELETE' });
      if (!r.ok) say('user-result', (await failure(r)).message, false);
      await showUsers();
    }));
    cell(tr, actions);
    return tr;
  }));
}

$('user-new').addEventListener('click', () => edit(null));
$('user-form').addEventListener('submit', async e => {
  e.preventDefault();
  const body = {
    userName: $('user-name').value.trim(),
    displayName: $('display-name').value.trim() || null,
    roles: checked($('roles')),
    teams: [...$('teams').selectedOptions].map(o => o.value),
    agentId: $('agent').value || null,
  };
  const r = editing
    ? await fetch(`/api/admin/users/${encodeURIComponent(editing.userName)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    : await fetch('/api/admin/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) { say('user-result', (await failure(r)).message, false); return; }
  const saved = await r.json();
  if (saved.password) showSecret('user-result', `${i18n.t('admin.newPassword')} ${saved.user.userName}:`, saved.password);
  else say('user-result', i18n.t('admin.saved'), true);
  edit(null);
  await showUsers();
});

async function showKeys() {
  const keys = await (await fetch('/api/admin/api-keys')).json();
  $('keys').replaceChildren(...keys.map(k => {
    const tr = document.createElement('tr');
    cell(tr, `${k.name} (${k.id})`);
    cell(tr, k.scopes.join(' '));
    cell(tr, `${when(k.createdAt)} · ${k.createdBy}`);
    cell(tr, when(k.lastUsedAt));
    cell(tr, k.revokedAt ? `${i18n.t('admin.revoked')} ${when(k.revokedAt)}` : button(i18n.t('admin.revoke'), async () => {
      await fetch(`/api/admin/api-keys/${encodeURIComponent(k.id)}`, { method: 'DELETE' });
      await showKeys();
    }));
    return tr;
  }));
}

$('key-form').addEventListener('submit', async e => {
  e.preventDefault();
  const r = await fetch('/api/admin/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: $('key-name').value, scopes: checked($('scopes')) }) });
  if (!r.ok) { say('key-result', (await failure(r)).message, false); return; }
  showSecret('key-result', i18n.t('admin.keyOnce'), (await r.json()).key);
  await showKeys();
});

$('privacy-form').addEventListener('submit', async e => {
  e.preventDefault();
  const url = `/api/admin/privacy/${$('privacy-kind').value}/${encodeURIComponent($('privacy-id').value.trim())}`;
  const r = await fetch(url);
  if (!r.ok) { say('privacy-result', (await failure(r)).message, false); return; }
  const blob = new Blob([JSON.stringify(await r.json(), null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `wfm-${$('privacy-kind').value}-${$('privacy-id').value.trim()}.json`;
  a.textContent = a.download;
  $('privacy-result').className = 'ok';
  $('privacy-result').replaceChildren(a);
  a.click();
});

$('privacy-erase').addEventListener('click', async () => {
  const id = $('privacy-id').value.trim();
  if (!id || !confirm(`${i18n.t('admin.erase')} ${id}? ${i18n.t('admin.eraseHint')}`)) return;
  const r = await fetch(`/api/admin/privacy/${$('privacy-kind').value}/${encodeURIComponent(id)}`, { method: 'DELETE' });
  if (!r.ok) { say('privacy-result', (await failure(r)).message, false); return; }
  const done = await r.json();
  say('privacy-result', `${i18n.t('admin.erased')}: ${Object.entries(done.removed).map(([k, v]) => `${k} ${i18n.int(v)}`).join(', ')}`, true);
});

async function showAudit() {
  const params = new URLSearchParams({ limit: '200' });
  if ($('audit-actor').value.trim()) params.set('actor', $('audit-actor').value.trim());
  if ($('audit-action').value.trim()) params.set('action', $('audit-action').value.trim());
  const entries = await (await fetch(`/api/admin/audit?${params}`)).json();
  $('audit').replaceChildren(...entries.map(a => {
    const tr = document.createElement('tr');
    cell(tr, when(a.at));
    cell(tr, a.actor);
    cell(tr, a.action);
    cell(tr, a.target);
    cell(tr, String(a.status));
    return tr;
  }));
}
$('audit-form').addEventListener('submit', e => { e.preventDefault(); showAudit(); });

await Promise.all([showUsers(), showKeys(), showAudit()]);
