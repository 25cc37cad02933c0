/**
 * A small local Teams client for the bot. It starts a connector stub on 127.0.0.1, posts
 * Teams-shaped activities to the bot's /api/messages with the stub as serviceUrl, and prints what
 * the bot sends back. It works only against a bot in local mode (no BOT_ID), which accepts
 * requests without channel authentication.
 *
 *   npx tsx scripts/chat.ts --user 00000000-0000-4000-8000-000000000003 "activate my token 71230001"
 *   npx tsx scripts/chat.ts --user <id> --submit '{"action":"activate","serial":"71230001","code":"017470"}'
 *   npx tsx scripts/chat.ts --user <id>            (interactive: one message per line, Ctrl+D ends)
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import readline from "node:readline";
import { Command } from "commander";

interface ChatOptions {
  url: string;
  user: string;
  name: string;
  tenant: string;
  channel?: string;
  submit?: string;
}

const program = new Command()
  .name("chat")
  .description("Post Teams-shaped messages to the bot's /api/messages and print its replies.")
  .argument("[message...]", "text to send; without it, read one message per line from standard input")
  .option("--url <url>", "root URL of the running product (default: http://127.0.0.1:$PORT, PORT defaulting to 3978)", `http://127.0.0.1:${process.env.PORT ?? "3978"}`)
  .requiredOption("--user <objectId>", "Entra object id of the user to act as (see samples/directory.json)")
  .option("--name <name>", "display name of the user", "Local user")
  .option("--tenant <tenantId>", "tenant id put in the channel data", "sandbox-tenant")
  .option("--channel <conversationId>", "send in this team channel instead of a personal chat (the bot's mention is added)")
  .option("--submit <json>", "send a card submit with this value instead of text");

const botAccount = { id: "28:token-inventory-local", name: "Token Bot" };

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<ChatOptions>();
  const words = program.args;
  const connector = await startConnector();
  try {
    if (options.submit) {
      await send(options, connector.url, { value: JSON.parse(options.submit) as unknown });
    } else if (words.length > 0) {
      await send(options, connector.url, { text: words.join(" ") });
    } else {
      const lines = readline.createInterface({ input: process.stdin, terminal: false });
      for await (const line of lines) if (line.trim() !== "") await send(options, connector.url, { text: line });
    }
  } finally {
    connector.close();
  }
}

/** Posts one activity and waits for the bot to finish its turn. */
async function send(options: ChatOptions, serviceUrl: string, content: { text?: string; value?: unknown }): Promise<void> {
  const inChannel = options.channel !== undefined;
  const mention = `<at>${botAccount.name}</at>`;
  const activity = {
    type: "message",
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: "msteams",
    from: { id: `29:${options.user}`, name: options.name, aadObjectId: options.user },
    recipient: botAccount,
    conversation: inChannel
      ? { id: options.channel, conversationType: "channel", tenantId: options.tenant, isGroup: true }
      : { id: `a:local-${options.user}`, conversationType: "personal", tenantId: options.tenant },
    channelData: { tenant: { id: options.tenant } },
    text: inChannel && content.text !== undefined ? `${mention} ${content.text}` : content.text,
    entities: inChannel ? [{ type: "mention", text: mention, mentioned: botAccount }] : undefined,
    value: content.value,
    locale: "en-US",
  };

  if (content.text) process.stdout.write(`> ${content.text}\n`);
  const endpoint = new URL("/api/messages", options.url);
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  }).catch((error: unknown) => {
    throw new Error(`Could not reach the bot at ${endpoint.href} (${error instanceof Error ? error.message : String(error)}). Is npm start running? Pass --url if it uses another port.`);
  });
  if (!response.ok) process.stderr.write(`The bot returned HTTP ${response.status}: ${await response.text()}\n`);
}

/** Starts the connector stub on 127.0.0.1, which accepts the bot's replies and prints them. */
async function startConnector(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (/^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(request.url ?? "")) {
        printActivity(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>);
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

function printActivity(activity: Record<string, unknown>): void {
  if (typeof activity.text === "string") process.stdout.write(`< ${activity.text}\n`);
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  for (const attachment of attachments as Array<{ contentType?: string; content?: { body?: unknown[]; actions?: unknown[] } }>) {
    const texts = (attachment.content?.body ?? []).map((element) => (element as { text?: string }).text).filter(Boolean);
    const actions = (attachment.content?.actions ?? []).map((action) => {
      const { title, verb, data } = action as { title?: string; verb?: string; data?: unknown };
      return verb ? `${title} [verb ${verb}]` : `${title} ${JSON.stringify(data ?? {})}`;
    });
    process.stdout.write(`< [card] ${texts.join(" | ")}\n`);
    if (actions.length > 0) process.stdout.write(`<   buttons: ${actions.join("; ")}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`chat failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
