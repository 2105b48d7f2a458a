// SPDX-License-Identifier: Apache-2.0
import { paths } from "../../../lib/mid.js";
import { ensureDeregisteredOver, largeRegistration, RFC7959, TS102921 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_009",
    title: "The NSCL takes and gives a large representation block-wise over CoAP/DTLS",
    purpose: "TP_NSCL_CONN_009",
    objective: "Check that the NSCL accepts an <scl> registration larger than one block in Block1 " +
        "blocks (2.31 Continue, then 2.01) and serves the registered <scl> in Block2 blocks that " +
        "put together give the whole, valid representation.",
    references: [
        { document: RFC7959, clause: "2.3" },
        { document: RFC7959, clause: "2.4" },
        { document: TS102921, clause: "annex D (CoAP binding)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_COAPS && PICS_NSCL_COAP_BLOCKWISE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_COAP_LARGE_OCTETS", "PX_COAP_BLOCK_SIZE", "PX_SCL_ID"],
};

export function preamble(ctx) {
    ensureDeregisteredOver(ctx, "coaps");
}

export function body(ctx) {
    const p = paths(ctx);
    const big = largeRegistration(ctx, ctx.pixit("PX_COAP_LARGE_OCTETS"));
    const created = ctx.device.create(p.scls, big.xml, { binding: "coaps" });
    ctx.expectStatus(created, "STATUS_CREATED");
    const rsp = ctx.device.retrieve(p.scl, { binding: "coaps" });
    ctx.expectStatus(rsp, "STATUS_OK");
    ctx.expectTrue(rsp.body.length > ctx.pixit("PX_COAP_BLOCK_SIZE"),
        `the representation (${rsp.body.length} octets) came in more than one block`, rsp);
    if (ctx.expectValid(rsp, "scl")) {
        const found = ctx.select(rsp.body, "searchStrings/searchString");
        ctx.expectTrue(found.indexOf(big.last) >= 0, "the last searchString survived both transfers", rsp);
    }
}

export function postamble(ctx) {
    ensureDeregisteredOver(ctx, "coaps");
}
