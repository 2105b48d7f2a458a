// SPDX-License-Identifier: Apache-2.0
import { msbfBootstrapped, RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_DG_BOOT_005",
    title: "The D/G node does not act on a request that replays a sequence number",
    purpose: "TP_DG_BOOT_005",
    objective: "Check that a PTR reusing the sequence number of the PAA's previous request does not end " +
        "the D/G node's session, which still answers an authentic ping.",
    references: [
        { document: RFC5191, clause: "5.2" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_EAP_TLS_BOOTSTRAP && PICS_DG_PING",
    pixit: ["PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    msbfBootstrapped(ctx);
    ctx.expectTrue(ctx.msbf.ping().answered, "a ping to set the sequence number to replay");
}

export function body(ctx) {
    const replay = ctx.msbf.replayTermination();
    ctx.expectTrue(!replay.terminated, "the replayed PTR is not answered with a PTA", replay);
    const p = ctx.msbf.ping();
    ctx.expectTrue(p.answered, "the session is still open", p);
}

export function postamble(ctx) {
    ctx.msbf.terminate({ timeoutMs: 2000 });
}
