// The forecasting page: import contact history, forecast a series, read the backtest, keep and reopen forecasts.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';
import { cell, failure, link } from './dom.js';

let i18n, center;
const $ = id => document.getElementById(id);

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? `${i18n.t('forecast.error')}: ${error.message}` : '';
}

const day = iso => iso.slice(0, 10);

async function refreshSeries(select) {
  const series = await (await fetch('/api/history')).json();
  const body = $('series').tBodies[0];
  body.replaceChildren();
  const chooser = $('series-select');
  const previous = select ?? chooser.value;
  chooser.replaceChildren();
  for (const s of series) {
    const tr = document.createElement('tr');
    cell(tr, s.key);
    cell(tr, `${i18n.int(s.intervalMinutes)}′`);
    cell(tr, `${day(s.firstDay)} – ${day(s.lastDay)}`);
    cell(tr, i18n.int(s.intervals));
    cell(tr, i18n.int(s.contacts));
    cell(tr, s.hasHandleTimes ? '✓' : '–');
    cell(tr, `${s.fileName} · ${i18n.stamp(s.importedAt, center.timeZone)}`);
    const actions = document.createElement('span');
    actions.append(link(i18n.t('forecast.rename'), null, () => renameSeries(s.key)), ' · ', link(i18n.t('forecast.delete'), null, () => deleteSeries(s.key)));
    cell(tr, actions);
    body.append(tr);
    chooser.append(new Option(s.key, s.key, false, s.key === previous));
  }
  if (series.length === 0) {
    const tr = document.createElement('tr');
    cell(tr, i18n.t('forecast.noHistory')).colSpan = 8;
    body.append(tr);
  }
}

async function deleteSeries(key) {
  if (!confirm(`${i18n.t('forecast.confirmDelete')} ${key}`)) return;
  const response = await fetch(`/api/history?series=${encodeURIComponent(key)}`, { method: 'DELETE' });
  if (!response.ok) { showError(await failure(response)); return; }
  await refreshSeries();
}

async function renameSeries(key) {
  const name = prompt(`${i18n.t('forecast.renameTo')} ${key}`, key);
  if (!name || name.trim() === key) return;
  const response = await fetch('/api/history/rename', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ series: key, name: name.trim() }) });
  if (!response.ok) { showError(await failure(response)); return; }
  await refreshSeries(name.trim());
}

/**
 * Imports the chosen file. A file whose days do not meet the stored series' is refused until the planner says what to
 * do (add, replace, or a new series): the server's words and the three choices are shown, nothing is merged silently.
 */
