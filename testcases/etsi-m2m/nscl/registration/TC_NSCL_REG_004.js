// SPDX-License-Identifier: Apache-2.0
import { ensureDeregistered, ensureRegistered, paths } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REG_004",
    title: "The NSCL deregisters a D/GSCL",
    purpose: "TP_NSCL_REG_004",
    objective: "Check that a DELETE of a registered <scl> is answered STATUS_OK, that the <scl> " +
        "is then gone (STATUS_NOT_FOUND) and that <scls> no longer names it.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.6" },
        { document: "ETSI TS 102 921", clause: "<scl> resource, DELETE" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTP && PICS_NSCL_SCL_DEREGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureDeregistered(ctx);
    ctx.expectStatus(ensureRegistered(ctx), "STATUS_CREATED");
}

export function body(ctx) {
    const p = paths(ctx);
    const del = ctx.device.remove(p.scl);
    ctx.expectStatus(del, "STATUS_OK");
    const gone = ctx.device.retrieve(p.scl);
    ctx.expectStatus(gone, "STATUS_NOT_FOUND");
    ctx.expectValid(gone, "errorInfo");
    const scls = ctx.device.retrieve(p.scls);
    ctx.expectStatus(scls, "STATUS_OK");
    const ids = ctx.select(scls.body, "sclCollection/namedReference/@id") || [];
    ctx.expectTrue(!ids.includes(p.sclId), `<scls> no longer names ${p.sclId}`, scls);
}

export function postamble(ctx) {
    ensureDeregistered(ctx);
}
