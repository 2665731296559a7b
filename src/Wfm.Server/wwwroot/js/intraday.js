// The intraday page: every queue's day so far against its forecast and plan, the rest of the day re-forecast,
// per queue the intervals with the agents needed against those scheduled, and the suggestions that fix the rest of
// the day (accepted for the agent, or overtime and time off offered to agents). Refreshes every minute.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';
import { cell, failure, link } from './dom.js';

let i18n, selected = null, view = null, zone = 'UTC', today = null;
/** The day shown: today (live, with suggestions) or an earlier one, whole. */
const day = () => $('day').value || today;
const isToday = () => day() === today;
const $ = id => document.getElementById(id);

const clock = text => i18n.wall(text);

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? `${i18n.t('intraday.error')}: ${error.message}` : '';
}

function queues() {
  const body = $('queues').tBodies[0];
  body.replaceChildren();
  if (view.queues.length === 0) {
    const tr = document.createElement('tr');
    cell(tr, i18n.t('intraday.none')).colSpan = 7;
    body.append(tr);
    return;
  }
  for (const q of view.queues) {
    const tr = document.createElement('tr');
    tr.dataset.queue = q.queueId;
    if (q.queueId === selected) tr.className = 'chosen';
    cell(tr, link(q.name, '#', () => open(q.queueId)));
    const deviation = cell(tr, i18n.signedPct(q.deviation));
    if (q.deviation != null && Math.abs(q.deviation) >= 0.1) deviation.className = 'error';
    cell(tr, i18n.num(q.multiplier));
    cell(tr, i18n.int(q.workingNow));
    const short = cell(tr, i18n.int(q.shortIntervals));
    if (q.shortIntervals > 0) short.className = 'error';
    cell(tr, q.learnedFromDays > 0 ? `${i18n.int(q.learnedFromDays)} ${i18n.t('intraday.days')}` : i18n.t('intraday.defaults'));
    cell(tr, [q.note ? i18n.t(`intraday.note.${q.note}`) : '', q.calibrated ? i18n.t('intraday.calibrated') : ''].filter(x => x).join(' · '));
    body.append(tr);
  }
}

function detail() {
  const q = view.queues.find(x => x.queueId === selected);
  $('detail').hidden = !q;
  if (!q) return;
  $('detail-title').textContent = q.name;
  $('chart').src = `/api/intraday/${encodeURIComponent(q.queueId)}/chart.svg?lang=${i18n.language.code}&date=${day()}&t=${Date.now()}`;
  $('chart').alt = q.name;
  $('service-chart').src = `/api/intraday/${encodeURIComponent(q.queueId)}/service.svg?lang=${i18n.language.code}&date=${day()}&t=${Date.now()}`;
  $('service-chart').alt = q.name;
  const body = $('intervals').tBodies[0];
  body.replaceChildren();
  for (const i of q.intervals) {
    const tr = document.createElement('tr');
    tr.dataset.start = i.start;
    cell(tr, clock(i.start));
    cell(tr, i18n.num(i.forecast));
    cell(tr, i18n.num(i.reforecast));
    cell(tr, i.lower == null ? '–' : `${i18n.num(i.lower)} – ${i18n.num(i.upper)}`);
    const offered = cell(tr, i18n.int(i.offered));
    if (i.offered != null && i.forecast > 0 && Math.abs(i.offered / i.forecast - 1) >= 0.2) offered.className = 'error';
    cell(tr, i18n.pct(i.serviceLevel));
    cell(tr, i18n.int(i.abandoned));
    cell(tr, i18n.duration(i.averageTalkSeconds));
    cell(tr, i18n.int(i.requiredDayAhead));
    // A calibrated queue shows the formula's own figures beside the calibrated ones.
    const formula = value => `${i18n.t('intraday.formula')} ${value}`;
    cell(tr, i.uncalibratedRequired == null ? i18n.int(i.required) : `${i18n.int(i.required)} (${formula(i18n.int(i.uncalibratedRequired))})`);
    const scheduled = cell(tr, i18n.int(i.scheduled));
    const p = i.predicted;
    const u = i.uncalibratedPredicted;
    const expected = cell(tr, (p?.serviceLevel == null ? '–' : `${i18n.pct(p.serviceLevel)} (${i18n.pct(p.serviceLevelLow)} – ${i18n.pct(p.serviceLevelHigh)})`)
      + (u?.serviceLevel == null ? '' : ` · ${formula(i18n.pct(u.serviceLevel))}`));
    if (p?.serviceLevel != null && p.serviceLevel < q.targetPercent / 100) expected.className = 'error';
    if (i.reforecast != null && i.required != null && i.scheduled < i.required) {
      tr.classList.add('short');
      scheduled.className = 'error';
    }
    body.append(tr);
  }
}

const hm = instant => i18n.hm(instant, zone);

function message(text) {
  $('fix-message').hidden = !text;
  $('fix-message').textContent = text ?? '';
}

