// The supervisor board: queue tiles and the agent table, kept current by SignalR pushes.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';

const STATES = ['Available', 'OnContact', 'AfterContactWork', 'Break', 'Lunch', 'Training', 'Coaching', 'Meeting', 'Offline'];
const queues = new Map();
const agents = new Map();
let i18n, center, renderPending = false;

const el = (tag, className, text) => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = text;
  return e;
};

const secondsSince = iso => (Date.now() - Date.parse(iso)) / 1000;

function merge(update) {
  for (const q of update.queues) {
    const old = queues.get(q.queueId);
    if (!old || Date.parse(q.asOf) >= Date.parse(old.asOf)) queues.set(q.queueId, q);
  }
  for (const a of update.agents) {
    const old = agents.get(a.agentId);
    if (!old || Date.parse(a.asOf) >= Date.parse(old.asOf)) agents.set(a.agentId, a);
  }
  scheduleRender();
}

function scheduleRender() {
  if (renderPending) return;
  renderPending = true;
  requestAnimationFrame(() => { renderPending = false; render(); });
}

function filters() {
  return { team: document.getElementById('team-filter').value, queue: document.getElementById('queue-filter').value };
}

function render() {
  renderQueues();
  renderAgents();
}

function renderQueues() {
  const { queue } = filters();
  const container = document.getElementById('queues');
  const tiles = [...queues.values()]
    .filter(q => !queue || q.queueId === queue)
    .sort((a, b) => a.queueId.localeCompare(b.queueId))
    .map(queueTile);
  container.replaceChildren(...tiles);
}

function queueTile(q) {
  const goal = q.target.percent / 100;
  const below = q.today.serviceLevel != null && q.today.serviceLevel < goal;
  const tile = el('article', below ? 'tile below' : 'tile');
  tile.dataset.queue = q.queueId;
  tile.append(el('h3', null, q.name));
  tile.append(el('div', 'channel', `${i18n.t('channel.' + q.channel)} · ${i18n.t('queue.target')} ${i18n.int(q.target.percent)}/${i18n.int(q.target.thresholdSeconds)}`));

  const big = el('div', 'big');
  const waiting = el('div');
  waiting.append(el('span', null, i18n.t('queue.waiting')), el('strong', 'waiting', i18n.int(q.waiting)));
  const longest = el('div');
  const wait = el('strong', 'longest-wait', i18n.duration(q.oldestWaitingSince ? secondsSince(q.oldestWaitingSince) : 0));
  if (q.oldestWaitingSince) wait.dataset.since = q.oldestWaitingSince;
  longest.append(el('span', null, i18n.t('queue.longestWait')), wait);
  big.append(waiting, longest);
  tile.append(big);

  const dl = el('dl');
  const row = (key, value, cls) => {
    const dd = el('dd', cls, value);
    dd.dataset.kpi = key;
    dl.append(el('dt', null, i18n.t(key)), dd);
  };
  const slClass = sl => sl == null ? null : sl < goal ? 'below' : 'met';
  row('queue.slToday', i18n.pct(q.today.serviceLevel), slClass(q.today.serviceLevel));
  row('queue.slInterval', i18n.pct(q.thisInterval.serviceLevel), slClass(q.thisInterval.serviceLevel));
  row('queue.asa', i18n.duration(q.today.averageSpeedOfAnswer));
  row('queue.abandoned', i18n.pct(q.today.abandonRate));
  row('queue.offered', i18n.int(q.today.offered));
  row('queue.answered', i18n.int(q.today.answered));
  tile.append(dl);

  const chips = el('div', 'chips');
  chips.title = i18n.t('queue.agents');
  for (const state of STATES) {
    const n = q.agentsByState?.[state] ?? 0;
    if (n > 0) chips.append(el('span', `chip s-${state}`, `${i18n.t('state.' + state)} ${i18n.int(n)}`));
  }
  tile.append(chips);
  return tile;
}

