// SPDX-License-Identifier: Apache-2.0
import { ensureDeregistered, ensureRegistered, paths } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REG_002",
    title: "The NSCL returns a registered D/GSCL's <scl> and lists it in <scls>",
    purpose: "TP_NSCL_REG_002",
    objective: "Check that after registration a RETRIEVE of the <scl> answers STATUS_OK with a " +
        "valid representation holding the registered sclId, point of contact and creation time, " +
        "and that the <scls> collection names it.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.6.2" },
        { document: "ETSI TS 102 921", clause: "<scl> and <scls> resources (scl.xsd, scls.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTP && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureDeregistered(ctx);
    const rsp = ensureRegistered(ctx);
    ctx.expectStatus(rsp, "STATUS_CREATED");
}

export function body(ctx) {
    const p = paths(ctx);
    const scl = ctx.device.retrieve(p.scl);
    ctx.expectStatus(scl, "STATUS_OK");
    if (ctx.expectValid(scl, "scl")) {
        ctx.expectEqual(ctx.select(scl.body, "@sclId")[0], p.sclId, "sclId of the retrieved <scl>", scl);
        ctx.expectEqual(ctx.select(scl.body, "pocs/reference")[0], ctx.pixit("PX_SCL_POC"),
            "point of contact of the retrieved <scl>", scl);
        ctx.expectTrue(ctx.select(scl.body, "creationTime").length === 1,
            "the <scl> carries its creationTime", scl);
    }
    const scls = ctx.device.retrieve(p.scls);
    ctx.expectStatus(scls, "STATUS_OK");
    if (ctx.expectValid(scls, "scls")) {
        const ids = ctx.select(scls.body, "sclCollection/namedReference/@id");
        ctx.expectTrue(ids.includes(p.sclId), `<scls> names ${p.sclId} (it names: ${ids.join(", ")})`, scls);
    }
}

export function postamble(ctx) {
    ensureDeregistered(ctx);
}
