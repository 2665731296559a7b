// The staffing planner: traffic (demo model, a forecast CSV or a stored forecast) → requirement per interval
// (Erlang C/A, chat with concurrency, or an email/messaging backlog with a deadline), models side by side, what-if scenarios.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';

let i18n, traffic = null, fromFile = false, chartUrl = null, center = null;
let forecast = null; // a stored forecast opened from the forecasting page (/planner?forecast=ID)
let calibration = null; // the chosen queue's kept calibration (own outcomes), or null
const $ = id => document.getElementById(id);

function cell(tr, text) { const td = document.createElement('td'); td.textContent = text; tr.append(td); }

const isBacklog = () => $('model').value === 'backlog';

/** Shows the inputs of the chosen model: queue targets for Erlang and chat, deadline and carry-over for backlogs. */
function showFields() {
  const model = $('model').value;
  document.querySelectorAll('[data-for]').forEach(el => {
    const f = el.dataset.for;
    el.hidden = f === 'backlog' ? model !== 'backlog' : f === 'chat' ? model !== 'chat' : model === 'backlog';
  });
  $('compare-section').hidden = model === 'backlog';
  $('save').hidden = model === 'backlog';
  $('scenario-sl').textContent = i18n.t(model === 'backlog' ? 'planner.withinTarget' : 'planner.expectedSl');
}

/** A queue's channel picks the model (voice → Erlang A, chat → chat, email → backlog) and its target fills the fields. */
function applyQueueDefaults(queueId) {
  const queue = center.queues.find(q => q.id === queueId);
  if (!queue) return;
  const channel = String(queue.channel).toLowerCase();
  $('model').value = channel === 'email' ? 'backlog' : channel === 'chat' ? 'chat' : 'erlang-a';
  if (channel === 'email') {
    $('within').value = queue.target.percent;
    $('deadline').value = Math.round(queue.target.thresholdSeconds / 36) / 100;
  }
  showFields();
}

function concurrency() {
  const values = $('concurrency').value.split(/[,;\s]+/).filter(v => v).map(Number);
  if (values.some(v => !Number.isFinite(v))) throw new Error(`${i18n.t('planner.concurrency')}: 1, 1.25, 1.6`);
  return values.length ? values : null;
}

function backlogRequest(overrides = {}) {
  return {
    queue: traffic.queue,
    intervalMinutes: traffic.intervalMinutes,
    intervals: traffic.intervals,
    percent: Number($('within').value),
    deadlineHours: Number($('deadline').value),
    clock: $('clock').value,
    shrinkage: Number($('shrinkage').value) / 100,
    ahtFactor: Number($('aht-factor').value),
    carriedItems: Number($('carried').value) || 0,
    ...overrides,
  };
}

function request(overrides = {}) {
  return {
    queue: traffic.queue,
    intervalMinutes: traffic.intervalMinutes,
    intervals: traffic.intervals,
    model: $('model').value,
    serviceLevel: Number($('sl').value),
    thresholdSeconds: Number($('threshold').value),
    patienceSeconds: Number($('patience').value) || null,
    shrinkage: Number($('shrinkage').value) / 100,
    ahtFactor: Number($('aht-factor').value),
    concurrency: $('model').value === 'chat' ? concurrency() : null,
    ...overrides,
  };
}

const calculate = body => post('calculate', body);

