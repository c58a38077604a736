// The registry's pages: models, a model, a version, a comparison, alerts and registry health.
import {api, authHeaders, can, banner, confirmAction} from './api.js';
import {h, fill, stateLabel, stateText, date, day, duration, direction, pct, num, signed, bytes, ref, enc, chip, table, facts, empty, section, code, opt} from './format.js';
import {lineChart} from './charts.js';

const EVALUATION = 'evaluation';
const COMPARISON = 'champion-challenger';

/** Where each model is deployed: model -> [{environment, version, state, weightPercent}]. */
async function deploymentsByModel() {
  const out = new Map();
  for (const d of await api('deployments')) {
    if (!out.has(d.version.model)) out.set(d.version.model, []);
    out.get(d.version.model).push(d);
  }
  return out;
}

function deploymentChip(d) {
  const label = `${d.environment}: v${d.version.version} ${stateText(d.state)}`
      + (d.state === 'CANARY' ? ` ${d.weightPercent}%` : '');
  return h('a', {href: `#/deployments/${enc(d.environment)}`, class: 'chip dep-' + stateLabel(d.state).replace(' ', '-')}, label);
}

function tagChips(tags) {
  const entries = Object.entries(tags || {});
  return entries.length ? entries.map(([k, v]) => chip(`${k}=${v}`, 'tag')) : h('span', {class: 'muted'}, 'none');
}

function aliasChips(model, aliases) {
  const entries = Object.entries(aliases || {});
  return entries.length ? entries.map(([a, v]) => h('a', {class: 'chip alias', href: `#/models/${enc(model)}/versions/${v}`}, `@${a} → v${v}`))
      : h('span', {class: 'muted'}, 'none');
}

export async function modelsPage(main) {
  const [models, deployed] = await Promise.all([api('models'), deploymentsByModel()]);
  const query = h('input', {id: 'model-search', type: 'search', placeholder: 'name or tag key=value',
    'aria-label': 'Search models by name or tag'});
  const list = h('div', {id: 'models-list'});
  const show = () => {
    const q = query.value.trim().toLowerCase();
    const shown = models.filter(m => !q || m.name.toLowerCase().includes(q)
        || Object.entries(m.tags).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(q)));
    if (models.length === 0) {
      fill(list, empty('No models yet.', ['Register a version with ', code('model-registry register --root DIR NAME FILE'),
        ', from Java with ', code('registry.versions().register(...)'), ', or train one through ', code('POST /api/v1/training/jobs'), '.']));
      return;
    }
    if (shown.length === 0) {
      fill(list, empty(`No model matches “${query.value}”.`, 'Search by part of a name or by a tag as key=value; clear the search to see all models.'));
      return;
    }
    fill(list, table(['Model', 'Latest', 'Aliases', 'Tags', 'Deployed', 'Created'], shown.map(m => [
      h('a', {href: `#/models/${enc(m.name)}`, class: 'strong'}, m.name),
      m.latestVersion ? ref(m.name, m.latestVersion) : h('span', {class: 'muted'}, 'no live version'),
      aliasChips(m.name, m.aliases),
      tagChips(m.tags),
      (deployed.get(m.name) || []).length ? deployed.get(m.name).map(deploymentChip) : h('span', {class: 'muted'}, 'not deployed'),
      date(m.createdAt),
    ]), {class: 'models'}));
  };
  query.addEventListener('input', show);
  fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Models'), h('span', {class: 'muted'}, `${models.length} model${models.length === 1 ? '' : 's'}`)),
    h('div', {class: 'toolbar'}, query), list);
  show();
}

/** What people compare first: errors, fit and ranking quality, then the composite score. */
const HEADLINE = ['rmse', 'auc', 'roc_auc', 'accuracy', 'f1', 'r2', 'mae', 'score', 'ic', 'hit_rate'];

function rank(metric) {
  const base = metric.replace(/^(eval|train|valid|test)\./, '');
  const i = HEADLINE.indexOf(base);
  return (i < 0 ? HEADLINE.length : i) * 2 + (metric.startsWith('eval.') ? 0 : 1);
}

/** The headline metrics of a version, evaluation before training-time ones, at most `n`. */
function keyMetrics(v, n = 3) {
  const metrics = Object.entries(v.metadata.metrics || {});
  metrics.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return metrics.slice(0, n);
}

async function documentNames(model, version) {
  return api(`models/${enc(model)}/versions/${version}/documents`);
}

