// Deployments: the environments, and one environment live from GET /api/v1/monitoring/{env}/stream, read with
// fetch() and a ReadableStream (so the token goes in a header, never in a URL) and parsed as Server-Sent Events.
import {api, authHeaders, ApiError, can, banner, confirmAction} from './api.js';
import {h, fill, stateLabel, stateText, stateChip, date, time, pct, num, ms, ref, enc, chip, table, facts, empty, section, code} from './format.js';
import {liveChart} from './charts.js';

export async function deploymentsPage(main) {
  const all = await api('deployments');
  const byEnv = new Map();
  for (const d of all) {
    if (!byEnv.has(d.environment)) byEnv.set(d.environment, []);
    byEnv.get(d.environment).push(d);
  }
  fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Deployments')),
    byEnv.size === 0
      ? empty('Nothing is deployed.', ['Deploy a version with ', code('model-registry deploy --root DIR NAME/VERSION ENV'),
        ' or POST /api/v1/deployments/ENV; its traffic, latency, drift and canary verdicts appear here live.'])
      : h('div', {class: 'env-grid'}, [...byEnv].map(([env, ds]) => h('a', {class: 'card env-card', href: `#/deployments/${enc(env)}`},
        h('h2', {}, env), splitBar(ds), h('ul', {class: 'plain'}, ds.map(d => h('li', {}, `${d.version.model}/${d.version.version} · ${stateText(d.state)}`
          + (d.state === 'SHADOW' ? '' : ` ${share(d, ds)}%`))))))));
}

/**
 * The share of live requests a deployment answers: a canary its weight, the stable version the rest (its own
 * weight stays 100 while a canary runs beside it); a shadow answers none (it scores copies).
 */
function share(d, deployments) {
  if (d.state === 'SHADOW') return 0;
  if (d.state === 'CANARY') return d.weightPercent;
  const canaries = deployments.filter(c => c.state === 'CANARY').reduce((sum, c) => sum + c.weightPercent, 0);
  return Math.max(0, Math.min(d.weightPercent, 100 - canaries));
}

/** The traffic split between the stable version and the canary. */
function splitBar(deployments) {
  const serving = deployments.filter(d => d.state !== 'SHADOW');
  return h('div', {class: 'split', role: 'img', 'aria-label': 'Traffic split: ' + serving.map(d => `v${d.version.version} ${share(d, deployments)}%`).join(', ')},
    serving.map(d => h('span', {class: 'split-' + stateLabel(d.state), style: `flex-grow:${Math.max(share(d, deployments), 0.5)}`},
      `v${d.version.version} ${share(d, deployments)}%`)));
}

/** Yields {event, data} from an SSE response body. */
async function* sse(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let text = colon < 0 ? '' : line.slice(colon + 1);
        if (text.startsWith(' ')) text = text.slice(1);
        if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length) yield {event, data: data.join('\n')};
    }
  }
}

/** A finite number, or null (Jackson writes NaN as the string "NaN"). */
function finite(x) {
  return typeof x === 'number' && isFinite(x) ? x : null;
}

