// Time to first chunk of an SSE chat completion, one request at a time over one kept-alive connection: from
// sending the request until the first reply text ("Hello") has arrived, and until the end of the stream.
//
//   node ttfc.mjs URL BODY_FILE WARMUP COUNT ['Header: value' ...]
//
// Prints one line: RESULT n=.. ttfc_p50_us=.. ttfc_p90_us=.. ttfc_p99_us=.. total_p50_us=.. errors=..
import http from 'node:http';
import fs from 'node:fs';

const [url, bodyFile, warmupArg, countArg, ...headerArgs] = process.argv.slice(2);
const body = fs.readFileSync(bodyFile);
const headers = { 'content-type': 'application/json', 'content-length': body.length };
for (const h of headerArgs) {
  const at = h.indexOf(':');
  headers[h.slice(0, at).trim().toLowerCase()] = h.slice(at + 1).trim();
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const target = new URL(url);

function once() {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    let first = 0n;
    let text = '';
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers, agent }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (d) => {
        if (first === 0n) {
          text += d;
          if (text.includes('Hello')) first = process.hrtime.bigint();
        }
      });
      res.on('end', () => {
        const end = process.hrtime.bigint();
        const ok = res.statusCode === 200 && first !== 0n;
        resolve(ok ? { ttfc: Number(first - start) / 1000, total: Number(end - start) / 1000 } : null);
      });
    });
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

function pct(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p / 100))];
}

const warmup = Number(warmupArg);
const count = Number(countArg);
let errors = 0;
const ttfc = [];
const total = [];
for (let i = 0; i < warmup + count; i++) {
  const r = await once();
  if (r === null) {
    errors++;
  } else if (i >= warmup) {
    ttfc.push(r.ttfc);
    total.push(r.total);
  }
}
ttfc.sort((a, b) => a - b);
total.sort((a, b) => a - b);
console.log(`RESULT n=${ttfc.length} ttfc_p50_us=${Math.round(pct(ttfc, 50))} ttfc_p90_us=${Math.round(pct(ttfc, 90))} `
  + `ttfc_p99_us=${Math.round(pct(ttfc, 99))} total_p50_us=${Math.round(pct(total, 50))} errors=${errors}`);
agent.destroy();
