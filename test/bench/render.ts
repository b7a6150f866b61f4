import type { ApiLatency, RouteLatency } from './api-latency';
import type { ConstructCheck } from './construct-check';
import { type FunctionBench, TARGETS } from './function-bench';
import type { LoadResult } from './load';
import { formatBytes, formatMs, formatRatio, heading, type MachineInfo, table, verdict, wrap } from './report';
import type { WebAppBench } from './web-app';

const target = (value: number) => `≤ ${value.toFixed(2)}`;

/** The header: what ran where, and how far to trust it. */
export function renderMachine(machine: MachineInfo): string {
  return [
    heading('inovda bench'),
    `node ${machine.node} · ${machine.platform}/${machine.arch} · ${machine.cpus} × ${machine.cpuModel} · ` +
      `${machine.totalMemoryGiB} GiB · load average ${machine.loadAverage.join(' / ')}`,
    'Note: a shared, noisy machine (other work runs beside the bench); read ratios rather than absolute numbers,',
    'and expect a few percent of drift between runs.',
  ].join('\n');
}

/** How many packages the "beyond the baseline" lines name per function. */
const PARTS_SHOWN = 5;

/** Bundle sizes of every function next to its baseline, and where the difference comes from. */
export function renderBundles(bench: FunctionBench, check: ConstructCheck): string {
  const rows = bench.functions.map((fn) => {
    const baseline = bench.baselines.find((candidate) => candidate.label === fn.baseline);
    return [
      fn.id,
      formatBytes(fn.bundle.size.bytes),
      formatBytes(fn.bundle.size.gzipBytes),
      formatBytes(fn.bundle.size.mapBytes),
      fn.baseline,
      baseline ? formatBytes(baseline.bundle.size.bytes) : 'n/a',
      baseline ? formatBytes(baseline.bundle.size.gzipBytes) : 'n/a',
      formatRatio(fn.bundleRatio),
      formatRatio(fn.bundleGzipRatio),
      fn.judged ? verdict(fn.bundleRatio, TARGETS.bundleRatio) : 'n/a¹',
    ];
  });
  const beyond = bench.functions.map((fn) => {
    const parts = fn.beyondBaseline.slice(0, PARTS_SHOWN).map((part) => `${part.name} ${formatBytes(part.bytes)}`);
    return wrap(`${fn.id}: ${parts.join(', ') || 'nothing'}`, 118, '    ', ', ');
  });
  return [
    heading('Bundle size per function'),
    'As InovdaFunction deploys it (esbuild: node24 ESM, minified, SDK bundled; its source map ships beside it as',
    '`index.mjs.map`, counted apart: the runtime never loads it, lambda-kit reads it only to log an error), next to a',
    'baseline: a generated entry importing only the SDK clients the function imports, each constructed once, built the',
    'same way but without a source map.',
    renderCheck(check),
    '',
    table(
      [
        { header: 'function' },
        { header: 'bundle', align: 'right' },
        { header: 'gzip', align: 'right' },
        { header: 'map', align: 'right' },
        { header: 'base' },
        { header: 'baseline', align: 'right' },
        { header: 'gzip', align: 'right' },
        { header: 'ratio', align: 'right' },
        { header: 'gzip ratio', align: 'right' },
        { header: target(TARGETS.bundleRatio) },
      ],
      rows,
    ),
    '',
    ...bench.baselines.map(
      (baseline) => `baseline ${baseline.label}: ${baseline.bundle.sdkClients.join(' + ') || '(no SDK client)'}`,
    ),
    ...unjudgedNote(bench),
    '',
    `Beyond the baseline (minified bytes by package, top ${PARTS_SHOWN}):`,
    ...beyond,
    ...renderFailures(bench),
  ].join('\n');
}

/** Functions the bench could not measure: a broken build must show, not vanish from the tables. */
function renderFailures(bench: FunctionBench): string[] {
  if (bench.failures.length === 0) return [];
  return [
    '',
    `✗ Not measured (${bench.failures.length}):`,
    ...bench.failures.map((failure) => wrap(`  ${failure.id}: ${failure.error}`, 118, '    ')),
  ];
}

/** One line on whether the bundles measured are the construct's. */
function renderCheck(check: ConstructCheck): string {
  if (check.error !== undefined) {
    return `⚠ Could not build the functions through InovdaFunction to compare (${check.error}): sizes are unverified.`;
  }
  if (check.different.length > 0) {
    const which = check.different
      .map((fn) => `${fn.id} (construct ${formatBytes(fn.constructBytes)}, bench ${formatBytes(fn.benchBytes)})`)
      .join('; ');
    return `✗ NOT what the construct builds: ${which}. Check how InovdaFunction maps FUNCTION_BUILD_OPTIONS (infra/lib/function-bundling.ts) to its bundling props.`;
  }
  return `✓ Byte-identical to the assets InovdaFunction builds (${check.identical.length} functions checked).`;
}