async function post(what, body) {
  const response = await fetch(`/api/staffing/${what}${what.includes('?') ? '&' : '?'}lang=${i18n.language.code}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) {
    const errors = json.errors ? Object.entries(json.errors).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') : json.detail || json.title;
    throw new Error(errors);
  }
  return json;
}

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? `${i18n.t('planner.error')}: ${error.message}` : '';
}

function showChart(svg) {
  if (chartUrl) URL.revokeObjectURL(chartUrl);
  chartUrl = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  $('chart').src = chartUrl;
}

function showIntervals(result) {
  const body = $('intervals').tBodies[0];
  body.replaceChildren();
  for (const r of result.rows) {
    const tr = document.createElement('tr');
    cell(tr, r.start.slice(11, 16));
    cell(tr, i18n.num(r.contacts));
    cell(tr, `${i18n.int(r.required)} (${i18n.num(r.requiredFractional)})`);
    cell(tr, i18n.int(r.scheduled));
    cell(tr, i18n.pct(r.serviceLevel));
    cell(tr, r.asaSeconds == null ? '∞' : i18n.num(r.asaSeconds));
    cell(tr, i18n.pct(r.abandonRate));
    cell(tr, i18n.pct(r.occupancy));
    body.append(tr);
  }
}

function summaryRow(table, label, s, columns) {
  const tr = document.createElement('tr');
  cell(tr, label);
  for (const c of columns) cell(tr, c(s));
  $(table).tBodies[0].append(tr);
}

async function compareModels() {
  $('compare').tBodies[0].replaceChildren();
  const models = [
    ...($('model').value === 'chat' ? [[i18n.t('planner.chat'), { model: 'chat' }]] : []),
    ['Erlang C', { model: 'erlang-c' }],
    ['Erlang A', { model: 'erlang-a' }],
    [i18n.t('planner.erlangASimulated'), { model: 'erlang-a', simulate: 20 }],
    // The queue's own outcomes: agents counted as logged in, as the calibration says they work.
    ...(calibration && traffic.queue === calibration.queues[0].calibration.queue && $('model').value !== 'chat'
      ? [[i18n.t('planner.calibratedModel'), { model: 'erlang-a', calibrated: true }]] : []),
  ];
  for (const [label, overrides] of models) {
    const result = await calculate(request(overrides));
    summaryRow('compare', label, result.summary, [
      s => i18n.num(s.agentHours), s => i18n.int(s.peakAgents), s => i18n.pct(s.serviceLevel),
      s => s.simServiceLevel == null ? '–' : i18n.pct(s.simServiceLevel), s => i18n.pct(s.abandonRate)]);
  }
}

function showBacklogIntervals(result) {
  const body = $('intervals').tBodies[0];
  body.replaceChildren();
  for (const r of result.rows) {
    const tr = document.createElement('tr');
    if (!r.open) tr.className = 'closed';
    cell(tr, r.start.slice(11, 16));
    cell(tr, i18n.num(r.arrivals));
    cell(tr, `${i18n.int(r.agents)} (${i18n.num(r.agentsFractional)})`);
    cell(tr, i18n.int(r.scheduled));
    cell(tr, i18n.num(r.handled));
    cell(tr, i18n.num(r.backlogEnd));
    body.append(tr);
  }
}

async function backlogWhatIf() {
  $('scenarios').tBodies[0].replaceChildren();
  const scenarios = [
    ['planner.base', {}],
    ['planner.ahtPlus', { ahtFactor: Number($('aht-factor').value) * 1.1 }],
    ['planner.deadlineHalf', { deadlineHours: Number($('deadline').value) / 2 }],
    ['planner.shrink35', { shrinkage: 0.35 }],
  ];
  for (const [key, overrides] of scenarios) {
    const result = await post('backlog', backlogRequest(overrides));
    summaryRow('scenarios', i18n.t(key), result, [
      s => i18n.num(s.agentHours), s => i18n.num(s.scheduledHours), s => i18n.int(s.peakScheduled), s => i18n.pct(s.fractionWithinTarget)]);
  }
}

async function whatIf() {
  $('scenarios').tBodies[0].replaceChildren();
  const scenarios = [
    ['planner.base', {}],
    ['planner.ahtPlus', { ahtFactor: Number($('aht-factor').value) * 1.1 }],
    ['planner.sl9015', { serviceLevel: 90, thresholdSeconds: 15 }],
    ['planner.shrink35', { shrinkage: 0.35 }],
  ];
  for (const [key, overrides] of scenarios) {
    const result = await calculate(request(overrides));
    summaryRow('scenarios', i18n.t(key), result.summary, [
      s => i18n.num(s.agentHours), s => i18n.num(s.scheduledHours), s => i18n.int(s.peakScheduled), s => i18n.pct(s.serviceLevel)]);
  }
}

async function run() {
  showError(null);
  try {
    if (forecast) loadForecastDay();
    else if (!fromFile) await loadDemoTraffic();
    if (isBacklog()) {
      const result = await post('backlog', backlogRequest());
      showChart(result.chartSvg);
      showBacklogIntervals(result);
      $('source-note').textContent += ` · ${i18n.t('planner.withinTarget')}: ${i18n.pct(result.fractionWithinTarget)}, ${i18n.t('planner.waiting')}: ${i18n.num(result.endBacklog)}`;
      await backlogWhatIf();
      return;
    }
    const result = await calculate(request());
    showChart(result.chartSvg);
    showIntervals(result);
    await compareModels();
    await whatIf();
  } catch (e) { showError(e); }
}

async function loadDemoTraffic() {
  const q = encodeURIComponent($('queue').value);
  const response = await fetch(`/api/staffing/demo-traffic?queue=${q}&date=${$('date').value}`);
  if (!response.ok) throw new Error((await response.json()).title);
  const previous = traffic?.queue;
  traffic = await response.json();
  if (previous !== traffic.queue) {
    // A new queue brings its own target and the patience its callers show.
    $('sl').value = traffic.serviceLevel;
    $('threshold').value = traffic.thresholdSeconds;
    $('patience').value = Math.round(traffic.patienceSeconds);
  }
  $('source-note').textContent = i18n.t('planner.demoNote');
}

async function loadForecast(id) {
  const response = await fetch(`/api/forecasts/${encodeURIComponent(id)}`);
  if (!response.ok) throw new Error(`${i18n.t('planner.forecastNote')} #${id}: ${response.status}`);
  forecast = await response.json();
  const queue = center.queues.find(q => q.id === forecast.series.split('/')[0]);
  if (queue) {
    $('queue').value = queue.id;
    $('sl').value = queue.target.percent;
    $('threshold').value = queue.target.thresholdSeconds;
    applyQueueDefaults(queue.id);
  }
  $('date').value = forecast.result.intervals[0].start.slice(0, 10);
}

/** The chosen day of the opened forecast as traffic; the AHT box fills in when the history had no handle times. */
function loadForecastDay() {
  const day = $('date').value;
  const rows = forecast.result.intervals.filter(i => i.start.slice(0, 10) === day);
  if (rows.length === 0) {
    const days = [...new Set(forecast.result.intervals.map(i => i.start.slice(0, 10)))];
    throw new Error(`${i18n.t('planner.forecastDay')} ${day}: ${days[0]} – ${days[days.length - 1]} (${days.length})`);
  }
  const fallback = Number($('aht').value) || null;
  if (rows.some(i => i.ahtSeconds == null) && fallback == null) throw new Error(i18n.t('planner.aht'));
  traffic = {
    queue: forecast.series.split('/')[0],
    intervalMinutes: forecast.intervalMinutes,
    intervals: rows.map(i => ({ start: i.start, contacts: i.forecast, ahtSeconds: i.ahtSeconds ?? fallback })),
  };
  $('source-note').textContent = `${i18n.t('planner.forecastNote')} #${forecast.id}: ${forecast.series} · ${forecast.model} · ${day}`;
}

async function loadFile(file) {
  // The server reads the file with the same CSV reader as the CLI, so errors name the line and column.
  const aht = $('aht').value ? `&aht=${Number($('aht').value)}` : '';
  const response = await fetch(`/api/staffing/forecast-file?name=${encodeURIComponent(file.name)}${aht}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: await file.text() });
  const json = await response.json();
  if (!response.ok) throw new Error(json.errors ? Object.values(json.errors).flat().join('; ') : json.title);
  traffic = json;
  fromFile = true;
  forecast = null;
  $('source-note').textContent = `${i18n.t('planner.fileNote')}: ${file.name} (${json.queue}, ${json.intervals.length})`;
}

const modelName = m => ({ 'erlang-c': 'Erlang C', 'erlang-a': 'Erlang A', simulation: i18n.t('planner.simulation'),
  calibrated: i18n.t('planner.calibratedModel'), 'calibrated-expected': i18n.t('planner.calibratedExpected') })[m] ?? m;

const signedPoints = v => v == null || !isFinite(v) ? '–' : i18n.signedPct(v);

function errorRows(table, errors) {
  const body = $(table).tBodies[0];
  body.replaceChildren();
  for (const e of errors) {
    const tr = document.createElement('tr');
    cell(tr, modelName(e.model));
    cell(tr, i18n.int(e.intervals));
    cell(tr, e.intervals ? i18n.pct(e.serviceLevelMae) : '–');
    cell(tr, e.intervals ? signedPoints(e.serviceLevelBias) : '–');
    cell(tr, e.intervals ? i18n.pct(e.abandonMae) : '–');
    cell(tr, e.intervals ? signedPoints(e.abandonBias) : '–');
    body.append(tr);
  }
}

/** The queue's kept calibration: each factor with its value and meaning, and every model's error on the held-out days. */
function showCalibration() {
  const factors = $('factors').tBodies[0];
  factors.replaceChildren();
  $('factors').hidden = $('held-out').hidden = !calibration;
  if (!calibration) { $('calibration-note').textContent = i18n.t('planner.noCalibration'); return; }
  const q = calibration.queues[0];
  // "the floor, yyyy-MM-dd to yyyy-MM-dd" (the server's own past days) in the reader's words and calendar; a file by its name.
  const floor = /^the floor, (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$/.exec(calibration.source);
  const source = floor ? i18n.t('planner.floorSource').replace('{0}', i18n.day(floor[1])).replace('{1}', i18n.day(floor[2])) : calibration.source;
  $('calibration-note').textContent = i18n.t('planner.calibratedFrom').replace('{0}', source).replace('{1}', i18n.int(q.intervals))
    .replace('{2}', i18n.int(q.days)).replace('{3}', i18n.int(q.heldOutDays)).replace('{4}', q.heldOutFrom ? i18n.day(q.heldOutFrom) : '–');
  for (const f of q.effects) {
    const tr = document.createElement('tr');
    const shown = f.factor === 'availability' || f.factor === 'quickHangUpShare' ? i18n.pct(f.value)
      : f.factor === 'patienceSeconds' ? i18n.int(Math.round(f.value)) : i18n.num(Math.round(f.value * 100) / 100);
    cell(tr, i18n.t(`planner.factorName.${f.factor}`));
    cell(tr, shown);
    cell(tr, i18n.t(`planner.factor.${f.factor}`).replace('{0}', shown));
    factors.append(tr);
  }
  errorRows('held-out', q.errors);
}

/** Calibration and the models against what happened are for voice queues (Erlang): other channels hide the section. */
const isVoice = () => String(center.queues.find(q => q.id === $('queue').value)?.channel).toLowerCase() === 'voice';

async function loadCalibration() {
  $('actuals-section').hidden = !isVoice();
  if (!isVoice()) { calibration = null; return; }
  const response = await fetch(`/api/staffing/calibrations/${encodeURIComponent($('queue').value)}`);
  calibration = response.ok ? await response.json() : null;
  showCalibration();
}

function showActualsError(error) {
  $('actuals-error').hidden = !error;
  $('actuals-error').textContent = error ? `${i18n.t('planner.error')}: ${error.message}` : '';
}

/** A past day of the queue: the chart of actual and predicted service level, and each model's error. */
async function showActuals() {
  showActualsError(null);
  if (!isVoice()) return;
  try {
    const q = encodeURIComponent($('queue').value), day = $('past-day').value;
    const response = await fetch(`/api/staffing/model-vs-actuals?queue=${q}&date=${day}`);
    const json = await response.json();
    if (!response.ok) throw new Error(json.errors ? Object.values(json.errors).flat().join('; ') : json.title);
    errorRows('actuals', json.errors);
    $('actuals-chart').hidden = json.intervals.length === 0;
    if (json.intervals.length === 0) throw new Error(i18n.t('planner.noActuals'));
    $('actuals-chart').src = `/api/staffing/model-vs-actuals/chart.svg?queue=${q}&date=${day}&lang=${i18n.language.code}`;
  } catch (e) { showActualsError(e); }
}

async function calibrate() {
  showActualsError(null);
  $('calibrate').disabled = true;
  try {
    calibration = await post(`calibrations/${encodeURIComponent($('queue').value)}/floor?days=28`, {});
    showCalibration();
    await showActuals();
    await compareModels();
  } catch (e) { showActualsError(e); } finally { $('calibrate').disabled = false; }
}

async function refreshSaved() {
  const list = await (await fetch('/api/staffing/scenarios')).json();
  const ul = $('saved');
  ul.replaceChildren();
  for (const s of list) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `/api/staffing/scenarios/${s.id}/chart.svg?lang=${i18n.language.code}`;
    a.textContent = `${s.name} · ${s.queue} · ${i18n.stamp(s.createdAt, center.timeZone)}`;
    li.append(a);
    if (s.forecastId != null) {
      const f = document.createElement('a');
      f.href = `/planner?forecast=${s.forecastId}&lang=${i18n.language.code}`;
      f.textContent = `${i18n.t('planner.fromForecast')} #${s.forecastId}`;
      li.append(' · ', f);
    }
    ul.append(li);
  }
}