function renderAgents() {
  const { team, queue } = filters();
  const teamNames = new Map(center.teams.map(t => [t.id, t.name]));
  const rows = [...agents.values()]
    .filter(a => (!team || a.teamId === team) && (!queue || a.queueIds.includes(queue)))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.locale))
    .map(a => agentRow(a, teamNames));
  document.querySelector('#agents tbody').replaceChildren(...rows);
  document.getElementById('no-agents').hidden = rows.length > 0;
}

function agentRow(a, teamNames) {
  const tr = el('tr');
  tr.dataset.agent = a.agentId;
  tr.append(el('td', null, a.name));
  tr.append(el('td', null, teamNames.get(a.teamId) ?? a.teamId));
  const state = el('td');
  state.append(el('span', `state s-${a.state}`, i18n.t('state.' + a.state)));
  tr.append(state);
  // An agent who has never signed in has no time in state.
  const signedIn = Date.parse(a.since) > 0;
  const since = el('td', 'num time-in-state', signedIn ? i18n.duration(secondsSince(a.since)) : '–');
  if (signedIn) since.dataset.since = a.since;
  tr.append(since);
  const adh = a.adherence;
  tr.append(el('td', null, adh.scheduledNow != null ? i18n.t('activity.' + adh.scheduledNow) : '–'));
  const cell = el('td');
  if (adh.inAdherenceNow == null) {
    cell.append(el('span', 'adh-none', i18n.t('adherence.none')));
  } else {
    cell.append(el('span', adh.inAdherenceNow ? 'adh-in' : 'adh-out', i18n.t(adh.inAdherenceNow ? 'adherence.in' : 'adherence.out')));
  }
  const share = adh.scheduledMinutes > 0 ? adh.inAdherenceMinutes / adh.scheduledMinutes : null;
  if (share != null) cell.append(document.createTextNode(` ${i18n.pct(share)}`));
  tr.append(cell);
  tr.append(el('td', 'num minutes-out', i18n.num(adh.minutesOut)));
  tr.append(el('td', 'num', i18n.int(a.handled)));
  tr.append(el('td', 'num', i18n.pct(a.occupancy)));
  return tr;
}

/** Clocks tick between pushes: time in state and longest wait count up every second. */
function tick() {
  document.querySelectorAll('[data-since]').forEach(e => { e.textContent = i18n.duration(secondsSince(e.dataset.since)); });
  document.getElementById('today').textContent = `${i18n.date(new Date(), center.timeZone)} ${i18n.time(new Date(), center.timeZone)}`;
}

function fillFilters() {
  const team = document.getElementById('team-filter');
  for (const t of center.teams) team.append(new Option(t.name, t.id));
  const queue = document.getElementById('queue-filter');
  for (const q of center.queues) queue.append(new Option(q.name, q.id));
  const params = new URLSearchParams(location.search);
  team.value = params.get('team') ?? '';
  queue.value = params.get('queue') ?? '';
  for (const select of [team, queue]) select.addEventListener('change', scheduleRender);
}

function setConnection(state) {
  const badge = document.getElementById('connection');
  badge.dataset.state = state;
  badge.textContent = i18n.t({ live: 'board.live', reconnecting: 'board.reconnecting', connecting: 'board.reconnecting', offline: 'board.offline' }[state]);
}

async function connect() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/board')
    .withAutomaticReconnect()
    .build();
  connection.on('update', merge);
  connection.onreconnecting(() => setConnection('reconnecting'));
  connection.onreconnected(async () => { merge(await connection.invoke('GetSnapshot')); setConnection('live'); });
  connection.onclose(() => setConnection('offline'));
  setConnection('connecting');
  await connection.start();
  merge(await connection.invoke('GetSnapshot'));
  setConnection('live');
}

async function main() {
  i18n = await loadLanguage();
  center = await (await fetch('/api/center')).json();
  renderLayout(i18n, 'board');
  i18n.apply();
  document.getElementById('time-zone').textContent = center.timeZone;
  fillFilters();
  tick();
  setInterval(tick, 1000);
  await connect();
}

main();
