// The trainer's page: whom to coach on what, QA reviews against a scorecard, the session log and the wow library.
import { loadLanguage } from './i18n.js';
import { renderLayout, me } from './layout.js';
import { cell, failure, link } from './dom.js';

let i18n, center, agents = [], scorecards = [];
const $ = id => document.getElementById(id);

/** The standard chat form a center can start from and change later through the API. */
const STANDARD_CARD = {
  name: 'Chat QA',
  sections: [
    { name: 'Opening', questions: [{ id: 'greet', text: 'Greets the customer' }, { id: 'name', text: "Uses the customer's first name" }] },
    { name: 'Empathy', questions: [{ id: 'acknowledge', text: 'Acknowledges feelings', weight: 2 }, { id: 'positive', text: 'Positive language, no blame or policy talk', weight: 2 }] },
    { name: 'Solving', questions: [{ id: 'solve', text: 'Solves the issue or sets a clear next step', weight: 3 }, { id: 'verify', text: 'Verifies identity before account changes', kind: 'auto-fail' }] },
    { name: 'Extra', questions: [{ id: 'wow', text: 'Goes beyond the request', weight: 5, kind: 'bonus' }] },
  ],
};

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? error.message : '';
}

async function post(url, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw await failure(response);
  return response.json();
}

const agentName = id => agents.find(a => a.agentId === id)?.name ?? id;
const selectedAgent = () => $('agent').value;

function fillAgents() {
  const team = $('team').value;
  const current = selectedAgent();
  const list = agents.filter(a => !team || a.teamId === team).sort((a, b) => a.name.localeCompare(b.name, i18n.locale));
  $('agent').replaceChildren(new Option(i18n.t('coaching.everyone'), ''), ...list.map(a => new Option(a.name, a.agentId)));
  if (list.some(a => a.agentId === current)) $('agent').value = current;
}

async function refresh() {
  showError(null);
  $('trend-section').hidden = !selectedAgent();
  if (selectedAgent()) $('kpi-trend').src = `/api/kpis/agents/${encodeURIComponent(selectedAgent())}/trend.svg?lang=${i18n.language.code}`;
  await Promise.all([loadQueue(), loadConversations(), loadTeam(), loadReviews(), loadSessions(), loadWow()]);
}

/** Opens an agent (the page narrows to them) and, when there is one, the conversation behind a suggestion. */
async function openAgent(agentId, conversationId) {
  if ($('agent').value !== agentId) {
    if (![...$('agent').options].some(o => o.value === agentId)) { $('team').value = ''; fillAgents(); }
    $('agent').value = agentId;
    await refresh();
  }
  if (conversationId) await openConversation(conversationId);
}

const queueName = id => center.queues.find(q => q.id === id)?.name ?? id;

/** The finished conversations read for coaching: the selected agent's, or the team's. */
async function loadConversations() {
  const params = new URLSearchParams();
  if (selectedAgent()) params.set('agentId', selectedAgent());
  let list = await (await fetch(`/api/coaching/conversations?${params}`)).json();
  if (!selectedAgent() && $('team').value) list = list.filter(c => agents.find(a => a.agentId === c.agentId)?.teamId === $('team').value);
  const body = $('conversations').tBodies[0];
  body.replaceChildren(...list.slice(0, 50).map(c => {
    const tr = document.createElement('tr');
    tr.dataset.conversation = c.conversationId;
    cell(tr, link(`${i18n.day(c.endedAt.slice(0, 10))} ${i18n.hm(c.endedAt, center.timeZone)}`, null, () => openConversation(c.conversationId)));
    cell(tr, agentName(c.agentId));
    cell(tr, queueName(c.queueId));
    cell(tr, c.empathyScore == null ? '–' : i18n.pct(c.empathyScore));
    cell(tr, i18n.int(c.negativePhrases));
    cell(tr, i18n.int(c.wowMoments));
    cell(tr, c.missedItems.join(', '));
    return tr;
  }));
  if (list.length === 0) empty(body, 7);
}

