// The checks of deploy/check-template on the template as `s preview` rendered it.
//   node check-template.js RENDERED SCHEMA TEMPLATE ALIAS JAR
// Prints one `ok`/`FAIL` line per check; a FAIL names the mistake and where it is. Exit 1 when any check fails.
'use strict';
const fs = require('fs');
const { execFileSync } = require('child_process');
const Ajv = require('ajv');

const [renderedFile, schemaFile, templateFile, alias, jar] = process.argv.slice(2);
const raw = fs.readFileSync(renderedFile, 'utf8');
const templateText = fs.readFileSync(templateFile, 'utf8');
let bad = 0;
const say = (ok, what) => { if (!ok) bad++; console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); return ok; };

let doc;
try {
  doc = JSON.parse(raw.slice(raw.indexOf('{')));
} catch (e) {
  console.log(`FAIL s preview did not print the rendered template as JSON: ${raw.slice(0, 400)}`);
  process.exit(1);
}

// 1. access: a literal alias. Serverless Devs 3.1 reads `access:` before it resolves variables: a ${...}
//    there is taken as an alias name, which has no keys, so every ${config(...)} stays unresolved.
const accessLine = (templateText.match(/^access:.*$/m) || [''])[0];
if (/\$\{/.test(accessLine)) {
  say(false, `template: "${accessLine.trim()}": Serverless Devs does not resolve variables in access:, so `
    + `\${config('AccountID')} stays unresolved and s deploy stops with "config('AccountID') not found". `
    + `Write a literal alias (access: default) and choose another one with s deploy -a ALIAS.`);
} else {
  say(true, `template: access is a literal alias (${accessLine.trim() || 'none: s uses the default alias'}; -a ALIAS overrides it)`);
}

// 2. everything resolved
const unresolved = [];
(function walk(v, path) {
  if (typeof v === 'string') {
    const m = v.match(/\$\{[^}]*\}/);
    if (m) unresolved.push(`${path}: ${m[0]}`);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  }
})(doc.resources || {}, 'resources');
say(unresolved.length === 0, unresolved.length === 0
  ? `every \${...} resolved with access alias "${alias}"`
  : `${unresolved.length} value(s) left unresolved with access alias "${alias}" (s deploy stops on them), e.g. ${unresolved.slice(0, 3).join('; ')}`);

// the handler classes in the built jar, when it is there
let jarClasses = null;
if (fs.existsSync(jar)) {
  try {
    jarClasses = new Set(execFileSync('unzip', ['-Z1', jar], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n'));
  } catch (e) {
    console.log(`     (could not list ${jar}: ${e.message.split('\n')[0]}; handler classes not checked against it)`);
  }
} else {
  console.log(`     (${jar} is not built: handler classes are checked by mvn verify's TemplateTest, not here)`);
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
const HANDLER = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*::[A-Za-z_$][\w$]*$/;
const checkHandler = (where, handler) => {
  const formOk = typeof handler === 'string' && HANDLER.test(handler);
  if (!say(formOk, formOk ? `${where}: handler "${handler}" has the Java form package.Class::method`
    : `${where}: handler "${handler}" is not of the Java form package.Class::method`)) return;
  if (jarClasses) {
    const cls = handler.split('::')[0];
    const inJar = jarClasses.has(cls.replace(/\./g, '/') + '.class');
    say(inJar, `${where}: handler class ${cls} is ${inJar ? '' : 'NOT '}in ${jar.replace(/.*\/functions\//, 'functions/')}`);
  }
};

let n = 0;
for (const [name, res] of Object.entries(doc.resources || {})) {
  n++;
  const p = res.props || {};
  const ok = validate(p);
  say(ok, `${name}: props match the fc3 schema` + (ok ? '' : ' ' + JSON.stringify((validate.errors || []).map(e => `${e.instancePath} ${e.message}`))));
  say(typeof p.timeout === 'number' && p.timeout >= 10, `${name}: timeout set (fc3 defaults to 3 s): ${p.timeout}`);
  checkHandler(name, p.handler);
  const init = ((p.instanceLifecycleConfig || {}).initializer || {}).handler;
  if (init !== undefined) checkHandler(`${name} initializer`, init);
  for (const t of p.triggers || []) {
    const c = t.triggerConfig || {};
    const where = `${name}/${t.triggerName}`;
    if (t.triggerType === 'timer') {
      const cron = String(c.cronExpression || '');
      const fields = cron.replace(/^CRON_TZ=\S+\s+/, '').trim();
      const count = fields.split(/\s+/).length;
      say(fields.startsWith('@every') || count === 6,
        `${where}: timer cron "${cron}" has ${count} fields` + (count === 6 || fields.startsWith('@every') ? '' : ': FC wants 6 (seconds minutes hours day-of-month month day-of-week)'));
      say(typeof c.enable === 'boolean', `${where}: timer enable is a boolean (${JSON.stringify(c.enable)})`);
      if (c.payload !== undefined) {
        let okp = true; try { JSON.parse(c.payload); } catch (e) { okp = false; }
        say(okp, `${where}: timer payload is JSON`);
      }
    } else if (t.triggerType === 'eventbridge') {
      let okf = true; try { JSON.parse(c.eventRuleFilterPattern); } catch (e) { okf = false; }
      say(okf && !!c.eventSourceConfig, `${where}: eventbridge filter pattern is JSON and a source is set`);
    } else {
      console.log(`     ${where}: ${t.triggerType} trigger (not checked beyond the schema)`);
    }
  }
}
say(n > 0, `${n} resources rendered`);
console.log(bad === 0 ? `check-template: ${n} resources, all checks pass` : `check-template: ${bad} check(s) fail`);
process.exit(bad === 0 ? 0 : 1);
