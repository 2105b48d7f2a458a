// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgApps, dgPaths, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_DAT_006",
    title: "A D/GSCL with data to send registers before it creates its container",
    purpose: "TP_DG_DAT_006",
    objective: "Check that a D/GSCL not yet registered, given data to send, first registers (CREATE of <scl> " +
        "accepted) and only then creates its container and posts the contentInstance, in that order.",
    references: [
        { document: TS102690, clause: "9.3.2 (container management: create)" },
        { document: TS102921, clause: "<container> (container.xsd)" },
        { document: TS102690, clause: "9.3.2.6.2" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_DATA",
    pixit: ["PX_DG_APPS", "PX_DG_DATA_CONTENT", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const app = dgApps(ctx)[0];
    const since = ctx.nscl.mark();
    const i = ctx.nscl.awaitRequest({ method: "CREATE", target: `${p.containers}/${app}/contentInstances`, trigger: "data", app,
        content: ctx.pixit("PX_DG_DATA_CONTENT") });
    const reg = ctx.nscl.requests(registrationFilter(ctx, { since }));
    const made = ctx.nscl.requests({ since, method: "CREATE", target: p.containers, root: "container" });
    ctx.expectTrue(reg.length > 0 && reg[reg.length - 1].status === "STATUS_CREATED", "the node registered first", reg[0] || i);
    ctx.expectTrue(made.length > 0, "it created its container", i);
    if (reg.length > 0 && made.length > 0) {
        ctx.expectTrue(reg[reg.length - 1].n < made[0].n && made[0].n < i.n,
            `order: registration #${reg[reg.length - 1].n}, container #${made[0].n}, contentInstance #${i.n}`, i);
    }
    ctx.expectEqual(i.status, "STATUS_CREATED", "the contentInstance was stored", i);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