/** A conversation as the customer and the agent wrote it (personal data removed), the phrases the review found marked. */
async function openConversation(id) {
  const response = await fetch(`/api/coaching/conversations/${encodeURIComponent(id)}`);
  if (!response.ok) { showError(await failure(response)); return; }
  const c = await response.json();
  const viewer = $('viewer');
  viewer.hidden = false;
  viewer.dataset.conversation = id;
  viewer.dataset.agent = c.read?.agentId ?? c.summary.agents[0] ?? '';
  $('viewer-id').textContent = id;
  $('viewer-meta').textContent = [queueName(c.summary.queueId), i18n.t(`channel.${c.summary.channel}`), c.summary.customerName, c.summary.agents.map(agentName).join(', ')]
    .filter(Boolean).join(' · ');
  const marks = new Map();
  // Habits found (green), negative language (red), wow moments (yellow); a missed item has no words to mark.
  for (const item of c.analysis.items.filter(i => i.outcome === 'Found')) for (const e of item.evidence) (marks.get(e.messageIndex) ?? marks.set(e.messageIndex, []).get(e.messageIndex)).push({ ...e, outcome: item.outcome });
  for (const e of c.analysis.negativeLanguage) (marks.get(e.messageIndex) ?? marks.set(e.messageIndex, []).get(e.messageIndex)).push({ ...e, outcome: 'Negative' });
  for (const w of c.analysis.wowCandidates) (marks.get(w.evidence.messageIndex) ?? marks.set(w.evidence.messageIndex, []).get(w.evidence.messageIndex)).push({ ...w.evidence, outcome: 'Wow' });
  // The empathy model's judgement of each agent sentence: an empathetic one is underlined, its kind and score on hover.
  const sentences = new Map();
  for (const x of c.analysis.sentences ?? []) (sentences.get(x.messageIndex) ?? sentences.set(x.messageIndex, []).get(x.messageIndex)).push(x);
  $('viewer-messages').replaceChildren(...c.messages.map((m, index) => {
    const li = document.createElement('li');
    li.className = `message ${m.sender === 'Customer' ? 'from-customer' : 'from-agent'}${m.abusive ? ' abusive' : ''}`;
    const text = document.createElement('p');
    text.dir = 'auto';
    const rank = { Negative: 0, Wow: 1, Found: 2 };
    const found = (marks.get(index) ?? []).sort((a, b) => a.start - b.start || rank[a.outcome] - rank[b.outcome]);
    // Text from `from` to `to` with the phrase marks that start inside it.
    const phrases = (into, from, to) => {
      let at = from;
      for (const e of found) {
        if (e.start < at || e.start >= to) continue;
        into.append(m.text.slice(at, e.start));
        const mark = document.createElement('mark');
        mark.className = `phrase ${e.outcome === 'Negative' ? 'negative' : e.outcome === 'Wow' ? 'wow' : 'good'}`;
        mark.title = e.tag;
        const end = Math.min(e.start + e.length, to);
        mark.textContent = m.text.slice(e.start, end);
        into.append(mark);
        at = end;
      }
      into.append(m.text.slice(at, to));
    };
    let at = 0;
    for (const x of (sentences.get(index) ?? []).filter(x => x.empathetic).sort((a, b) => a.start - b.start)) {
      phrases(text, at, x.start);
      const span = document.createElement('span');
      span.className = 'sentence empathetic';
      span.title = `${i18n.t(`empathyKind.${x.kind}`)} · ${i18n.pct(x.score)}`;
      phrases(span, x.start, x.start + x.length);
      text.append(span);
      at = x.start + x.length;
    }
    phrases(text, at, m.text.length);
    const who = document.createElement('small');
    who.textContent = `${m.sender === 'Customer' ? i18n.t('coaching.customer') : agentName(m.agentId)} · ${i18n.hm(m.at, center.timeZone)}`;
    li.append(text, who);
    return li;
  }));
  $('viewer-items').replaceChildren(...c.analysis.items.map(item => {
    const li = document.createElement('li');
    li.className = `item-${item.outcome}`;
    li.textContent = `${i18n.t(`coaching.outcome.${item.outcome}`)}: ${item.item}${item.evidence.length ? ` — “${item.evidence.map(e => e.text).join('”, “')}”` : ''}`;
    return li;
  }));
  const score = c.analysis.empathyScore == null ? '–' : i18n.pct(c.analysis.empathyScore);
  const judged = c.analysis.sentences ?? [];
  const empathetic = judged.filter(x => x.empathetic);
  const kinds = [...new Set(empathetic.map(x => i18n.t(`empathyKind.${x.kind}`)))];
  $('viewer-wow').textContent = `${i18n.t('coaching.empathy')}: ${score}`
    + (judged.length ? ` · ${i18n.t('coaching.empatheticSentences')}: ${i18n.int(empathetic.length)} / ${i18n.int(judged.length)}${kinds.length ? ` (${kinds.join(', ')})` : ''}` : '')
    + (c.analysis.wowCandidates.length
    ? ` · ${i18n.t('coaching.wowFound')}: ${c.analysis.wowCandidates.map(w => `${w.kind} (“${w.evidence.text}”)`).join(', ')}` : '');
  await showCalibration(id);
  viewer.scrollIntoView({ block: 'start' });
}

