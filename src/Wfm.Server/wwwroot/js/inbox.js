// The unified inbox: every open conversation across channels, live; one conversation with its messages,
// who else has it open (collision warnings), suggested replies and the reply box.
import { loadLanguage } from './i18n.js';
import { renderLayout, me } from './layout.js';
import { cell, failure } from './dom.js';

const $ = id => document.getElementById(id);
const CHANNELS = ['Voice', 'Chat', 'Email', 'Social', 'Messaging'];
const STATUSES = ['New', 'Open', 'WaitingOnCustomer'];
const i18n = await loadLanguage();
renderLayout(i18n, 'inbox');
i18n.apply();

const who = await me();
const myId = who?.agentId ?? `user:${who?.userName}`;
const canReply = !!who?.agentId;
const center = await (await fetch('/api/center')).json();
const queues = new Map(center.queues.map(q => [q.id, q]));
for (const c of CHANNELS) $('f-channel').append(new Option(i18n.t(`channel.${c}`), c));
for (const q of center.queues) $('f-queue').append(new Option(q.name, q.id));
for (const s of STATUSES) $('f-status').append(new Option(i18n.t(`inbox.status.${s}`), s));
$('reply-form').hidden = !canReply;

const items = new Map();
let openId = null, openView = null, suggestion = null, typingSent = 0, typingTimer = null, typing = false;

function filters() {
  return { channel: $('f-channel').value, queue: $('f-queue').value, language: $('f-language').value, status: $('f-status').value, flag: $('f-flag').value, sort: $('f-sort').value };
}

function waitingOf(item) {
  const since = item.conversation.waitingSince;
  return since ? Math.max(0, (Date.now() - Date.parse(since)) / 1000) : null;
}

function lateOf(item) {
  const w = waitingOf(item);
  const q = queues.get(item.conversation.queueId);
  return w != null && q && w > q.target.thresholdSeconds;
}

function passes(item) {
  const f = filters(), c = item.conversation;
  return (!f.channel || c.channel === f.channel) && (!f.queue || c.queueId === f.queue) && (!f.language || c.language === f.language)
    && (!f.status || c.status === f.status)
    && (!f.flag || (f.flag === 'abusive' ? c.abusive : f.flag === 'vip' ? c.vip : lateOf(item)));
}

async function load() {
  const params = new URLSearchParams(Object.entries(filters()).filter(([, v]) => v));
  const response = await fetch(`/api/inbox?${params}`);
  if (!response.ok) throw await failure(response);
  items.clear();
  for (const item of await response.json()) items.set(item.conversation.id, item);
  render();
}

function render() {
  const sort = $('f-sort').value;
  const list = [...items.values()].filter(passes).sort((a, b) => sort === 'newest'
    ? Date.parse(b.conversation.updatedAt) - Date.parse(a.conversation.updatedAt)
    : (waitingOf(b) ?? -1) - (waitingOf(a) ?? -1));
  $('conversations').replaceChildren(...list.map(item => {
    const c = item.conversation;
    const li = document.createElement('li');
    li.dataset.id = c.id;
    li.className = `conversation${c.id === openId ? ' chosen' : ''}`;
    const head = document.createElement('div');
    head.className = 'head';
    const who = document.createElement('strong');
    who.textContent = c.customerName || c.customerId || c.id;
    const chips = document.createElement('span');
    chips.className = 'chips';
    for (const [show, key, cls] of [[true, `channel.${c.channel}`, 'chip'], [true, `inbox.status.${c.status}`, 'chip'], [c.abusive, 'inbox.flag.abusive', 'chip bad'], [c.vip, 'inbox.flag.vip', 'chip vip']]) {
      if (!show) continue;
      const chip = document.createElement('span');
      chip.className = cls;
      chip.textContent = i18n.t(key);
      chips.append(chip);
    }
    const wait = document.createElement('span');
    wait.className = 'wait';
    wait.dataset.since = c.waitingSince ?? '';
    head.append(who, chips, wait);
    const preview = document.createElement('p');
    preview.className = 'preview';
    preview.dir = 'auto';
    preview.textContent = c.lastMessage ?? '';
    const meta = document.createElement('p');
    meta.className = 'note';
    meta.textContent = [item.queueName, item.agentNames.join(', ')].filter(Boolean).join(' · ');
    li.append(head, preview, meta);
    li.addEventListener('click', () => open(c.id));
    return li;
  }));
  $('no-conversations').hidden = list.length > 0;
  $('open-count').textContent = `${i18n.int(list.length)} ${i18n.t('inbox.open')}`;
  tick();
}

