// The supervisor board: queue tiles and the agent table, kept current by SignalR pushes.
import { loadLanguage } from './i18n.js';
import { renderLayout, me } from './layout.js';

const STATES = ['Available', 'OnContact', 'AfterContactWork', 'Break', 'Lunch', 'Training', 'Coaching', 'Meeting', 'RecoveryBreak', 'Offline'];
const queues = new Map();
const incidents = new Map();
let incidentSignature = null; // what the incident cards last drawn showed
/** Per incident, what the supervisor typed as the closing outcome and the last refusal, kept across redraws. */
const drafts = new Map();
let risks = [];
/** Per queue, the intraday alerts of the server's last look (volume off forecast, service level expected below threshold). */
let alerts = new Map();
const agents = new Map();
let i18n, center, user = null, renderPending = false;

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
  renderIncidents();
  renderRisks();
  renderQueues();
  renderAgents();
}

/** Agents whose burnout risk reached watch or alert (refreshed every minute), with the factors behind the score. */
async function loadRisks() {
  const response = await fetch('/api/wellbeing/team?atRisk=true');
  if (response.ok) { risks = await response.json(); scheduleRender(); }
  await loadIncidentStats();
}

/** The last 30 days of abuse in one line: how many, per 1,000 contacts, reported by agents, time to acknowledge. */
async function loadIncidentStats() {
  const response = await fetch('/api/incidents/stats');
  if (!response.ok) return;
  const s = await response.json();
  const parts = [`${i18n.t('incident.last30')}: ${i18n.int(s.incidents)}`];
  if (s.per1000Contacts != null) parts.push(`${i18n.num(s.per1000Contacts)} ${i18n.t('incident.per1000')}`);
  if (s.incidents > 0) parts.push(`${i18n.pct(s.reportedShare)} ${i18n.t('incident.reportedShare')}`);
  if (s.medianMinutesToAcknowledge != null) parts.push(`${i18n.t('incident.medianAck')} ${i18n.num(s.medianMinutesToAcknowledge)} ${i18n.t('incident.minutes')}`);
  document.getElementById('incident-stats').textContent = parts.join(' · ');
}

function renderRisks() {
  const { team, queue } = filters();
  const rows = risks
    .filter(r => (!team || r.teamId === team) && (!queue || agents.get(r.agentId)?.queueIds.includes(queue)))
    .map(r => {
      const row = el('article', `risk lvl-${r.level}`);
      row.dataset.agent = r.agentId;
      const head = el('header');
      head.append(el('strong', null, r.name), el('span', 'score', i18n.num(r.score)), el('span', 'level', i18n.t(`wellbeing.${r.level.toLowerCase()}`)));
      const trend = el('a', 'trend', i18n.t('wellbeing.trend'));
      trend.href = `/api/wellbeing/agents/${encodeURIComponent(r.agentId)}/trend.svg?lang=${i18n.language.code}`;
      trend.target = '_blank';
      head.append(trend);
      row.append(head);
      const list = el('ul', 'factors');
      for (const f of r.factors.filter(f => f.points > 0).slice(0, 3)) {
        const li = el('li', null, `${i18n.t(`wellbeing.factor.${f.code}`)} · ${i18n.num(f.points)}/${i18n.num(f.maxPoints)}`);
        li.title = f.observed;
        list.append(li);
      }
      row.append(list);
      return row;
    });
  document.getElementById('risks').replaceChildren(...rows);
  document.getElementById('no-risk').hidden = rows.length > 0;
  document.getElementById('risk-count').textContent = rows.length ? `(${i18n.int(rows.length)})` : '';
}

/**
 * Keeps the newest version of each incident. Every action adds to its list, so a version with fewer
 * actions is older: a push that arrives after the answer to a later action must not bring it back.
 */
