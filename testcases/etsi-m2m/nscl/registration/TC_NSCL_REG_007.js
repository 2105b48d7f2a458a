// SPDX-License-Identifier: Apache-2.0
import { ensureDeregistered, paths, registration } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REG_007",
    title: "The NSCL refuses a registration that sets its own creationTime",
    purpose: "TP_NSCL_REG_007",
    objective: "Check that a CREATE of <scl> carrying creationTime, which only the NSCL sets, is " +
        "answered STATUS_BAD_REQUEST with a valid <errorInfo>, and that the SCL is not registered.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.6.2" },
        { document: "ETSI TS 102 921", clause: "<scl>: read-only attributes (scl.xsd)" },
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
    // scl.xsd order: ... searchStrings, creationTime: inserted by hand after the helper's fields.
    const xml = registration(ctx).replace("</m2m:scl>",
        `<m2m:creationTime>${ctx.dateTime(-86400)}</m2m:creationTime></m2m:scl>`);
    const rsp = ctx.device.create(p.scls, xml);
    ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
    ctx.expectValid(rsp, "errorInfo");
    ctx.expectStatus(ctx.device.retrieve(p.scl), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureDeregistered(ctx);
}