/**
 * Calibration: when two or more trainers reviewed this conversation on the same scorecard, each one's latest answers
 * side by side, the questions they disagree on marked, their scores and the spread.
 */
async function showCalibration(conversationId) {
  const box = $('calibration');
  box.hidden = true;
  const reviews = await (await fetch(`/api/coaching/reviews?conversationId=${encodeURIComponent(conversationId)}`)).json();
  const byCard = Map.groupBy(reviews, r => r.scorecardId);
  const [cardId, list] = [...byCard].find(([, l]) => new Set(l.map(r => r.reviewer)).size >= 2) ?? [];
  if (cardId == null) return;
  const response = await fetch(`/api/coaching/calibration?scorecardId=${cardId}&conversationId=${encodeURIComponent(conversationId)}`);
  if (!response.ok) return;
  const calibration = await response.json();
  const latest = [...Map.groupBy(list, r => r.reviewer).values()].map(l => l.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0]);
  const card = scorecards.find(c => c.id === cardId);
  const text = new Map((card?.sections ?? []).flatMap(s => s.questions.map(q => [q.id, q.text])));
  $('calibration-head').replaceChildren(...[i18n.t('coaching.question'), ...latest.map(r => r.reviewer), i18n.t('coaching.agreed')].map(h => {
    const th = document.createElement('th');
    th.textContent = h;
    return th;
  }));
  $('calibration-rows').replaceChildren(...calibration.questions.map(q => {
    const tr = document.createElement('tr');
    tr.dataset.question = q.questionId;
    if (!q.unanimous) tr.className = 'disagree';
    cell(tr, text.get(q.questionId) ?? q.questionId);
    for (const r of latest) cell(tr, i18n.t(`coaching.rating.${r.answers[q.questionId] ?? 'n/a'}`));
    cell(tr, q.unanimous ? '✓' : i18n.pct(q.share));
    return tr;
  }));
  $('calibration-summary').textContent = `${i18n.t('coaching.agreement')}: ${i18n.pct(calibration.agreement)} · `
    + `${Object.entries(calibration.scores).map(([who, score]) => `${who} ${i18n.num(score)}`).join(' · ')} · ${i18n.t('coaching.spread')} ${i18n.num(calibration.scoreSpread)}`;
  box.hidden = false;
}

/** The team side by side, best QA first: who to learn from and who needs training on what. */
async function loadTeam() {
  const team = $('team').value;
  const members = await (await fetch(`/api/coaching/team${team ? `?teamId=${encodeURIComponent(team)}` : ''}`)).json();
  const body = $('team-table').tBodies[0];
  body.replaceChildren(...members.filter(m => m.reviews > 0 || m.kpis.handled > 0).map(m => {
    const tr = document.createElement('tr');
    tr.dataset.agent = m.agentId;
    cell(tr, link(m.name, null, () => { $('agent').value = m.agentId; refresh(); }));
    cell(tr, i18n.int(m.reviews));
    cell(tr, m.meanQaScore == null ? '–' : i18n.num(m.meanQaScore));
    cell(tr, m.mostMissed ?? '–');
    cell(tr, i18n.int(m.kpis.handled));
    cell(tr, m.kpis.averageHandleSeconds == null ? '–' : i18n.num(m.kpis.averageHandleSeconds / 60));
    cell(tr, m.kpis.csat == null ? '–' : i18n.pct(m.kpis.csat));
    return tr;
  }));
  if (body.rows.length === 0) empty(body, 7);
}