function mergeIncident(incident) {
  const known = incidents.get(incident.id);
  const actions = i => i?.actions?.length ?? 0;
  if (known && (actions(known) > actions(incident) || (actions(known) === actions(incident) && known.status === incident.status))) return;
  incidents.set(incident.id, incident);
  scheduleRender();
}

/** Open and acknowledged incidents, newest first, for the chosen team and queue, each with its evidence and actions. */
function renderIncidents() {
  const { team, queue } = filters();
  // Those escalated to the one signed in (by name or to a role they hold) come first, whatever the filters say.
  const open = [...incidents.values()].filter(i => i.status !== 'Closed');
  const toMe = open.filter(i => escalationToMe(i));
  const shown = [
    ...toMe.sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
    ...open.filter(i => !toMe.includes(i))
      .filter(i => (!queue || i.queueId === queue) && (!team || agents.get(i.agentId)?.teamId === team))
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
  ];
  // Cards are drawn again only when what they show changed: the board updates every second under traffic, and a card
  // replaced between a supervisor's press and release of "Acknowledge" would swallow the click. Their clocks tick in place.
  const signature = JSON.stringify([shown.map(i => [i.id, i.status, i.actions?.length ?? 0, agents.get(i.agentId)?.name ?? null]), toMe.map(i => i.id)]);
  if (signature === incidentSignature) return;
  incidentSignature = signature;
  const cards = shown.map(incidentCard);
  const escalated = document.getElementById('escalated-count');
  escalated.hidden = toMe.length === 0;
  escalated.textContent = i18n.t('incident.toYouCount').replace('{n}', i18n.int(toMe.length));
  // What a supervisor is typing lives in `drafts`, and focus is kept.
  const container = document.getElementById('incidents');
  const focused = document.activeElement?.closest?.('article.incident')?.dataset.incident;
  const field = document.activeElement?.tagName === 'INPUT' ? document.activeElement.className : null;
  container.replaceChildren(...cards);
  if (focused && field) container.querySelector(`article.incident[data-incident="${CSS.escape(focused)}"] input.${CSS.escape(field)}`)?.focus();
  document.getElementById('no-incidents').hidden = cards.length > 0;
  document.getElementById('incident-count').textContent = cards.length ? `(${i18n.int(cards.length)})` : '';
}

/** The last escalation of an incident to the signed-in user by name or to one of their roles, if any. */
function escalationToMe(i) {
  if (!user) return null;
  const mine = to => to && (to.toLowerCase() === user.userName?.toLowerCase() || user.roles.some(r => r.toLowerCase() === to.toLowerCase()));
  return i.actions.filter(a => a.kind === 'Escalate' && mine(a.to)).at(-1) ?? null;
}