/** The waiting times count up every second; past the queue's target they turn red. */
function tick() {
  for (const span of document.querySelectorAll('#conversations .wait')) {
    const item = items.get(span.closest('li').dataset.id);
    const w = item ? waitingOf(item) : null;
    span.textContent = w == null ? '' : i18n.duration(w);
    span.classList.toggle('late', !!item && lateOf(item));
  }
}

async function open(id) {
  if (openId && openId !== id) await connection.invoke('Close', openId).catch(() => {});
  openId = id;
  suggestion = null;
  $('reply').value = '';
  $('replied').hidden = true;
  $('reply-error').textContent = '';
  render();
  await showView();
  const others = await connection.invoke('Open', id);
  showPresence(others);
  await showSuggestions();
}

async function showView() {
  const response = await fetch(`/api/conversations/${encodeURIComponent(openId)}`);
  if (!response.ok) { $('reply-error').textContent = (await failure(response)).message; return; }
  openView = await response.json();
  const c = openView.summary;
  $('view').hidden = false;
  $('view-title').textContent = `${c.customerName || c.customerId || c.id}`;
  $('view-meta').textContent = [i18n.t(`channel.${c.channel}`), queues.get(c.queueId)?.name ?? c.queueId, i18n.t(`inbox.status.${c.status}`),
    c.firstResponseAt ? `${i18n.t('inbox.firstResponse')} ${i18n.duration((Date.parse(c.firstResponseAt) - Date.parse(c.createdAt)) / 1000)}` : ''].filter(Boolean).join(' · ');
  $('messages').replaceChildren(...openView.messages.map(m => {
    const li = document.createElement('li');
    li.className = `message ${m.sender === 'Customer' ? 'from-customer' : 'from-agent'}${m.abusive ? ' abusive' : ''}`;
    const text = document.createElement('p');
    text.dir = 'auto';
    text.textContent = m.text;
    const meta = document.createElement('span');
    meta.className = 'note';
    meta.textContent = `${m.sender === 'Customer' ? i18n.t('inbox.customer') : (openView.agentNames[m.agentId] ?? m.agentId ?? '')} · ${i18n.time(new Date(m.at), center.timeZone)}`;
    li.append(text, meta);
    return li;
  }));
}

async function showSuggestions() {
  const box = $('suggestions');
  box.replaceChildren();
  const response = await fetch(`/api/conversations/${encodeURIComponent(openId)}/suggestions`);
  if (!response.ok) return;
  const found = await response.json();
  if (found.length === 0) return;
  const title = document.createElement('p');
  title.className = 'note';
  title.textContent = i18n.t('inbox.suggested');
  box.append(title);
  for (const s of found) {
    const row = document.createElement('div');
    row.className = 'suggestion';
    const text = document.createElement('p');
    text.dir = 'auto';
    // Slots nothing could fill ({order}…) are marked: the agent writes what belongs there before sending.
    for (const part of s.text.split(SLOT)) {
      if (/^\{(name|order|agent)\}$/.test(part)) {
        const mark = document.createElement('mark');
        mark.className = 'slot';
        mark.textContent = i18n.t(`inbox.slot.${part.slice(1, -1)}`);
        text.append(mark);
      } else if (part) {
        text.append(part);
      }
    }
    row.append(text);
    if (canReply) {
      const use = document.createElement('button');
      use.type = 'button';
      use.textContent = i18n.t('inbox.use');
      use.addEventListener('click', () => { $('reply').value = s.text; suggestion = s; checkSlots(true); });
      const dismiss = document.createElement('button');
      dismiss.type = 'button';
      dismiss.className = 'secondary';
      dismiss.textContent = i18n.t('inbox.dismiss');
      dismiss.addEventListener('click', async () => {
        await fetch(`/api/conversations/${encodeURIComponent(openId)}/suggestions/${s.pairId}/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'dismissed' }) });
        row.remove();
      });
      row.append(use, dismiss);
    }
    box.append(row);
  }
}

function showPresence(list) {
  const others = (list ?? []).filter(p => p.id !== myId);
  const banner = $('collision');
  if (others.length === 0) { banner.hidden = true; return; }
  banner.hidden = false;
  banner.textContent = others.map(p => `${p.name} ${i18n.t(p.mode === 'Typing' ? 'inbox.isTyping' : 'inbox.isViewing')}`).join(' · ');
  banner.classList.toggle('typing', others.some(p => p.mode === 'Typing'));
}

const SLOT = /(\{(?:name|order|agent)\})/;

/** A reply with a slot still in it cannot be sent: the button waits, the hint says what to fill, the slot is selected to type over. */
function checkSlots(selectFirst) {
  const box = $('reply');
  const match = box.value.match(SLOT);
  const send = $('reply-form').querySelector('button[type=submit]');
  send.disabled = match != null;
  const hint = $('slot-hint');
  hint.hidden = match == null;
  if (match) {
    hint.textContent = `${i18n.t('inbox.fillSlot')}: ${i18n.t(`inbox.slot.${match[1].slice(1, -1)}`)}`;
    if (selectFirst) {
      box.focus();
      box.setSelectionRange(match.index, match.index + match[1].length);
    }
  } else if (selectFirst) {
    box.focus();
  }
}

$('reply').addEventListener('input', () => {
  checkSlots(false);
  if (!openId) return;
  const now = Date.now();
  if (!typing || now - typingSent > 3000) {
    typing = true;
    typingSent = now;
    connection.invoke('Typing', openId, true).then(showPresence).catch(() => {});
  }
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { typing = false; connection.invoke('Typing', openId, false).then(showPresence).catch(() => {}); }, 6000);
});

$('reply-form').addEventListener('submit', async e => {
  e.preventDefault();
  const text = $('reply').value.trim();
  if (!text || !openId) return;
  const response = await fetch(`/api/conversations/${encodeURIComponent(openId)}/replies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, suggestionId: suggestion?.pairId ?? null, suggestionText: suggestion?.text ?? null }),
  });
  if (!response.ok) { $('reply-error').textContent = (await failure(response)).message; return; }
  $('reply').value = '';
  checkSlots(false);
  $('reply-error').textContent = '';
  $('replied').hidden = true;
  suggestion = null;
  typing = false;
  connection.invoke('Typing', openId, false).catch(() => {});
  await showView();
  await showSuggestions();
});

