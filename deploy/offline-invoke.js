// The invoke half of deploy/offline-check, run inside local-net after `s deploy`:
//   node offline-invoke.js ROOT SANDBOX_ENDPOINT S_BIN TEMPLATE WORK
// For every deployed function, `s <function> invoke` with its sample event (events/index.json), then checks:
// no FC error, the Report is that function's, nothing failed, and the sandbox state changed exactly when the
// Report says it applied changes. One domain is taken offline first, so dns-to-origin has work to do and must do it.
// One invocation runs async (--invocation-type Async) and is awaited in the local FC's invocation list.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [root, endpoint, s, tpl, work] = process.argv.slice(2);
let bad = 0;
// OFFLINE_CHECK_FAIL_FAST=1 (the broken-template tests): stop at the first failed check
const failFast = process.env.OFFLINE_CHECK_FAIL_FAST === '1';
const say = (ok, what) => {
  if (!ok) bad++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok && failFast) { console.log('offline-check: stopped at the first failure'); process.exit(1); }
  return ok;
};

// a fresh connection per call (agent: false): the JDK's server closes idle kept-alive ones on its own schedule
const http = (method, p, body) => new Promise((resolve, reject) => {
  const req = require('http').request(endpoint + p, { method, agent: false, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { text += c; });
    res.on('end', () => {
      if (res.statusCode >= 300) reject(new Error(`${method} ${p}: ${res.statusCode} ${text}`));
      else { try { resolve(JSON.parse(text)); } catch (e) { reject(e); } }
    });
  });
  req.on('error', reject);
  if (body) req.write(body);
  req.end();
});
const accountOf = (st) => JSON.stringify({ cdn: st.cdn, dcdn: st.dcdn, dns: st.dns });

function invoke(fn, eventFile, extra = []) {
  const args = [fn, 'invoke', '-t', tpl, '--event-file', eventFile, ...extra];
  let out;
  try {
    out = execFileSync(s, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300000 });
  } catch (e) {
    return { failed: `s ${args.join(' ')} exited ${e.status}: ${(e.stdout || '') + (e.stderr || '')}`.slice(0, 2000) };
  }
  fs.appendFileSync(path.join(work, 'invoke.log'), `\n===== s ${args.join(' ')}\n${out}`);
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const errorType = (plain.match(/Error Type:\s*(\S+)/) || [])[1];
  const tail = plain.split(/Invoke Result:\s*\n/)[1];
  const result = tail === undefined ? undefined : tail.split(/\n[✔✖] \[/)[0];
  return { errorType, result: result === undefined ? undefined : result.trim(), out: plain };
}

