import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received. */
export interface ConverseRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
  delayMs?: number;
}

/** A successful Converse response, as Bedrock sends it, carrying `text` from the model. */
export const converseOk = (text: string): FakeReply => ({
  body: {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: 'end_turn',
    usage: { inputTokens: 412, outputTokens: 96, totalTokens: 508 },
    metrics: { latencyMs: 870 },
  },
});

/** A Bedrock error response: the error type travels in `x-amzn-errortype`. */
export const converseError = (status: number, type: string, message: string): FakeReply => ({
  status,
  headers: { 'x-amzn-errortype': type },
  body: { message },
});

export interface FakeConverse {
  endpoint: string;
  requests: ConverseRequest[];
  /** Decides the reply to each request; swap it between steps of a test. */
  reply: (request: ConverseRequest) => FakeReply;
  close(): Promise<void>;
}

const send = (res: ServerResponse, reply: FakeReply) => {
  res.writeHead(reply.status ?? 200, {
    'content-type': 'application/json',
    'x-amzn-requestid': 'fake-request-id',
    ...reply.headers,
  });
  res.end(JSON.stringify(reply.body));
};

/** A local HTTP server speaking the Bedrock runtime Converse wire format (test double). */
export async function startFakeConverse(
  reply: FakeConverse['reply'] = () => converseOk('{}'),
): Promise<FakeConverse> {
  const timers = new Set<NodeJS.Timeout>();
  const fake: FakeConverse = {
    endpoint: '',
    requests: [],
    reply,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: ConverseRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : null,
      };
      fake.requests.push(request);
      const isConverse =
        request.method === 'POST' && /^\/model\/[^/]+\/converse$/.test(request.path);
      const answer = isConverse
        ? fake.reply(request)
        : converseError(404, 'ResourceNotFoundException', `no route ${request.path}`);
      if (!answer.delayMs) return send(res, answer);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send(res, answer);
      }, answer.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.endpoint = `http://127.0.0.1:${port}`;
  return fake;
}