async function evaluationOf(model, version) {
  const names = await documentNames(model, version);
  return names.includes(EVALUATION) ? api(`models/${enc(model)}/versions/${version}/evaluation`) : null;
}

function recommendationChip(decision) {
  if (!decision) return h('span', {class: 'muted'}, 'not evaluated');
  const r = decision.recommendation;
  return h('span', {class: 'chip rec-' + r.toLowerCase(), title: decision.reason}, r.toLowerCase());
}

export async function modelPage(main, model) {
  const [info, versions, deployed] = await Promise.all([api(`models/${enc(model)}`), api(`models/${enc(model)}/versions`),
    deploymentsByModel()]);
  const evaluations = await Promise.all(versions.map(v => evaluationOf(model, v.version)));
  const aliases = Object.keys(info.aliases);
  const histories = await Promise.all(aliases.map(a => api(`models/${enc(model)}/aliases/${enc(a)}/history`)));
  const deployments = deployed.get(model) || [];

  const versionRows = [...versions].reverse().map(v => {
    const i = versions.indexOf(v);
    const where = deployments.filter(d => d.version.version === v.version);
    return [ref(model, v.version), chip(v.state.toLowerCase(), 'state-' + v.state.toLowerCase()),
      keyMetrics(v).length ? h('span', {class: 'metrics'}, keyMetrics(v).map(([k, x]) => h('span', {class: 'metric'}, h('span', {class: 'muted'}, k + ' '), num(x))))
          : h('span', {class: 'muted'}, 'no metrics'),
      recommendationChip(evaluations[i]?.decision),
      v.aliases.length ? v.aliases.map(a => chip('@' + a, 'alias')) : '',
      where.length ? where.map(deploymentChip) : '',
      date(v.createdAt), v.createdBy];
  });

  const numbers = versions.map(v => v.version);
  const from = h('select', {id: 'compare-from', 'aria-label': 'Compare from version'}, numbers.map(n => h('option', {value: n}, 'v' + n)));
  const to = h('select', {id: 'compare-to', 'aria-label': 'Compare to version'}, numbers.map(n => h('option', {value: n}, 'v' + n)));
  if (numbers.length >= 2) {
    from.value = String(numbers[numbers.length - 2]);
    to.value = String(numbers[numbers.length - 1]);
  }
  const compare = numbers.length >= 2
    ? h('form', {class: 'inline', onsubmit: e => {
      e.preventDefault();
      location.hash = `#/models/${enc(model)}/compare/${from.value}/${to.value}`;
    }}, h('span', {}, 'Compare '), from, h('span', {}, ' with '), to, h('button', {type: 'submit', id: 'compare'}, 'Compare'))
    : h('p', {class: 'muted'}, 'Register a second version to compare two.');

  const aliasSections = aliases.length === 0
    ? empty('No aliases.', ['Point one at a version with ', code(`model-registry alias set ${model} champion VERSION`), ' or ',
      code(`PUT /api/v1/models/${model}/aliases/champion`), '; its history and a one-click rollback appear here.'])
    : aliases.map((a, i) => h('div', {class: 'alias-block'},
      h('h3', {}, `@${a} → v${info.aliases[a]}`,
        can('writer') && histories[i].length > 1 ? h('button', {class: 'danger small', 'data-alias': a, onclick: async () => {
          if (!await confirmAction(`Roll back @${a}?`, `Point @${a} of ${model} back at the version it named before v${info.aliases[a]}.`, 'Roll back')) return;
          try {
            await api(`models/${enc(model)}/aliases/${enc(a)}/rollback`, {method: 'POST'});
            await modelPage(main, model);
            banner(`@${a} rolled back.`, 'ok');
          } catch (e) { banner(e.message); }
        }}, 'Roll back') : null),
      table(['When', 'From', 'To', 'By', 'Reason'], [...histories[i]].reverse().map(c => [date(c.at),
        opt(c.previous) ? 'v' + c.previous : '—', opt(c.target) ? 'v' + c.target : 'removed', c.actor, c.reason || '—']))));

  fill(main,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/models'}, 'Models'), ' / ', model),
    h('div', {class: 'page-head'}, h('h1', {}, model), h('span', {class: 'muted'}, `created ${date(info.createdAt)}`)),
    facts([['Tags', tagChips(info.tags)], ['Aliases', aliasChips(model, info.aliases)],
      ['Deployed', deployments.length ? deployments.map(deploymentChip) : 'not deployed']]),
    section('Versions', versions.length ? [compare, table(['Version', 'State', 'Key metrics', 'Recommendation', 'Aliases', 'Deployed', 'Created', 'By'], versionRows, {class: 'versions'})]
      : empty('No live versions.', 'Every version of this model was deleted; register a new one.')),
    section('Alias history', aliasSections));
}

