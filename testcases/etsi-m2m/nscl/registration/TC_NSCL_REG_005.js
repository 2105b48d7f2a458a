// SPDX-License-Identifier: Apache-2.0
import { ensureDeregistered, ensureRegistered, paths, sclXml } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REG_005",
    title: "The NSCL updates a registered D/GSCL's <scl>",
    purpose: "TP_NSCL_REG_005",
    objective: "Check that an UPDATE of a registered <scl> with new searchStrings and point of " +
        "contact is answered STATUS_OK, that a later RETRIEVE shows the new values, and that " +
        "lastModifiedTime is not before creationTime.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.6.4" },
        { document: "ETSI TS 102 921", clause: "<scl> resource, UPDATE" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTP && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureDeregistered(ctx);
    ctx.expectStatus(ensureRegistered(ctx), "STATUS_CREATED");
}

export function body(ctx) {
    const p = paths(ctx);
    const newPoc = "http://gscl-bench-01.invalid/moved";
    const upd = ctx.device.update(p.scl,
        sclXml({ pocs: [newPoc], searchStrings: ["m2mbench", "updated"] }));
    ctx.expectStatus(upd, "STATUS_OK");
    const after = ctx.device.retrieve(p.scl);
    ctx.expectStatus(after, "STATUS_OK");
    if (ctx.expectValid(after, "scl")) {
        ctx.expectEqual(ctx.select(after.body, "pocs/reference")[0], newPoc, "updated point of contact", after);
        ctx.expectTrue(ctx.select(after.body, "searchStrings/searchString").includes("updated"),
            "updated searchStrings", after);
        const created = Date.parse(ctx.select(after.body, "creationTime")[0]);
        const modified = Date.parse(ctx.select(after.body, "lastModifiedTime")[0]);
        ctx.expectTrue(!isNaN(created) && !isNaN(modified) && modified >= created,
            "lastModifiedTime is not before creationTime", after);
    }
}

export function postamble(ctx) {
    ensureDeregistered(ctx);
}