async function loadQueue() {
  const params = new URLSearchParams();
  if (selectedAgent()) params.set('agentId', selectedAgent()); else if ($('team').value) params.set('teamId', $('team').value);
  const items = await (await fetch(`/api/coaching/queue?${params}`)).json();
  const body = $('queue').tBodies[0];
  body.replaceChildren(...items.map(item => {
    const tr = document.createElement('tr');
    tr.dataset.kind = item.kind;
    tr.dataset.agent = item.agentId;
    // Each row opens the agent, with the conversation behind the suggestion when there is one.
    cell(tr, link(agentName(item.agentId), null, () => openAgent(item.agentId, item.conversationId)));
    cell(tr, i18n.t(`coaching.kind.${item.kind}`));
    cell(tr, item.text);
    cell(tr, item.conversationId ? link(item.reference, null, () => openAgent(item.agentId, item.conversationId)) : item.reference);
    return tr;
  }));
  if (items.length === 0) empty(body, 4);
}

function empty(body, span) {
  const tr = document.createElement('tr');
  cell(tr, i18n.t('coaching.none')).colSpan = span;
  body.append(tr);
}

async function loadScorecards() {
  scorecards = await (await fetch('/api/coaching/scorecards')).json();
  $('scorecard').replaceChildren(...scorecards.map(c => new Option(c.name, c.id)));
  $('default-card').hidden = scorecards.some(c => c.name === STANDARD_CARD.name);
  renderQuestions();
}

function renderQuestions() {
  const card = scorecards.find(c => String(c.id) === $('scorecard').value);
  const box = $('questions');
  box.replaceChildren();
  if (!card) return;
  for (const section of card.sections) {
    const fieldset = document.createElement('fieldset');
    fieldset.append(Object.assign(document.createElement('legend'), { textContent: section.name }));
    for (const q of section.questions) {
      const label = document.createElement('label');
      const select = document.createElement('select');
      select.dataset.question = q.id;
      for (const value of ['met', 'partly', 'not-met', 'n/a']) select.append(new Option(i18n.t(`coaching.rating.${value}`), value));
      label.append(`${q.text}${q.kind === 'auto-fail' ? ' ⚠' : q.kind === 'bonus' ? ' ★' : ''} `, select);
      fieldset.append(label);
    }
    box.append(fieldset);
  }
}

// The scorecard editor: rows of section, question, weight and kind; saved as a new scorecard (a card in use
// is never changed, so reviews keep the version they were scored with).
const KINDS = ['weighted', 'auto-fail', 'bonus'];

function addCardRow(section = '', text = '', weight = 1, kind = 'weighted', id = '') {
  const tr = document.createElement('tr');
  // A copied question keeps its id, so "most often missed" compares across versions of a card.
  tr.dataset.question = id;
  const input = (value, size) => Object.assign(document.createElement('input'), { value, size });
  const sectionInput = input(section, 12);
  sectionInput.className = 'card-section';
  const textInput = input(text, 36);
  textInput.className = 'card-text';
  const weightInput = Object.assign(document.createElement('input'), { type: 'number', min: '0', step: '0.5', value: String(weight), className: 'card-weight' });
  weightInput.style.width = '5rem';
  const kindSelect = document.createElement('select');
  kindSelect.className = 'card-kind';
  for (const k of KINDS) kindSelect.append(new Option(i18n.t(`coaching.kind.${k}`), k, false, k === kind));
  const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: '×', title: i18n.t('coaching.remove') });
  remove.addEventListener('click', () => tr.remove());
  for (const el of [sectionInput, textInput, weightInput, kindSelect, remove]) cell(tr, el);
  $('card-rows').append(tr);
}

function copyChosenCard() {
  const card = scorecards.find(c => String(c.id) === $('scorecard').value);
  $('card-rows').replaceChildren();
  if (!card) { addCardRow(); return; }
  $('card-name').value = `${card.name} (2)`;
  for (const section of card.sections) {
    for (const q of section.questions) addCardRow(section.name, q.text, q.weight, q.kind, q.id);
  }
}

async function saveCard(e) {
  e.preventDefault();
  showError(null);
  const sections = [];
  const rows = [...$('card-rows').querySelectorAll('tr')];
  const used = new Set(rows.map(tr => tr.dataset.question).filter(Boolean));
  let n = 0;
  const freshId = () => { let id; do { id = `q${++n}`; } while (used.has(id)); used.add(id); return id; };
  for (const tr of rows) {
    const name = tr.querySelector('.card-section').value.trim();
    const text = tr.querySelector('.card-text').value.trim();
    if (!text) continue;
    let section = sections.find(s => s.name === name);
    if (!section) sections.push(section = { name, questions: [] });
    section.questions.push({ id: tr.dataset.question || freshId(), text, weight: Number(tr.querySelector('.card-weight').value), kind: tr.querySelector('.card-kind').value });
  }
  try {
    const saved = await post('/api/coaching/scorecards', { name: $('card-name').value.trim(), sections });
    await loadScorecards();
    $('scorecard').value = String(saved.id);
    renderQuestions();
    $('card-result').className = 'ok';
    $('card-result').textContent = `${i18n.t('coaching.cardSaved')}: ${saved.name}`;
  } catch (err) { showError(err); }
}