async function importHistory(e, mode) {
  e?.preventDefault();
  showError(null);
  $('import-choice').hidden = true;
  const file = $('file').files[0];
  if (!file) return;
  const query = new URLSearchParams({ name: file.name });
  if ($('import-series').value.trim()) query.set('series', $('import-series').value.trim());
  if (mode) query.set('mode', mode);
  if ($('import-queue').value) query.set('queue', $('import-queue').value);
  if ($('time-zone').value.trim()) query.set('timeZone', $('time-zone').value.trim());
  if ($('interval').value) query.set('intervalMinutes', $('interval').value);
  for (const pair of $('columns').value.split(/[,;\s]+/).filter(p => p)) query.append('column', pair);
  $('import-note').textContent = '…';
  // The server reads the file with the CLI's CSV reader: errors name the line and column, and a bad file stores nothing.
  const response = await fetch(`/api/history?${query}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: file });
  if (!response.ok) {
    $('import-note').textContent = '';
    const problem = await response.clone().json().catch(() => null);
    if (problem?.errors?.mode && !mode) {
      $('import-choice-text').textContent = problem.errors.mode.join(' ');
      $('import-choice').hidden = false;
      return;
    }
    showError(await failure(response));
    return;
  }
  const result = await response.json();
  $('import-note').textContent = `${i18n.t('forecast.imported')} ${result.fileName}: ` + result.series
    .map(s => `${s.key} ${day(s.firstDay)} – ${day(s.lastDay)}, ${i18n.int(s.written)} ${i18n.t('forecast.intervals')}` +
      (s.replaced ? ` (${i18n.int(s.replaced)} ${i18n.t('forecast.replaced')})` : '')).join('; ');
  await refreshSeries(result.series[0]?.key);
}

/** Own special days from the text box: date, name[, factor | closed[, days before[, days after]]] per line. */
function specialDays() {
  const days = [];
  $('special-days').value.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const [date, name, effect, before, after] = line.split(',').map(p => p.trim());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || !name) {
      throw new Error(`${i18n.t('forecast.specialDays')} ${index + 1}: ${i18n.t('forecast.specialDayFormat')}`);
    }
    const closed = effect?.toLowerCase() === 'closed';
    const factor = effect && !closed ? Number(effect) : null;
    if (factor !== null && !Number.isFinite(factor)) throw new Error(`${i18n.t('forecast.specialDays')} ${index + 1}: ${i18n.t('forecast.specialDayFormat')}`);
    days.push({ date, name, closed, factor, daysBefore: Number(before || 0), daysAfter: Number(after || 0) });
  });
  return days;
}

async function runForecast(e) {
  e.preventDefault();
  showError(null);
  const button = $('run');
  try {
    const body = {
      series: $('series-select').value,
      model: $('model').value,
      horizonDays: Number($('horizon').value),
      origins: Number($('origins').value),
      level: Number($('level').value) / 100,
      holidays: $('holidays').value || null,
      specialDays: specialDays(),
    };
    button.disabled = true;
    button.textContent = i18n.t('forecast.running');
    const response = await fetch('/api/forecasts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw await failure(response);
    const forecast = await response.json();
    showForecast(forecast);
    await refreshStored();
  } catch (err) {
    showError(err);
  } finally {
    button.disabled = false;
    button.textContent = i18n.t('forecast.run');
  }
}

async function openForecast(id) {
  showError(null);
  const response = await fetch(`/api/forecasts/${id}`);
  if (!response.ok) { showError(await failure(response)); return; }
  showForecast(await response.json());
}

function showForecast(f) {
  const r = f.result;
  $('result').hidden = false;
  $('result-title').textContent = `#${f.id} · ${f.series} · ${r.model}`;
  const days = new Set(r.intervals.map(i => day(i.start)));
  const aht = r.intervals.filter(i => i.ahtSeconds != null);
  const meanAht = aht.length ? aht.reduce((s, i) => s + i.ahtSeconds * i.forecast, 0) / aht.reduce((s, i) => s + i.forecast, 0) : null;
  $('result-summary').textContent = [
    `${i18n.int(f.contacts)} ${i18n.t('forecast.contacts')}`,
    `${i18n.int(r.intervals.length)} ${i18n.t('forecast.intervals')}`,
    `${i18n.int(days.size)} ${i18n.t('forecast.openDays')}`,
    meanAht == null ? null : `AHT ${i18n.duration(meanAht)}`,
    `${i18n.t('forecast.level')} ${i18n.pct(r.level)}`,
  ].filter(x => x).join(' · ');
  $('csv-link').href = `/api/forecasts/${f.id}/forecast.csv`;
  $('staff-link').href = `/planner?forecast=${f.id}`;
  if (!$('plan-start').value && r.intervals.length) $('plan-start').value = day(r.intervals[0].start);
  $('chart').src = `/api/forecasts/${f.id}/chart.svg?lang=${i18n.language.code}`;
  $('chart').alt = $('result-title').textContent;
  showAccuracy(r);
  list('excluded', r.excluded, e => `${day(e.date)} · ${e.kind ? i18n.t('forecast.kind.' + e.kind) : e.reason}${e.ratio == null ? '' : ` · ×${i18n.num(e.ratio)}`}`);
  list('applied', r.specialDays, s => `${day(s.date)} · ${s.name}${s.offset ? ` (${s.offset > 0 ? '+' : ''}${s.offset})` : ''} · ` +
    (s.closed ? i18n.t('forecast.closed') : `×${i18n.num(s.factor)}`) + ` · ${s.source}`);
}

function list(id, items, text) {
  const ul = $(id);
  ul.replaceChildren();
  for (const item of items) {
    const li = document.createElement('li');
    li.textContent = text(item);
    ul.append(li);
  }
  if (items.length === 0) {
    const li = document.createElement('li');
    li.className = 'empty';
    li.textContent = i18n.t('forecast.nothing');
    ul.append(li);
  }
}

function showAccuracy(r) {
  const body = $('accuracy').tBodies[0];
  body.replaceChildren();
  const horizon = $('by-horizon');
  horizon.tHead.replaceChildren();
  horizon.tBodies[0].replaceChildren();
  const b = r.backtest;
  if (!b) {
    $('backtest-note').textContent = i18n.t('forecast.noBacktest');
    return;
  }
  $('backtest-note').textContent = `${i18n.int(b.origins.length)} ${i18n.t('forecast.originsNote')} ${day(b.origins[0])} – ${day(b.origins[b.origins.length - 1])}, ` +
    `${i18n.int(b.horizonDays)} ${i18n.t('forecast.daysEach')}`;
  // Why auto took its model: the lowest WAPE, and how steady it was from one origin to the next.
  if (b.spread && r.model === b.best && b.spread[b.best] != null) {
    $('backtest-note').textContent += ' · ' + i18n.t('forecast.pickLowest').replace('{0}', b.best).replace('{1}', i18n.pct(b.spread[b.best]));
  }
  const ordered = [...b.models].sort((x, y) => (x.overall.wape ?? 9) - (y.overall.wape ?? 9));
  for (const m of ordered) {
    const tr = document.createElement('tr');
    if (m.model === r.model) tr.className = 'chosen';
    const name = cell(tr, m.model);
    name.title = m.description;
    cell(tr, i18n.pct(m.overall.wape));
    cell(tr, m.overall.mase == null ? '–' : new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: 3 }).format(m.overall.mase));
    cell(tr, i18n.signedPct(m.overall.bias));
    cell(tr, m.model === r.model ? i18n.t('forecast.chosen') : m.diverged ? i18n.t('forecast.diverged') : '');
    body.append(tr);
  }
  const head = document.createElement('tr');
  cell(head, i18n.t('forecast.model'));
  for (let h = 1; h <= b.horizonDays; h++) cell(head, `+${i18n.int(h)}`);
  horizon.tHead.append(head);
  for (const m of ordered) {
    const tr = document.createElement('tr');
    if (m.model === r.model) tr.className = 'chosen';
    cell(tr, m.model);
    for (let h = 0; h < b.horizonDays; h++) {
      const a = m.byHorizonDay[h];
      cell(tr, a?.intervals ? i18n.pct(a.wape) : '–');
    }
    horizon.tBodies[0].append(tr);
  }
}

