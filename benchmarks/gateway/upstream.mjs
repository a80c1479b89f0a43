// A canned OpenAI-compatible upstream for the gateway benchmark: POST /v1/chat/completions answers a fixed
// chat.completion (JSON) or its chat.completion.chunk stream (SSE, "stream": true), with no model behind it.
//
//   node upstream.mjs PORT
//
// The reply greets the first [NAME_n] placeholder of the request (so a pseudonymizing gateway has something to
// restore) or "there". A request whose "model" ends in "-paced" gets its SSE chunks 10 ms apart (the first one at
// once), so time to first chunk is told apart from the time to the end. GET /stats reports how many chat requests
// arrived and how many of them carried the benchmark's raw name ("John Doe"): with pseudonymization on, none may.
import http from 'node:http';

const port = Number(process.argv[2] ?? 18080);
const RAW_NAME = 'John Doe';
const PACE_MS = 10;
let requests = 0;
let rawNames = 0;
let bad = 0;

function completion(model, greeting) {
  return JSON.stringify({
    id: 'chatcmpl-canned', object: 'chat.completion', created: 1767225600, model,
    choices: [{ index: 0, message: { role: 'assistant', content: replyText(greeting) }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 32, completion_tokens: 16, total_tokens: 48 },
  });
}

function replyText(greeting) {
  return `Hello ${greeting}, I can help with your account. What do you need?`;
}

function pieces(greeting) {
  return ['Hello ', greeting, ', I can ', 'help with ', 'your account. ', 'What do ', 'you need?'];
}

function chunk(model, delta, finish) {
  return 'data: ' + JSON.stringify({
    id: 'chatcmpl-canned', object: 'chat.completion.chunk', created: 1767225600, model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  }) + '\n\n';
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ requests, raw_names: rawNames, bad }));
    return;
  }
  if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"not found"}}');
    return;
  }
  const parts = [];
  req.on('data', (b) => parts.push(b));
  req.on('end', () => {
    const text = Buffer.concat(parts).toString('utf8');
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      bad++;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"invalid JSON"}}');
      return;
    }
    requests++;
    if (text.includes(RAW_NAME)) rawNames++;
    const placeholder = /\[NAME_\d+\]/.exec(text);
    const greeting = placeholder ? placeholder[0] : 'there';
    const model = String(body.model ?? 'canned');
    if (!body.stream) {
      const json = completion(model, greeting);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const events = [chunk(model, { role: 'assistant', content: '' }, null)];
    for (const p of pieces(greeting)) events.push(chunk(model, { content: p }, null));
    events.push(chunk(model, {}, 'stop'));
    events.push('data: [DONE]\n\n');
    if (!model.endsWith('-paced')) {
      res.end(events.join(''));
      return;
    }
    // Paced: role + first piece at once, then one event every PACE_MS.
    res.write(events[0] + events[1]);
    let i = 2;
    const timer = setInterval(() => {
      if (i >= events.length) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(events[i++]);
    }, PACE_MS);
    res.on('close', () => clearInterval(timer));
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.listen(port, '127.0.0.1', () => console.log(`upstream listening on 127.0.0.1:${port}`));
