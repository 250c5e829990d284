// The "stored" floor for `npm run bench`: the essential worker's webhook path
// (verify, check, enqueue), and a queue consumer that stores each message
// once — one D1 batch per queue batch, unique on the provider's message id —
// and nothing else: no contact, conversation, event or answer. It shows what
// storing every accepted message costs on the same local runtime thread that
// serves the webhooks, which no implementation that stores messages escapes.
import essential from "./essential";

interface Env {
  QUEUE: Queue<unknown>;
  DB: D1Database;
}

interface Job {
  channelId: string;
  receivedAt: number;
  body: string;
}

interface Delivery {
  entry?: Array<{ changes?: Array<{ value?: { messages?: Array<{ id?: string; from?: string; text?: { body?: string } }> } }> }>;
}

let table: Promise<unknown> | null = null;

export default {
  fetch: essential.fetch,
  async queue(batch: MessageBatch<Job>, env: Env): Promise<void> {
    table ??= env.DB.prepare("CREATE TABLE IF NOT EXISTS messages (provider_id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, sender TEXT, text TEXT, received_at INTEGER NOT NULL)").run();
    await table;
    const insert = env.DB.prepare("INSERT OR IGNORE INTO messages (provider_id, channel_id, sender, text, received_at) VALUES (?, ?, ?, ?, ?)");
    const rows: D1PreparedStatement[] = [];
    for (const msg of batch.messages) {
      const delivery = JSON.parse(msg.body.body) as Delivery;
      for (const entry of delivery.entry ?? [])
        for (const change of entry.changes ?? [])
          for (const m of change.value?.messages ?? []) if (m.id) rows.push(insert.bind(m.id, msg.body.channelId, m.from ?? null, m.text?.body ?? null, msg.body.receivedAt));
    }
    if (rows.length) await env.DB.batch(rows);
    batch.ackAll();
  },
} satisfies ExportedHandler<Env, Job>;
