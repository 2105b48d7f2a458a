// SPDX-License-Identifier: Apache-2.0
import { ensureDeregistered, paths, registration } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REG_008",
    title: "The NSCL ends a registration at its expirationTime",
    purpose: "TP_NSCL_REG_008",
    objective: "Check that an SCL registered with an expirationTime two seconds ahead is served " +
        "at once and is no longer served (and no longer named in <scls>) three seconds later.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.6 (registration lifetime)" },
        { document: "ETSI TS 102 921", clause: "<scl> expirationTime (scl.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTP && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureDeregistered(ctx);
}

export function body(ctx) {
    const p = paths(ctx);
    const made = ctx.device.create(p.scls, registration(ctx, { expirationTime: ctx.dateTime(2) }));
    ctx.expectStatus(made, "STATUS_CREATED");
    ctx.expectStatus(ctx.device.retrieve(p.scl), "STATUS_OK");
    ctx.sleep(3000);
    const late = ctx.device.retrieve(p.scl);
    ctx.expectStatus(late, ["STATUS_NOT_FOUND", "STATUS_EXPIRED", "STATUS_DELETED"]);
    const scls = ctx.device.retrieve(p.scls);
    const ids = ctx.select(scls.body, "sclCollection/namedReference/@id") || [];
    ctx.expectTrue(!ids.includes(p.sclId), `<scls> no longer names ${p.sclId}`, scls);
}

export function postamble(ctx) {
    ensureDeregistered(ctx);
}