/** Cold import medians of every function next to its baseline. */
export function renderColdImports(bench: FunctionBench, runs: number): string {
  const rows = bench.functions.map((fn) => {
    const baseline = bench.baselines.find((candidate) => candidate.label === fn.baseline);
    return [
      fn.id,
      formatMs(fn.coldImport?.summary.p50),
      formatMs(fn.coldImport?.summary.p90),
      fn.baseline,
      formatMs(baseline?.coldImport.summary.p50),
      formatRatio(fn.importRatio),
      fn.judged ? verdict(fn.importRatio, TARGETS.importRatio) : 'n/a¹',
      formatMs(fn.coldImport?.cpuSummary.p50),
      formatMs(baseline?.coldImport.cpuSummary.p50),
      formatRatio(fn.importCpuRatio),
    ];
  });
  return [
    heading('Cold import per function'),
    `Median over ${runs} fresh node processes, each timing \`await import(bundle)\` (load, evaluate, construct the`,
    'clients, read the region settings file) of the bundle above. Functions: exactly the environment the stack gives',
    'them (`functionEnvironment()`, NODE_OPTIONS included if it sets any; placeholder names, the region settings file',
    'beside the bundle) plus the region and credentials the Lambda runtime sets. Baselines: those runtime variables',
    'only. Rounds interleave functions and baselines in rotating order. cpu: median CPU time of the same imports,',
    'less disturbed by other work on the machine than wall time (the target applies to wall time).',
    '',
    table(
      [
        { header: 'function' },
        { header: 'median', align: 'right' },
        { header: 'p90', align: 'right' },
        { header: 'base' },
        { header: 'base median', align: 'right' },
        { header: 'ratio', align: 'right' },
        { header: target(TARGETS.importRatio) },
        { header: 'cpu', align: 'right' },
        { header: 'base cpu', align: 'right' },
        { header: 'cpu ratio', align: 'right' },
      ],
      rows,
    ),
    ...unjudgedNote(bench),
  ].join('\n');
}

/** Why a function without SDK clients has no ratio (it has no bare-SDK baseline to be a multiple of). */
function unjudgedNote(bench: FunctionBench): string[] {
  const unjudged = bench.functions.filter((fn) => !fn.judged).map((fn) => fn.id);
  if (unjudged.length === 0) return [];
  return [
    wrap(
      `¹ ${unjudged.join(', ')}: constructs no SDK client, so there is no bare-SDK baseline to be a multiple of; ` +
        'its own size and import time are shown as measured.',
    ),
  ];
}

/** A line per run that had failed requests: their latency is left out, so the figures need that caveat. */
const failureLines = (results: readonly LoadResult[]) =>
  results.flatMap((result) => {
    const counts = Object.entries(result.failures).map(([cause, count]) => `${count}× ${cause}`);
    if (counts.length === 0) return [];
    return [`  ${result.label}: ${counts.join(', ')} failed (first: ${result.firstFailure ?? 'unknown'})`];
  });

/** The in-process target: a handler's own warm work beyond its DynamoDB calls, p50. */
export const HANDLER_OVERHEAD_TARGET_MS = 2;