// waits until no invocation of the local FC is running (async ones started by events run in the background)
async function settled() {
  for (let i = 0; i < 1200; i++) {
    if (!(await http('GET', '/_sandbox/fc/invocations')).some((x) => x.status === 'Running')) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('invocations still running after 120 s');
}

(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(root, 'events/index.json'), 'utf8'));
  let state = await http('GET', '/_sandbox/state');
  const functions = state.fc.functions.map((f) => f.config.functionName);
  say(functions.length > 0, `${functions.length} functions deployed: ${functions.join(', ')}`);

  // given one CDN domain the cloud took offline, so dns-to-origin has something to do
  const offline = state.cdn.find((d) => d.status === 'online');
  if (offline) {
    offline.status = 'offline';
    state = await http('PUT', '/_sandbox/state', JSON.stringify(state));
    console.log(`     ${offline.domain} taken offline in the sandbox`);
  }
  // dns-to-origin first, so the functions that undo it find its markers
  const order = ['dns-to-origin', 'switch-to-overseas', 'inspect', 'disable-domain', 'enable-domain', 'dns-to-cdn', 'restore-coverage'];
  functions.sort((a, b) => (order.indexOf(a) + 99) % 99 - (order.indexOf(b) + 99) % 99);

  for (const fn of functions) {
    const samples = index.samples.filter((x) => x.function === fn);
    const sample = samples.find((x) => /actiontrail-stop/.test(x.file)) || samples.find((x) => x.file.startsWith('request-')) || samples[0];
    if (!say(!!sample, `${fn}: has a sample event in events/index.json`)) continue;
    await settled();
    const before = accountOf(await http('GET', '/_sandbox/state'));
    const seen = (await http('GET', '/_sandbox/fc/invocations')).length;
    // when it is invoked the way a user would
    const r = invoke(fn, path.join('events', sample.file));
    if (!say(!r.failed, `${fn}: s invoke --event-file events/${sample.file}` + (r.failed ? `: ${r.failed}` : ''))) continue;
    if (!say(!r.errorType, `${fn}: no FC error` + (r.errorType ? `: ${r.errorType}: ${(r.result || '').slice(0, 600)}` : ''))) continue;
    let report;
    try { report = JSON.parse(r.result); } catch (e) { say(false, `${fn}: the result is not a Report: ${(r.result || r.out).slice(0, 400)}`); continue; }
    // then the Report is the function's, nothing failed, and the account changed exactly when it (or a function
    // its writes reached through an ActionTrail event, as in the cloud) says so
    await settled();
    const after = accountOf(await http('GET', '/_sandbox/state'));
    const applied = (report.summary || {}).applied || 0;
    const triggered = (await http('GET', '/_sandbox/fc/invocations')).slice(seen).filter((x) => x.source.startsWith('eventbridge:'));
    let triggeredApplied = 0;
    for (const t of triggered) {
      let rep = {};
      try { rep = JSON.parse(t.output); } catch (e) { /* an FC error object */ }
      say(t.status === 'Succeeded', `${fn}: its write reached ${t.functionName} through ${t.source} (ActionTrail event): ${t.status}, ${((rep.summary || {}).applied) || 0} change(s)`);
      triggeredApplied += (rep.summary || {}).applied || 0;
    }
    say(report.function === fn, `${fn}: the Report is from ${report.function}`);
    say(((report.summary || {}).failed || 0) === 0, `${fn}: nothing failed (summary ${JSON.stringify(report.summary)})`);
    say((applied + triggeredApplied > 0) === (before !== after), `${fn}: ${applied} change(s) applied` + (triggered.length ? ` (+${triggeredApplied} by the functions its events reached)` : '')
      + ` and the sandbox state ${before === after ? 'did not change' : 'changed'}`);
    if (fn === 'dns-to-origin' && offline) {
      const zone = JSON.parse(after).dns.find((z) => offline.domain.endsWith(z.zone));
      const marked = zone ? zone.records.filter((x) => /^lifeline:/.test(x.remark || '')) : [];
      say(applied > 0 && marked.length > 0, `${fn}: ${offline.domain} points at its origin now (${marked.length} record(s) marked lifeline:)`);
    }
  }

  // async: answered at once, run in the background, awaited in the local FC's invocation list
  if (functions.includes('inspect')) {
    const sample = index.samples.find((x) => x.function === 'inspect');
    const r = invoke('inspect', path.join('events', sample.file), ['--invocation-type', 'Async']);
    if (say(!r.failed && !r.errorType, `inspect: s invoke --invocation-type Async accepted` + (r.failed ? `: ${r.failed}` : ''))) {
      const requestId = ((r.out || '').match(/RequestId:\s*(\S+)/) || [])[1];
      let done;
      for (let i = 0; i < 600 && !done; i++) {
        const list = await http('GET', '/_sandbox/fc/invocations');
        done = list.find((x) => x.requestId === requestId && x.status !== 'Running');
        if (!done) await new Promise((res) => setTimeout(res, 100));
      }
      say(done && done.status === 'Succeeded', `inspect: the async invocation ${requestId} ran: ${done ? done.status : 'not finished in 60 s'}`);
    }
  }
  // timers: five minutes of the local FC's clock fire the 5-minute timers the template deployed, with their payloads
  await settled();
  const clock = await http('POST', '/_sandbox/fc/clock', JSON.stringify({ advanceSeconds: 300 }));
  await settled();
  const fired = (await http('GET', '/_sandbox/fc/invocations')).filter((x) => clock.fired.includes(x.requestId));
  say(fired.length >= 2 && fired.every((x) => x.status === 'Succeeded'),
    `timers: 5 minutes of the sandbox clock fired ${fired.map((x) => `${x.functionName}/${x.source}: ${x.status}`).join(', ') || 'nothing'}`);
  console.log(bad === 0 ? 'offline-check: all checks pass' : `offline-check: ${bad} check(s) fail`);
  process.exit(bad === 0 ? 0 : 1);
})().catch((e) => { console.log(`FAIL ${e.stack || e}`); process.exit(1); });