function trainingFacts(t) {
  if (!t) return empty('No training information.', 'Versions trained through the registry (TrainingService or POST /api/v1/training/jobs) record their trainer, hyper-parameters and data range here.');
  const range = opt(t.dataStart) || opt(t.dataEnd) ? `${day(opt(t.dataStart))} – ${day(opt(t.dataEnd))}` : null;
  return [facts([['Trainer', t.trainerId], ['Library', t.libraryVersion], ['Rows', num(t.rowCount)], ['Data range', range],
    ['Training time', opt(t.trainingTime) === null ? null : duration(t.trainingTime)], ['Best iteration', opt(t.bestIteration) ?? null],
    ['Dataset fingerprint', opt(t.datasetFingerprint) ? code(t.datasetFingerprint) : null]]),
    Object.keys(t.hyperParameters).length ? table(['Hyper-parameter', 'Value'], Object.entries(t.hyperParameters).map(([k, v]) => [k, code(v)]))
        : h('p', {class: 'muted'}, 'No hyper-parameters.')];
}

function metricRows(metrics) {
  return Object.entries(metrics || {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, num(v, 6)]);
}

function evaluationSection(model, version, report) {
  if (!report) {
    return empty('Not evaluated.', ['Evaluate this version with ', code('registry.evaluator().evaluate(...)'), ' and store the report with ',
      code('EvaluationReports.store(...)'), '; its metrics, decision and charts appear here.']);
  }
  const s = report.series || {};
  const charts = h('div', {class: 'charts', id: 'evaluation-charts'});
  const parts = [
    h('p', {}, 'Recommendation: ', recommendationChip(report.decision), ' ', report.decision.reason),
    facts([['Task', report.task.toLowerCase()], ['Rows evaluated', num(report.count)], ['Score', num(opt(report.score?.score))],
      ['Full report', h('a', {href: '#', onclick: e => openHtmlReport(e, model, version)}, 'open the printable HTML report')]]),
    charts,
    table(['Metric', 'Value'], metricRows(flatMetrics(report)), {caption: 'Metrics'}),
    report.decision.rules?.length ? table(['Rule', 'Kind', 'Threshold', 'Observed', 'Status'], report.decision.rules.map(r => [r.rule,
      r.hard ? 'hard' : 'soft', `${(r.bound || '').toLowerCase().replace('_', ' ')} ${num(r.threshold)}`, num(opt(r.observed)), chip(r.status.toLowerCase(), r.status === 'PASSED' ? 'good' : r.status === 'FAILED' ? (r.hard ? 'bad' : 'warn') : '')]), {caption: 'Gates'}) : null,
  ];
  requestAnimationFrame(() => drawEvaluation(charts, s));
  return parts;
}

/** The report's headline numbers: regression or classification metrics, as the table shows them. */
function flatMetrics(report) {
  const out = {};
  for (const key of ['regression', 'classification']) {
    const m = opt(report[key]);
    if (!m) continue;
    for (const [k, v] of Object.entries(m)) if (typeof v === 'number' || v === null) out[`${key}.${k}`] = v;
  }
  return out;
}

function drawEvaluation(container, s) {
  const actual = s.actual || [];
  const predicted = s.predicted || [];
  if (actual.length === 0) {
    fill(container, h('p', {class: 'muted'}, 'The report holds no series to chart.'));
    return;
  }
  // Times are the dataset's own index (epoch days, a trading-day number, ...): plotted as numbers, in order.
  const hasTime = s.times && s.times.length === actual.length;
  const order = actual.map((_, i) => i);
  if (hasTime) order.sort((a, b) => s.times[a] - s.times[b]);
  const xs = hasTime ? order.map(i => s.times[i]) : order.map(i => i + 1);
  const a = order.map(i => actual[i]);
  const p = order.map(i => predicted[i]);
  const residual = a.map((v, i) => v - p[i]);
  const one = h('div', {class: 'chart', id: 'chart-predictions'});
  const two = h('div', {class: 'chart', id: 'chart-residuals'});
  fill(container, one, two);
  lineChart(one, {title: 'Actual and predicted', xTime: false, xLabel: hasTime ? 'time' : 'row',
    height: 240, series: [{label: 'actual', value: v => num(v)}, {label: 'predicted', value: v => num(v)}], data: [xs, a, p]});
  lineChart(two, {title: 'Residual (actual − predicted)', xTime: false, xLabel: hasTime ? 'time' : 'row',
    height: 240, series: [{label: 'residual', color: '#9333ea', value: v => num(v)}], data: [xs, residual]});
}