export async function environmentPage(main, env) {
  const controller = new AbortController();
  const status = h('span', {id: 'live-status', class: 'live', 'aria-live': 'polite'}, 'connecting…');
  const routing = h('div', {id: 'routing'});
  const actions = h('div', {id: 'actions', class: 'actions'});
  const versions = h('div', {id: 'versions'});
  const canary = h('div', {id: 'canary', 'aria-live': 'polite'});
  const history = h('div', {id: 'history'});
  fill(main,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/deployments'}, 'Deployments'), ' / ', env),
    h('div', {class: 'page-head'}, h('h1', {}, env), status),
    section('Routing', routing, actions),
    h('div', {class: 'grid2 analysis'}, section('Canary analysis', canary), section('History', history)),
    versions);

  const panels = new Map();
  let previous = null;
  let updates = 0;
  let lastActions = '';

  const apply = snapshot => {
    updates++;
    const at = new Date(snapshot.at);
    status.textContent = `live · updated ${time(at)}`;
    status.dataset.updates = String(updates);
    showRouting(routing, snapshot.deployments);
    const key = JSON.stringify(snapshot.deployments.map(d => [d.id, d.state, d.weightPercent]));
    if (key !== lastActions) {
      lastActions = key;
      showActions(actions, env, snapshot.deployments);
    }
    const seen = new Set();
    for (const m of snapshot.metrics) {
      seen.add(m.deploymentId);
      if (!panels.has(m.deploymentId)) {
        const panel = versionPanel(m);
        panels.set(m.deploymentId, panel);
        versions.append(panel.root);
      }
      const before = previous?.metrics.find(p => p.deploymentId === m.deploymentId);
      panels.get(m.deploymentId).update(m, before, previous ? (at - new Date(previous.at)) / 1000 : null, at,
        snapshot.drift.find(d => d.deploymentId === m.deploymentId),
        snapshot.accuracy.find(a => a.version.model === m.version.model && a.version.version === m.version.version));
    }
    for (const [id, panel] of panels) {
      if (!seen.has(id)) {
        panel.root.remove();
        panels.delete(id);
      }
    }
    if (panels.size === 0) {
      fill(versions, section('Live metrics', empty(`Nothing is deployed in ${env}.`,
        ['Deploy a version with ', code(`model-registry deploy --root DIR NAME/VERSION ${env}`), ' to see its live metrics.'])));
    } else if (versions.querySelector('.empty')) {
      versions.querySelector('.empty').closest('section').remove();
    }
    showCanary(canary, snapshot.canary, snapshot.deployments);
    showHistory(history, snapshot.history);
    previous = snapshot;
  };

  (async () => {
    while (!controller.signal.aborted) {
      try {
        const r = await fetch(`/api/v1/monitoring/${enc(env)}/stream`, {headers: {...authHeaders(), Accept: 'text/event-stream'},
          signal: controller.signal});
        if (!r.ok) throw new ApiError(r.status, `${r.status} ${r.statusText}`);
        status.textContent = 'live';
        for await (const e of sse(r)) {
          if (e.event === 'snapshot') apply(JSON.parse(e.data));
        }
      } catch (e) {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          status.textContent = 'not allowed';
          banner(e.message);
          return;
        }
        if (!(e instanceof TypeError && /fetch|network/i.test(e.message))) {
          // Not the connection dropping: a snapshot this page could not show. Say so instead of hiding it.
          banner('Cannot show the live data: ' + e.message);
        }
      }
      status.textContent = 'disconnected · retrying';
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  })();
  return () => controller.abort();
}

function showRouting(container, deployments) {
  if (deployments.length === 0) {
    fill(container, h('p', {class: 'muted'}, 'No deployment.'));
    return;
  }
  fill(container, splitBar(deployments), table(['Version', 'State', 'Traffic', 'Strategy', 'Since'], deployments.map(d => [
    ref(d.version.model, d.version.version), stateChip(d.state),
    d.state === 'SHADOW' ? 'copies of every request' : pct(share(d, deployments) / 100, 0), (d.spec?.strategy || '').toLowerCase(), date(d.since)]), {class: 'routing'}));
}

function showActions(container, env, deployments) {
  if (!can('deployer')) {
    fill(container, deployments.length ? h('p', {class: 'muted'}, 'Promote, ramp and rollback need a token with the deployer role.') : '');
    return;
  }
  if (deployments.length === 0) {
    fill(container);
    return;
  }
  const candidate = deployments.find(d => d.state === 'CANARY' || d.state === 'SHADOW');
  const canary = deployments.find(d => d.state === 'CANARY');
  const act = (label, question, path, body) => async () => {
    if (!await confirmAction(`${label} in ${env}?`, question, label)) return;
    try {
      await api(`deployments/${enc(env)}/${path}`, {method: 'POST', body});
      banner(`${label}: done. The routing below follows within a second.`, 'ok');
    } catch (e) { banner(e.message); }
  };
  const percent = h('input', {id: 'ramp-percent', type: 'number', min: 1, max: 100, value: canary ? Math.min(100, canary.weightPercent * 2) : 50,
    'aria-label': 'Canary traffic percent'});
  fill(container,
    candidate ? h('button', {id: 'promote', onclick: act('Promote', `Make ${candidate.version.model}/${candidate.version.version} the stable version of ${env}.`, 'promote')}, 'Promote') : null,
    canary ? h('span', {class: 'ramp'}, percent, h('span', {}, '%'), h('button', {id: 'ramp', onclick: () => act('Ramp',
      `Send ${percent.value}% of ${env}'s traffic to the canary.`, 'ramp', {percent: Number(percent.value)})()}, 'Ramp')) : null,
    h('button', {id: 'rollback', class: 'danger', onclick: act('Roll back', candidate
      ? `Retire the candidate ${candidate.version.model}/${candidate.version.version}; the stable version takes all traffic.`
      : `Go back to the previous stable version of ${env}.`, 'rollback', {reason: 'rolled back from the dashboard'})}, 'Rollback'));
}