async function submitReview(e) {
  e.preventDefault();
  showError(null);
  try {
    if (!selectedAgent()) throw new Error(i18n.t('coaching.pickAgent'));
    const answers = Object.fromEntries([...$('questions').querySelectorAll('select')].map(s => [s.dataset.question, s.value]));
    const review = await post('/api/coaching/reviews', {
      scorecardId: Number($('scorecard').value), conversationId: $('conversation').value, agentId: selectedAgent(), reviewer: $('reviewer').value, answers,
    });
    const r = review.result;
    $('review-result').textContent = r.autoFailed
      ? `${i18n.t('coaching.autoFailed')}: ${r.failedBy.join(', ')}`
      : `${i18n.t('coaching.scoreColumn')}: ${i18n.num(r.score)} · ${r.sections.filter(s => s.percent != null).map(s => `${s.section} ${i18n.num(s.percent)}`).join(' · ')}`;
    await Promise.all([loadReviews(), loadQueue(), loadTeam()]);
    if (!$('viewer').hidden && $('viewer').dataset.conversation === $('conversation').value) await showCalibration($('conversation').value);
  } catch (err) { showError(err); }
}

async function loadReviews() {
  const body = $('reviews').tBodies[0];
  body.replaceChildren();
  if (!selectedAgent()) { empty(body, 4); return; }
  const reviews = await (await fetch(`/api/coaching/reviews?agentId=${encodeURIComponent(selectedAgent())}`)).json();
  for (const r of reviews) {
    const tr = document.createElement('tr');
    cell(tr, i18n.stamp(r.createdAt, center.timeZone));
    cell(tr, r.conversationId);
    cell(tr, r.reviewer);
    cell(tr, r.result.autoFailed ? `0 (${i18n.t('coaching.autoFailed')})` : i18n.num(r.result.score));
    body.append(tr);
  }
  if (reviews.length === 0) empty(body, 4);
}

async function submitSession(e) {
  e.preventDefault();
  showError(null);
  try {
    if (!selectedAgent()) throw new Error(i18n.t('coaching.pickAgent'));
    const actionItems = $('item').value ? [{ text: $('item').value, due: $('item-due').value || $('session-date').value }] : [];
    await post('/api/coaching/sessions', {
      agentId: selectedAgent(), trainer: $('trainer').value, date: $('session-date').value, focus: $('focus').value, notes: $('notes').value || null, actionItems,
    });
    await Promise.all([loadSessions(), loadQueue()]);
  } catch (err) { showError(err); }
}

async function loadSessions() {
  const body = $('sessions').tBodies[0];
  body.replaceChildren();
  if (!selectedAgent()) { empty(body, 6); return; }
  const sessions = await (await fetch(`/api/coaching/sessions?agentId=${encodeURIComponent(selectedAgent())}`)).json();
  for (const s of sessions) {
    const tr = document.createElement('tr');
    cell(tr, s.date);
    cell(tr, s.trainer);
    cell(tr, s.focus);
    cell(tr, s.actionItems.map(i => `${i.done ? '✓' : '○'} ${i.text} (${i.due})`).join('; ') || '–');
    const impact = cell(tr, '…');
    fetch(`/api/coaching/sessions/${s.id}/impact`).then(r => r.json()).then(x => {
      const aht = k => k.averageHandleSeconds == null ? '–' : i18n.num(k.averageHandleSeconds / 60);
      impact.textContent = `${i18n.t('chart.handled')} ${i18n.int(x.before.kpis.handled)} → ${i18n.int(x.after.kpis.handled)} · ${i18n.t('chart.aht')} ${aht(x.before.kpis)} → ${aht(x.after.kpis)}`;
    });
    if (s.followUp) {
      cell(tr, s.followUp);
    } else {
      const span = document.createElement('span');
      const input = Object.assign(document.createElement('input'), { type: 'text', size: 18 });
      input.setAttribute('aria-label', i18n.t('coaching.followUp'));
      span.append(input, ' ', link(i18n.t('coaching.record'), null, async () => {
        try {
          await post(`/api/coaching/sessions/${s.id}/follow-up`, { outcome: input.value, doneItems: s.actionItems.map((_, i) => i) });
          await Promise.all([loadSessions(), loadQueue()]);
        } catch (err) { showError(err); }
      }));
      cell(tr, span);
    }
    body.append(tr);
  }
  if (sessions.length === 0) empty(body, 6);
}