async function openHtmlReport(e, model, version) {
  e.preventDefault();
  // Fetched with the token (never put in a URL), then shown from a blob.
  try {
    const r = await fetch(`/api/v1/models/${enc(model)}/versions/${version}/evaluation?format=html`, {headers: authHeaders()});
    if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
    const url = URL.createObjectURL(await r.blob());
    window.open(url, '_blank', 'noopener');
  } catch (err) { banner('Cannot open the report: ' + err.message); }
}

function lineageFacts(model, l) {
  const parents = l.parents.map(p => {
    const m = p.match(/^([^/@]+)\/(\d+)$/);
    return m ? ref(m[1], Number(m[2])) : code(p);
  });
  return facts([['Parents', parents.length ? parents : 'none'], ['Datasets', l.datasets.length ? l.datasets.map(code) : 'none'],
    ['Source', opt(l.source) ? code(l.source) : 'none']]);
}

function verificationOf(v, health) {
  const last = health.lastVerify;
  if (!last) return [h('span', {class: 'muted'}, 'Not verified since the server started. '), can('admin')
    ? h('a', {href: '#/health'}, 'Run verify on the Registry health page.') : 'An admin can run verify on the Registry health page.'];
  const mine = last.findings.filter(f => f.subject.includes(v.sha256) || f.subject === `${v.model}/${v.version}`);
  return mine.length
    ? [chip('problem', 'bad'), ` ${mine.map(f => f.detail).join('; ')} (verify of ${date(last.at)})`]
    : [chip('verified', 'good'), ` no finding in the verify of ${date(last.at)}`];
}

/**
 * Whether an audit entry concerns a version. Targets as the registry writes them: "3" (register, metrics),
 * "3#key" (a tag or document), "ENV/3" (a deployment), "@alias" with version=3 before or after (an alias move).
 */
function namesVersion(e, version) {
  const v = String(version);
  return e.target === v || e.target.startsWith(v + '#') || e.target.endsWith('/' + v)
      || (e.target.startsWith('@') && (e.before === 'version=' + v || e.after === 'version=' + v));
}

async function auditSection(model, version) {
  if (!can('admin')) return h('p', {class: 'muted'}, 'The audit trail needs a token with the admin role.');
  const entries = (await api(`audit?model=${enc(model)}&limit=1000`)).filter(e => namesVersion(e, version));
  return entries.length ? table(['When', 'Who', 'Operation', 'Target', 'Before', 'After'], entries.reverse().map(e => [date(e.at), e.actor,
    e.operation, e.target, e.before || '—', e.after || '—']), {class: 'audit'})
      : empty('No audit entries name this version.', 'Changes to the version (tags, aliases, deployments) are recorded as they happen.');
}

