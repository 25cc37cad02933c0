import restify from "restify";

/** An activity the bot sent to the connector, with the route it used. */
export interface ConnectorCall {
  method: "POST" | "PUT";
  conversationId: string;
  /** The activity the bot replied to (POST …/activities/:id) or updated (PUT). */
  activityId?: string;
  activity: Record<string, unknown>;
}

/**
 * Stands in for the Bot Framework connector (Teams' serviceUrl) on 127.0.0.1: it accepts the
 * replies, proactive messages and card updates the bot sends and records them. Conversations in
 * `removed` return 403, as Teams does after the bot was removed from them.
 */
export async function startConnectorStub() {
  const calls: ConnectorCall[] = [];
  const removed = new Set<string>();
  let nextId = 1;

  const server = restify.createServer({ name: "connector-stub" });
  server.use(restify.plugins.bodyParser({ mapParams: false }));

  const record = (method: ConnectorCall["method"]) => async (request: restify.Request, response: restify.Response) => {
    const conversationId = decodeURIComponent(request.params.conversationId as string);
    if (removed.has(conversationId)) {
      response.send(403, { error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." } });
      return;
    }
    const activityId = request.params.activityId ? decodeURIComponent(request.params.activityId as string) : undefined;
    calls.push({ method, conversationId, activityId, activity: request.body as Record<string, unknown> });
    response.send(200, { id: `stub-${nextId++}` });
  };
  server.post("/v3/conversations/:conversationId/activities", record("POST"));
  server.post("/v3/conversations/:conversationId/activities/:activityId", record("POST"));
  server.put("/v3/conversations/:conversationId/activities/:activityId", record("PUT"));

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };

  return {
    /** Use as the activity's serviceUrl. */
    url: `http://127.0.0.1:${port}/`,
    calls,
    removed,
    /** Texts of the messages posted to one conversation. */
    textsIn(conversationId: string): string[] {
      return calls.filter((call) => call.conversationId === conversationId).map((call) => String(call.activity.text ?? ""));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ConnectorStub = Awaited<ReturnType<typeof startConnectorStub>>;