async function refreshStored() {
  const stored = await (await fetch('/api/forecasts')).json();
  const body = $('stored').tBodies[0];
  body.replaceChildren();
  for (const f of stored) {
    const tr = document.createElement('tr');
    cell(tr, i18n.stamp(f.createdAt, center.timeZone));
    cell(tr, f.series);
    cell(tr, f.model);
    cell(tr, i18n.int(f.horizonDays));
    cell(tr, i18n.int(f.contacts));
    const actions = document.createElement('span');
    actions.className = 'actions';
    actions.append(
      link(i18n.t('forecast.open'), null, () => openForecast(f.id)),
      link(i18n.t('forecast.csv'), `/api/forecasts/${f.id}/forecast.csv`),
      link(i18n.t('forecast.staff'), `/planner?forecast=${f.id}`),
      link(i18n.t('forecast.delete'), null, async () => {
        const response = await fetch(`/api/forecasts/${f.id}`, { method: 'DELETE' });
        if (!response.ok) showError(await failure(response)); else await refreshStored();
      }));
    cell(tr, actions);
    body.append(tr);
  }
  if (stored.length === 0) {
    const tr = document.createElement('tr');
    cell(tr, i18n.t('forecast.nothing')).colSpan = 6;
    body.append(tr);
  }
}

/** A staffing plan for the period from the stored forecasts of the center's queues; the schedule page takes it from here. */
async function makePlan(e) {
  e.preventDefault();
  showError(null);
  const body = {
    start: $('plan-start').value, weeks: Number($('plan-weeks').value), shrinkage: Number($('plan-shrinkage').value) / 100,
    aht: $('plan-aht').value, ahtSeconds: $('plan-aht-seconds').value ? Number($('plan-aht-seconds').value) : null,
    patienceSeconds: Number($('plan-patience').value),
    calibrated: $('plan-calibrated').checked,
  };
  const response = await fetch('/api/staffing/plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) { showError(await failure(response)); return; }
  const plan = await response.json();
  $('plan-result').hidden = false;
  $('plan-title').textContent = `#${plan.id} · ${plan.name}`;
  const tbody = $('plan-queues').tBodies[0];
  tbody.replaceChildren();
  for (const q of plan.plan.queues) {
    const tr = document.createElement('tr');
    tr.dataset.queue = q.queueId;
    [center.queues.find(x => x.id === q.queueId)?.name ?? q.queueId, q.calibrated ? `${q.model} · ${i18n.t('chart.calibrated')}` : q.model,
      i18n.num(q.requiredStaffHours), i18n.num(q.scheduledStaffHours), i18n.int(q.peakScheduled)]
      .forEach(v => cell(tr, v));
    tbody.append(tr);
  }
  // Queues whose newest forecast does not reach over the period are left out, and said so.
  const leftOut = plan.plan.leftOut ?? [];
  $('plan-left-out').hidden = leftOut.length === 0;
  $('plan-left-out').textContent = leftOut.length === 0 ? '' : `${i18n.t('forecast.planLeftOut')}: ${leftOut.map(l => `${l.field.replace(/^forecasts\[(.*)\]$/, '$1')} — ${l.detail}`).join('; ')}`;
  $('plan-schedule').href = `/schedule?plan=${plan.id}`;
}

async function start() {
  i18n = await loadLanguage();
  renderLayout(i18n, 'forecast');
  i18n.apply();
  center = await (await fetch('/api/center')).json();
  for (const q of center.queues) $('import-queue').append(new Option(q.name, q.id));
  $('time-zone').value = center.timeZone;
  // The center's own public holidays (none, TR or IR) are the forecast's default.
  const setup = await (await fetch('/api/center/setup')).json();
  if (setup.settings.holidays !== 'none') $('holidays').value = setup.settings.holidays;
  for (const m of await (await fetch('/api/forecasts/models')).json()) {
    const option = new Option(m.name, m.name);
    option.title = m.description;
    $('model').append(option);
  }
  $('import-form').addEventListener('submit', importHistory);
  for (const b of $('import-choice').querySelectorAll('button[data-mode]')) b.addEventListener('click', () => importHistory(null, b.dataset.mode));
  $('forecast-form').addEventListener('submit', runForecast);
  $('plan-form').addEventListener('submit', makePlan);
  await refreshSeries();
  await refreshStored();
  const latest = (await (await fetch('/api/forecasts')).json())[0];
  if (latest) await openForecast(latest.id);
  document.body.dataset.ready = 'true';
}

start();