export async function versionPage(main, model, version) {
  const [v, report, health] = await Promise.all([api(`models/${enc(model)}/versions/${version}`), evaluationOf(model, version),
    api('registry/health')]);
  const md = v.metadata;
  const features = md.features.features;
  const audit = await auditSection(model, version);
  fill(main,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/models'}, 'Models'), ' / ',
      h('a', {href: `#/models/${enc(model)}`}, model), ' / ', 'v' + version),
    h('div', {class: 'page-head'}, h('h1', {}, `${model} v${version}`), chip(v.state.toLowerCase(), 'state-' + v.state.toLowerCase()),
      version > 1 ? h('a', {href: `#/models/${enc(model)}/compare/${version - 1}/${version}`, class: 'button-link'}, `Compare with v${version - 1}`) : null),
    h('div', {class: 'grid2'},
      section('Metadata', facts([['Format', code(md.formatId)], ['Model type', md.modelType || '—'], ['Description', md.description || '—'],
        ['Created', `${date(v.createdAt)} by ${v.createdBy}`], ['Size', bytes(v.size)], ['Aliases', v.aliases.length ? v.aliases.map(a => chip('@' + a, 'alias')) : 'none'],
        ['Tags', tagChips(v.tags)], ['Deployed', Object.keys(v.deployment.stateByEnvironment).length
          ? Object.entries(v.deployment.stateByEnvironment).map(([env, state]) => h('a', {class: 'chip dep-' + stateLabel(state).replace(' ', '-'), href: `#/deployments/${enc(env)}`}, `${env}: ${stateText(state)}`)) : 'not deployed']])),
      section('Integrity and lineage', facts([['SHA-256', h('code', {class: 'digest'}, v.sha256)], ['Verification', verificationOf(v, health)]]),
        lineageFacts(model, md.lineage))),
    section('Training', trainingFacts(opt(md.training))),
    section('Features', features.length ? table(['#', 'Feature', 'Type'], features.map((f, i) => [i + 1, f.name, f.type.toLowerCase()]))
        : empty('No feature schema.', 'Register the version with a FeatureSchema in its metadata to see its inputs here.'),
      opt(md.features.target) ? h('p', {class: 'muted'}, `Target: ${md.features.target}`) : null),
    section('Evaluation', evaluationSection(model, version, report)),
    section('All metrics on the version', Object.keys(md.metrics).length ? table(['Metric', 'Value'], metricRows(md.metrics))
      : empty('No metrics.', 'Trainers, stored evaluations (as eval.*) and PUT …/metrics add them.')),
    section('Audit trail', audit));
}

function valueChangeRows(changes) {
  return Object.entries(changes || {}).map(([k, c]) => [k, opt(c.before) ?? h('span', {class: 'muted'}, 'absent'), opt(c.after) ?? h('span', {class: 'muted'}, 'absent')]);
}

export async function comparePage(main, model, from, to) {
  const [diff, toDocs] = await Promise.all([api(`models/${enc(model)}/compare?from=${from}&to=${to}`), documentNames(model, to)]);
  const cc = toDocs.includes(COMPARISON) ? await api(`models/${enc(model)}/versions/${to}/documents/${COMPARISON}`) : null;
  const metricRowsDiff = Object.entries(diff.metrics).sort(([a], [b]) => a.localeCompare(b)).map(([k, d]) => {
    const before = opt(d.before);
    const after = opt(d.after);
    const delta = before !== null && after !== null ? after - before : null;
    return [k, num(before, 6), num(after, 6), h('span', {class: direction(k, delta)}, signed(delta, 4)),
      // Signed like the Δ beside it: "0.6%" next to "+0.007877" read as a different direction.
      before && delta !== null ? (delta > 0 ? '+' : '') + pct(delta / Math.abs(before)) : '—'];
  });
  fill(main,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/models'}, 'Models'), ' / ',
      h('a', {href: `#/models/${enc(model)}`}, model), ' / ', `compare v${from} and v${to}`),
    h('div', {class: 'page-head'}, h('h1', {}, `${model}: v${from} → v${to}`), diff.sameArtifact ? chip('same artifact', 'tag') : null,
      h('a', {class: 'button-link', href: `#/models/${enc(model)}/compare/${to}/${from}`}, 'Swap')),
    section('Metric deltas', metricRowsDiff.length ? table(['Metric', 'v' + from, 'v' + to, 'Δ', 'Δ %'], metricRowsDiff, {class: 'deltas'})
      : empty('Neither version has metrics.', 'Evaluate both versions to compare their metrics.')),
    section('Hyper-parameter changes', Object.keys(diff.hyperParameters).length ? table(['Hyper-parameter', 'v' + from, 'v' + to], valueChangeRows(diff.hyperParameters))
      : empty('No hyper-parameter changed.', null)),
    section('Feature-schema changes', diff.features.length ? table(['Feature', 'Change', 'v' + from, 'v' + to], diff.features.map(f => [f.feature,
      f.kind.toLowerCase().replace('_', ' '), opt(f.before) ?? '—', opt(f.after) ?? '—'])) : empty('The feature schemas are the same.', null)),
    section('Other changes', Object.keys(diff.fields).length + Object.keys(diff.tags).length
      ? table(['Field', 'v' + from, 'v' + to], [...valueChangeRows(diff.fields), ...valueChangeRows(Object.fromEntries(Object.entries(diff.tags).map(([k, v]) => ['tag ' + k, v])))])
      : empty('No other field changed.', null)),
    section('Champion vs challenger', cc ? championChallenger(cc, from, to)
      : empty(`No champion-vs-challenger test stored on v${to}.`, ['Run ', code('registry.evaluator().compare(champion, challenger, data, options)'),
        ' and store it on the challenger with ', code('EvaluationReports.store(versions, challenger, report)'), '.'])));
}

