// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgApps, dgPaths } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_DAT_002",
    title: "The D/GSCL posts a schema-valid contentInstance into its application's container",
    purpose: "TP_DG_DAT_002",
    objective: "Check that the D/GSCL posts its application's data as a <contentInstance> valid against " +
        "contentInstance.xsd into <sclBase>/scls/<its SCL-ID>/containers/<app>/contentInstances, and " +
        "that the NSCL then holds exactly that content as the latest instance.",
    references: [
        { document: TS102690, clause: "9.3.2 (container management: contentInstance create)" },
        { document: TS102921, clause: "<contentInstance> (contentInstance.xsd)" },
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
    const content = ctx.pixit("PX_DG_DATA_CONTENT");
    const instances = `${p.containers}/${app}/contentInstances`;
    const i = ctx.nscl.awaitRequest({ method: "CREATE", target: instances, trigger: "data", app, content });
    ctx.expectEqual(i.target.replace(/\/+$/, ""), instances, "the CREATE targets the application's contentInstances", i);
    ctx.expectValid(i, "contentInstance");
    ctx.expectEqual(i.status, "STATUS_CREATED", "the bench NSCL stored it", i);
    const held = ctx.nscl.retrieve(`${instances}/latest/content`);
    ctx.expectEqual(held.body, content, "the NSCL's latest instance holds the node's content", held);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
