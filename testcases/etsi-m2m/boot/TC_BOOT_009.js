// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, endSession, RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_009",
    title: "The MSBF does not act on a request that replays a sequence number",
    purpose: "TP_BOOT_009",
    objective: "Check that a PTR reusing the sequence number of the previous request (a replay, or a " +
        "retransmission with other content) does not end the session: it is answered from the " +
        "answer cache or discarded, and authentic requests are still answered.",
    references: [
        { document: RFC5191, clause: "5.2" },
        { document: RFC5191, clause: "5.4" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS && PICS_BOOT_PING",
    pixit: ["PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    bootstrapped(ctx);
    ctx.expectTrue(ctx.device.ping().answered, "a ping to set the sequence number to replay");
}

export function body(ctx) {
    const replay = ctx.device.replayTermination();
    ctx.expectTrue(!replay.terminated, `a replayed PTR does not terminate (answered with ${replay.answeredWith})`, replay);
    const p = ctx.device.ping();
    ctx.expectTrue(p.answered, "the session is still open", p);
}

export function postamble(ctx) {
    endSession(ctx);
}
