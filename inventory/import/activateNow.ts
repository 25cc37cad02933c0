import { setTimeout as sleep } from "node:timers/promises";
import type { GraphGateway } from "../graph/GraphGateway.js";
import { GraphRequestError } from "../graph/errors.js";
import { generateCode, secondsLeftInStep } from "../totp/codes.js";
import type { HashFunction } from "../types.js";

/** A code computed this close to the end of its time step may expire before Graph checks it. */
const minSecondsLeftInStep = 3;

/** Right after an assignment, Graph may not know it yet and answer activate with 404. */
const replicationRetryDelaysMs = [500, 1000, 2000, 4000, 8000];

export interface ActivateNowParams {
  userId: string;
  deviceId: string;
  secretKey: string;
  hashFunction: HashFunction;
  timeIntervalInSeconds: number;
  /** Clock in milliseconds; tests pass a fixed one. */
  now?: () => number;
}

/**
 * Activates an assigned device with a code computed from its own seed, hash and interval at the
 * moment the request is sent. When the current time step is about to end, it waits for the next
 * one first. A 404 right after assignment (replication delay) is retried with growing pauses.
 * @throws GraphRequestError when Graph rejects the activation.
 */
export async function activateNow(graph: GraphGateway, params: ActivateNowParams): Promise<void> {
  const now = params.now ?? Date.now;

  for (let attempt = 0; ; attempt++) {
    let epochSeconds = now() / 1000;
    const secondsLeft = secondsLeftInStep(epochSeconds, params.timeIntervalInSeconds);
    if (secondsLeft < minSecondsLeftInStep) {
      await sleep(secondsLeft * 1000 + 100);
      epochSeconds = now() / 1000;
    }

    const verificationCode = generateCode({
      secretKey: params.secretKey,
      hashFunction: params.hashFunction,
      timeIntervalInSeconds: params.timeIntervalInSeconds,
      epochSeconds,
    });

    try {
      await graph.activateDevice(params.userId, params.deviceId, verificationCode);
      return;
    } catch (error) {
      const delay = replicationRetryDelaysMs[attempt];
      const notReplicatedYet = error instanceof GraphRequestError && error.code === "notFound";
      if (!notReplicatedYet || delay === undefined) throw error;
      await sleep(delay);
    }
  }
}