/** What a suggestion changes, in words of the page's language. */
function change(f) {
  const kind = i18n.t(`intraday.kind.${f.kind}`);
  if (f.kind === 'MoveBreak' || f.kind === 'MoveOffline') {
    return `${kind}: ${i18n.t(`activity.${f.activity}`)} ${hm(f.from)}–${hm(f.to)} → ${hm(f.newFrom)}–${hm(f.newTo)}`;
  }
  if (f.kind === 'MoveQueue') {
    return `${kind} ${view.queues.find(q => q.queueId === f.toQueue)?.name ?? f.toQueue}: ${hm(f.from)}–${hm(f.to)}`;
  }
  return `${kind}: ${hm(f.from)}–${hm(f.to)}`;
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body == null ? null : JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

async function act(work, done) {
  try {
    message(`${i18n.t(done)}: ${await work()}`);
  } catch (error) {
    message(`${i18n.t('intraday.error')}: ${error.message}`);
  }
  await refresh();
}

function alertText(a) {
  return a.kind === 'volume'
    ? `${a.name}: ${i18n.t('alert.volume')} ${i18n.signedPct(a.value)}`
    : `${a.name}: ${i18n.t('alert.serviceLevel')} ${i18n.pct(a.value)} (${i18n.t('alert.threshold')} ${i18n.pct(a.threshold)}) — ${clock(a.from)}`;
}

async function fixes() {
  const [suggestions, offers, alerts] = await Promise.all(['/api/intraday/suggestions', '/api/intraday/offers', '/api/intraday/alerts'].map(async url => {
    const response = await fetch(url);
    if (!response.ok) throw await failure(response);
    return response.json();
  }));
  $('alerts').replaceChildren(...alerts.map(a => {
    const li = document.createElement('li');
    li.className = `alert alert-${a.kind}`;
    li.dataset.queue = a.queueId;
    li.textContent = alertText(a);
    return li;
  }));
  const body = $('suggestions').tBodies[0];
  body.replaceChildren();
  for (const f of suggestions) {
    const tr = document.createElement('tr');
    tr.dataset.id = f.id;
    cell(tr, f.agentName);
    cell(tr, change(f));
    cell(tr, i18n.int(f.gain));
    cell(tr, f.paidMinutes > 0 ? `+${i18n.int(f.paidMinutes)}` : i18n.int(f.paidMinutes));
    const actions = cell(tr, '');
    const accept = document.createElement('button');
    accept.type = 'button';
    accept.className = 'accept';
    accept.textContent = i18n.t('intraday.accept');
    accept.addEventListener('click', () => act(async () => change(await post(`/api/intraday/suggestions/${encodeURIComponent(f.id)}/accept`)), 'intraday.accepted'));
    actions.append(accept);
    if (f.kind === 'Overtime' || f.kind === 'TimeOff') {
      const offer = document.createElement('button');
      offer.type = 'button';
      offer.className = 'offer';
      offer.textContent = i18n.t('intraday.offer');
      offer.addEventListener('click', () => act(async () => {
        await post('/api/intraday/offers', { suggestionId: f.id, needed: 1 });
        return change(f);
      }, 'intraday.offerMade'));
      actions.append(' ', offer);
    }
    body.append(tr);
  }
  if (suggestions.length === 0) {
    const tr = document.createElement('tr');
    cell(tr, i18n.t('intraday.noFixes')).colSpan = 5;
    body.append(tr);
  }
  const offerBody = $('offers').tBodies[0];
  offerBody.replaceChildren();
  for (const o of offers) {
    const tr = document.createElement('tr');
    cell(tr, i18n.t(`offer.${o.kind}`));
    cell(tr, view.queues.find(q => q.queueId === o.queueId)?.name ?? o.queueId);
    cell(tr, `${hm(o.from)}–${hm(o.to)}`);
    cell(tr, `${i18n.int(o.taken.length)} / ${i18n.int(o.needed)}`);
    offerBody.append(tr);
  }
  if (offers.length === 0) {
    const tr = document.createElement('tr');
    cell(tr, i18n.t('intraday.noOffers')).colSpan = 4;
    offerBody.append(tr);
  }
}

function open(queueId) {
  selected = queueId;
  const url = new URL(location.href);
  url.searchParams.set('queue', queueId);
  history.replaceState(null, '', url);
  queues();
  detail();
}

async function refresh() {
  try {
    const response = await fetch(`/api/intraday?date=${day()}`);
    if (!response.ok) throw await failure(response);
    view = await response.json();
    showError(null);
  } catch (error) {
    showError(error);
    return;
  }
  $('as-of').textContent = clock(view.asOf);
  if (!selected || !view.queues.some(q => q.queueId === selected)) {
    selected = view.queues.slice().sort((a, b) => b.shortIntervals - a.shortIntervals)[0]?.queueId ?? null;
  }
  queues();
  detail();
  $('fixes').hidden = !isToday();
  if (!isToday()) return;
  try {
    await fixes();
  } catch (error) {
    showError(error);
  }
}

async function start() {
  i18n = await loadLanguage();
  renderLayout(i18n, 'intraday');
  i18n.apply();
  selected = new URLSearchParams(location.search).get('queue');
  const center = await (await fetch('/api/center')).json();
  zone = center.timeZone;
  today = center.today;
  $('day').max = today;
  $('day').value = new URLSearchParams(location.search).get('date') ?? today;
  $('day').addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('date', day());
    history.replaceState(null, '', url);
    refresh();
  });
  $('refresh').addEventListener('click', refresh);
  await refresh();
  setInterval(refresh, 60_000);
  document.body.dataset.ready = 'true';
}

start();