async function loadWow() {
  const params = new URLSearchParams();
  if (selectedAgent()) params.set('agentId', selectedAgent());
  if ($('wow-tag').value) params.set('tag', $('wow-tag').value);
  if ($('wow-words').value) params.set('q', $('wow-words').value);
  const moments = (await (await fetch(`/api/coaching/wow?${params}`)).json()).filter(w => w.status !== 'dismissed');
  const body = $('wow').tBodies[0];
  body.replaceChildren(...moments.map(w => {
    const tr = document.createElement('tr');
    tr.dataset.status = w.status;
    cell(tr, agentName(w.agentId));
    cell(tr, w.kind);
    const text = cell(tr, `“${w.text}”${w.tags.length ? ` · ${w.tags.join(', ')}` : ''}`);
    text.dir = 'auto';
    cell(tr, i18n.t(`coaching.wowStatus.${w.status}`));
    const actions = document.createElement('span');
    if (w.status === 'candidate') {
      const tags = Object.assign(document.createElement('input'), { type: 'text', size: 12 });
      tags.setAttribute('aria-label', i18n.t('coaching.tag'));
      actions.append(tags, ' ',
        link(i18n.t('coaching.confirm'), null, () => decide(w.id, 'confirm', tags.value)), ' · ',
        link(i18n.t('coaching.dismiss'), null, () => decide(w.id, 'dismiss', '')));
    }
    cell(tr, actions);
    return tr;
  }));
  if (moments.length === 0) empty(body, 5);
}

async function decide(id, action, tags) {
  try {
    await post(`/api/coaching/wow/${id}/${action}`, { by: $('reviewer').value || $('trainer').value || 'trainer', tags: tags.split(',').map(t => t.trim()).filter(Boolean) });
    await Promise.all([loadWow(), loadQueue()]);
  } catch (err) { showError(err); }
}

async function start() {
  i18n = await loadLanguage();
  renderLayout(i18n, 'coaching');
  i18n.apply();
  center = await (await fetch('/api/center')).json();
  agents = (await (await fetch('/api/board')).json()).agents;
  $('team').append(...center.teams.map(t => new Option(t.name, t.id)));
  $('session-date').value = center.today;
  // Reviews and sessions are recorded as whoever is signed in.
  const who = await me();
  $('reviewer').value = who?.userName ?? '';
  $('trainer').value = who?.userName ?? '';
  $('viewer-review').addEventListener('click', async () => {
    const viewer = $('viewer');
    if (viewer.dataset.agent && $('agent').value !== viewer.dataset.agent) await openAgent(viewer.dataset.agent);
    $('conversation').value = viewer.dataset.conversation;
    $('review-form').scrollIntoView({ block: 'start' });
  });
  fillAgents();
  const preset = new URLSearchParams(location.search).get('agent');
  if (preset) $('agent').value = preset;
  $('team').addEventListener('change', () => { fillAgents(); refresh(); });
  $('agent').addEventListener('change', refresh);
  $('scorecard').addEventListener('change', renderQuestions);
  $('default-card').addEventListener('click', async () => {
    try { await post('/api/coaching/scorecards', STANDARD_CARD); await loadScorecards(); } catch (err) { showError(err); }
  });
  $('review-form').addEventListener('submit', submitReview);
  $('card-copy').addEventListener('click', copyChosenCard);
  $('card-add').addEventListener('click', () => addCardRow());
  $('card-form').addEventListener('submit', saveCard);
  addCardRow();
  $('session-form').addEventListener('submit', submitSession);
  $('wow-search').addEventListener('click', loadWow);
  await loadScorecards();
  await refresh();
  // A link to one conversation (?conversation=…) opens it in the viewer.
  const linked = new URLSearchParams(location.search).get('conversation');
  if (linked) await openConversation(linked);
  document.body.dataset.ready = 'true';
}

start();
