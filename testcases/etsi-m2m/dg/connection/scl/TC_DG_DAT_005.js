// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgApps, dgPaths, quietList } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_DAT_005",
    title: "A refused contentInstance is not repeated and leaves the registration alone",
    purpose: "TP_DG_DAT_005",
    objective: "Check that when the NSCL refuses the D/GSCL's contentInstance with STATUS_FORBIDDEN, the " +
        "node does not post it again within the quiet period, does not deregister, and stays " +
        "registered.",
    references: [
        { document: TS102690, clause: "9.3.2 (container management: contentInstance create)" },
        { document: TS102921, clause: "<contentInstance> (contentInstance.xsd)" },
        { document: TS102921, clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_DATA",
    pixit: ["PX_DG_APPS", "PX_DG_DATA_CONTENT", "PX_DG_REG_QUIET_MS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const app = dgApps(ctx)[0];
    const instances = `${p.containers}/${app}/contentInstances`;
    ctx.nscl.answerNext({ method: "CREATE", target: instances, status: "STATUS_FORBIDDEN", times: 1000 });
    const since = ctx.nscl.mark();
    const i = ctx.nscl.awaitRequest({ method: "CREATE", target: instances, trigger: "data", app, content: ctx.pixit("PX_DG_DATA_CONTENT") });
    ctx.expectEqual(i.status, "STATUS_FORBIDDEN", "the bench refused the contentInstance", i);
    const all = quietList(ctx, { since, method: "CREATE", target: instances });
    ctx.expectEqual(all.length, 1, "the refused contentInstance was not posted again", all[all.length - 1]);
    const dropped = ctx.nscl.requests({ since, method: "DELETE", target: p.scl });
    ctx.expectEqual(dropped.length, 0, "the node did not deregister", dropped[0] || i);
    ctx.expectTrue(ctx.nscl.registered().registered, "the node is still registered", i);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
