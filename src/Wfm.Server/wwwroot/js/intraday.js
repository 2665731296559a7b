// The intraday page: every queue's day so far against its forecast and plan, the rest of the day re-forecast,
// and per queue the intervals with the agents needed against those scheduled. Refreshes every minute.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';
import { cell, failure, link } from './dom.js';

let i18n, selected = null, view = null;
const $ = id => document.getElementById(id);

/** "HH:mm" of a wall-clock timestamp of the center ("2026-12-07T14:30:00"), in the page's digits. */
function clock(text) {
  const [h, m] = text.slice(11, 16).split(':').map(Number);
  const two = n => i18n.integer.format(n).padStart(2, i18n.integer.format(0));
  return `${two(h)}:${two(m)}`;
}

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
    cell(tr, q.note ? i18n.t(`intraday.note.${q.note}`) : '');
    body.append(tr);
  }
}

function detail() {
  const q = view.queues.find(x => x.queueId === selected);
  $('detail').hidden = !q;
  if (!q) return;
  $('detail-title').textContent = q.name;
  $('chart').src = `/api/intraday/${encodeURIComponent(q.queueId)}/chart.svg?lang=${i18n.language.code}&t=${Date.now()}`;
  $('chart').alt = q.name;
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
    cell(tr, i18n.int(i.required));
    const scheduled = cell(tr, i18n.int(i.scheduled));
    const p = i.predicted;
    const expected = cell(tr, p?.serviceLevel == null ? '–' : `${i18n.pct(p.serviceLevel)} (${i18n.pct(p.serviceLevelLow)} – ${i18n.pct(p.serviceLevelHigh)})`);
    if (p?.serviceLevel != null && p.serviceLevel < q.targetPercent / 100) expected.className = 'error';
    if (i.reforecast != null && i.required != null && i.scheduled < i.required) {
      tr.classList.add('short');
      scheduled.className = 'error';
    }
    body.append(tr);
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
    const response = await fetch('/api/intraday');
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
}

async function start() {
  i18n = await loadLanguage();
  renderLayout(i18n, 'intraday');
  i18n.apply();
  selected = new URLSearchParams(location.search).get('queue');
  $('refresh').addEventListener('click', refresh);
  await refresh();
  setInterval(refresh, 60_000);
  document.body.dataset.ready = 'true';
}

start();
