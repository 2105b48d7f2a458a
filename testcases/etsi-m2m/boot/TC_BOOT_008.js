// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, endSession, RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_008",
    title: "The MSBF answers an authentic ping and ignores one with a wrong AUTH",
    purpose: "TP_BOOT_008",
    objective: "Check that in the access phase a PNR with a valid AUTH is answered by a PNA, that a PNR " +
        "whose AUTH does not verify is silently discarded, and that the session survives it.",
    references: [
        { document: RFC5191, clause: "4.2" },
        { document: RFC5191, clause: "5.4" },
        { document: RFC5191, clause: "8.1" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS && PICS_BOOT_PING",
    pixit: ["PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    bootstrapped(ctx);
}

export function body(ctx) {
    const ok = ctx.device.ping();
    ctx.expectTrue(ok.answered, "a PNR with a valid AUTH is answered", ok);
    const forged = ctx.device.ping({ corruptAuth: true, timeoutMs: 1500 });
    ctx.expectTrue(!forged.answered, "a PNR with a wrong AUTH is not answered", forged);
    const after = ctx.device.ping({ timeoutMs: 4000 });
    ctx.expectTrue(after.answered, "the session still answers authentic requests", after);
}

export function postamble(ctx) {
    endSession(ctx);
}