async function save() {
  const name = prompt(i18n.t('planner.scenario'), `${traffic.queue} ${$('model').value} ${$('sl').value}/${$('threshold').value}`);
  if (!name) return;
  const response = await fetch('/api/staffing/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, request: request(), forecastId: forecast?.id ?? null }) });
  if (!response.ok) { showError(new Error((await response.json()).title)); return; }
  await refreshSaved();
}

async function start() {
  i18n = await loadLanguage();
  renderLayout(i18n, 'planner');
  i18n.apply();
  center = await (await fetch('/api/center')).json();
  for (const q of center.queues) $('queue').append(new Option(q.name, q.id));
  // /planner?queue=ID opens on that queue (a link from elsewhere, or a bookmark).
  const askedQueue = new URLSearchParams(location.search).get('queue');
  if (askedQueue && center.queues.some(q => q.id === askedQueue)) $('queue').value = askedQueue;
  const tomorrow = new Date(Date.parse(center.today) + 86400000).toISOString().slice(0, 10);
  $('date').value = tomorrow;
  $('queue').addEventListener('change', async () => {
    fromFile = false; forecast = null; applyQueueDefaults($('queue').value);
    await loadCalibration(); run(); showActuals();
  });
  $('model').addEventListener('change', () => { showFields(); run(); });
  applyQueueDefaults($('queue').value);
  $('date').addEventListener('change', () => { if (forecast) run(); });
  const forecastId = new URLSearchParams(location.search).get('forecast');
  if (forecastId) {
    try { await loadForecast(forecastId); } catch (err) { showError(err); }
  }
  $('file').addEventListener('change', async e => { try { await loadFile(e.target.files[0]); await run(); } catch (err) { showError(err); } });
  $('planner-form').addEventListener('submit', e => { e.preventDefault(); run(); });
  $('save').addEventListener('click', save);
  $('past-day').value = new Date(Date.parse(center.today) - 86400000).toISOString().slice(0, 10);
  $('past-day').max = $('past-day').value;
  $('actuals-form').addEventListener('submit', e => { e.preventDefault(); showActuals(); });
  $('calibrate').addEventListener('click', calibrate);
  await refreshSaved();
  await loadCalibration();
  await run();
  await showActuals();
  document.body.dataset.ready = 'true';
}

start();
