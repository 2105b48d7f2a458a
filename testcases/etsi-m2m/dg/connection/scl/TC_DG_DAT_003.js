// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgApps, dgPaths } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_DAT_003",
    title: "The D/GSCL keeps a container for each of its applications",
    purpose: "TP_DG_DAT_003",
    objective: "Check that the D/GSCL creates a <container> below its <scl> for every application it has " +
        "(PX_DG_APPS), each one valid against container.xsd, and that the NSCL then holds all of " +
        "them.",
    references: [
        { document: TS102690, clause: "9.3.2 (container management: create)" },
        { document: TS102921, clause: "<container> (container.xsd)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_DATA",
    pixit: ["PX_DG_APPS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const since = ctx.nscl.mark();
    const apps = dgApps(ctx);
    let last = ctx.nscl.awaitRequest({ method: "CREATE", target: p.containers, root: "container", trigger: "containers" });
    for (const app of apps) {
        const c = ctx.nscl.retrieve(`${p.containers}/${app}`);
        const deadline = Date.now() + ctx.pixit("PX_DG_SC_WAIT_MS");
        let held = c.status === "STATUS_OK";
        while (!held && Date.now() < deadline) {
            ctx.nscl.waitSeconds(0.1);
            held = ctx.nscl.retrieve(`${p.containers}/${app}`).status === "STATUS_OK";
        }
        ctx.expectTrue(held, `the NSCL holds the container of ${app}`, last);
    }
    const all = ctx.nscl.requests({ since, method: "CREATE", target: p.containers, root: "container" });
    ctx.expectTrue(all.length >= apps.length, `${all.length} container creations for ${apps.length} applications`, last);
    for (const r of all) {
        ctx.expectValid(r, "container");
    }
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