function championChallenger(cc, from, to) {
  const dm = cc.dieboldMariano || {};
  return [
    h('p', {}, 'Decision: ', recommendationChip(cc.decision), ' ', cc.decision.reason),
    facts([['Score gain', signed(opt(cc.scoreGain))], ['Diebold–Mariano p (challenger better)', num(opt(dm.pValueChallengerBetter))],
      ['Diebold–Mariano statistic', num(opt(dm.statistic))], ['Sign agreement', pct(cc.agreement?.signAgreement)],
      ['Correlation', num(opt(cc.agreement?.correlation))], ['Rows', num(dm.count)]]),
    table(['Metric', 'Champion', 'Challenger', 'Δ'], (cc.deltas || []).map(d => [d.metric, num(d.champion, 6), num(d.challenger, 6),
      h('span', {class: direction(d.metric, d.delta)}, signed(d.delta))])),
  ];
}

function alertRows(alerts) {
  return alerts.map(a => [chip(a.severity.toLowerCase(), 'sev-' + a.severity.toLowerCase()), h('span', {class: 'nowrap'}, a.rule), a.subject || '—',
    h('a', {href: `#/deployments/${enc(a.environment)}`}, a.environment), ref(a.version.model, a.version.version),
    num(a.observed), num(a.threshold), date(a.at), a.message]);
}

export async function alertsPage(main) {
  const {open, past} = await api('alerts');
  const headers = ['Severity', 'Rule', 'Subject', 'Environment', 'Version', 'Value', 'Threshold', 'Raised', 'Message'];
  fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Alerts'), h('button', {onclick: () => alertsPage(main)}, 'Refresh')),
    section(`Open (${open.length})`, open.length ? table(headers, alertRows(open), {class: 'alerts'})
      : empty('No open alerts.', 'An alert stays open for the alert rules’ cooldown after it was last raised. Rules are checked by the scheduled deployment checks or GET /api/v1/monitoring/ENV/alerts.')),
    section(`Past (${past.length})`, past.length ? table(headers, alertRows(past), {class: 'alerts'})
      : empty('No past alerts since the server started.', null)));
}

export async function healthPage(main) {
  const health = await api('registry/health');
  const last = health.lastVerify;
  const verifyButton = can('admin') ? h('button', {id: 'run-verify', onclick: async e => {
    e.target.disabled = true;
    e.target.textContent = 'Verifying…';
    try {
      await api('admin/verify', {method: 'POST'});
      await healthPage(main);
    } catch (err) { banner(err.message); e.target.disabled = false; }
  }}, 'Run verify now') : h('p', {class: 'muted'}, 'An admin token can run verify from here.');
  fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Registry health')),
    section('Latest verify', last ? [
      h('p', {}, last.healthy ? chip('healthy', 'good') : chip(`${last.findings.length} finding${last.findings.length === 1 ? '' : 's'}`, 'bad'), ` verified ${date(last.at)}`),
      facts([['Versions checked', num(last.versionsChecked)], ['Blobs checked', num(last.blobsChecked)], ['Bytes re-hashed', bytes(last.bytesChecked)]]),
      last.findings.length ? table(['Kind', 'Subject', 'Detail'], last.findings.map(f => [f.kind.toLowerCase(), code(f.subject), f.detail])) : null,
      verifyButton]
      : [empty('Not verified since the server started.', ['Verify re-hashes every artifact and checks the database: ', code('model-registry verify --root DIR'),
        ' or POST /api/v1/admin/verify.']), verifyButton]),
    section('Storage', facts([['Models', num(health.models)], ['Blobs', num(health.storage.blobs)], ['Used', bytes(health.storage.bytes)]])),
    section('Backups', health.backups.length ? table(['Backup', 'Size', 'Written'], health.backups.map(b => [code(b.name), bytes(b.bytes), date(b.modifiedAt)]))
      : empty('No automatic backups.', ['Export the registry with ', code('model-registry export --all FILE'), ' or GET /api/v1/admin/export.'])));
}