const DECISIONS = {NOTHING_TO_ANALYZE: ['nothing to judge', 'muted'], WAIT: ['wait', 'muted'], STEP_UP: ['step up', 'good'],
  PROMOTE: ['promote', 'good'], ROLLBACK: ['roll back', 'bad']};

/**
 * The live canary verdict: what canary analysis would decide now (the server's read-only assess). Nothing here acts:
 * analysis acts when it is scheduled or asked, and a person acts with the buttons above.
 */
function showCanary(container, verdict, deployments) {
  if (!verdict) {
    fill(container, h('p', {class: 'muted'}, 'No verdict: this server does not send one.'));
    return;
  }
  const [label, kind] = DECISIONS[verdict.decision] || [verdict.decision.toLowerCase(), ''];
  const decision = h('p', {class: 'verdict', dataset: {decision: verdict.decision}}, h('span', {class: 'muted'}, 'Analysis would now: '),
    chip(label, 'verdict-decision ' + kind), verdict.headline ? h('strong', {}, ' ' + verdict.headline) : '');
  if (verdict.decision === 'NOTHING_TO_ANALYZE') {
    const canary = deployments.find(d => d.state === 'CANARY');
    fill(container, decision, canary
      ? empty(`The canary ${canary.version.model}/${canary.version.version} has no analysis policy.`,
        'Analysis leaves it alone: promote, ramp or roll it back by hand. Deploy a canary with a CanaryPolicy to have it judged.')
      : empty('No canary runs here.', 'Deploy a canary with a CanaryPolicy; its verdict and the numbers behind it appear here live.'));
    return;
  }
  fill(container, decision,
    h('ul', {class: 'reasons'}, verdict.reasons.map(r => h('li', {}, r))),
    h('p', {class: 'next-step'}, h('strong', {}, 'Next step: '), verdict.nextStep),
    h('p', {class: 'muted small'}, 'Live and read-only: nothing changes until analysis runs on its schedule or a deployer acts.'));
}

function showHistory(container, events) {
  if (!events.length) {
    fill(container, h('p', {class: 'muted'}, 'No deployment events yet.'));
    return;
  }
  fill(container, table(['When', 'Action', 'Version', 'State', 'Traffic', 'By', 'Reason'], [...events].reverse().map(e => [
    date(e.at), chip(e.action.toLowerCase(), 'action'), ref(e.version.model, e.version.version),
    `${e.from ? stateText(e.from) + ' → ' : ''}${stateText(e.to)}`, pct(e.weightPercent / 100, 0), e.actor, e.reason || '—']), {class: 'history'}));
}