function incidentCard(i) {
  const card = el('article', `incident sev-${i.severity} st-${i.status}`);
  card.dataset.incident = i.id;
  const escalation = escalationToMe(i);
  if (escalation) {
    card.classList.add('to-me');
    const whom = escalation.to.toLowerCase() === user.userName?.toLowerCase() ? i18n.t('incident.you') : i18n.t(`role.${escalation.to}`);
    const banner = el('p', 'escalated', i18n.t('incident.toYou').replace('{to}', whom).replace('{by}', escalation.by));
    if (escalation.note) {
      const why = el('q', null, escalation.note);
      why.dir = 'auto';
      banner.append(' ', why);
    }
    card.append(banner);
  }
  const head = el('header');
  head.append(el('strong', 'category', i18n.t(i.category === 'None' ? 'incident.reportedByAgent' : `incident.category.${i.category}`)));
  head.append(el('span', 'severity', i18n.t(`incident.severity.${i.severity}`)));
  const when = el('span', 'since', i18n.duration(secondsSince(i.at)));
  when.dataset.since = i.at;
  head.append(when);
  card.append(head);
  const who = agents.get(i.agentId)?.name ?? i.agentId ?? '–';
  const queueName = center.queues.find(q => q.id === i.queueId)?.name ?? i.queueId;
  card.append(el('p', 'who', `${who} · ${queueName} · ${i18n.t(i.source === 'Reported' ? 'incident.reported' : 'incident.detected')}`));
  if (i.evidence.length) {
    const evidence = el('p', 'evidence');
    for (const e of i.evidence) {
      const span = el('mark', null, e.text);
      span.dir = 'auto';
      evidence.append(span, ' ');
    }
    card.append(evidence);
  }
  if (i.message) {
    const message = el('blockquote', 'message', i.message);
    message.dir = 'auto';
    card.append(message);
  }
  if (i.actions.length) {
    const done = el('ol', 'done');
    for (const a of i.actions) done.append(el('li', null, actionText(a)));
    card.append(done);
  }
  const actions = el('div', 'actions');
  const act = (key, body) => {
    const button = el('button', null, i18n.t(key));
    button.type = 'button';
    button.addEventListener('click', () => incidentAction(i.id, body, card));
    actions.append(button);
  };
  if (i.status === 'Open') act('incident.acknowledge', { kind: 'acknowledge' });
  if (i.agentId && !i.actions.some(a => a.kind === 'RecoveryBreak')) act('incident.recoveryBreak', { kind: 'recovery-break', minutes: 15 });
  if (i.agentId && i.customerId && !i.actions.some(a => a.kind === 'RouteAway')) act('incident.routeAway', { kind: 'route-away' });
  actions.append(escalateForm(i, card));
  const outcome = el('input');
  outcome.type = 'text';
  outcome.className = 'outcome';
  outcome.setAttribute('aria-label', i18n.t('incident.outcome'));
  outcome.title = i18n.t('incident.outcome');
  outcome.value = drafts.get(i.id)?.outcome ?? '';
  outcome.addEventListener('input', () => drafts.set(i.id, { ...drafts.get(i.id), outcome: outcome.value }));
  const close = el('button', null, i18n.t('incident.close'));
  close.type = 'button';
  close.addEventListener('click', () => incidentAction(i.id, { kind: 'close', outcome: outcome.value }, card));
  const label = el('label', null, `${i18n.t('incident.outcome')} `);
  label.append(outcome);
  actions.append(label, close);
  card.append(actions);
  card.append(el('p', 'error', drafts.get(i.id)?.error ?? ''));
  return card;
}

/** One line per action taken: what, by whom, when (center time), and what it said. */
function actionText(a) {
  const when = i18n.time(new Date(a.at), center.timeZone);
  let what = i18n.t(`incident.done.${a.kind}`);
  if (a.kind === 'RecoveryBreak') {
    what += ` · ${i18n.int(a.minutes)} ${i18n.t('incident.minutes')}`;
    if (a.deferred) what += ` · ${i18n.t('incident.afterContact')}`;
  }
  if (a.kind === 'Escalate') what += ` → ${a.to ?? a.queueId}`;
  if (a.kind === 'Close' && a.outcome) what += `: ${a.outcome}`;
  if (a.note) what += ` — ${a.note}`;
  return `${when} · ${a.by} · ${what}`;
}

/** Escalate to a role or a named person, with a note saying why. */
function escalateForm(i, card) {
  const form = el('span', 'escalate');
  const to = el('input');
  to.type = 'text';
  to.className = 'escalate-to';
  to.setAttribute('list', 'escalate-targets');
  to.placeholder = i18n.t('incident.escalateTo');
  to.setAttribute('aria-label', i18n.t('incident.escalateTo'));
  to.value = drafts.get(i.id)?.to ?? '';
  to.addEventListener('input', () => drafts.set(i.id, { ...drafts.get(i.id), to: to.value }));
  const note = el('input');
  note.type = 'text';
  note.className = 'escalate-note';
  note.placeholder = i18n.t('incident.escalateWhy');
  note.setAttribute('aria-label', i18n.t('incident.escalateWhy'));
  note.value = drafts.get(i.id)?.note ?? '';
  note.addEventListener('input', () => drafts.set(i.id, { ...drafts.get(i.id), note: note.value }));
  const go = el('button', 'escalate-go', i18n.t('incident.escalate'));
  go.type = 'button';
  go.addEventListener('click', () => incidentAction(i.id, { kind: 'escalate', to: to.value, note: note.value }, card));
  form.append(to, note, go);
  return form;
}

