// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, endSession, RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_004",
    title: "The MSBF retransmits a lost PAR and answers a retransmitted request from its cache",
    purpose: "TP_BOOT_004",
    objective: "Check that when the D/G node does not answer a PAR, the MSBF retransmits it unchanged " +
        "after about REQ_IRT and the bootstrap completes; and that a request the node sends twice is " +
        "answered twice with the same answer, not processed twice.",
    references: [
        { document: RFC5191, clause: "5.2" },
        { document: RFC5191, clause: "9" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS && PICS_BOOT_PING",
    pixit: ["PX_BOOT_RETRANSMIT_WAIT_MS", "PX_BOOT_TIMEOUT_MS"],
};

export function body(ctx) {
    // Request 1 is PAR[S]; request 2, the first PAR with EAP, is dropped as if lost.
    const r = bootstrapped(ctx, { dropRequests: [2] });
    ctx.expectTrue(r.retransmissionsSeen >= 1, `the MSBF retransmitted the unanswered PAR (${r.retransmissionsSeen} copies)`, r);
    ctx.expectTrue(r.firstRetransmissionAfterMs >= 500 &&
        r.firstRetransmissionAfterMs <= ctx.pixit("PX_BOOT_RETRANSMIT_WAIT_MS"),
        `the retransmission came after ${r.firstRetransmissionAfterMs} ms (REQ_IRT = 1 s, RFC 5191 clause 9)`, r);
    const p = ctx.device.ping({ duplicate: true });
    ctx.expectEqual(p.answers, 2, "both copies of a duplicated PNR are answered (the second from the answer cache)", p);
}

export function postamble(ctx) {
    endSession(ctx);
}