function versionPanel(first) {
  const label = `${first.version.model}/${first.version.version}`;
  const charts = {};
  const box = id => h('div', {class: 'chart', id: `${id}-${first.deploymentId}`, dataset: {chart: id}});
  const traffic = box('traffic');
  const latency = box('latency');
  const predictions = box('predictions');
  const accuracyBox = box('accuracy');
  const summary = h('div', {class: 'summary'});
  const drift = h('div', {class: 'drift'});
  const driftBox = box('drift');
  let driftChart = null;
  let driftNames = '';
  const accuracy = h('div', {class: 'accuracy'});
  const note = h('p', {class: 'muted chart-note'}, 'No requests yet: the charts start with the first prediction this version serves.');
  const grid = h('div', {class: 'charts', hidden: true}, traffic, latency, predictions);
  const title = h('h2', {}, ref(first.version.model, first.version.version), ' ', h('span', {class: 'state'}, stateChip(first.state)));
  const root = h('section', {class: 'card version-panel', dataset: {version: label, deployment: String(first.deploymentId)}},
    title, summary, note, grid,
    h('div', {class: 'grid2'}, h('div', {}, h('h3', {}, 'Drift (PSI and KS per feature)'), driftBox, drift),
      h('div', {}, h('h3', {}, 'Live accuracy'), accuracy, accuracyBox)));
  let accuracyChart = null;
  // Made at the first update, once the panel is in the page and has a width.
  const makeCharts = () => {
    charts.traffic = liveChart(traffic, {title: 'Requests per second and error rate', series: [
      {label: 'req/s', value: v => num(v, 3)}, {label: 'error %', color: '#dc2626', value: v => num(v, 3) + '%'}]});
    // The axis in the summary's units (µs below a millisecond), not "0.0006" ms.
    charts.latency = liveChart(latency, {title: 'Latency', yValue: v => v === 0 ? '0' : ms(v), series: [
      {label: 'p50', value: v => ms(v)}, {label: 'p95', color: '#ea580c', value: v => ms(v)}, {label: 'p99', color: '#dc2626', value: v => ms(v)}]});
    charts.predictions = liveChart(predictions, {title: 'Predictions (p05, median, p95)', series: [
      {label: 'p05', color: '#94a3b8', dash: [4, 4], value: v => num(v)}, {label: 'median', color: '#16a34a', value: v => num(v)},
      {label: 'p95', color: '#94a3b8', dash: [4, 4], value: v => num(v)}]});
  };
  return {
    root,
    update(m, before, seconds, at, driftReport, live) {
      // An empty window reports latency 0: shown as no value, not as instant answers.
      const served = m.requests > 0;
      const latencies = served ? [finite(m.latencyP50Millis), finite(m.latencyP95Millis), finite(m.latencyP99Millis)] : [null, null, null];
      fill(title.querySelector('.state'), stateChip(m.state));
      fill(summary, facts([['Requests', num(m.requests)], ['Errors', `${num(m.errors)} (${pct(m.errorRate, 2)})`],
        ['Latency p50 / p95 / p99', latencies.map(ms).join(' / ')],
        ['Prediction mean ± sd', served ? `${num(finite(m.predictionMean))} ± ${num(finite(m.predictionStdDev))}` : '—']]));
      showDrift(drift, driftReport);
      const x = at.getTime() / 1000;
      const drifted = driftReport ? [...driftReport.features, ...(driftReport.prediction ? [driftReport.prediction] : [])] : [];
      if (drifted.length) {
        // One line per feature; a new feature set (a new reference) starts the chart again.
        const names = drifted.map(f => f.name).join('\u0000');
        if (names !== driftNames) {
          driftNames = names;
          fill(driftBox);
          driftChart = liveChart(driftBox, {title: 'PSI per feature over time', height: 180,
            series: drifted.map((f, i) => ({label: f.name, value: v => num(v, 3),
              ...(driftReport.prediction && i === drifted.length - 1 ? {dash: [4, 4], color: '#64748b'} : {})}))});
        }
        driftChart.push(x, drifted.map(f => finite(f.psi)));
      }
      if (live && live.outcomes > 0) {
        fill(accuracy, facts([['Outcomes', num(live.outcomes)], ['RMSE', num(finite(live.rmse))], ['MAE', num(finite(live.mae))],
          ['Hit rate', live.hitRate === null ? '—' : pct(live.hitRate)], ['RMSE at evaluation', num(live.evaluationRmse)]]));
        if (!accuracyChart) accuracyChart = liveChart(accuracyBox, {title: 'Live RMSE', height: 160, series: [{label: 'RMSE', value: v => num(v)}]});
        accuracyChart.push(x, [finite(live.rmse)]);
      } else {
        fill(accuracy, h('p', {class: 'muted'}, 'No outcomes recorded yet. Send actual values with POST /api/v1/outcomes (the prediction’s requestId and the actual value).'));
      }
      // The charts appear with the first request: empty axes say less than the note.
      note.hidden = served;
      grid.hidden = !served;
      if (!served) return;
      if (!charts.traffic) makeCharts();
      const requests = before && seconds > 0 ? Math.max(0, m.requests - before.requests) : null;
      const errors = before ? Math.max(0, m.errors - before.errors) : null;
      charts.traffic.push(x, [requests === null ? null : requests / seconds,
        requests ? 100 * errors / requests : (before ? 0 : 100 * m.errorRate)]);
      charts.latency.push(x, latencies);
      charts.predictions.push(x, [finite(m.predictionP05), finite(m.predictionP50), finite(m.predictionP95)]);
    },
  };
}

function showDrift(container, report) {
  const features = report ? [...report.features, ...(report.prediction ? [report.prediction] : [])] : [];
  if (features.length === 0) {
    fill(container, h('p', {class: 'muted'}, 'No drift measured. Give the version reference data with ',
      code('monitoring().setReference(version, rows, featureNames)'), '; drift is measured once enough requests arrived.'));
    return;
  }
  fill(container, table(['Feature', 'PSI', '', 'KS', 'KS p', 'Band', 'n'], features.map(f => [f.name, num(finite(f.psi), 3),
    h('span', {class: 'bar', 'aria-hidden': 'true'}, h('span', {class: 'band-' + f.band.toLowerCase(), style: `width:${Math.min(100, 100 * (finite(f.psi) || 0) / 0.5)}%`})),
    num(finite(f.ksStatistic), 3), num(finite(f.ksPValue), 3), chip(f.band.toLowerCase(), 'band-' + f.band.toLowerCase()), num(f.sampleSize)]), {class: 'drift-table'}));
}