/** API latency under load next to the very DynamoDB operations each route makes, under the same load. */
export function renderApi(api: ApiLatency): string {
  const row = (route: RouteLatency) => [
    route.label,
    formatMs(route.api.latency?.p50),
    formatMs(route.api.latency?.p99),
    route.api.requestsPerSecond.toFixed(1),
    formatMs(route.baseline.latency?.p50),
    formatMs(route.baseline.latency?.p99),
    route.baseline.requestsPerSecond.toFixed(1),
    formatRatio(route.ratios.p50),
    formatRatio(route.ratios.p99),
  ];
  const overheadRow = (route: RouteLatency) => [
    route.functionId,
    formatMs(route.inProcess.totalMs.p50),
    formatMs(route.inProcess.dynamoMs.p50),
    formatMs(route.inProcess.overheadMs.p50),
    formatMs(route.inProcess.overheadMs.p99),
    verdict(route.inProcess.overheadMs.p50, HANDLER_OVERHEAD_TARGET_MS),
  ];
  return [
    heading('Local API latency'),
    `${api.shape.concurrency} connections × ${(api.shape.durationMs / 1000).toFixed(0)} s per route, closed loop (one ` +
      `request in flight per connection), as ${api.user}, after a warm-up`,
    `(platform up in ${(api.startMs / 1000).toFixed(1)} s, warm-up ${(api.warmUpMs / 1000).toFixed(1)} s). ` +
      'Baseline per route: the very DynamoDB operations its handler',
    'makes — recorded from the handler run in this process (an SDK probe on `send`) and replayed, same commands and',
    'inputs (fresh ids in writes), same document-client config — against the same DynamoDB Local, same load, right',
    'after the route. The local platform runs handlers from source in worker threads (tsx), not the bundles; its HTTP',
    'gateway shares this process with autocannon and DynamoDB Local shares the two cores: local figures, not AWS ones.',
    '',
    table(
      [
        { header: 'route' },
        { header: 'p50', align: 'right' },
        { header: 'p99', align: 'right' },
        { header: 'req/s', align: 'right' },
        { header: 'ops p50', align: 'right' },
        { header: 'ops p99', align: 'right' },
        { header: 'req/s', align: 'right' },
        { header: 'p50 ratio', align: 'right' },
        { header: 'p99 ratio', align: 'right' },
      ],
      api.routes.map(row),
    ),
    '',
    'DynamoDB operations per route (the baseline):',
    ...api.routes.map(
      (route) =>
        `  ${route.label}: ${route.operations.map((op) => `${op.command}${op.detail ? ` [${op.detail}]` : ''}`).join(' → ')}`,
    ),
    '',
    wrap(
      `Execution environments during the load: ${api.routes
        .map(
          (route) =>
            `${route.underLoad.id} ${route.underLoad.environments} (cold starts ${route.underLoad.coldStartsDuringLoad})`,
        )
        .join(', ')}. The local runtime caps them (Lambda would scale out): with ${api.shape.concurrency} ` +
        'connections, requests beyond that wait for a free one, and the API latencies include the wait.',
      118,
      '',
    ),
    heading('Handler overhead, warm, in process'),
    `Each handler imported from source into this process with its stack environment, invoked ${api.handlerRuns} times one`,
    'after another (after a warm-up) with a payload-2.0 event; DynamoDB = time inside its SDK `send` calls (overlapping',
    `calls once); overhead = invocation − DynamoDB: routing, auth, validation, mapping, logging. Target p50 ≤ ${HANDLER_OVERHEAD_TARGET_MS} ms.`,
    '',
    table(
      [
        { header: 'function' },
        { header: 'total p50', align: 'right' },
        { header: 'DynamoDB p50', align: 'right' },
        { header: 'overhead p50', align: 'right' },
        { header: 'overhead p99', align: 'right' },
        { header: `≤ ${HANDLER_OVERHEAD_TARGET_MS} ms` },
      ],
      api.routes.map(overheadRow),
    ),
    ...(() => {
      const failures = failureLines(api.routes.flatMap((route) => [route.api, route.baseline]));
      return failures.length > 0 ? ['', 'failed requests (left out of the latencies):', ...failures] : [];
    })(),
    ...(api.platformMessages.length > 0
      ? ['', 'platform said:', ...api.platformMessages.map((line) => `  ${line}`)]
      : []),
  ].join('\n');
}

/** The web app on a slow phone against a plain page, and its shell against the budget. */
export function renderWebApp(web: WebAppBench): string {
  const { network } = web;
  const rows = (
    [
      ['first contentful paint', web.firstContentfulPaint],
      ['profile form takes input', web.formReady],
    ] as const
  ).map(([label, timing]) => [
    label,
    formatMs(timing.app.p50),
    formatMs(timing.app.p90),
    formatMs(timing.plain.p50),
    formatMs(timing.plain.p90),
    formatRatio(timing.ratio),
  ]);
  return [
    heading('Web app in headless Chromium (cold cache, one visit per fresh context)'),
    `${web.runs} visits each of /inovasi/baru (signed in as opd.dinkes) and of a plain static page (one form, the app's ` +
      'stylesheet, no script) from the same server, alternating;',
    `network ${network.latency} ms latency, ${((network.downloadThroughput * 8) / 1024 / 1024).toFixed(2)} Mbit/s down, ` +
      `${((network.uploadThroughput * 8) / 1024).toFixed(0)} kbit/s up (DevTools' Slow 4G); CPU slowed ${web.cpuSlowdown}×.`,
    table(
      [
        { header: 'measure' },
        { header: 'app p50', align: 'right' },
        { header: 'app p90', align: 'right' },
        { header: 'plain p50', align: 'right' },
        { header: 'plain p90', align: 'right' },
        { header: 'ratio p50', align: 'right' },
      ],
      rows,
    ),
    `shell: ${web.shell.files.map((file) => `${file.file} ${formatBytes(file.gzipBytes)}`).join(', ')} gzipped = ` +
      `${formatBytes(web.shell.gzipBytes)} of ${formatBytes(web.shell.budgetBytes)} ` +
      verdict(web.shell.gzipBytes, web.shell.budgetBytes),
  ].join('\n');
}