async function incidentAction(id, body, card) {
  const response = await fetch(`/api/incidents/${encodeURIComponent(id)}/actions`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ by: 'supervisor', ...body }),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    const error = problem?.errors ? Object.values(problem.errors).flat().join(' ') : `${response.status}`;
    drafts.set(id, { ...drafts.get(id), error });
    const current = document.querySelector(`article.incident[data-incident="${CSS.escape(id)}"] .error`) ?? card.querySelector('.error');
    current.textContent = error;
    return;
  }
  drafts.delete(id);
  mergeIncident(await response.json());
  await loadIncidentStats();
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
  tile.append(el('div', 'channel', `${i18n.t('channel.' + q.channel)} · ${i18n.t('queue.target')} ${i18n.target(q.target.percent, q.target.thresholdSeconds)}`));

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

  for (const a of alerts.get(q.queueId) ?? []) {
    const text = a.kind === 'volume'
      ? `${i18n.t('alert.volume')} ${i18n.signedPct(a.value)}`
      : `${i18n.t('alert.serviceLevel')} ${i18n.pct(a.value)} (${i18n.t('alert.threshold')} ${i18n.pct(a.threshold)}) — ${i18n.wall(a.from)}`;
    const link = el('a', `alert alert-${a.kind}`, text);
    link.href = `/intraday?queue=${encodeURIComponent(q.queueId)}`;
    link.dataset.kind = a.kind;
    tile.append(link);
  }
  return tile;
}

/** Intraday alerts, looked at by the server every minute; the board may show them to whoever sees the day's plan. */
async function loadAlerts() {
  const response = await fetch('/api/intraday/alerts');
  if (!response.ok) return; // not for this role: the tiles go without
  const list = await response.json();
  alerts = new Map();
  for (const a of list) {
    if (!alerts.has(a.queueId)) alerts.set(a.queueId, []);
    alerts.get(a.queueId).push(a);
  }
  scheduleRender();
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
  // A supervisor's state: until when it runs; one asked for during the contact: what comes when it ends.
  if (a.until) state.append(el('small', 'until', ` ${i18n.t('state.until')} ${i18n.time(new Date(a.until), center.timeZone)}`));
  if (a.requested) state.append(el('small', 'requested', ` → ${i18n.t('state.' + a.requested)} (${i18n.int(a.requestedMinutes)} ${i18n.t('incident.minutes')}) ${i18n.t('state.afterContact')}`));
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
  connection.on('incident', mergeIncident);
  connection.on('wellbeing', list => { risks = list; scheduleRender(); });
  connection.onreconnecting(() => setConnection('reconnecting'));
  connection.onreconnected(async () => { merge(await connection.invoke('GetSnapshot')); setConnection('live'); });
  connection.onclose(() => setConnection('offline'));
  setConnection('connecting');
  await connection.start();
  merge(await connection.invoke('GetSnapshot'));
  (await connection.invoke('GetOpenIncidents')).forEach(mergeIncident);
  setConnection('live');
}

async function main() {
  i18n = await loadLanguage();
  center = await (await fetch('/api/center')).json();
  user = await me();
  renderLayout(i18n, 'board');
  i18n.apply();
  document.getElementById('time-zone').textContent = center.timeZone;
  fillFilters();
  tick();
  setInterval(tick, 1000);
  await connect();
  await loadRisks();
  await loadAlerts();
  setInterval(loadIncidentStats, 60000);
  setInterval(loadAlerts, 60000);
}

main();