for (const id of ['f-channel', 'f-queue', 'f-language', 'f-status', 'f-flag', 'f-sort']) $(id).addEventListener('change', () => load());

async function showStats() {
  const response = await fetch('/api/inbox/stats');
  if (!response.ok) return;
  const stats = await response.json();
  const rows = new Map();
  for (const c of stats.collisions) rows.set(c.queueId, { collisions: c.collisions });
  for (const s of stats.suggestions) rows.set(s.queueId, { ...(rows.get(s.queueId) ?? {}), ...s });
  $('stats').hidden = false;
  $('stats-rows').replaceChildren(...[...rows.entries()].map(([queue, r]) => {
    const tr = document.createElement('tr');
    cell(tr, queues.get(queue)?.name ?? queue);
    for (const v of [r.collisions ?? 0, r.shown ?? 0, r.accepted ?? 0, r.edited ?? 0, r.dismissed ?? 0]) cell(tr, i18n.int(v));
    cell(tr, i18n.pct(r.acceptanceRate ?? null));
    return tr;
  }));
}

const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/inbox').withAutomaticReconnect().build();
const state = s => { $('connection').dataset.state = s; $('connection').textContent = i18n.t({ live: 'board.live', reconnecting: 'board.reconnecting', connecting: 'board.reconnecting', offline: 'board.offline' }[s]); };
connection.onreconnecting(() => state('reconnecting'));
connection.onreconnected(async () => { state('live'); await load(); if (openId) await connection.invoke('Open', openId).then(showPresence); });
connection.onclose(() => state('offline'));
connection.on('inbox', push => {
  for (const id of push.gone) items.delete(id);
  for (const item of push.changed) items.set(item.conversation.id, item);
  render();
  if (openId && push.changed.some(i => i.conversation.id === openId)) showView();
});
connection.on('presence', (id, list) => { if (id === openId) showPresence(list); });
connection.on('replied', (id, by) => {
  if (id !== openId || by.id === myId) return;
  if ($('reply').value.trim()) {
    $('replied').hidden = false;
    $('replied').textContent = `${by.name} ${i18n.t('inbox.justReplied')}`;
  }
  showView();
});

await load();
await connection.start();
state('live');
setInterval(tick, 1000);
setInterval(() => { if (openId) connection.invoke('Typing', openId, typing).then(showPresence).catch(() => {}); }, 10000);
if (who?.roles.some(r => r === 'supervisor' || r === 'admin')) showStats();
const wanted = new URLSearchParams(location.search).get('conversation');
if (wanted) await open(wanted);
document.body.dataset.ready = 'true';
