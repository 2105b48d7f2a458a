// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgApps, dgPaths, namesOwnScl } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_DAT_001",
    title: "The D/GSCL creates a schema-valid container for its application below its <scl>",
    purpose: "TP_DG_DAT_001",
    objective: "Check that the D/GSCL creates a <container> for its first application (PX_DG_APPS) by CREATE " +
        "in <sclBase>/scls/<its SCL-ID>/containers, the body valid against container.xsd with m2m:id " +
        "naming it, and that the container then exists on the NSCL.",
    references: [
        { document: TS102690, clause: "9.3.2 (container management: create)" },
        { document: TS102921, clause: "<container> (container.xsd)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_DATA",
    pixit: ["PX_DG_APPS", "PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const app = dgApps(ctx)[0];
    const r = ctx.nscl.awaitRequest({ method: "CREATE", target: p.containers, root: "container", trigger: "containers" });
    ctx.expectEqual(r.target.replace(/\/+$/, ""), p.containers, "the CREATE targets the containers of the node's <scl>", r);
    if (ctx.expectValid(r, "container")) {
        ctx.expectEqual((ctx.select(r.body, "@id") || [])[0], app, `the container is named after ${app}`, r);
    }
    ctx.expectTrue(namesOwnScl(ctx, r.requestingEntity), `requestingEntity '${r.requestingEntity}' is the node's SCL-ID`, r);
    ctx.expectEqual(r.status, "STATUS_CREATED", "the bench NSCL created it", r);
    ctx.expectEqual(ctx.nscl.retrieve(`${p.containers}/${app}`).status, "STATUS_OK", "the container exists on the NSCL", r);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
